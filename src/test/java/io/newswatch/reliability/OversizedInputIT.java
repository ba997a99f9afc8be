package io.newswatch.reliability;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.alert.Alert;
import io.newswatch.article.Article;
import io.newswatch.kafka.Json;
import io.newswatch.monitor.DeadLetters;
import io.newswatch.monitor.Mention;
import io.newswatch.monitor.Monitor;
import io.newswatch.testing.KafkaBroker;
import io.newswatch.testing.Tags;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.WatchedEntity;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
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

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static io.newswatch.reliability.Outputs.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One article must never stop the monitor: the records that once made every stream thread fail
 * on the same offset forever, produced to a real broker. Each is written bounded or
 * dead-lettered bounded, and an ordinary article sent after it still alerts within seconds.
 */
@Tag(Tags.INTEGRATION)
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OversizedInputIT {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    static Path stateDir;

    private static final Topics TOPICS = Topics.fromDirectory(Path.of("topics"));
    private static final String ARTICLES = TOPICS.name(TopicRole.ARTICLES);
    private static final Duration SOON = Duration.ofSeconds(60);
    private static final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private static Monitor monitor;
    private static int canaries;

    @BeforeAll
    static void start() throws Exception {
        monitor = Outputs.startMonitor(kafka, TOPICS, List.of(WatchedEntity.of("rosatom", "Rosatom", "Rosatom"),
                        WatchedEntity.of("myanmar", "Myanmar", "Myanmar")),
                Monitor.Options.defaults().withApplicationId("oversized-it").withStateDir(stateDir).withThreads(2), registry);
        assertCanaryAlerts();
    }

    @AfterAll
    static void stop() {
        if (monitor != null) {
            monitor.close();
        }
    }

    @Test
    @Order(1)
    void shouldWriteACappedMentionOfAnArticleNamingAnEntity131000Times() throws Exception {
        // Given a 1 MiB article (within the body limit) naming one entity 131,000 times: a 41.6 MB mention uncapped
        Article liveBlog = new Article("live-blog", "https://example.org/live", "test", "Live blog",
                "Rosatom ".repeat(131_000), "en", null);

        RecordMetadata sent = send(Map.of(), "live-blog", Outputs.json(liveBlog));

        // Then its mention is written with the first 100 hits and the count of the rest
        List<ConsumerRecord<byte[], byte[]>> mentions = kafka.await(TOPICS.name(TopicRole.MENTIONS),
                r -> new String(r.value(), StandardCharsets.UTF_8).contains("\"articleId\":\"live-blog\""), 1, SOON);
        assertThat(mentions).as("the mention of the live blog").hasSize(1);
        assertThat(mentions.get(0).value().length).isLessThan(100 * 1024);
        Mention mention = Json.mapper().readValue(mentions.get(0).value(), Mention.class);
        assertThat(mention.hits()).hasSize(Mention.MAX_HITS);
        assertThat(mention.truncated()).isEqualTo(131_000 - Mention.MAX_HITS);
        // And articles on other partitions keep alerting, with no stream thread lost
        assertCanaryAlertsAwayFrom(sent.partition());
        assertHealthy();
        System.out.printf("OversizedInputIT: a %d-byte article with 131,000 hits -> a %d-byte mention (100 hits, %d truncated)%n",
                Outputs.json(liveBlog).length, mentions.get(0).value().length, mention.truncated());
    }

    @Test
    @Order(2)
    void shouldDeadLetterCompressedValuesOverTheTopicLimitKeepingTheirStart() throws Exception {
        // Given values far over the topic's 2 MiB that the broker accepts because their gzip batch is small
        byte[] fiveMb = Outputs.json(new Article("gzip-5mb", null, "test", "Big", "Rosatom builds a plant. ".repeat(210_000), "en", null));
        byte[] eightMb = Outputs.json(new Article("gzip-8mb", null, "test", "Bigger", "Rosatom builds a plant. ".repeat(350_000), "en", null));
        Map<String, Object> gzip = Map.of(ProducerConfig.COMPRESSION_TYPE_CONFIG, "gzip");

        send(gzip, "gzip-5mb", fiveMb);
        send(gzip, "gzip-8mb", eightMb);

        // Then each is a dead letter that keeps the first MiB, its size, reason and coordinates
        Map<String, ConsumerRecord<byte[], byte[]>> dead = deadLetters(List.of("gzip-5mb", "gzip-8mb"));
        assertDeadLetter(dead.get("gzip-5mb"), "body-too-large", fiveMb);
        assertDeadLetter(dead.get("gzip-8mb"), "value-too-large", eightMb);
        assertCanaryAlerts();
        assertHealthy();
        System.out.printf("OversizedInputIT: gzip values of %d and %d bytes -> dead letters of %d and %d bytes%n",
                fiveMb.length, eightMb.length, dead.get("gzip-5mb").value().length, dead.get("gzip-8mb").value().length);
    }

    @Test
    @Order(3)
    void shouldDeadLetterARejectedRecordJustUnderTheTopicLimit() throws Exception {
        // Given an uncompressed record of 2,096,952 bytes (the topic takes 2,097,152) that is not JSON:
        // its dead letter with the original value and the reason headers would be over the limit
        byte[] value = new byte[2_096_952];
        Arrays.fill(value, (byte) 'x');

        send(Map.of(), "almost-2mib", value);

        assertDeadLetter(deadLetters(List.of("almost-2mib")).get("almost-2mib"), "malformed-json", value);
        assertCanaryAlerts();
        assertHealthy();
    }

    @Test
    @Order(4)
    void shouldDeadLetterAnArticleWhoseMentionItsTopicNoLongerAcceptsAndGoOn() throws Exception {
        // Given an operator lowers news.mentions' record limit to 8 KiB while the monitor runs (4 KiB of it kept
        // for key and headers: ordinary mentions of a few hundred bytes still fit)
        String mentionsTopic = TOPICS.name(TopicRole.MENTIONS);
        alterMaxMessageBytes(mentionsTopic, "8192");
        try {
            // When an article makes a mention of about 40 KB
            send(Map.of(), "wide", Outputs.json(new Article("wide", null, "test", "Wide",
                    "Rosatom builds a plant in the north of the country, far from the sea. ".repeat(150), "en", null)));

            // Then the article is dead-lettered with the reason, and processing goes on
            ConsumerRecord<byte[], byte[]> dead = deadLetters(List.of("wide")).get("wide");
            assertThat(header(dead, DeadLetters.REASON)).isEqualTo("output-too-large");
            assertThat(header(dead, DeadLetters.ERROR)).startsWith("mention for " + mentionsTopic + " has ");
            assertCanaryAlerts();
            // the thread that met the refusal was replaced: the group rebalances once more, then runs
            assertThat(monitor.awaitRunning(SOON)).as("running again").isTrue();
            assertThat(monitor.health().liveness().ok()).isTrue();
        } finally {
            alterMaxMessageBytes(mentionsTopic, null);
        }
    }

    private static RecordMetadata send(Map<String, Object> extra, String key, byte[] value) throws Exception {
        Map<String, Object> config = new HashMap<>(extra);
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ProducerConfig.ACKS_CONFIG, "all");
        config.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 16 * 1024 * 1024);
        config.put(ProducerConfig.BUFFER_MEMORY_CONFIG, 64L * 1024 * 1024);
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            return producer.send(new ProducerRecord<>(ARTICLES, bytes(key), value)).get();
        }
    }

    /** An ordinary article whose MENTION alert must arrive soon. */
    private static void assertCanaryAlerts() throws Exception {
        assertCanaryAlertsAwayFrom(-1);
    }

    /** As above, with an id that the Java producer puts on another partition than {@code partition}. */
    private static void assertCanaryAlertsAwayFrom(int partition) throws Exception {
        int partitions = TOPICS.spec(TopicRole.ARTICLES).partitions();
        String id;
        do {
            id = "canary-" + canaries++;
        } while (Utils.toPositive(Utils.murmur2(bytes(id))) % partitions == partition);
        long start = System.nanoTime();
        // Words of its own: the same text again would be a copy of the first canary's story, which alerts once.
        String canary = id;
        String words = java.util.stream.IntStream.range(0, 12).mapToObj(i -> Integer.toHexString((canary + "/" + i).hashCode()))
                .collect(java.util.stream.Collectors.joining(" "));
        send(Map.of(), id, Outputs.json(new Article(id, null, "test", "Canary", "Myanmar canary " + words + ".", "en", null)));
        String wanted = id;
        List<ConsumerRecord<byte[], byte[]>> alerts = kafka.await(TOPICS.name(TopicRole.ALERTS), r -> {
            Alert alert = read(r.value(), Alert.class);
            return !alert.evidence().isEmpty() && alert.evidence().get(0).articleId().equals(wanted);
        }, 1, SOON);
        assertThat(alerts).as("the alert for " + id).hasSize(1);
        System.out.printf("OversizedInputIT: %s alerted %d ms after it was sent%n", id, (System.nanoTime() - start) / 1_000_000);
    }

    private static void assertHealthy() {
        assertThat(monitor.state()).isEqualTo(KafkaStreams.State.RUNNING);
        assertThat(registry.get("newswatch.stream.thread.failures").counter().count()).as("stream threads lost").isZero();
        assertThat(monitor.health().liveness().ok()).isTrue();
    }

    private static Map<String, ConsumerRecord<byte[], byte[]>> deadLetters(List<String> keys) {
        Map<String, ConsumerRecord<byte[], byte[]>> byKey = new HashMap<>();
        kafka.await(TOPICS.name(TopicRole.DLQ), r -> r.key() != null && keys.contains(new String(r.key(), StandardCharsets.UTF_8)),
                keys.size(), SOON).forEach(r -> byKey.put(new String(r.key(), StandardCharsets.UTF_8), r));
        assertThat(byKey.keySet()).as("dead letters").containsExactlyInAnyOrderElementsOf(keys);
        return byKey;
    }

    private static void assertDeadLetter(ConsumerRecord<byte[], byte[]> dead, String reason, byte[] original) {
        assertThat(header(dead, DeadLetters.REASON)).isEqualTo(reason);
        assertThat(header(dead, DeadLetters.ORIGINAL_BYTES)).isEqualTo(String.valueOf(original.length));
        assertThat(header(dead, DeadLetters.SOURCE_TOPIC)).isEqualTo(ARTICLES);
        assertThat(dead.value()).hasSize(1024 * 1024).isEqualTo(Arrays.copyOf(original, 1024 * 1024));
    }

    private static void alterMaxMessageBytes(String topic, String bytes) throws Exception {
        ConfigEntry entry = new ConfigEntry(TopicConfig.MAX_MESSAGE_BYTES_CONFIG, bytes);
        AlterConfigOp op = new AlterConfigOp(entry, bytes == null ? AlterConfigOp.OpType.DELETE : AlterConfigOp.OpType.SET);
        try (Admin admin = kafka.admin()) {
            admin.incrementalAlterConfigs(Map.of(new ConfigResource(ConfigResource.Type.TOPIC, topic), List.of(op))).all().get();
        }
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    private static <T> T read(byte[] json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
