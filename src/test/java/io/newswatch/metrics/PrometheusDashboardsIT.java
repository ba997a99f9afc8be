package io.newswatch.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import com.sun.net.httpserver.HttpServer;
import io.newswatch.cli.NewswatchCli;
import io.newswatch.ingest.Ingest;
import io.newswatch.ingest.SourceMetrics;
import io.newswatch.notify.Notifier;
import io.newswatch.notify.NotifyConfig;
import io.newswatch.notify.NotifyMetrics;
import io.newswatch.notify.Receivers;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.monitor.Monitor;
import io.newswatch.testing.KafkaBroker;
import io.newswatch.testing.PrometheusServer;
import io.newswatch.testing.Tags;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.Topics;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;
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

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every panel of every dashboard shows data: a real monitor on an embedded broker is fed good
 * and bad articles and watchlist records, a real Prometheus scrapes it, and each panel query
 * (variables resolved the way Grafana does) must parse and return at least one series. A polling
 * ingest serves its per-feed meters beside it (the dashboard's Sources row), scraped by the same
 * Prometheus, and so does a notifier delivering the monitor's alerts to a file (the Delivery row).
 * Also the HTTP surface: {@code /metrics} content and {@code /ready} following the monitor.
 */
@Tag(Tags.INTEGRATION)
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PrometheusDashboardsIT {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    static Path work;

    private static final Topics TOPICS = Topics.fromDirectory(Path.of("topics"));
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    /** Grafana's built-in interval variables, as a dashboard over the last minutes would get them. */
    private static final Map<String, String> BUILT_INS = Map.of(
            "__rate_interval", "1m", "__interval", "5s", "__interval_ms", "5000", "__range", "10m", "__range_s", "600");
    private static final Duration DATA_TIMEOUT = Duration.ofSeconds(90);
    /** Labelled entities: one configured, two more admitted, the rest under "other". */
    private static final Set<String> LABELLED = Set.of("icc");
    private static final int LABEL_LIMIT = 2;

    private static final AtomicReference<Monitor> monitor = new AtomicReference<>();
    private static MetricsServer metrics;
    private static HttpServer feeds;
    private static Ingest poller;
    private static Thread pollerThread;
    private static MetricsServer pollerMetrics;
    private static Notifier notifier;
    private static Thread notifierThread;
    private static MetricsServer notifierMetrics;
    private static PrometheusServer prometheus;
    private static int readyBeforeMonitorStarted;

    @BeforeAll
    static void startMonitorAndPrometheus() throws Exception {
        // Without Prometheus the dashboards would go unchecked: that is a failure, not a skip.
        assertThat(PrometheusServer.executable())
                .as("'prometheus' must be on the PATH for this test (apt-get install prometheus; .ci/run installs it)")
                .isPresent();
        assertThat(NewswatchCli.commandLine().execute("--bootstrap-server", kafka.bootstrapServers(), "topics", "apply",
                "--dir", "topics")).isZero();
        sendWatchlist();

        PrometheusMeterRegistry registry = Registries.prometheus();
        metrics = MetricsServer.start("127.0.0.1", 0, registry, () -> monitor.get() != null && monitor.get().isRunning());
        readyBeforeMonitorStarted = get("/ready").statusCode();
        monitor.set(Monitor.start(KafkaSettings.of(kafka.bootstrapServers(), Map.of()), TOPICS,
                Monitor.Options.defaults().withApplicationId("dashboards-it").withStateDir(work.resolve("state"))
                        .withThreads(1).withEntityLabels(LABELLED, LABEL_LIMIT), registry));
        assertThat(monitor.get().awaitRunning(Duration.ofSeconds(90))).as("monitor running").isTrue();

        startPoller();
        startNotifier();

        Files.createDirectories(work.resolve("prometheus"));
        prometheus = PrometheusServer.start(work.resolve("prometheus"),
                List.of("127.0.0.1:" + metrics.port(), "127.0.0.1:" + pollerMetrics.port(), "127.0.0.1:" + notifierMetrics.port()),
                Duration.ofSeconds(60));
        prometheus.await("Prometheus reporting the monitor, poller and notifier targets up", Duration.ofSeconds(60), prometheus::targetUp);

        // Sent once Prometheus scrapes, so that rates see counters move.
        sendArticles();
        // The GC panels need at least one pause; a short test run may not have had one.
        System.gc();
    }

    @AfterAll
    static void stopAll() throws InterruptedException {
        if (prometheus != null) {
            prometheus.close();
        }
        if (poller != null) {
            poller.stop();
            pollerThread.join(30_000);
        }
        if (pollerMetrics != null) {
            pollerMetrics.close();
        }
        if (notifier != null) {
            notifier.stop();
            notifierThread.join(30_000);
            notifier.close();
        }
        if (notifierMetrics != null) {
            notifierMetrics.close();
        }
        if (feeds != null) {
            feeds.stop(0);
        }
        if (monitor.get() != null) {
            monitor.get().close(Duration.ofSeconds(30));
        }
        if (metrics != null) {
            metrics.close();
        }
    }

    @Test
    @Order(1)
    void shouldServeNewswatchKafkaStreamsAndJvmSeriesWithBoundedEntityLabels() throws Exception {
        Awaitility.await("mentions under 'other' and alerts of three kinds counted").atMost(DATA_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> get("/metrics").body(), body -> body.contains("newswatch_mentions_total{entity=\"other\"}")
                        && body.contains("kind=\"MENTION\"") && body.contains("kind=\"THRESHOLD\"")
                        && body.contains("kind=\"CO_MENTION\""));

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.body()).contains("newswatch_articles_in_total", "newswatch_alert_latency_seconds_bucket",
                "kafka_stream_thread_process_total", "kafka_stream_alive_stream_threads", "jvm_memory_used_bytes");
        assertThat(response.body()).as("a kind that never fired, at zero").contains("newswatch_alerts_total{entity=\"other\",kind=\"SPIKE\"} 0.0");
        long mentionSeries = response.body().lines().filter(l -> l.startsWith("newswatch_mentions_total{")).count();
        assertThat(mentionSeries).as("mention series: configured + limit + other").isLessThanOrEqualTo(LABELLED.size() + LABEL_LIMIT + 1);
    }

    @Test
    @Order(2)
    void shouldCountStoriesOnceAndTimeAndSizeTheStoryStage() {
        // Six matched articles (the duplicate of a1 is skipped before matching), each sketched and placed.
        String body = Awaitility.await("six matched articles placed in their stories").atMost(DATA_TIMEOUT)
                .pollInterval(Duration.ofMillis(500))
                .until(() -> get("/metrics").body(), b -> sample(b, "newswatch_story_time_seconds_count{stage=\"place\"}") >= 6);

        assertThat(sample(body, "newswatch_story_time_seconds_count{stage=\"sketch\"}")).as("articles sketched").isEqualTo(6);
        assertThat(sample(body, "newswatch_story_time_seconds_count{stage=\"place\"}")).as("articles placed").isEqualTo(6);
        // icc: a1, a2, a3, a5 and a3's copy; the copy is a3's story.
        assertThat(sample(body, "newswatch_mentions_total{entity=\"icc\"}")).as("icc articles").isEqualTo(5);
        assertThat(sample(body, "newswatch_stories_total{entity=\"icc\"}")).as("icc stories").isEqualTo(4);
        // One sketch per story: an exact copy adds nothing to the index.
        assertThat(sample(body, "newswatch_stories_sketches")).as("sketches in the story index").isEqualTo(5);
        assertThat(sample(body, "newswatch_stories_index_bytes")).as("story index heap").isPositive();
    }

    @Test
    @Order(3)
    void shouldReturnDataForEveryPanelQueryOfEveryDashboard() throws Exception {
        List<Path> dashboards = Dashboards.files();
        assertThat(dashboards).isNotEmpty();
        Map<Dashboards.Query, String> promql = new LinkedHashMap<>();
        for (Path file : dashboards) {
            Map<String, String> values = new HashMap<>(BUILT_INS);
            for (Dashboards.Variable variable : Dashboards.variables(file)) {
                List<String> options = labelValues(variable, values);
                values.put(variable.name(), Dashboards.regexValue(variable.multi() ? options : options.subList(0, 1)));
            }
            for (Dashboards.Query query : Dashboards.queries(file)) {
                String expr = Dashboards.substitute(query.expr(), values);
                assertThat(expr).as("%s: every variable substituted", query).doesNotContain("$");
                promql.put(query, expr);
            }
        }

        Set<Dashboards.Query> withoutData = new LinkedHashSet<>(promql.keySet());
        Map<Dashboards.Query, String> refused = new LinkedHashMap<>();
        try {
            Awaitility.await().atMost(DATA_TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                withoutData.removeIf(q -> {
                    JsonNode answer = prometheus.query(promql.get(q));
                    if (!answer.path("status").asText().equals("success")) {
                        refused.put(q, promql.get(q) + " -> " + answer.path("error").asText(answer.toString()));
                        return true;
                    }
                    String type = answer.path("data").path("resultType").asText();
                    return (type.equals("vector") || type.equals("matrix")) && !answer.path("data").path("result").isEmpty();
                });
                return withoutData.isEmpty() || !refused.isEmpty();
            });
        } catch (ConditionTimeoutException e) {
            // reported by the assertion below, query by query
        }

        assertThat(refused).as("queries Prometheus refused").isEmpty();
        List<String> missing = withoutData.stream().map(q -> q + "\n    sent: " + promql.get(q)).toList();
        assertThat(missing).as("panel queries without a series after %s", DATA_TIMEOUT).isEmpty();
        System.out.printf("PrometheusDashboardsIT: %d panel queries of %d dashboards returned data from Prometheus%n",
                promql.size(), dashboards.size());
    }

    @Test
    @Order(4)
    void shouldBeReadyOnlyWhileTheMonitorRuns() throws Exception {
        assertThat(readyBeforeMonitorStarted).as("/ready before the monitor started").isEqualTo(503);
        assertThat(get("/ready").statusCode()).as("/ready while running").isEqualTo(200);

        monitor.get().close(Duration.ofSeconds(30));

        assertThat(get("/ready").statusCode()).as("/ready after the monitor stopped").isEqualTo(503);
        assertThat(get("/health").statusCode()).as("/health while the process lives").isEqualTo(200);
    }

    /** The options Grafana offers for a variable, waiting until the metric behind it has data. */
    private static List<String> labelValues(Dashboards.Variable variable, Map<String, String> resolved) {
        String selector = Dashboards.substitute(variable.selector() == null ? "{__name__=~\".+\"}" : variable.selector(), resolved);
        Set<String> values = new TreeSet<>();
        Awaitility.await("values of variable " + variable.name() + " from " + selector)
                .atMost(DATA_TIMEOUT).pollInterval(Duration.ofSeconds(1)).until(() -> {
                    JsonNode answer = prometheus.series(selector);
                    assertThat(answer.path("status").asText()).as("series %s: %s", selector, answer).isEqualTo("success");
                    answer.path("data").forEach(series -> {
                        if (series.has(variable.label())) {
                            values.add(series.path(variable.label()).asText());
                        }
                    });
                    return !values.isEmpty();
                });
        return new ArrayList<>(values);
    }

    /** The value of one series in the Prometheus text format, or -1 when it is not there. */
    private static double sample(String metricsBody, String series) {
        return metricsBody.lines().filter(l -> l.startsWith(series + " ")).findFirst()
                .map(l -> Double.parseDouble(l.substring(series.length() + 1).trim().split(" ")[0])).orElse(-1.0);
    }

    /**
     * {@code ingest --poll 1s --metrics-port} as the CLI wires it, polling one feed served here (items
     * naming no watched entity, on a topic of their own) until the test ends.
     */
    private static void startPoller() throws IOException {
        feeds = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        feeds.createContext("/feed.xml", exchange -> {
            byte[] rss = """
                    <?xml version="1.0" encoding="UTF-8"?>
                    <rss version="2.0"><channel><title>Weather desk</title>
                    <item><guid>w1</guid><title>Rain over the coast</title><description>Showers move inland.</description></item>
                    <item><guid>w2</guid><title>Dry spell ends</title><description>Farmers welcome the rain.</description></item>
                    </channel></rss>""".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
            exchange.sendResponseHeaders(200, rss.length);
            try (var body = exchange.getResponseBody()) {
                body.write(rss);
            }
        });
        feeds.start();
        String feed = "http://127.0.0.1:" + feeds.getAddress().getPort() + "/feed.xml";
        kafka.createTopics("poller.articles");

        PrometheusMeterRegistry registry = Registries.prometheus();
        pollerMetrics = MetricsServer.start("127.0.0.1", 0, registry, () -> true);
        poller = Ingest.builder().kafka(KafkaSettings.of(kafka.bootstrapServers(), Map.of())).topic("poller.articles")
                .sourceMetrics(new SourceMetrics(registry)).poll(Duration.ofSeconds(1)).stateFile(work.resolve("poll-state.json"))
                .err(new java.io.PrintWriter(java.io.Writer.nullWriter())).build();
        pollerThread = new Thread(() -> poller.run(List.of(feed)), "poller");
        pollerThread.start();
    }

    /** {@code notify --file FILE --group-wait 0s --metrics-port} on the monitor's alerts, as the CLI wires it. */
    private static void startNotifier() throws Exception {
        NotifyConfig config = NotifyConfig.parse("notify.yaml", """
                receivers: [{name: archive, file: notifications.jsonl}]
                route: {receiver: archive, group_by: [entity, kind], group_wait: 0s}
                """, Map.of(), work);
        PrometheusMeterRegistry registry = Registries.prometheus();
        notifierMetrics = MetricsServer.start("127.0.0.1", 0, registry, () -> true);
        notifier = new Notifier(KafkaSettings.of(kafka.bootstrapServers(), Map.of()), "dashboards-it-notify", true, config,
                Receivers.of(config, System.out), new Notifier.Topics(List.of(TOPICS.name(TopicRole.ALERTS)), null,
                TOPICS.name(TopicRole.NOTIFY_STATE), TOPICS.name(TopicRole.NOTIFY_DLQ)), (alert, now) -> false,
                java.time.Clock.systemUTC(), new NotifyMetrics(registry, config.receivers().keySet()));
        notifierThread = new Thread(notifier::run, "notifier");
        notifierThread.start();
    }

    private static void sendWatchlist() throws Exception {
        Map<String, String> entities = new LinkedHashMap<>();
        entities.put("icc", """
                {"id":"icc","name":"International Criminal Court","aliases":["ICC","International Criminal Court"],
                 "alerts":{"kinds":["MENTION","THRESHOLD","CO_MENTION"],"threshold":{"count":2,"window":"1h"}}}""");
        entities.put("myanmar", """
                {"id":"myanmar","name":"Myanmar","aliases":["Myanmar","Burma"],
                 "alerts":{"kinds":["MENTION","CO_MENTION"]}}""");
        entities.put("rosatom", """
                {"id":"rosatom","name":"Rosatom","aliases":["Rosatom"],
                 "alerts":{"kinds":["MENTION"],"topic":"news.alerts.nuclear"}}""");
        entities.put("wagner", """
                {"id":"wagner","name":"Wagner Group","aliases":["Wagner Group"]}""");
        entities.put("unicef", """
                {"id":"unicef","name":"UNICEF","aliases":["UNICEF"]}""");
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            String topic = TOPICS.name(TopicRole.WATCHLIST);
            for (Map.Entry<String, String> e : entities.entrySet()) {
                producer.send(new ProducerRecord<>(topic, bytes(e.getKey()), bytes(e.getValue()))).get();
            }
            // Bad entries: skipped and counted by reason, never fatal.
            producer.send(new ProducerRecord<>(topic, bytes("broken"), bytes("{not json"))).get();
            producer.send(new ProducerRecord<>(topic, bytes("someone"), bytes(entities.get("unicef")))).get();
        }
    }

    private static final String A3_BODY = "Prosecutors at the ICC asked for warrants against two army commanders on Tuesday, saying that evidence gathered over three years showed civilians had been targeted in the north, and the judges will now decide whether to issue them.";

    private static void sendArticles() throws Exception {
        List<String[]> articles = List.of(
                article("a1", "ICC judges meet", "The ICC opened a case about Myanmar on Monday."),
                article("a2", "Rosatom deal", "Rosatom signed a reactor deal while the International Criminal Court watched."),
                article("a3", "Court again", A3_BODY),
                article("a4", "Mercenaries", "The Wagner Group moved troops; UNICEF warned about children in Burma."),
                article("a5", "Aid", "UNICEF delivered aid in Myanmar, the ICC said."),
                // A copy of a3 under another id: one more article, no new story (long enough to be compared:
                // an article of a dozen words stays a story of its own).
                article("a3-copy", "Court again", A3_BODY));
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            String topic = TOPICS.name(TopicRole.ARTICLES);
            for (String[] a : articles) {
                producer.send(new ProducerRecord<>(topic, bytes(a[0]), bytes(a[1]))).get();
            }
            // The same article again: skipped as a duplicate.
            producer.send(new ProducerRecord<>(topic, bytes(articles.get(0)[0]), bytes(articles.get(0)[1]))).get();
            // Bad input, one per reason: to the dead-letter topic, counted by reason.
            producer.send(new ProducerRecord<>(topic, bytes("bad-json"), bytes("{\"id\": \"bad-json\", \"body\": "))).get();
            producer.send(new ProducerRecord<>(topic, bytes("no-body"), bytes("{\"id\":\"no-body\",\"title\":\"t\"}"))).get();
            producer.send(new ProducerRecord<>(topic, bytes("empty"), new byte[0])).get();
            producer.send(new ProducerRecord<>(topic, bytes("null"), null)).get();
        }
    }

    private static String[] article(String id, String title, String body) {
        return new String[] {id, """
                {"id":"%s","url":"https://example.org/%s","source":"example","title":"%s","body":"%s","language":"en"}"""
                .formatted(id, id, title, body)};
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(HttpRequest.newBuilder(URI.create(metrics.url() + path)).timeout(Duration.ofSeconds(10)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
