package io.newswatch.notify;

import java.util.List;

/**
 * How an email receiver reaches its SMTP server and whom it writes to.
 *
 * @param host     SMTP server
 * @param port     its port (587 for STARTTLS, 465 for SMTPS, 25 for a local relay)
 * @param security how the connection is protected
 * @param username SMTP user, or null for no authentication
 * @param password the user's password, or null
 * @param from     the sender address
 * @param to       the recipients, at least one
 */
public record EmailSettings(String host, int port, Security security, String username, Secret password, String from,
                            List<String> to) {

    /** {@code STARTTLS} (required, not opportunistic), implicit TLS, or none (a trusted local relay only). */
    public enum Security { STARTTLS, SMTPS, NONE }

    public EmailSettings {
        to = List.copyOf(to);
    }

    /** The host of an SMTP address {@code HOST[:PORT]}. */
    public static String hostOf(String smtp) {
        int colon = smtp.lastIndexOf(':');
        return colon < 0 ? smtp : smtp.substring(0, colon);
    }

    /** The port of an SMTP address {@code HOST[:PORT]}: 587 (submission) without one, -1 when it is not a number. */
    public static int portOf(String smtp) {
        int colon = smtp.lastIndexOf(':');
        try {
            return colon < 0 ? 587 : Integer.parseInt(smtp.substring(colon + 1));
        } catch (NumberFormatException e) {
            return -1;
        }
    }
}
