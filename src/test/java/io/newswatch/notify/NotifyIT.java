package io.newswatch.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.alert.Alert;
import io.newswatch.cli.NewswatchCli;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.testing.KafkaBroker;
import io.newswatch.testing.Tags;
import io.newswatch.watchlist.AlertKind;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

import static io.newswatch.notify.Alerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code notify} on a real broker: alerts produced to an alert topic reach webhooks served by the
 * test, grouped; a failing receiver is retried alone and what keeps failing is parked on the
 * dead-letter topic with its headers; a group survives a restart; silenced alerts are skipped.
 */
@Tag(Tags.INTEGRATION)
@Timeout(180)
class NotifyIT {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    private static final String STATE = "news.notifications.state";
    private static final String DLQ = "news.notifications.dlq";
    private static final String SILENCES = "news.silences";

    /** A request the test webhook received: which hook, its idempotency key, the alert ids. */
    private record Hit(String hook, String key, List<String> alertIds) {
    }

    private HttpServer server;
    private final List<Hit> hits = new CopyOnWriteArrayList<>();
    /** Per hook: how many requests to refuse with HTTP 500 (-1 = all). */
    private final Map<String, AtomicInteger> failures = new ConcurrentHashMap<>();
    private final Map<Notifier, Thread> running = new ConcurrentHashMap<>();

    @BeforeAll
    static void topics() {
        assertThat(NewswatchCli.commandLine().execute("--bootstrap-server", kafka.bootstrapServers(), "topics", "apply",
                "--dir", "topics")).isZero();
    }

    @BeforeEach
    void startHooks() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            String hook = exchange.getRequestURI().getPath().substring(1);
            JsonNode body = Json.mapper().readTree(exchange.getRequestBody().readAllBytes());
            List<String> ids = new ArrayList<>();
            body.path("alerts").forEach(a -> ids.add(a.path("alertId").asText()));
            hits.add(new Hit(hook, exchange.getRequestHeaders().getFirst("Idempotency-Key"), ids));
            AtomicInteger fail = failures.get(hook);
            int status = fail != null && (fail.get() < 0 || fail.getAndDecrement() > 0) ? 500 : 200;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stopAll() throws InterruptedException {
        for (Notifier n : List.copyOf(running.keySet())) {
            stop(n);
        }
        server.stop(0);
    }

    /** Stops a notifier as Ctrl-C does: the loop ends, then the clients leave the group. */
    private void stop(Notifier notifier) throws InterruptedException {
        notifier.stop();
        running.remove(notifier).join(30_000);
        notifier.close();
    }

