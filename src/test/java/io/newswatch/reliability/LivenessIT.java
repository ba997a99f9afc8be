package io.newswatch.reliability;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newswatch.article.Article;
import io.newswatch.broker.EmbeddedBroker;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.metrics.MetricsServer;
import io.newswatch.metrics.Registries;
import io.newswatch.monitor.Monitor;
import io.newswatch.testing.Tags;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.WatchedEntity;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.acl.AccessControlEntry;
import org.apache.kafka.common.acl.AclBinding;
import org.apache.kafka.common.acl.AclOperation;
import org.apache.kafka.common.acl.AclPermissionType;
import org.apache.kafka.common.resource.PatternType;
import org.apache.kafka.common.resource.ResourcePattern;
import org.apache.kafka.common.resource.ResourceType;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.BooleanSupplier;

import static io.newswatch.reliability.Outputs.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /health} fails when stream threads keep dying at the same offset, and recovers when the
 * cause goes away. The cause here is a real one: a broker with ACLs where the monitor's user loses
 * the right to write its alert topic. Every replaced thread reads the same article again, fails
 * to write its alert, and dies; only a fix (and, without one, a restart by the orchestrator that
 * watches {@code /health}) ends the loop.
 */
@Tag(Tags.INTEGRATION)
@Timeout(300)
class LivenessIT {

    @TempDir
    Path dir;

    private static final Topics TOPICS = Topics.fromDirectory(Path.of("topics"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    @Test
    void shouldNotBeLiveWhileThreadsKeepDyingAtTheSameOffsetAndLiveAgainOnceFixed() throws Exception {
        String adminPassword = "adm-" + UUID.randomUUID();
        String userPassword = "usr-" + UUID.randomUUID();
        Map<String, Object> admin = client("admin", adminPassword);
        try (EmbeddedBroker broker = EmbeddedBroker.builder().port(0).dataDir(dir.resolve("broker"))
                .listenerProtocol("SASL_PLAINTEXT")
                .scramCredentials(List.of("SCRAM-SHA-512=[name=admin,password=" + adminPassword + "]",
                        "SCRAM-SHA-512=[name=newswatch,password=" + userPassword + "]"))
                .override("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .override("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512")
                .override("listener.name.client.scram-sha-512.sasl.jaas.config", jaas("admin", adminPassword))
                .override("authorizer.class.name", "org.apache.kafka.metadata.authorizer.StandardAuthorizer")
                // the controller listener is PLAINTEXT within this one process
                .override("super.users", "User:admin;User:ANONYMOUS")
                .override("allow.everyone.if.no.acl.found", "true")
                .clientConfig(admin)
                .start();
             Admin cluster = Admin.create(with(admin, broker))) {
            Outputs.create(cluster, TOPICS);
            try (KafkaProducer<byte[], byte[]> producer = producer(admin, broker)) {
                Outputs.sendWatchlist(producer, TOPICS.name(TopicRole.WATCHLIST), List.of(WatchedEntity.of("myanmar", "Myanmar", "Myanmar")));
            }
            PrometheusMeterRegistry registry = Registries.prometheus();
            // a dead thread's partitions go to its replacement after the session timeout: 6 s, not 45
            Map<String, Object> monitorClient = new HashMap<>(client("newswatch", userPassword));
            monitorClient.put("consumer.session.timeout.ms", 6_000);
            monitorClient.put("consumer.heartbeat.interval.ms", 2_000);
            try (Monitor monitor = Monitor.start(KafkaSettings.of(broker.bootstrapServers(), monitorClient), TOPICS,
                    Monitor.Options.defaults().withApplicationId("liveness-it").withStateDir(dir.resolve("state")).withThreads(1),
                    registry);
                 MetricsServer server = MetricsServer.start("127.0.0.1", 0, registry, monitor.health())) {
                assertThat(monitor.awaitRunning(Duration.ofSeconds(60))).isTrue();
                assertThat(status(server, "/health")).isEqualTo(200);

                // When the monitor's user may no longer write the alert topic, and an article that alerts arrives
                AclBinding deny = new AclBinding(new ResourcePattern(ResourceType.TOPIC, TOPICS.name(TopicRole.ALERTS), PatternType.LITERAL),
                        new AccessControlEntry("User:newswatch", "*", AclOperation.WRITE, AclPermissionType.DENY));
                cluster.createAcls(List.of(deny)).all().get();
                try (KafkaProducer<byte[], byte[]> producer = producer(admin, broker)) {
                    producer.send(new ProducerRecord<>(TOPICS.name(TopicRole.ARTICLES), bytes("junta-1"), Outputs.json(
                            new Article("junta-1", null, "test", "Junta", "The junta of Myanmar met today.", "en", null)))).get();
                }

                // Then, once the replaced threads have died on it three times, the monitor is not live
                long start = System.nanoTime();
                await(() -> status(server, "/health") == 503, Duration.ofSeconds(180), "/health 503");
                // The denied write is the story task's (alerts are written after the story stage); its error reaches
                // the thread at commit, where Kafka Streams no longer names the task.
                assertThat(body(server, "/health")).startsWith("stream threads died 3 times ")
                        .contains("without committing anything there").contains("TopicAuthorizationException");
                System.out.printf("LivenessIT: /health 503 %d ms after the write was denied: %s", (System.nanoTime() - start) / 1_000_000,
                        body(server, "/health"));

                // And once the cause is gone, the next thread gets past the article and the monitor is live again
                cluster.deleteAcls(List.of(deny.toFilter())).all().get();
                await(() -> status(server, "/health") == 200, Duration.ofSeconds(180), "/health 200");
            }
        }
    }

    private static Map<String, Object> client(String user, String password) {
        return Map.of("security.protocol", "SASL_PLAINTEXT", "sasl.mechanism", "SCRAM-SHA-512", "sasl.jaas.config", jaas(user, password));
    }

    private static Map<String, Object> with(Map<String, Object> client, EmbeddedBroker broker) {
        Map<String, Object> config = new HashMap<>(client);
        config.put("bootstrap.servers", broker.bootstrapServers());
        return config;
    }

    private static KafkaProducer<byte[], byte[]> producer(Map<String, Object> client, EmbeddedBroker broker) {
        Map<String, Object> config = with(client, broker);
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        return new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer());
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user + "\" password=\"" + password + "\";";
    }

    private static int status(MetricsServer server, String path) {
        return get(server, path).statusCode();
    }

    private static String body(MetricsServer server, String path) {
        return get(server, path).body();
    }

    private static HttpResponse<String> get(MetricsServer server, String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + ": " + e, e);
        }
    }

    private static void await(BooleanSupplier condition, Duration timeout, String what) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(250_000_000L);
        }
        throw new AssertionError(what + " not reached within " + timeout);
    }
}
