package io.newswatch.reliability;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.article.Article;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.match.EntityMentions;
import io.newswatch.match.Matcher;
import io.newswatch.monitor.DeadLetters;
import io.newswatch.monitor.Monitor;
import io.newswatch.monitor.MonitorSettings;
import io.newswatch.monitor.RejectReason;
import io.newswatch.testing.KafkaBroker;
import io.newswatch.testing.Tags;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.WatchedEntity;
import io.newswatch.watchlist.WatchlistFiles;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import static io.newswatch.reliability.Outputs.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Thirteen kinds of bad article record, produced as raw bytes between good articles, and bad
 * watchlist records between good entities: every good record is matched, every bad one lands in
 * the dead-letter topic with its reason and source coordinates and is counted, and the monitor
 * keeps running.
 */
@Tag(Tags.INTEGRATION)
@Timeout(180)
class PoisonPillIT {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path stateDir;

    private static final Topics TOPICS = Topics.fromDirectory(Path.of("topics"));
    private static final int MAX_BODY_BYTES = 20_000;

    /** Each bad kind: the bytes produced and the reason the monitor must give. */
    private record Bad(String kind, byte[] value, RejectReason reason) {
    }

    private static List<Bad> badRecords() {
        String ok = "{\"title\":\"Fine\",\"body\":\"Myanmar junta.\"}";
        return List.of(
                new Bad("invalid-json", bytes("this is not json"), RejectReason.MALFORMED_JSON),
                new Bad("truncated-json", bytes(ok.substring(0, ok.length() - 6)), RejectReason.MALFORMED_JSON),
                new Bad("wrong-shape", bytes("[\"Myanmar\", \"junta\"]"), RejectReason.WRONG_SHAPE),
                new Bad("json-null", bytes("null"), RejectReason.WRONG_SHAPE),
                new Bad("wrong-field-type", bytes("{\"title\":{\"nested\":true},\"body\":\"Myanmar junta.\"}"), RejectReason.WRONG_TYPE),
                new Bad("missing-body", bytes("{\"url\":\"https://example.org/no-text\"}"), RejectReason.MISSING_BODY),
                new Bad("blank-body", bytes("{\"title\":\"  \",\"body\":\"   \\n\\t \"}"), RejectReason.BLANK_BODY),
                new Bad("body-over-limit", Outputs.json(new Article("big", null, "t", "Big", "Myanmar ".repeat(MAX_BODY_BYTES / 8 + 10),
                        "en", null)), RejectReason.BODY_TOO_LARGE),
                new Bad("invalid-utf8", new byte[] {'{', '"', 't', 'i', 't', 'l', 'e', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'},
                        RejectReason.INVALID_UTF8),
                new Bad("null-value", null, RejectReason.NULL_VALUE),
                new Bad("empty-value", new byte[0], RejectReason.EMPTY_VALUE),
                new Bad("huge-title", Outputs.json(new Article("huge", null, "t", "Myanmar ".repeat(1_000), "Myanmar junta.", "en", null)),
                        RejectReason.TITLE_TOO_LARGE),
                new Bad("deeply-nested", bytes("{\"title\":\"Deep\",\"body\":\"x\",\"extra\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}"),
                        RejectReason.TOO_DEEP));
    }

    @Test
    void shouldRouteEveryBadRecordToTheDeadLetterTopicAndProcessEveryGoodOne() throws Exception {
        // Given the topics and a watchlist with bad records among the starter entities
        try (Admin admin = kafka.admin()) {
            Outputs.create(admin, TOPICS);
        }
        List<WatchedEntity> starter = WatchlistFiles.starter();
        String watchlistTopic = TOPICS.name(TopicRole.WATCHLIST);
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            int half = starter.size() / 2;
            Outputs.sendWatchlist(producer, watchlistTopic, starter.subList(0, half));
            producer.send(new ProducerRecord<>(watchlistTopic, bytes("broken"), bytes("{\"id\":\"broken\","))).get();
            producer.send(new ProducerRecord<>(watchlistTopic, new byte[0], Outputs.json(starter.get(0)))).get();
            producer.send(new ProducerRecord<>(watchlistTopic, bytes("other-id"), Outputs.json(starter.get(1)))).get();
            producer.send(new ProducerRecord<>(watchlistTopic, bytes("no-alias"), bytes("{\"id\":\"no-alias\",\"name\":\"X\",\"aliases\":[]}"))).get();
            Outputs.sendWatchlist(producer, watchlistTopic, starter.subList(half, starter.size()));
        }
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (Monitor monitor = Monitor.start(KafkaSettings.of(kafka.bootstrapServers(), Map.of()), TOPICS,
                Monitor.Options.defaults().withApplicationId("poison-it").withStateDir(stateDir).withThreads(1)
                        .withSettings(MonitorSettings.DEFAULTS.withMaxBodyBytes(MAX_BODY_BYTES)),
                registry)) {
            assertThat(monitor.awaitRunning(Duration.ofSeconds(60))).isTrue();

            // When good and bad articles are interleaved, the last good one keyless
            List<Article> good = new ArrayList<>();
            Map<String, RecordMetadata> badSent = new LinkedHashMap<>();
            String articles = TOPICS.name(TopicRole.ARTICLES);
            try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
                int i = 0;
                for (Bad bad : badRecords()) {
                    Article article = new Article("good-" + i++, null, "test", "Good " + i,
                            "The junta of Myanmar signed a deal with Rosatom, the ICC said.", "en", null);
                    good.add(article);
                    producer.send(new ProducerRecord<>(articles, bytes(article.id()), Outputs.json(article))).get();
                    badSent.put(bad.kind(), producer.send(new ProducerRecord<>(articles, bytes("bad-" + bad.kind()), bad.value())).get());
                }
                Article keyless = new Article(null, "https://example.org/keyless", "test", "Keyless",
                        "Rosatom builds in Myanmar.", "en", null);
                good.add(keyless.withDerivedId());
                producer.send(new ProducerRecord<>(articles, null, Outputs.json(keyless))).get();
            }

            // Then every bad record is in the DLQ with its reason and coordinates
            List<Bad> bads = badRecords();
            List<ConsumerRecord<byte[], byte[]>> dead = kafka.read(TOPICS.name(TopicRole.DLQ), bads.size(), Duration.ofSeconds(60));
            assertThat(dead).hasSize(bads.size());
            Map<String, ConsumerRecord<byte[], byte[]>> byKind = new LinkedHashMap<>();
            for (ConsumerRecord<byte[], byte[]> r : dead) {
                byKind.put(new String(r.key(), StandardCharsets.UTF_8).substring("bad-".length()), r);
            }
            for (Bad bad : bads) {
                ConsumerRecord<byte[], byte[]> r = byKind.get(bad.kind());
                assertThat(r).as(bad.kind()).isNotNull();
                assertThat(header(r, DeadLetters.REASON)).as(bad.kind()).isEqualTo(bad.reason().key());
                assertThat(header(r, DeadLetters.ERROR)).as(bad.kind()).isNotBlank();
                RecordMetadata sent = badSent.get(bad.kind());
                assertThat(header(r, DeadLetters.SOURCE_TOPIC)).isEqualTo(articles);
                assertThat(header(r, DeadLetters.SOURCE_PARTITION)).as(bad.kind()).isEqualTo(String.valueOf(sent.partition()));
                assertThat(header(r, DeadLetters.SOURCE_OFFSET)).as(bad.kind()).isEqualTo(String.valueOf(sent.offset()));
                assertThat(r.value()).as(bad.kind()).isEqualTo(bad.value());
            }

            // And every good one is matched against the whole (valid) watchlist
            Matcher matcher = Matcher.compile(starter);
            Set<String> expected = new TreeSet<>();
            for (Article article : good) {
                for (EntityMentions em : matcher.match(article.title(), article.body())) {
                    expected.add(article.id() + "/" + em.entity().id());
                }
            }
            assertThat(expected).contains(good.get(good.size() - 1).id() + "/rosatom");
            List<String> mentions = Outputs.mentionKeys(kafka.read(TOPICS.name(TopicRole.MENTIONS), expected.size(), Duration.ofSeconds(60)));
            assertThat(mentions).doesNotHaveDuplicates();
            assertThat(new TreeSet<>(mentions)).isEqualTo(expected);

            // And each reason is counted, the watchlist rejects too, and the monitor still runs
            Map<String, Long> wantCounts = new LinkedHashMap<>();
            bads.forEach(b -> wantCounts.merge(b.reason().key(), 1L, Long::sum));
            wantCounts.forEach((reason, count) -> assertThat(count(registry, "newswatch.articles.rejected", reason))
                    .as(reason).isEqualTo(count.doubleValue()));
            assertThat(count(registry, "newswatch.watchlist.rejected", "invalid-entity")).isEqualTo(2.0);
            assertThat(count(registry, "newswatch.watchlist.rejected", "missing-key")).isEqualTo(1.0);
            assertThat(count(registry, "newswatch.watchlist.rejected", "key-mismatch")).isEqualTo(1.0);
            assertThat(monitor.watchlist().current().matcher().size()).isEqualTo(starter.size());
            assertThat(monitor.state()).isEqualTo(KafkaStreams.State.RUNNING);
            System.out.printf("PoisonPillIT: %d bad article kinds (%d reasons) in the DLQ, 4 bad watchlist records skipped, "
                    + "%d good articles, %d mentions%n", bads.size(), wantCounts.size(), good.size(), mentions.size());
        }
    }

    private static double count(SimpleMeterRegistry registry, String name, String reason) {
        Counter counter = registry.find(name).tag("reason", reason).counter();
        return counter == null ? 0 : counter.count();
    }

    private static String header(ConsumerRecord<byte[], byte[]> r, String name) {
        Header h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
