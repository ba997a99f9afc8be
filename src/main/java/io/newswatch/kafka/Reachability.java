package io.newswatch.kafka;

import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.TimeoutException;

import java.io.IOException;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Turns a Kafka client's "Timeout expired while fetching topic metadata" or "Failed to construct
 * kafka consumer" into what the user can act on: {@code cannot reach the Kafka cluster at
 * HOST:PORT: connection refused}. The cause is found by opening a plain TCP connection to each
 * bootstrap address: an unknown host, a refused or unanswered connection, or a port that accepts
 * connections but did not answer as Kafka (a TLS or SASL listener without the matching
 * --command-config).
 */
public final class Reachability {

    private static final int PROBE_MS = 3_000;

    private Reachability() {
    }

    /** Whether the failure means the cluster could not be reached (or not spoken to) at all. */
    public static boolean unreachable(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            String m = t.getMessage() == null ? "" : t.getMessage();
            if (t instanceof TimeoutException && (m.contains("metadata") || m.contains("waiting for a node")
                    || m.contains("Timed out waiting") || m.contains("Timeout expired"))) {
                return true;
            }
            if (m.contains("No resolvable bootstrap urls")) {
                return true;
            }
        }
        return false;
    }

    /**
     * For a client that could not even be made ("Failed to construct kafka consumer", a wrong
     * SASL or TLS setting in --command-config): the innermost cause, which Kafka's message
     * leaves out; null for any other failure.
     */
    public static String constructionFailure(Throwable e) {
        boolean construct = false;
        Throwable root = e;
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            construct |= t instanceof KafkaException && t.getMessage() != null && t.getMessage().startsWith("Failed to construct kafka");
            root = t;
        }
        if (!construct || root.getMessage() != null && root.getMessage().contains("No resolvable bootstrap urls")) {
            return null;
        }
        String m = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage().lines().findFirst().orElse("");
        return "cannot create a Kafka client (check --command-config): " + m;
    }

    /** One line: {@code cannot reach the Kafka cluster at HOST:PORT: why}. */
    public static String describe(String bootstrapServers) {
        List<String> why = new ArrayList<>();
        for (String server : servers(bootstrapServers)) {
            why.add(probe(server).orElse(server + " accepts connections but did not answer as Kafka in time"
                    + " (a TLS or SASL listener? give its settings with --command-config)"));
        }
        return "cannot reach the Kafka cluster at " + bootstrapServers + ": " + String.join("; ", why);
    }

    /** Whether no bootstrap address accepts a TCP connection (then nothing else about the cluster can be known). */
    public static boolean noneAccepts(String bootstrapServers) {
        return servers(bootstrapServers).stream().allMatch(s -> probe(s).isPresent());
    }

    private static List<String> servers(String bootstrapServers) {
        List<String> out = new ArrayList<>();
        for (String server : bootstrapServers.split(",")) {
            if (!server.isBlank()) {
                out.add(server.strip());
            }
        }
        return out;
    }

    /** What is wrong with connecting to one address, or empty if it accepts connections. */
    private static Optional<String> probe(String server) {
        int colon = server.lastIndexOf(':');
        if (colon <= 0) {
            return Optional.of(server + " is not HOST:PORT");
        }
        String host = server.substring(0, colon).replace("[", "").replace("]", "");
        int port;
        try {
            port = Integer.parseInt(server.substring(colon + 1));
        } catch (NumberFormatException e) {
            return Optional.of(server + " is not HOST:PORT");
        }
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), PROBE_MS);
            return Optional.empty();
        } catch (UnknownHostException e) {
            return Optional.of("unknown host " + host);
        } catch (ConnectException e) {
            return Optional.of("connection refused at " + server + " (is a broker running there?)");
        } catch (SocketTimeoutException e) {
            return Optional.of("no answer from " + server + " within " + PROBE_MS / 1000 + " s (a firewall, or a wrong address?)");
        } catch (IOException | IllegalArgumentException e) {
            return Optional.of(server + ": " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
        }
    }
}
