package io.newswatch.monitor;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.alert.Alert;
import io.newswatch.kafka.Json;
import io.newswatch.metrics.EntityLabels;
import io.newswatch.metrics.MonitorMetrics;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.Topics;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.test.TestRecord;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * The monitor topology in a {@link TopologyTestDriver}, with raw-bytes inputs (as any producer
 * would send them) and parsed outputs. Time is explicit: record timestamps, and
 * {@link #advanceWallClock} for punctuation.
 */
final class MonitorDriver implements AutoCloseable {

    static final Topics TOPICS = Topics.fromDirectory(Path.of("topics"));

    final TopologyTestDriver driver;
    final MonitorMetrics metrics;
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final TestInputTopic<byte[], byte[]> articles;
    private final TestInputTopic<byte[], byte[]> watchlist;
    private final TestOutputTopic<String, byte[]> mentions;
    private final TestOutputTopic<String, byte[]> alerts;
    private final TestOutputTopic<byte[], byte[]> dlq;
    private final TestOutputTopic<String, byte[]> stories;
    private final TestOutputTopic<String, byte[]> applied;
    private final TestInputTopic<String, byte[]> backfill;

    MonitorDriver(MonitorSettings settings, Set<String> existingTopics) {
        this(settings, existingTopics, OutputLimits.uniform(Monitor.MAX_REQUEST_BYTES));
    }

    /** @param limits what each topic accepts, as the monitor would learn it from the cluster */
    MonitorDriver(MonitorSettings settings, Set<String> existingTopics, OutputLimits limits) {
        metrics = new MonitorMetrics(registry, new EntityLabels(Set.of(), 100));
        Topology topology = MonitorTopology.build(TOPICS, settings, new LiveWatchlist(), metrics, existingTopics::contains, limits);
        Properties props = new Properties();
        props.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, FailedRecords.ProcessingHandler.class);
        props.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, FailedRecords.ProductionHandler.class);
        props.put(FailedRecords.CONFIG, new FailedRecords(
                new DeadLetters(TOPICS.name(TopicRole.DLQ), settings.maxDeadLetterBytes(), limits), metrics, () -> { }));
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "monitor-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, System.getProperty("java.io.tmpdir") + "/newswatch-ttd-" + System.nanoTime());
        driver = new TopologyTestDriver(topology, props, Instant.parse("2026-01-01T00:00:00Z"));
        articles = driver.createInputTopic(TOPICS.name(TopicRole.ARTICLES), new ByteArraySerializer(), new ByteArraySerializer());
        watchlist = driver.createInputTopic(TOPICS.name(TopicRole.WATCHLIST), new ByteArraySerializer(), new ByteArraySerializer());
        mentions = driver.createOutputTopic(TOPICS.name(TopicRole.MENTIONS), new StringDeserializer(), new ByteArrayDeserializer());
        alerts = driver.createOutputTopic(TOPICS.name(TopicRole.ALERTS), new StringDeserializer(), new ByteArrayDeserializer());
        dlq = driver.createOutputTopic(TOPICS.name(TopicRole.DLQ), new ByteArrayDeserializer(), new ByteArrayDeserializer());
        stories = driver.createOutputTopic(TOPICS.name(TopicRole.STORIES), new StringDeserializer(), new ByteArrayDeserializer());
        applied = driver.createOutputTopic(TOPICS.name(TopicRole.WATCHLIST_APPLIED), new StringDeserializer(),
                new ByteArrayDeserializer());
        backfill = driver.createInputTopic(TOPICS.name(TopicRole.BACKFILL), new StringSerializer(), new ByteArraySerializer());
    }

    /** Sends a probe of backfill to the articles topic. */
    void probe(Instant at) {
        articles.pipeInput(new TestRecord<>(null, null,
                new org.apache.kafka.common.header.internals.RecordHeaders().add(AppliedVersion.PROBE_HEADER, new byte[0]), at));
    }

    /** Hands an article backfill matched to the story stage, as {@code watchlist backfill} does. */
    void backfilled(MatchedArticle article, Instant at) {
        backfill.pipeInput(article.articleId(), new MatchedArticleSerde().serialize("news.backfill", article), at);
    }

    /** What the monitor wrote to the applied topic, keyed by articles partition. */
    List<AppliedVersion> applied() {
        List<AppliedVersion> out = new ArrayList<>();
        for (TestRecord<String, byte[]> r : applied.readRecordsToList()) {
            out.add(read(r.value(), AppliedVersion.class));
        }
        return out;
    }

    MonitorDriver() {
        this(MonitorSettings.DEFAULTS, Set.of());
    }

    void watch(String entityJson) {
        String id = Json.mapper().valueToTree(parse(entityJson)).get("id").asText();
        watchlist.pipeInput(bytes(id), bytes(entityJson));
    }

    void unwatch(String id) {
        watchlist.pipeInput(bytes(id), (byte[]) null);
    }

    void watchRaw(byte[] key, byte[] value) {
        watchlist.pipeInput(key, value);
    }

    /** Writes a record straight into the mentions topic, as another program could. */
    void mentionRaw(String key, byte[] value, Instant at) {
        driver.createInputTopic(TOPICS.name(TopicRole.MENTIONS), new StringSerializer(), new ByteArraySerializer())
                .pipeInput(key, value, at);
    }

    /** Sends an article keyed by its id, at the given time. */
    void article(String id, String title, String body, Instant at) {
        articles.pipeInput(bytes(id), bytes(articleJson(id, title, body, null)), at);
    }

    void article(String id, String title, String body, String source, Instant at) {
        articles.pipeInput(bytes(id), bytes(articleJson(id, title, body, source)), at);
    }

    void raw(byte[] key, byte[] value, Instant at) {
        articles.pipeInput(key, value, at);
    }

    static String articleJson(String id, String title, String body, String source) {
        Map<String, Object> fields = new java.util.LinkedHashMap<>();
        if (id != null) {
            fields.put("id", id);
        }
        fields.put("url", "https://example.org/" + (id == null ? "x" : id));
        if (source != null) {
            fields.put("source", source);
        }
        fields.put("title", title);
        fields.put("body", body);
        try {
            return Json.mapper().writeValueAsString(fields);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    List<TestRecord<String, byte[]>> mentionRecords() {
        return mentions.readRecordsToList();
    }

    List<Mention> mentions() {
        List<Mention> out = new ArrayList<>();
        for (TestRecord<String, byte[]> r : mentions.readRecordsToList()) {
            out.add(read(r.value(), Mention.class));
        }
        return out;
    }

    List<Alert> alerts() {
        List<Alert> out = new ArrayList<>();
        for (TestRecord<String, byte[]> r : alerts.readRecordsToList()) {
            out.add(read(r.value(), Alert.class));
        }
        return out;
    }

    /** The story records written since the last call, in order: each is its story as it then was. */
    List<io.newswatch.story.Story> stories() {
        List<io.newswatch.story.Story> out = new ArrayList<>();
        for (TestRecord<String, byte[]> r : stories.readRecordsToList()) {
            out.add(read(r.value(), io.newswatch.story.Story.class));
        }
        return out;
    }

    List<Alert> alertsOn(String topic) {
        List<Alert> out = new ArrayList<>();
        for (TestRecord<String, byte[]> r : driver.createOutputTopic(topic, new StringDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList()) {
            out.add(read(r.value(), Alert.class));
        }
        return out;
    }

    List<TestRecord<byte[], byte[]>> deadLetters() {
        return dlq.readRecordsToList();
    }

    void advanceWallClock(java.time.Duration duration) {
        driver.advanceWallClockTime(duration);
    }

    static String header(Headers headers, String name) {
        var h = headers.lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static Object parse(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (Exception e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static <T> T read(byte[] bytes, Class<T> type) {
        try {
            return Json.mapper().readValue(bytes, type);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read " + type.getSimpleName() + ": " + e.getMessage(), e);
        }
    }

    @Override
    public void close() {
        driver.close();
    }
}
