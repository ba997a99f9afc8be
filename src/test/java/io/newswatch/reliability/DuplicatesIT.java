package io.newswatch.reliability;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.alert.Alert;
import io.newswatch.article.Article;
import io.newswatch.kafka.Json;
import io.newswatch.monitor.Mention;
import io.newswatch.monitor.Monitor;
import io.newswatch.testing.KafkaBroker;
import io.newswatch.testing.Tags;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.AlertKind;
import io.newswatch.watchlist.WatchedEntity;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
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
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.zip.CRC32;

import static io.newswatch.reliability.Outputs.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A re-sent article is a duplicate however it was produced: by a Java client and by kcat
 * (librdkafka partitions keys by CRC32, Java by murmur2, so the copies land on different
 * partitions), or stamped with a record time weeks old.
 */
@Tag(Tags.INTEGRATION)
@Timeout(240)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class DuplicatesIT {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    static Path stateDir;

    private static final Topics TOPICS = Topics.fromDirectory(Path.of("topics"));
    private static final String ARTICLES = TOPICS.name(TopicRole.ARTICLES);
    private static final int PARTITIONS = TOPICS.spec(TopicRole.ARTICLES).partitions();
    private static final Duration SOON = Duration.ofSeconds(60);
    private static Monitor monitor;

    @BeforeAll
    static void start() throws Exception {
        monitor = Outputs.startMonitor(kafka, TOPICS, List.of(WatchedEntity.of("rosatom", "Rosatom", "Rosatom")),
                Monitor.Options.defaults().withApplicationId("duplicates-it").withStateDir(stateDir).withThreads(2),
                new SimpleMeterRegistry());
    }

    @AfterAll
    static void stop() {
        if (monitor != null) {
            monitor.close();
        }
    }

    @Test
    @Order(1)
    void shouldFindTheDuplicateOfAnArticleSentByAJavaClientAndByKcat() throws Exception {
        // Given an id that librdkafka's default partitioner (CRC32) and Java's (murmur2) put on different partitions
        String id = java.util.stream.IntStream.range(0, 1_000).mapToObj(i -> "wire-" + i)
                .filter(i -> crc32Partition(i) != murmur2Partition(i)).findFirst().orElseThrow();
        byte[] article = Outputs.json(new Article(id, "https://example.org/" + id, "wire", "Plant", "Rosatom builds a plant.", "en", null));

        // When a Java producer and kcat each send it, keyed by its id
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            producer.send(new ProducerRecord<>(ARTICLES, bytes(id), article)).get();
        }
        kcatProduce(id + "\t" + new String(article, StandardCharsets.UTF_8));

        // Then the two copies are on two partitions, and yet there is one mention and one MENTION alert
        List<ConsumerRecord<byte[], byte[]>> copies = kafka.await(ARTICLES, r -> id.equals(key(r)), 2, SOON);
        assertThat(copies).extracting(ConsumerRecord::partition).as("partitions of the copies").doesNotHaveDuplicates().hasSize(2);
        assertCountedOnce(id);
        System.out.printf("DuplicatesIT: %s sent by Java (partition %d) and kcat (partition %d): 1 mention, 1 alert%n",
                id, murmur2Partition(id), crc32Partition(id));
    }

    @Test
    @Order(2)
    void shouldFindTheDuplicateOfACopyResentWithAnOldRecordTime() throws Exception {
        // Given recent traffic on the partition of an id, then that article sent twice stamped 20 days ago
        String id = "archive-1";
        String recent = java.util.stream.IntStream.range(0, 1_000).mapToObj(i -> "recent-" + i)
                .filter(i -> murmur2Partition(i) == murmur2Partition(id)).findFirst().orElseThrow();
        long old = Instant.now().minus(Duration.ofDays(20)).toEpochMilli();
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            producer.send(new ProducerRecord<>(ARTICLES, bytes(recent), Outputs.json(
                    new Article(recent, null, "wire", "Today", "Rosatom today.", "en", null)))).get();
            byte[] article = Outputs.json(new Article(id, null, "archive", "Plant", "Rosatom built a plant.", "en", null));
            producer.send(new ProducerRecord<>(ARTICLES, null, old, bytes(id), article)).get();
            producer.send(new ProducerRecord<>(ARTICLES, null, old + 60_000, bytes(id), article)).get();
        }

        // Then it is counted once
        assertCountedOnce(id);
    }

    /** Once a later article's alert is out (everything before it is processed), {@code id} has one mention and one alert. */
    private static void assertCountedOnce(String id) throws Exception {
        String marker = "marker-for-" + id;
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            for (int p = 0; p < PARTITIONS; p++) {
                producer.send(new ProducerRecord<>(ARTICLES, p, bytes(marker + "-" + p), Outputs.json(
                        new Article(marker + "-" + p, null, "test", "Marker", "Rosatom marker.", "en", null)))).get();
            }
        }
        assertThat(kafka.await(TOPICS.name(TopicRole.MENTIONS), r -> mention(r).articleId().startsWith(marker), PARTITIONS, SOON))
                .as("markers processed on every partition").hasSize(PARTITIONS);
        List<ConsumerRecord<byte[], byte[]>> mentions = kafka.await(TOPICS.name(TopicRole.MENTIONS),
                r -> mention(r).articleId().equals(id), 2, Duration.ofSeconds(3));
        List<ConsumerRecord<byte[], byte[]>> alerts = kafka.await(TOPICS.name(TopicRole.ALERTS), r -> {
            Alert alert = read(r.value(), Alert.class);
            return alert.kind() == AlertKind.MENTION && alert.evidence().get(0).articleId().equals(id);
        }, 2, Duration.ofSeconds(3));
        assertThat(mentions).as("mentions of " + id).hasSize(1);
        assertThat(alerts).as("MENTION alerts of " + id).hasSize(1);
    }

    private static void kcatProduce(String line) throws IOException, InterruptedException {
        Optional<String> kcat = Optional.ofNullable(System.getenv("PATH")).stream()
                .flatMap(p -> java.util.Arrays.stream(p.split(java.io.File.pathSeparator)))
                .map(d -> Path.of(d, "kcat")).filter(java.nio.file.Files::isExecutable).map(Path::toString).findFirst();
        assertThat(kcat).as("'kcat' must be on the PATH for this test (apt-get install kcat; .ci/run installs it)").isPresent();
        Process process = new ProcessBuilder(kcat.get(), "-b", kafka.bootstrapServers(), "-t", ARTICLES, "-P", "-K", "\t")
                .redirectErrorStream(true).start();
        process.getOutputStream().write((line + "\n").getBytes(StandardCharsets.UTF_8));
        process.getOutputStream().close();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("kcat finished").isTrue();
        assertThat(process.exitValue()).as(new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8)).isZero();
    }

    private static int murmur2Partition(String key) {
        return Utils.toPositive(Utils.murmur2(bytes(key))) % PARTITIONS;
    }

    /** librdkafka's default partitioner for a keyed record: CRC32 of the key. */
    private static int crc32Partition(String key) {
        CRC32 crc = new CRC32();
        crc.update(bytes(key));
        return (int) (crc.getValue() % PARTITIONS);
    }

    private static String key(ConsumerRecord<byte[], byte[]> r) {
        return r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8);
    }

    private static Mention mention(ConsumerRecord<byte[], byte[]> r) {
        return read(r.value(), Mention.class);
    }

    private static <T> T read(byte[] json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
