package io.newswatch.broker;

import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.common.utils.Time;
import org.apache.kafka.metadata.storage.Formatter;
import org.apache.kafka.server.common.Feature;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Apache Kafka broker in KRaft mode (combined broker and controller), run
 * in-process from the broker code on Maven Central. It formats its storage on first start and
 * keeps its data in the data directory across restarts.
 *
 * <p>The same class serves {@code newswatch broker}, the demo and the integration tests:
 * <pre>{@code
 * try (EmbeddedBroker broker = EmbeddedBroker.builder().port(0).dataDir(dir).start()) {
 *     String bootstrap = broker.bootstrapServers();
 * }
 * }</pre>
 */
public final class EmbeddedBroker implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EmbeddedBroker.class);
    private static final String CLUSTER_ID_FILE = "cluster.id";

    private final KafkaRaftServer server;
    private final String host;
    private final int port;
    private final Path dataDir;
    private volatile boolean closed;

    private EmbeddedBroker(KafkaRaftServer server, String host, int port, Path dataDir) {
        this.server = server;
        this.host = host;
        this.port = port;
        this.dataDir = dataDir;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** {@code host:port} for clients. */
    public String bootstrapServers() {
        return host + ":" + port;
    }

    public int port() {
        return port;
    }

    public Path dataDir() {
        return dataDir;
    }

    /** Blocks until the broker has shut down (from {@link #close()} or a fatal error). */
    public void awaitShutdown() {
        server.awaitShutdown();
    }

    @Override
    public synchronized void close() {
        if (closed) {
            return;
        }
        closed = true;
        server.shutdown();
        server.awaitShutdown();
    }

    /** Settings for one broker; {@link #start()} formats (first time only), starts and waits until clients can connect. */
    public static final class Builder {
        private String host = "127.0.0.1";
        private int port = 9092;
        private Path dataDir;
        private final Map<String, String> overrides = new LinkedHashMap<>();
        private String listenerProtocol = "PLAINTEXT";
        private List<String> scramCredentials = List.of();
        private Map<String, Object> clientConfig = Map.of();

        /** Client port; 0 picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Interface to bind and advertise; 127.0.0.1 by default. */
        public Builder host(String host) {
            this.host = host;
            return this;
        }

        public Builder dataDir(Path dataDir) {
            this.dataDir = dataDir;
            return this;
        }

        /** Any broker property; applied last, so it wins over the defaults. */
        public Builder override(String key, String value) {
            overrides.put(key, value);
            return this;
        }

        /** Security protocol of the client listener (PLAINTEXT, SASL_SSL, …); configure it with {@link #override}. */
        public Builder listenerProtocol(String protocol) {
            this.listenerProtocol = protocol;
            return this;
        }

        /** SCRAM users written at format time, in kafka-storage's {@code --add-scram} syntax. */
        public Builder scramCredentials(List<String> credentials) {
            this.scramCredentials = List.copyOf(credentials);
            return this;
        }

        /** Client settings (security) that the start-up check needs to connect to a secured listener. */
        public Builder clientConfig(Map<String, Object> config) {
            this.clientConfig = Map.copyOf(config);
            return this;
        }

        public EmbeddedBroker start() {
            if (dataDir == null) {
                throw new IllegalStateException("dataDir is required");
            }
            try {
                Files.createDirectories(dataDir);
                int clientPort = port == 0 ? freePort(host) : port;
                checkPortFree(host, clientPort);
                int controllerPort = freePort(host);
                Properties props = brokerProperties(clientPort, controllerPort);
                KafkaConfig config = KafkaConfig.fromProps(props, false);
                format(config);
                KafkaRaftServer server = new KafkaRaftServer(config, Time.SYSTEM);
                server.startup();
                EmbeddedBroker broker = new EmbeddedBroker(server, host, clientPort, dataDir);
                try {
                    broker.awaitReady(Duration.ofSeconds(60), clientConfig);
                } catch (RuntimeException e) {
                    broker.close();
                    throw e;
                }
                LOG.debug("broker {} ready with data in {}", broker.bootstrapServers(), dataDir);
                return broker;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private Properties brokerProperties(int clientPort, int controllerPort) {
            Map<String, String> p = new LinkedHashMap<>();
            p.put("process.roles", "broker,controller");
            p.put("node.id", "1");
            p.put("controller.quorum.voters", "1@" + host + ":" + controllerPort);
            p.put("listeners", "CLIENT://" + host + ":" + clientPort + ",CONTROLLER://" + host + ":" + controllerPort);
            p.put("advertised.listeners", "CLIENT://" + host + ":" + clientPort);
            p.put("listener.security.protocol.map", "CLIENT:" + listenerProtocol + ",CONTROLLER:PLAINTEXT");
            p.put("controller.listener.names", "CONTROLLER");
            p.put("inter.broker.listener.name", "CLIENT");
            p.put("log.dirs", dataDir.resolve("logs").toAbsolutePath().toString());
            // One node: every internal topic has one replica, and nobody waits for more members.
            p.put("offsets.topic.replication.factor", "1");
            p.put("offsets.topic.num.partitions", "5");
            p.put("transaction.state.log.replication.factor", "1");
            p.put("transaction.state.log.min.isr", "1");
            p.put("transaction.state.log.num.partitions", "5");
            p.put("share.coordinator.state.topic.replication.factor", "1");
            p.put("share.coordinator.state.topic.min.isr", "1");
            p.put("group.initial.rebalance.delay.ms", "0");
            p.put("default.replication.factor", "1");
            p.put("min.insync.replicas", "1");
            // Topics come from topics/ (or the test that needs them), not from a typo in a client.
            p.put("auto.create.topics.enable", "false");
            p.put("log.flush.interval.messages", String.valueOf(Long.MAX_VALUE));
            p.put("transaction.abort.timed.out.transaction.cleanup.interval.ms", "10000");
            p.put("transaction.remove.expired.transaction.cleanup.interval.ms", "60000");
            p.putAll(overrides);
            Properties props = new Properties();
            props.putAll(p);
            return props;
        }

        private void format(KafkaConfig config) throws IOException {
            Path logs = dataDir.resolve("logs");
            if (Files.exists(logs.resolve("meta.properties"))) {
                return;
            }
            Path idFile = dataDir.resolve(CLUSTER_ID_FILE);
            String clusterId = Files.exists(idFile) ? Files.readString(idFile).strip()
                    : org.apache.kafka.common.Uuid.randomUuid().toString();
            Files.writeString(idFile, clusterId);
            Formatter formatter = new Formatter()
                    .setPrintStream(new PrintStream(OutputStream.nullOutputStream()))
                    .setSupportedFeatures(Feature.PRODUCTION_FEATURES)
                    .setNodeId(1)
                    .setClusterId(clusterId)
                    .setDirectories(List.of(logs.toAbsolutePath().toString()))
                    .setMetadataLogDirectory(config.metadataLogDir())
                    .setControllerListenerName("CONTROLLER")
                    .setIgnoreFormatted(true);
            if (!scramCredentials.isEmpty()) {
                formatter.setScramArguments(scramCredentials);
            }
            try {
                formatter.run();
            } catch (IOException e) {
                throw e;
            } catch (Exception e) {
                throw new IllegalStateException("cannot format broker storage in " + logs + ": " + e.getMessage(), e);
            }
        }
    }

    private void awaitReady(Duration timeout, Map<String, Object> clientConfig) {
        Map<String, Object> config = new LinkedHashMap<>(clientConfig);
        config.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000);
        long deadline = System.nanoTime() + timeout.toNanos();
        Exception last = null;
        try (Admin admin = Admin.create(config)) {
            while (System.nanoTime() < deadline) {
                try {
                    if (!admin.describeCluster().nodes().get(5, TimeUnit.SECONDS).isEmpty()) {
                        return;
                    }
                } catch (Exception e) {
                    last = e;
                }
            }
        }
        throw new IllegalStateException("broker did not accept connections on " + bootstrapServers()
                + " within " + timeout.toSeconds() + " s" + (last == null ? "" : ": " + last.getMessage()));
    }

    /** A port the OS considers free right now. */
    public static int freePort(String host) throws IOException {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, 0));
            return socket.getLocalPort();
        }
    }

    private static void checkPortFree(String host, int port) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.setReuseAddress(true);
            socket.bind(new InetSocketAddress(host, port));
        } catch (IOException e) {
            throw new PortInUseException(port);
        }
    }
}
