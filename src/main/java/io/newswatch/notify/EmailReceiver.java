package io.newswatch.notify;

import io.newswatch.alert.Alert;
import io.newswatch.text.Printable;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.Session;
import jakarta.mail.internet.AddressException;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import org.eclipse.angus.mail.smtp.SMTPAddressFailedException;
import org.eclipse.angus.mail.smtp.SMTPSendFailedException;
import org.eclipse.angus.mail.smtp.SMTPSenderFailedException;
import org.eclipse.angus.mail.smtp.SMTPTransport;

import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocketFactory;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.Set;
import java.util.StringJoiner;

/**
 * Delivers a notification as one email to every recipient of {@link EmailSettings}: a plain-text
 * and an HTML alternative listing each alert, with headers {@code X-Newswatch-Idempotency-Key}
 * (so a mail filter or an archive can drop a re-delivery) and {@code X-Newswatch-Group}.
 *
 * <p>One SMTP connection per notification, opened with the settings' security: STARTTLS is
 * required (the receiver fails rather than send in clear), SMTPS is TLS from the first byte, and
 * the server's certificate and name are checked against the JVM's trust store. Connect and read
 * time out after 10 s.
 *
 * <p>Failures become a {@link DeliveryException} whose message names the server and the SMTP reply
 * code, never the password or the mail: a server out of reach, a time-out or a 4xx reply may pass
 * (retryable); a 5xx reply, a refused login or a TLS failure will not until someone changes the
 * settings. A recipient refused by the server stops the whole mail: nobody gets it, so a retry
 * never sends a second copy to the others.
 */
