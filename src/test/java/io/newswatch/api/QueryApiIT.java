package io.newswatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.metrics.HealthCheck;
import io.newswatch.metrics.MetricsServer;
import io.newswatch.metrics.Registries;
import io.newswatch.monitor.Monitor;
import io.newswatch.monitor.MonitorSettings;
import io.newswatch.testing.KafkaBroker;
import io.newswatch.testing.Tags;
import io.newswatch.topics.TopicApplier;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.WatchlistFiles;
import io.newswatch.watchlist.WatchlistTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The query API against a real broker and two monitor instances of one application: every answer
 * is the same from either instance, whichever holds the key; counts equal what
 * {@code news.mentions} holds; writes need the token and refuse cross-site requests; bad input is
 * a 4xx with a one-line error, never a stack trace.
 */
@Tag(Tags.INTEGRATION)
@Timeout(300)
class QueryApiIT {

    private static final String TOKEN = "query-api-it-token";
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    static Path tmp;

    private static final List<AutoCloseable> open = new ArrayList<>();
    private static String a;
    private static String b;
    private static int articles;

    @BeforeAll
    static void twoInstances() throws Exception {
        KafkaSettings settings = KafkaSettings.of(kafka.bootstrapServers(), Map.of());
        Topics topics = Topics.fromDirectory(Path.of("topics"));
        try (var admin = kafka.admin()) {
            TopicApplier applier = new TopicApplier(admin);
            applier.apply(applier.plan(topics.all()));
        }
        WatchlistTopic watchlist = new WatchlistTopic(settings, topics);
        watchlist.write(WatchlistFiles.load(Path.of("src/main/resources/io/newswatch/watchlist/starter.yaml")), List.of());
        a = start(settings, topics, "a");
        b = start(settings, topics, "b");
        List<String> lines = new ArrayList<>(Files.readAllLines(Path.of("src/main/resources/io/newswatch/demo/wikinews-sample.jsonl")));
        lines.add(Json.mapper().createObjectNode().put("id", "seed").put("title", "Putin hosts Myanmar junta chief")
                .put("source", "demo wire").put("body", Files.readString(Path.of("src/main/resources/io/newswatch/demo/seed-myanmar-putin.txt")))
                .toString());
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            for (String line : lines) {
                String id = Json.mapper().readTree(line).path("id").asText(null);
                producer.send(new ProducerRecord<>("news.articles", id == null ? null : id.getBytes(StandardCharsets.UTF_8),
                        line.getBytes(StandardCharsets.UTF_8)));
            }
        }
        articles = lines.size();
        // both answer, and the mentions and alerts have reached the stores behind the API
        await().atMost(Duration.ofSeconds(180)).until(() -> totalArticles(a) == mentionCounts().values().stream().mapToLong(x -> x).sum()
                && mentionCounts().size() > 5 && !alertIds(a).isEmpty());
    }

    @AfterAll
    static void stop() throws Exception {
        for (int i = open.size() - 1; i >= 0; i--) {
            open.get(i).close();
        }
    }

    private static String start(KafkaSettings settings, Topics topics, String name) throws IOException, InterruptedException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        String self = "127.0.0.1:" + port;
        Monitor monitor = Monitor.start(settings, topics, Monitor.Options.defaults().withApplicationId("query-api-it")
                .withStateDir(tmp.resolve("state-" + name)).withThreads(2).withApplicationServer(self), new SimpleMeterRegistry());
        open.add(monitor);
        assertThat(monitor.awaitRunning(Duration.ofSeconds(90))).isTrue();
        WebApp app = new WebApp(monitor.queries(self), monitor.watchlist(), settings, topics, Optional.of(TOKEN), true,
                MonitorSettings.DEFAULTS.history());
        open.add(app::close);
        open.add(MetricsServer.start("127.0.0.1", port, Registries.prometheus(), HealthCheck.readyWhen(() -> true), app));
        return "http://" + self;
    }

    @Test
    void shouldGiveTheSameAnswerFromEitherInstanceAndTheCountsOfNewsMentions() throws Exception {
        Map<String, Long> mentions = mentionCounts();
        Instant now = Instant.now();
        String range = "?from=" + now.minus(Duration.ofHours(3)) + "&to=" + now.plus(Duration.ofHours(1)) + "&step=1h";
        for (String entity : mentions.keySet()) {
            JsonNode fromA = get(a + "/api/entities/" + entity + "/counts" + range, 200);
            assertThat(fromA).as(entity).isEqualTo(get(b + "/api/entities/" + entity + "/counts" + range, 200));
            long sum = 0;
            for (JsonNode p : fromA.path("points")) {
                sum += p.get("articles").asLong();
            }
            assertThat(sum).as("articles naming %s per news.mentions", entity).isEqualTo(mentions.get(entity));
            assertThat(get(a + "/api/entities/" + entity, 200)).isEqualTo(get(b + "/api/entities/" + entity, 200));
            assertThat(get(a + "/api/entities/" + entity + "/alerts", 200)).isEqualTo(get(b + "/api/entities/" + entity + "/alerts", 200));
            assertThat(get(a + "/api/entities/" + entity + "/stories", 200)).isEqualTo(get(b + "/api/entities/" + entity + "/stories", 200));
        }
        // (each instance holds part of the keys: asked for its own state only, each misses some)
        int missedByA = 0;
        int missedByB = 0;
        for (String entity : mentions.keySet()) {
            missedByA += localArticles(a, entity, range) < mentions.get(entity) ? 1 : 0;
            missedByB += localArticles(b, entity, range) < mentions.get(entity) ? 1 : 0;
        }
        assertThat(missedByA).as("keys instance a fetched from b").isPositive();
        assertThat(missedByB).as("keys instance b fetched from a").isPositive();
        assertThat(get(a + "/api/entities", 200)).isEqualTo(get(b + "/api/entities", 200));
        JsonNode alerts = get(a + "/api/alerts?limit=500", 200);
        assertThat(alerts.get("partial").asBoolean()).isFalse();
        assertThat(alertIds(a)).isEqualTo(alertIds(b)).isEqualTo(alertIdsOnTopic());
        JsonNode myanmar = get(a + "/api/entities/myanmar/stories", 200);
        String story = myanmar.path("items").get(0).get("storyId").asText();
        assertThat(get(a + "/api/stories/" + story, 200)).isEqualTo(get(b + "/api/stories/" + story, 200));
        assertThat(get(a + "/api/alerts?kind=MENTION&entity=myanmar", 200).path("alerts"))
                .allSatisfy(x -> assertThat(x.get("kind").asText()).isEqualTo("MENTION"));
        assertThat(get(a + "/api/openapi.json", 200).path("paths").has("/api/entities/{id}/counts")).isTrue();
    }

    @Test
    void shouldRefuseWritesWithoutTheTokenAndFromAnotherSite() throws Exception {
        String entity = "{\"name\":\"Rohingya\",\"aliases\":[\"Rohingya\"]}";
        assertThat(send("PUT", a + "/api/entities/rohingya", entity, null, Map.of()).statusCode()).isEqualTo(401);
        assertThat(send("PUT", a + "/api/entities/rohingya", entity, "wrong", Map.of()).statusCode()).isEqualTo(401);
        assertThat(send("PUT", a + "/api/entities/rohingya", entity, TOKEN, Map.of("Origin", "http://evil.example")).statusCode())
                .isEqualTo(403);
        assertThat(send("PUT", a + "/api/entities/rohingya", entity, TOKEN, Map.of("Sec-Fetch-Site", "cross-site")).statusCode())
                .isEqualTo(403);
        assertThat(send("DELETE", a + "/api/entities/myanmar", null, null, Map.of()).statusCode()).isEqualTo(401);

        // a bad alias is refused with the problem by field, as watchlist add says it
        HttpResponse<String> bad = send("PUT", a + "/api/entities/rohingya", "{\"aliases\":[\"\"]}", TOKEN, Map.of());
        assertThat(bad.statusCode()).isEqualTo(400);
        assertThat(Json.mapper().readTree(bad.body()).path("problems").get(0).asText()).startsWith("aliases[0]");

        // and a good one is live on the other instance within seconds
        assertThat(send("PUT", a + "/api/entities/rohingya", entity, TOKEN, Map.of()).statusCode()).isEqualTo(201);
        await().atMost(Duration.ofSeconds(30)).until(() -> send("GET", b + "/api/entities/rohingya", null, null, Map.of()).statusCode() == 200);
        assertThat(send("DELETE", b + "/api/entities/rohingya", null, TOKEN, Map.of()).statusCode()).isEqualTo(200);

        // and a silence is written where notify reads them
        String silence = "{\"entityId\":\"myanmar\",\"for\":\"4h\",\"comment\":\"known story\"}";
        assertThat(send("POST", a + "/api/silences", silence, null, Map.of()).statusCode()).isEqualTo(401);
        HttpResponse<String> silenced = send("POST", a + "/api/silences", silence, TOKEN, Map.of());
        assertThat(silenced.statusCode()).as(silenced.body()).isEqualTo(201);
        String id = Json.mapper().readTree(silenced.body()).path("silence").path("id").asText();
        assertThat(kafka.readToEnd("news.silences")).anySatisfy(r -> assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(id));
    }

    @Test
    void shouldAnswerBadInputWithAOneLineErrorAndNoStackTrace() throws Exception {
        Map<String, Integer> cases = new TreeMap<>(Map.of(
                "/api/entities/NOT%20AN%20ID", 400,
                "/api/entities/nobody", 404,
                "/api/entities/myanmar/counts?from=yesterday", 400,
                "/api/entities/myanmar/counts?step=90m", 400,
                "/api/entities/myanmar/counts?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z", 400,
                "/api/entities/myanmar/counts?from=2000-01-01T00:00:00Z", 400,
                "/api/alerts?limit=-1", 400,
                "/api/alerts?kind=SOMETIMES", 400,
                "/api/stories/no-such-story", 404,
                "/api/nothing", 404));
        for (Map.Entry<String, Integer> c : cases.entrySet()) {
            HttpResponse<String> r = send("GET", a + c.getKey(), null, null, Map.of());
            assertThat(r.statusCode()).as(c.getKey()).isEqualTo(c.getValue());
            assertThat(r.body()).as(c.getKey()).doesNotContain("\tat ").doesNotContain("Exception:");
            assertThat(Json.mapper().readTree(r.body()).get("error").asText()).as(c.getKey()).doesNotContain("\n");
        }
        HttpResponse<String> huge = send("PUT", a + "/api/entities/big", "{\"name\":\"" + "x".repeat(100_000) + "\"}", TOKEN, Map.of());
        assertThat(huge.statusCode()).isEqualTo(413);
        assertThat(send("PUT", a + "/api/entities/big", "name=x", TOKEN, Map.of("Content-Type", "application/x-www-form-urlencoded"))
                .statusCode()).isEqualTo(415);
        assertThat(send("PUT", a + "/api/entities/big", "{not json", TOKEN, Map.of()).statusCode()).isEqualTo(400);
        assertThat(send("POST", a + "/api/entities/big", "{}", TOKEN, Map.of()).statusCode()).isEqualTo(405);
        assertThat(send("PATCH", a + "/api/entities/big", "{}", TOKEN, Map.of()).statusCode()).isEqualTo(405);
    }

    /** Per entity, the articles news.mentions names it in. */
    private static Map<String, Long> mentionCounts() throws IOException {
        Map<String, Set<String>> byEntity = new TreeMap<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readToEnd("news.mentions")) {
            JsonNode m = Json.mapper().readTree(r.value());
            byEntity.computeIfAbsent(m.get("entityId").asText(), k -> new TreeSet<>()).add(m.get("articleId").asText());
        }
        Map<String, Long> out = new TreeMap<>();
        byEntity.forEach((k, v) -> out.put(k, (long) v.size()));
        return out;
    }

    /** What an instance's own stores hold for the entity (a request forwarded to it is answered from them alone). */
    private static long localArticles(String instance, String entity, String range) throws Exception {
        HttpResponse<String> r = send("GET", instance + "/api/entities/" + entity + "/counts" + range, null, null,
                Map.of(QueryApi.FORWARDED, "1"));
        long sum = 0;
        for (JsonNode p : Json.mapper().readTree(r.body()).path("points")) {
            sum += p.get("articles").asLong();
        }
        return sum;
    }

    private static long totalArticles(String instance) throws Exception {
        long sum = 0;
        for (JsonNode e : get(instance + "/api/entities?limit=1000", 200).path("entities")) {
            HttpResponse<String> r = send("GET", instance + "/api/entities/" + e.get("id").asText(), null, null, Map.of());
            if (r.statusCode() != 200) {
                return -1;
            }
            sum += Json.mapper().readTree(r.body()).path("totals").path("articles").asLong();
        }
        return sum;
    }

    private static Set<String> alertIds(String instance) throws Exception {
        Set<String> ids = new TreeSet<>();
        get(instance + "/api/alerts?limit=500", 200).path("alerts").forEach(x -> ids.add(x.get("alertId").asText()));
        return ids;
    }

    private static Set<String> alertIdsOnTopic() throws IOException {
        Set<String> ids = new TreeSet<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readToEnd("news.alerts")) {
            ids.add(Json.mapper().readTree(r.value()).get("alertId").asText());
        }
        return ids;
    }

    private static JsonNode get(String url, int status) throws Exception {
        HttpResponse<String> r = send("GET", url, null, null, Map.of());
        assertThat(r.statusCode()).as(url + ": " + r.body()).isEqualTo(status);
        return Json.mapper().readTree(r.body());
    }

    private static HttpResponse<String> send(String method, String url, String body, String token, Map<String, String> headers)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(20))
                .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        Map<String, String> all = new HashMap<>(headers);
        if (body != null) {
            all.putIfAbsent("Content-Type", "application/json");
        }
        if (token != null) {
            all.put("Authorization", "Bearer " + token);
        }
        all.forEach(request::header);
        try {
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            // the server closes a connection idle for 10 s; a pooled one may have been that one: once more, on a new one
            return HttpClient.newHttpClient().send(request.build(), HttpResponse.BodyHandlers.ofString());
        }
    }
}
