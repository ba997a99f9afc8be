package io.newswatch.reliability;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newswatch.article.Article;
import io.newswatch.cli.NewswatchCli;
import io.newswatch.metrics.MetricsServer;
import io.newswatch.metrics.Registries;
import io.newswatch.monitor.Monitor;
import io.newswatch.testing.KafkaBroker;
import io.newswatch.testing.Tags;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.WatchedEntity;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;

import static io.newswatch.reliability.Outputs.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code /ready} and {@code /health} tell the truth when the broker goes away and comes back, and
 * a follower of {@code alerts} is told that it has no connection.
 */
@Tag(Tags.INTEGRATION)
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HealthIT {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    static Path stateDir;

    private static final Topics TOPICS = Topics.fromDirectory(Path.of("topics"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Monitor monitor;
    private static MetricsServer server;
    private static int articles;

    @BeforeAll
    static void start() throws Exception {
        PrometheusMeterRegistry registry = Registries.prometheus();
        monitor = Outputs.startMonitor(kafka, TOPICS, List.of(WatchedEntity.of("myanmar", "Myanmar", "Myanmar")),
                Monitor.Options.defaults().withApplicationId("health-it").withStateDir(stateDir).withThreads(1), registry);
        server = MetricsServer.start("127.0.0.1", 0, registry, monitor.health());
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
        if (monitor != null) {
            monitor.close();
        }
    }

    @Test
    @Order(1)
    void shouldBeReadyAndLiveWhileProcessing() throws Exception {
        sendArticle();

        await("ready", () -> get("/ready").statusCode() == 200, Duration.ofSeconds(30));
        assertThat(get("/ready").body()).startsWith("ready: processing");
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    @Order(2)
    void shouldBeUnreadyButLiveWithoutABrokerTellAFollowerAndRecover() throws Exception {
        // Given a follower of the alerts that has read those already written
        sendArticle();
        assertThat(kafka.await(TOPICS.name(TopicRole.ALERTS), r -> true, 1, Duration.ofSeconds(60))).isNotEmpty();
        int existing = kafka.await(TOPICS.name(TopicRole.ALERTS), r -> true, Integer.MAX_VALUE, Duration.ofSeconds(3)).size();
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        AtomicInteger exit = new AtomicInteger(-1);
        int expected = existing + 1;
        Thread follower = new Thread(() -> {
            CommandLine cli = NewswatchCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            exit.set(cli.execute("--bootstrap-server", kafka.bootstrapServers(), "alerts", "--follow", "--from-beginning",
                    "--warn-after", "3s", "--max", String.valueOf(expected)));
        }, "alerts-follower");
        follower.setDaemon(true);
        follower.start();
        await("the follower read the alerts so far", () -> out.toString().lines().count() == existing, Duration.ofSeconds(60));

        // When the broker stops
        String bootstrap = kafka.bootstrapServers();
        kafka.stop();
        long stopped = System.nanoTime();
        try {
            // Then the monitor is not ready (and says why), still live, and the follower is told
            await("/ready 503", () -> get("/ready").statusCode() == 503, Duration.ofSeconds(60));
            long unready = System.nanoTime();
            assertThat(get("/ready").body()).startsWith("not ready: no answer from Kafka at " + bootstrap);
            assertThat(get("/health").statusCode()).isEqualTo(200);
            await("the follower's warning", () -> err.toString().contains("alerts: no connection to Kafka at " + bootstrap),
                    Duration.ofSeconds(30));
            System.out.printf("HealthIT: /ready 503 %d ms after the broker stopped%n", (unready - stopped) / 1_000_000);
        } finally {
            kafka.start();
        }

        // And once it is back, ready again, and the follower gets the next alert
        await("/ready 200", () -> get("/ready").statusCode() == 200, Duration.ofSeconds(120));
        await("the follower reconnected", () -> err.toString().contains("alerts: connected to Kafka again"), Duration.ofSeconds(60));
        sendArticle();
        follower.join(Duration.ofSeconds(90).toMillis());
        assertThat(exit.get()).as("follower exit; stderr: " + err).isZero();
        assertThat(out.toString().lines()).hasSize(expected);
    }

    private static void sendArticle() throws Exception {
        String id = "health-" + articles++;
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            producer.send(new ProducerRecord<>(TOPICS.name(TopicRole.ARTICLES), bytes(id), Outputs.json(
                    new Article(id, null, "test", "Junta", "The junta of Myanmar met today.", "en", null)))).get();
        }
    }

    private static HttpResponse<String> get(String path) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).timeout(Duration.ofSeconds(5)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException("GET " + path + ": " + e, e);
        }
    }

    private static void await(String what, BooleanSupplier condition, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(200_000_000L);
        }
        throw new AssertionError(what + " not reached within " + timeout + "; /ready says: " + get("/ready").body());
    }
}