public final class EmailReceiver implements Receiver {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private static final String IDEMPOTENCY_HEADER = "X-Newswatch-Idempotency-Key";
    private static final String GROUP_HEADER = "X-Newswatch-Group";
    private static final DateTimeFormatter PUBLISHED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mmxxx");
    private static final DateTimeFormatter SEEN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);
    private static final int SUBJECT_NAMES = 3;
    private static final int SNIPPET_CHARS = 300;

    private final String name;
    private final EmailSettings settings;
    private final String protocol;
    private final Session session;
    private final InternetAddress from;
    private final InternetAddress[] to;

    public EmailReceiver(String name, EmailSettings settings) {
        this(name, settings, TIMEOUT, null);
    }

    /**
     * @param timeout for connect, read and write
     * @param tls     the sockets for STARTTLS and SMTPS, or null for the JVM's default (tests pass
     *                one that trusts their server's certificate)
     */
    EmailReceiver(String name, EmailSettings settings, Duration timeout, SSLSocketFactory tls) {
        this.name = Objects.requireNonNull(name, "name");
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(settings.host(), "host");
        Objects.requireNonNull(settings.security(), "security");
        if (settings.port() < 1 || settings.port() > 65535) {
            throw new IllegalArgumentException("email receiver " + name + ": port " + settings.port() + " is out of range");
        }
        if (settings.to().isEmpty()) {
            throw new IllegalArgumentException("email receiver " + name + ": no recipient");
        }
        if (settings.username() != null && settings.password() == null) {
            throw new IllegalArgumentException("email receiver " + name + ": username " + settings.username() + " without a password");
        }
        this.from = address(settings.from(), "from");
        this.to = settings.to().stream().map(a -> address(a, "to")).toArray(InternetAddress[]::new);
        this.protocol = settings.security() == EmailSettings.Security.SMTPS ? "smtps" : "smtp";
        this.session = Session.getInstance(properties(settings, protocol, timeout, tls));
    }

    private InternetAddress address(String address, String field) {
        try {
            return new InternetAddress(Objects.requireNonNull(address, field), true);
        } catch (AddressException e) {
            throw new IllegalArgumentException("email receiver " + name + ": invalid " + field + " address " + Printable.line(address), e);
        }
    }

    private static Properties properties(EmailSettings settings, String protocol, Duration timeout, SSLSocketFactory tls) {
        String prefix = "mail." + protocol + ".";
        String millis = Long.toString(timeout.toMillis());
        Properties p = new Properties();
        p.setProperty(prefix + "connectiontimeout", millis);
        p.setProperty(prefix + "timeout", millis);
        p.setProperty(prefix + "writetimeout", millis);
        p.setProperty(prefix + "auth", Boolean.toString(settings.username() != null));
        boolean startTls = settings.security() == EmailSettings.Security.STARTTLS;
        p.setProperty(prefix + "starttls.enable", Boolean.toString(startTls));
        p.setProperty(prefix + "starttls.required", Boolean.toString(startTls));
        if (settings.security() != EmailSettings.Security.NONE) {
            p.setProperty(prefix + "ssl.checkserveridentity", "true");
            if (tls != null) {
                p.put(prefix + "ssl.socketFactory", tls);
            }
        }
        return p;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(Notification notification) throws DeliveryException {
        MimeMessage message;
        try {
            message = compose(notification);
        } catch (MessagingException | UnsupportedEncodingException e) {
            throw new DeliveryException("cannot compose the mail: " + e.getClass().getSimpleName(), false, e);
        }
        SMTPTransport transport;
        try {
            transport = (SMTPTransport) session.getTransport(protocol);
        } catch (MessagingException e) {
            throw new DeliveryException("no SMTP transport: " + e.getClass().getSimpleName(), false, e);
        }
        try {
            connect(transport);
            try {
                transport.sendMessage(message, to);
            } catch (MessagingException e) {
                throw failure(transport, e);
            }
        } finally {
            closeQuietly(transport);
        }
    }

    private void connect(SMTPTransport transport) throws DeliveryException {
        String password = settings.password() == null ? null : settings.password().value();
        try {
            transport.connect(settings.host(), settings.port(), settings.username(), password);
        } catch (AuthenticationFailedException e) {
            // a 454 is the server's trouble and may pass; wrong credentials do not
            int code = transport.getLastReturnCode();
            throw new DeliveryException(server() + " refused the login of " + Printable.line(settings.username()) + reply(code),
                    code >= 400 && code < 500, e);
        } catch (MessagingException e) {
            // Angus says so only in its message text: the server greeted and answered EHLO, yet offered no STARTTLS
            if (settings.security() == EmailSettings.Security.STARTTLS && ioCause(e) == null && !transport.isSSL()
                    && transport.getLastReturnCode() / 100 == 2 && !transport.supportsExtension("STARTTLS")) {
                throw new DeliveryException(server() + " does not offer STARTTLS, which the settings require; nothing sent in clear",
                        false, e);
            }
            throw failure(transport, e);
        }
    }

    /** The one-line reason for {@code e}: reply codes, addresses and exception names, never the text the server echoed. */
    private DeliveryException failure(SMTPTransport transport, MessagingException e) {
        Throwable io = ioCause(e);
        if (io instanceof SSLException) {
            return new DeliveryException("TLS with " + server() + " failed: " + oneLine(io), false, e);
        }
        if (io != null) {
            return new DeliveryException(server() + " unreachable or gone: " + oneLine(io), true, e);
        }
        List<String> refusals = new ArrayList<>();
        boolean permanent = false;
        for (Exception next = e; next instanceof MessagingException m; next = m.getNextException()) {
            int code;
            if (m instanceof SMTPAddressFailedException a) {
                code = a.getReturnCode();
                refusals.add("recipient " + a.getAddress().getAddress() + reply(code));
            } else if (m instanceof SMTPSenderFailedException s) {
                code = s.getReturnCode();
                refusals.add("sender " + s.getAddress().getAddress() + reply(code));
            } else if (m instanceof SMTPSendFailedException s) {
                code = s.getReturnCode();
                refusals.add("the mail" + reply(code));
            } else {
                continue;
            }
            permanent |= !isTransient(code);
        }
        if (!refusals.isEmpty()) {
            return new DeliveryException(server() + " refused " + String.join(", ", refusals), !permanent, e);
        }
        int code = transport.getLastReturnCode();
        if (code >= 400) {
            return new DeliveryException(server() + " replied" + reply(code), isTransient(code), e);
        }
        return new DeliveryException("SMTP with " + server() + " failed: " + e.getClass().getSimpleName(), true, e);
    }

    private String server() {
        return settings.host() + ":" + settings.port();
    }

    /** 4xx: the server asks to try again later; no code (the exchange did not get that far) counts as such. */
    private static boolean isTransient(int code) {
        return code < 500;
    }

    private static String reply(int code) {
        return code > 0 ? " (" + code + ")" : "";
    }

    private static Throwable ioCause(Throwable e) {
        Set<Throwable> seen = new HashSet<>();
        for (Throwable t = e; t != null && seen.add(t); t = t.getCause()) {
            if (t instanceof IOException) {
                return t;
            }
        }
        return null;
    }

    private static String oneLine(Throwable t) {
        String message = t.getMessage();
        return t.getClass().getSimpleName() + (message == null ? "" : ": " + Printable.line(shorten(message.strip(), 160)));
    }

    private static void closeQuietly(SMTPTransport transport) {
        try {
            transport.close();
        } catch (MessagingException e) {
            // the mail was acknowledged (or the failure is already reported); a failing QUIT changes neither
        }
    }

    private MimeMessage compose(Notification n) throws MessagingException, UnsupportedEncodingException {
        MimeMessage message = new MimeMessage(session);
        message.setFrom(from);
        message.setRecipients(Message.RecipientType.TO, to);
        message.setSubject("[newswatch] " + title(n), "UTF-8");
        message.setSentDate(new Date());
        message.setHeader(IDEMPOTENCY_HEADER, header(IDEMPOTENCY_HEADER, n.idempotencyKey()));
        message.setHeader(GROUP_HEADER, header(GROUP_HEADER, n.groupKey()));

        MimeBodyPart plain = new MimeBodyPart();
        plain.setText(plainText(n), "UTF-8", "plain");
        MimeBodyPart html = new MimeBodyPart();
        html.setText(html(n), "UTF-8", "html");
        MimeMultipart alternative = new MimeMultipart("alternative");
        alternative.addBodyPart(plain);
        alternative.addBodyPart(html);
        message.setContent(alternative);
        return message;
    }

    private static String header(String name, String value) throws UnsupportedEncodingException {
        return MimeUtility.fold(name.length() + 2, MimeUtility.encodeText(Printable.line(value), "UTF-8", null));
    }

    /** {@code 3 alerts: ICC (MENTION)}, or {@code digest: 12 alerts, 4 entities}. */
    private static String title(Notification n) {
        List<Alert> alerts = n.alerts();
        if (n.digest()) {
            long entities = alerts.stream().map(Alert::entityId).distinct().count();
            return "digest: " + count(alerts.size(), "alert", "alerts") + ", " + count(entities, "entity", "entities");
        }
        Set<String> names = new LinkedHashSet<>();
        Set<String> kinds = new LinkedHashSet<>();
        for (Alert alert : alerts) {
            names.add(Printable.line(entityName(alert)));
            kinds.add(alert.kind().name());
        }
        StringJoiner shown = new StringJoiner(", ");
        names.stream().limit(SUBJECT_NAMES).forEach(shown::add);
        String more = names.size() > SUBJECT_NAMES ? " and " + (names.size() - SUBJECT_NAMES) + " more" : "";
        return count(alerts.size(), "alert", "alerts") + ": " + shorten(shown + more, 120) + " (" + String.join(", ", kinds) + ")";
    }

    private static String plainText(Notification n) {
        StringBuilder out = new StringBuilder();
        out.append(title(n)).append("\n");
        for (Alert alert : n.alerts()) {
            out.append("\n").append(alert.kind()).append("  ").append(Printable.line(subject(alert)))
                    .append(" — ").append(counts(alert)).append("\n");
            Alert.Evidence top = top(alert);
            if (top == null) {
                continue;
            }
            if (top.title() != null) {
                out.append("  ").append(Printable.line(top.title())).append("\n");
            }
            if (top.url() != null) {
                out.append("  ").append(Printable.line(top.url())).append("\n");
            }
            String byline = byline(top);
            if (!byline.isEmpty()) {
                out.append("  ").append(byline).append("\n");
            }
            if (top.snippet() != null) {
                out.append("  ").append(Printable.line(shorten(top.snippet().strip(), SNIPPET_CHARS))).append("\n");
            }
        }
        out.append("\n-- \nnewswatch notify, group ").append(Printable.line(n.groupKey())).append("\n");
        return out.toString();
    }

    private static String html(Notification n) {
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>").append(escape(title(n)))
                .append("</title></head>\n<body style=\"font-family: sans-serif\">\n<h2>").append(escape(title(n))).append("</h2>\n");
        for (Alert alert : n.alerts()) {
            out.append("<div style=\"margin-bottom: 1em\">\n<p><strong>").append(alert.kind()).append("</strong> ")
                    .append(escape(subject(alert))).append(" — ").append(counts(alert)).append("<br>\n");
            Alert.Evidence top = top(alert);
            if (top != null) {
                String link = safeLink(top.url());
                String headline = escape(top.title() != null ? top.title() : top.url());
                if (headline != null && link != null) {
                    out.append("<a href=\"").append(escape(link)).append("\">").append(headline).append("</a><br>\n");
                } else if (headline != null) {
                    out.append(headline).append("<br>\n");
                }
                String byline = byline(top);
                if (!byline.isEmpty()) {
                    out.append("<small>").append(escape(byline)).append("</small><br>\n");
                }
                if (top.snippet() != null) {
                    out.append(escape(shorten(top.snippet().strip(), SNIPPET_CHARS))).append("\n");
                }
            }
            out.append("</p>\n</div>\n");
        }
        out.append("<p style=\"color: gray\"><small>newswatch notify, group ").append(escape(n.groupKey()))
                .append("</small></p>\n</body></html>\n");
        return out.toString();
    }

    private static String entityName(Alert alert) {
        return alert.entityName() != null ? alert.entityName() : alert.entityId();
    }

    /** The entity, and the other one of a CO_MENTION. */
    private static String subject(Alert alert) {
        return alert.coEntityName() == null ? entityName(alert) : entityName(alert) + " + " + alert.coEntityName();
    }

    private static String counts(Alert alert) {
        String articles = count(alert.articleCount(), "article", "articles");
        return alert.sourceCount() > 1 ? articles + ", +" + count(alert.sourceCount() - 1, "outlet", "outlets") : articles;
    }

    private static Alert.Evidence top(Alert alert) {
        return alert.evidence().isEmpty() ? null : alert.evidence().get(0);
    }

    /** {@code Reuters, published 2026-11-28 05:10+01:00}; the time seen when the article gave none. */
    private static String byline(Alert.Evidence top) {
        List<String> parts = new ArrayList<>();
        if (top.source() != null) {
            parts.add(Printable.line(top.source()));
        }
        if (top.publishedAt() != null) {
            parts.add("published " + PUBLISHED.format(top.publishedAt()));
        } else if (top.timestamp() != null) {
            parts.add("seen " + SEEN.format(top.timestamp()));
        }
        return String.join(", ", parts);
    }

    /** The URL when it is an absolute http(s) link; anything else (javascript:, data:) is shown, never linked. */
    private static String safeLink(String url) {
        if (url == null) {
            return null;
        }
        try {
            String scheme = new URI(url.strip()).getScheme();
            return scheme != null && (scheme.equalsIgnoreCase("https") || scheme.equalsIgnoreCase("http")) ? url.strip() : null;
        } catch (URISyntaxException e) {
            return null;
        }
    }

    /** Text for an HTML element or a quoted attribute: one line, markup characters as entities. */
    private static String escape(String text) {
        if (text == null) {
            return null;
        }
        String line = Printable.line(text);
        StringBuilder out = new StringBuilder(line.length() + 16);
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            switch (c) {
                case '&' -> out.append("&amp;");
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    private static String count(long n, String one, String many) {
        return n + " " + (n == 1 ? one : many);
    }

    private static String shorten(String s, int max) {
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 2)) ? max - 2 : max - 1;
        return s.substring(0, end) + "…";
    }
}
