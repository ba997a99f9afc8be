package io.newswatch.monitor;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.alert.Alert;
import io.newswatch.article.Article;
import io.newswatch.cli.NewswatchCli;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.match.EntityMentions;
import io.newswatch.match.Matcher;
import io.newswatch.testing.KafkaBroker;
import io.newswatch.testing.Tags;
import io.newswatch.testing.TestData;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.AlertKind;
import io.newswatch.watchlist.WatchedEntity;
import io.newswatch.watchlist.WatchlistFiles;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
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
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor on a real broker: the seed article and 50 Wikinews articles in, the mentions the
 * offline matcher finds and their alerts out (read_committed), and a watchlist change live in
 * under 2 s.
 */
@Tag(Tags.INTEGRATION)
@Timeout(240)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MonitorIT {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    static Path stateDir;

    private static final Topics TOPICS = Topics.fromDirectory(Path.of("topics"));
    private static Monitor monitor;
    private static List<WatchedEntity> starter;
    private static List<Article> articles;

    @BeforeAll
    static void startMonitor() throws Exception {
        assertThat(NewswatchCli.commandLine().execute("--bootstrap-server", kafka.bootstrapServers(), "topics", "apply",
                "--dir", "topics")).isZero();
        starter = WatchlistFiles.starter();
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            for (WatchedEntity entity : starter) {
                producer.send(new ProducerRecord<>(TOPICS.name(TopicRole.WATCHLIST), bytes(entity.id()),
                        Json.mapper().writeValueAsBytes(entity))).get();
            }
        }
        monitor = Monitor.start(KafkaSettings.of(kafka.bootstrapServers(), Map.of()), TOPICS,
                Monitor.Options.defaults().withApplicationId("monitor-it").withStateDir(stateDir).withThreads(1),
                new SimpleMeterRegistry());
        assertThat(monitor.awaitRunning(Duration.ofSeconds(60))).isTrue();

        articles = new ArrayList<>();
        articles.add(new Article("seed", "https://example.org/seed", "wire", "Putin hosts Myanmar junta chief",
                TestData.seedArticle(), "en", null));
        for (TestData.WikinewsArticle w : TestData.wikinews(50)) {
            articles.add(new Article(null, w.url(), "Wikinews", w.title(), w.text(), "en",
                    LocalDate.parse(w.date()).atStartOfDay().atOffset(ZoneOffset.UTC)).withDerivedId());
        }
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            for (Article article : articles) {
                producer.send(new ProducerRecord<>(TOPICS.name(TopicRole.ARTICLES), bytes(article.id()),
                        Json.mapper().writeValueAsBytes(article))).get();
            }
        }
    }

    @AfterAll
    static void stopMonitor() {
        if (monitor != null) {
            monitor.close(Duration.ofSeconds(30));
        }
    }

    @Test
    @Order(1)
    void shouldPublishExactlyTheMentionsTheMatcherFindsWithTheirAlerts() throws Exception {
        Matcher matcher = Matcher.compile(starter);
        Set<String> expected = new TreeSet<>();
        for (Article article : articles) {
            for (EntityMentions em : matcher.match(article.title(), article.body())) {
                expected.add(article.id() + "/" + em.entity().id());
            }
        }
        assertThat(expected).contains("seed/icc", "seed/myanmar", "seed/rosatom");

        List<ConsumerRecord<byte[], byte[]>> mentionRecords = kafka.read(TOPICS.name(TopicRole.MENTIONS), expected.size(), Duration.ofSeconds(90));
        Set<String> actual = new TreeSet<>();
        for (ConsumerRecord<byte[], byte[]> r : mentionRecords) {
            Mention m = Json.mapper().readValue(r.value(), Mention.class);
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo(m.entityId());
            assertThat(m.watchlistVersion()).isEqualTo(starter.size() - 1L);
            actual.add(m.articleId() + "/" + m.entityId());
        }
        assertThat(mentionRecords).hasSameSizeAs(actual);
        assertThat(actual).isEqualTo(expected);

        long mentionAlertsExpected = expected.stream()
                .filter(key -> starterEntity(key.substring(key.indexOf('/') + 1)).alerts().kinds().contains(AlertKind.MENTION))
                .count();
        List<Alert> alerts = readAlerts((int) mentionAlertsExpected, Duration.ofSeconds(60));
        assertThat(alerts.stream().filter(a -> a.kind() == AlertKind.MENTION).count()).isEqualTo(mentionAlertsExpected);
        assertThat(alerts).filteredOn(a -> a.kind() == AlertKind.MENTION)
                .filteredOn(a -> a.evidence().get(0).articleId().equals("seed"))
                .extracting(Alert::entityId).contains("icc", "rosatom", "myanmar");
        assertThat(alerts).extracting(Alert::alertId).doesNotHaveDuplicates();
        System.out.printf("MonitorIT: %d articles, %d mentions, %d alerts compared%n", articles.size(), actual.size(), alerts.size());
    }

    @Test
    @Order(2)
    void shouldMatchAnEntityAddedWhileRunningWithinTwoSeconds() throws Exception {
        String rohingya = "{\"id\":\"rohingya\",\"name\":\"Rohingya\",\"aliases\":[\"Rohingya\"]}";
        long addedAt;
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer();
             KafkaConsumer<byte[], byte[]> mentions = committedConsumer()) {
            TopicPartition[] partitions = mentions.partitionsFor(TOPICS.name(TopicRole.MENTIONS)).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toArray(TopicPartition[]::new);
            mentions.assign(List.of(partitions));
            mentions.seekToEnd(List.of(partitions));
            mentions.poll(Duration.ZERO);

            producer.send(new ProducerRecord<>(TOPICS.name(TopicRole.WATCHLIST), bytes("rohingya"), bytes(rohingya))).get();
            addedAt = System.currentTimeMillis();
            Map<String, Long> sentAt = new HashMap<>();
            String firstMatched = null;
            for (int probe = 0; firstMatched == null && probe < 100; probe++) {
                String id = "probe-" + probe;
                byte[] article = Json.mapper().writeValueAsBytes(new Article(id, null, "test", "Probe",
                        "Rohingya refugees crossed the border.", "en", null));
                producer.send(new ProducerRecord<>(TOPICS.name(TopicRole.ARTICLES), bytes(id), article)).get();
                sentAt.put(id, System.currentTimeMillis());
                for (ConsumerRecord<byte[], byte[]> r : mentions.poll(Duration.ofMillis(200))) {
                    Mention m = Json.mapper().readValue(r.value(), Mention.class);
                    if (m.entityId().equals("rohingya") && firstMatched == null) {
                        firstMatched = m.articleId();
                    }
                }
            }
            assertThat(firstMatched).as("a probe article was matched to the new entity").isNotNull();
            long liveAfter = sentAt.get(firstMatched) - addedAt;
            System.out.printf("MonitorIT: entity live after at most %d ms%n", liveAfter);
            assertThat(liveAfter).isLessThanOrEqualTo(2000);
        }
    }

    private static WatchedEntity starterEntity(String id) {
        return starter.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
    }

    private static List<Alert> readAlerts(int atLeast, Duration timeout) throws Exception {
        List<Alert> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.read(TOPICS.name(TopicRole.ALERTS), atLeast, timeout)) {
            out.add(Json.mapper().readValue(r.value(), Alert.class));
        }
        return out;
    }

    private static KafkaConsumer<byte[], byte[]> committedConsumer() {
        Map<String, Object> config = new HashMap<>();
        config.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers());
        config.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed");
        config.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        return new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