    private String hook(String name) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + "/" + name;
    }

    private Notifier start(String applicationId, String topic, String yaml, BiPredicate<Alert, Instant> silenced, SimpleMeterRegistry registry)
            throws Exception {
        NotifyConfig config = NotifyConfig.parse("it.yaml", yaml, Map.of(), null);
        Notifier notifier = new Notifier(KafkaSettings.of(kafka.bootstrapServers(), Map.of()), applicationId, true, config,
                Receivers.of(config, System.out), new Notifier.Topics(List.of(topic), Pattern.compile(NotifyConfig.DEFAULT_TOPIC_PATTERN), STATE, DLQ),
                silenced, Clock.systemUTC(), new NotifyMetrics(registry, config.receivers().keySet()));
        Thread thread = new Thread(notifier::run, applicationId);
        thread.setDaemon(true);
        thread.start();
        running.put(notifier, thread);
        return notifier;
    }

    private static void send(String topic, Alert... alerts) {
        for (Alert a : alerts) {
            kafka.send(topic, a.entityId().getBytes(StandardCharsets.UTF_8), Json.mapper().valueToTree(a).toString().getBytes(StandardCharsets.UTF_8));
        }
    }

    private List<Hit> hitsOf(String hook) {
        return hits.stream().filter(h -> h.hook().equals(hook)).toList();
    }

    @Test
    void shouldGroupDeliverRetryOnlyTheFailingReceiverAndParkWhatKeepsFailing() throws Exception {
        String topic = "it1.alerts";
        kafka.createTopics(topic);
        failures.put("flaky", new AtomicInteger(2));
        failures.put("broken", new AtomicInteger(-1));
        String yaml = """
                receivers:
                  - {name: good, webhook: {url: "%s"}}
                  - {name: flaky, webhook: {url: "%s"}}
                  - {name: broken, webhook: {url: "%s"}}
                retry: {max_attempts: 3, initial_backoff: 50ms, max_backoff: 100ms}
                route:
                  receiver: good
                  group_by: [entity]
                  group_wait: 1s
                  routes:
                    - {receiver: good, continue: true}
                    - {match: {entity: [icc]}, receiver: flaky, continue: true}
                    - {match: {entity: [icc, rosatom]}, receiver: broken}
                """.formatted(hook("good"), hook("flaky"), hook("broken"));
        start("notify-it1", topic, yaml, (a, t) -> false, new SimpleMeterRegistry());

        send(topic, alert("a1", AlertKind.MENTION, "icc"), alert("a2", AlertKind.THRESHOLD, "icc"), alert("r1", AlertKind.MENTION, "rosatom"));
        kafka.send(topic, "icc".getBytes(StandardCharsets.UTF_8), "{not an alert".getBytes(StandardCharsets.UTF_8));

        List<ConsumerRecord<byte[], byte[]>> parked = kafka.await(DLQ, r -> header(r, "source.topic").equals(topic), 4, Duration.ofSeconds(60));
        Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> hitsOf("flaky").size() >= 3 && hitsOf("good").size() >= 2);

        assertThat(hitsOf("good")).extracting(Hit::alertIds).containsExactlyInAnyOrder(List.of("a1", "a2"), List.of("r1"));
        assertThat(hitsOf("flaky")).as("two failures, then delivered: the same alerts, the same key")
                .extracting(Hit::alertIds).containsExactly(List.of("a1", "a2"), List.of("a1", "a2"), List.of("a1", "a2"));
        assertThat(hitsOf("flaky")).extracting(Hit::key).containsOnly(hitsOf("flaky").get(0).key());
        assertThat(hitsOf("broken")).as("three attempts for each of its two groups").hasSize(6);

        assertThat(parked).hasSize(4);
        assertThat(parked).filteredOn(r -> header(r, "receiver").equals("broken"))
                .extracting(r -> header(r, "attempts") + " " + header(r, "error"))
                .containsOnly("3 127.0.0.1 answered HTTP 500");
        assertThat(parked).filteredOn(r -> header(r, "receiver").equals("broken"))
                .extracting(r -> Json.mapper().readTree(r.value()).path("alertId").asText()).containsExactlyInAnyOrder("a1", "a2", "r1");
        assertThat(parked).filteredOn(r -> header(r, "receiver").isEmpty()).singleElement()
                .satisfies(r -> {
                    assertThat(header(r, "error")).startsWith("not an alert: ");
                    assertThat(header(r, "source.offset")).isEqualTo("3");
                    assertThat(new String(r.value(), StandardCharsets.UTF_8)).isEqualTo("{not an alert");
                });
    }

    @Test
    void shouldResumeAGroupAfterARestartAndNotSendItTwice() throws Exception {
        String topic = "it2.alerts";
        kafka.createTopics(topic);
        String yaml = """
                receivers:
                  - {name: desk, webhook: {url: "%s"}}
                route: {receiver: desk, group_by: [entity], group_wait: 3s, group_interval: 1s}
                """.formatted(hook("desk"));
        Notifier first = start("notify-it2", topic, yaml, (a, t) -> false, new SimpleMeterRegistry());
        send(topic, alert("b1", AlertKind.MENTION, "myanmar"));
        // the alert is in its group on the state topic (and its offset committed with it): stop before the group is due
        kafka.await(STATE, r -> new String(r.key(), StandardCharsets.UTF_8).startsWith("notify-it2|desk|entity=myanmar|" + topic), 1, Duration.ofSeconds(30));
        stop(first);
        assertThat(hits).as("stopped before group_wait ended").isEmpty();

        // another notify application on the same topics and state topic, delivering elsewhere: it never sees it2's group
        start("notify-it2-other", topic, yaml.replace(hook("desk"), hook("other")), (a, t) -> false, new SimpleMeterRegistry());
        start("notify-it2", topic, yaml, (a, t) -> false, new SimpleMeterRegistry());
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> hitsOf("desk").size() >= 1 && hitsOf("other").size() >= 1);
        // a later alert, delivered after the restart: had b1 been read again, it would be in this group too
        send(topic, alert("b2", AlertKind.MENTION, "myanmar"));
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> hitsOf("desk").size() >= 2);

        assertThat(hitsOf("desk")).extracting(Hit::alertIds).containsExactly(List.of("b1"), List.of("b2"));
        assertThat(hitsOf("other")).as("its own reading of the topic, from the beginning").extracting(Hit::alertIds)
                .first().isEqualTo(List.of("b1"));
    }

    @Test
    void shouldSkipSilencedAlertsAndDeliverTheOthers() throws Exception {
        String topic = "it3.alerts";
        kafka.createTopics(topic);
        KafkaSettings settings = KafkaSettings.of(kafka.bootstrapServers(), Map.of());
        Instant now = Instant.now();
        Silences.write(settings, SILENCES, new Silence("s-it3", "rosatom", null, null, now.minusSeconds(60), now.plusSeconds(3600),
                "plant story is known", "desk", now), "it3");
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Silences silences = Silences.open(settings, SILENCES, "it3-silences")) {
            assertThat(silences.awaitLoaded(Duration.ofSeconds(30))).isTrue();
            String yaml = """
                    receivers:
                      - {name: desk, webhook: {url: "%s"}}
                    route: {receiver: desk, group_by: [entity], group_wait: 0s}
                    """.formatted(hook("desk"));
            start("notify-it3", topic, yaml, (a, t) -> silences.silencing(a, t).isPresent(), registry);

            send(topic, alert("c1", AlertKind.MENTION, "rosatom"), alert("c2", AlertKind.MENTION, "icc"));
            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> hitsOf("desk").size() >= 1
                    && registry.get("newswatch.notify.alerts").tag("outcome", "silenced").counter().count() >= 1);

            assertThat(hitsOf("desk")).extracting(Hit::alertIds).containsExactly(List.of("c2"));
            assertThat(registry.get("newswatch.notify.alerts").tag("outcome", "silenced").counter().count()).isEqualTo(1);
        }
    }

    @Test
    void shouldShareTheWorkBetweenInstancesAndLoseNothingWhenOneJoins() throws Exception {
        String topic = "it4.alerts";
        try (var admin = kafka.admin()) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic(topic, 3, (short) 1))).all().get();
        }
        String yaml = """
                receivers:
                  - {name: desk, webhook: {url: "%s"}}
                route: {receiver: desk, group_by: [entity], group_wait: 0s, group_interval: 0s}
                """.formatted(hook("desk"));
        start("notify-it4", topic, yaml, (a, t) -> false, new SimpleMeterRegistry());
        java.util.Set<String> sent = new java.util.HashSet<>();
        for (int i = 0; i < 300; i++) {
            Alert a = alert("d" + i, AlertKind.MENTION, "entity-" + (i % 30));
            sent.add(a.alertId());
            send(topic, a);
            if (i == 100) {
                // a second instance joins in the middle: the partitions are shared out again
                start("notify-it4", topic, yaml, (x, t) -> false, new SimpleMeterRegistry());
            }
        }

        Awaitility.await("every alert delivered").atMost(Duration.ofSeconds(90))
                .until(() -> hitsOf("desk").stream().flatMap(h -> h.alertIds().stream()).collect(java.util.stream.Collectors.toSet()).containsAll(sent));
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? "" : new String(h.value(), StandardCharsets.UTF_8);
    }
}
