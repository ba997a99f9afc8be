package io.newswatch.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.newswatch.alert.Alert;
import io.newswatch.cli.NewswatchCli;
import io.newswatch.kafka.Json;
import io.newswatch.testing.KafkaBroker;
import io.newswatch.testing.Tags;
import io.newswatch.watchlist.AlertKind;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.newswatch.notify.Alerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code kill -9} of a {@code notify} process (a child JVM) in the middle of a burst of 2,000
 * alerts to a webhook that refuses every fourth request (and holds its answer once a fifth of the alerts are in, until
 * the kill, so that the kill falls in the middle of a delivery): a second process takes over, every alert
 * is acknowledged at least once, an alert acknowledged twice came both times under the same
 * idempotency key, and nothing is parked (the receiver never stayed down past its retries).
 */
@Tag(Tags.INTEGRATION)
@Timeout(240)
class NotifyCrashIT {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    private static final String TOPIC = "crash.alerts";
    private static final int ENTITIES = 20;
    private static final int ALERTS = 2_000;

    @TempDir
    Path dir;

    /** An accepted request: its idempotency key and alert ids. */
    private record Accepted(String key, List<String> alertIds) {
    }

    private final List<Accepted> accepted = new CopyOnWriteArrayList<>();
    private final AtomicInteger requests = new AtomicInteger();
    private final List<Process> children = new ArrayList<>();
    /** Counted down when a fifth of the alerts are acknowledged and the receiver holds its answer. */
    private final java.util.concurrent.CountDownLatch holding = new java.util.concurrent.CountDownLatch(1);
    /** Counted down once the first process is killed: the receiver answers again. */
    private final java.util.concurrent.CountDownLatch killed = new java.util.concurrent.CountDownLatch(1);
    private HttpServer server;

    @AfterEach
    void stop() throws InterruptedException {
        killed.countDown();
        for (Process p : children) {
            p.destroyForcibly().waitFor();
        }
        if (server != null) {
            server.stop(0);
        }
    }

    @Test
    void shouldLoseNothingAndResendUnderTheSameKeyWhenKilledMidBurst() throws Exception {
        assertThat(NewswatchCli.commandLine().execute("--bootstrap-server", kafka.bootstrapServers(), "topics", "apply",
                "--dir", "topics")).isZero();
        try (var admin = kafka.admin()) {
            admin.createTopics(List.of(new NewTopic(TOPIC, 3, (short) 1))).all().get();
        }
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hook", exchange -> {
            JsonNode body = Json.mapper().readTree(exchange.getRequestBody().readAllBytes());
            boolean refuse = requests.incrementAndGet() % 4 == 0;
            if (!refuse) {
                List<String> ids = new ArrayList<>();
                body.path("alerts").forEach(a -> ids.add(a.path("alertId").asText()));
                accepted.add(new Accepted(exchange.getRequestHeaders().getFirst("Idempotency-Key"), ids));
            }
            if (killed.getCount() > 0 && acceptedIds().size() >= ALERTS / 5) {
                // this delivery is in flight when the process dies: its answer never arrives
                holding.countDown();
                try {
                    killed.await(60, java.util.concurrent.TimeUnit.SECONDS);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
            exchange.sendResponseHeaders(refuse ? 500 : 200, -1);
            exchange.close();
        });
        server.start();
        Path config = Files.writeString(dir.resolve("notify.yaml"), """
                receivers:
                  - {name: hook, webhook: {url: "http://127.0.0.1:%d/hook"}}
                retry: {max_attempts: 100, max_age: 10m, initial_backoff: 20ms, max_backoff: 200ms}
                route: {receiver: hook, group_by: [entity], group_wait: 0s, group_interval: 0s}
                topics: [%s]
                """.formatted(server.getAddress().getPort(), TOPIC));
        // A killed member leaves the group after this, not after the default 45 s.
        Path client = Files.writeString(dir.resolve("client.properties"), "session.timeout.ms=6000\nheartbeat.interval.ms=1000\n");

        Set<String> sent = new HashSet<>();
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            for (int i = 0; i < ALERTS; i++) {
                Alert a = alert("c" + i, AlertKind.MENTION, "entity-" + (i % ENTITIES));
                sent.add(a.alertId());
                producer.send(new ProducerRecord<>(TOPIC, a.entityId().getBytes(StandardCharsets.UTF_8), Json.mapper().writeValueAsBytes(a)));
            }
        }

        Process first = start(config, client, 1);
        assertThat(holding.await(90, java.util.concurrent.TimeUnit.SECONDS)).as("a fifth of the alerts acknowledged").isTrue();
        first.destroyForcibly().waitFor();
        killed.countDown();
        int beforeKill = accepted.size();
        assertThat(acceptedIds()).as("killed in the middle of the burst").hasSizeLessThan(ALERTS);

        start(config, client, 2);
        Awaitility.await("every alert acknowledged").atMost(Duration.ofSeconds(150)).pollInterval(Duration.ofMillis(200))
                .until(() -> acceptedIds().containsAll(sent));

        Map<String, Set<String>> keysById = new HashMap<>();
        for (Accepted a : accepted) {
            a.alertIds().forEach(id -> keysById.computeIfAbsent(id, k -> new HashSet<>()).add(a.key()));
        }
        assertThat(keysById.keySet()).containsAll(sent);
        assertThat(keysById).as("alerts acknowledged under more than one key")
                .allSatisfy((id, keys) -> assertThat(keys).as(id).hasSize(1));
        assertThat(kafka.read("news.notifications.dlq", 1, Duration.ofSeconds(2))).as("nothing parked").isEmpty();
        System.out.printf("NotifyCrashIT: %d alerts, %d requests (every 4th refused), %d acknowledged before the kill, %d after;"
                        + " alerts acknowledged twice: %d%n", ALERTS, requests.get(), beforeKill, accepted.size() - beforeKill,
                accepted.stream().mapToInt(a -> a.alertIds().size()).sum() - sent.size());
    }

    private Set<String> acceptedIds() {
        Set<String> ids = new HashSet<>();
        accepted.forEach(a -> ids.addAll(a.alertIds()));
        return ids;
    }

    private Process start(Path config, Path client, int n) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                NewswatchCli.class.getName(), "--bootstrap-server", kafka.bootstrapServers(), "--command-config", client.toString(),
                "notify", "--config", config.toString(), "--application-id", "crash-notify", "--from-beginning", "--topics-dir", "topics");
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("notify-" + n + ".log").toFile());
        Process p = pb.start();
        children.add(p);
        return p;
    }
}
