package io.newswatch.monitor;

import io.newswatch.kafka.Json;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.newswatch.monitor.MonitorDriver.bytes;
import static io.newswatch.monitor.MonitorDriver.header;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Whatever comes in, what the monitor writes is bounded: mentions cap their hits, dead letters cap
 * the original value, oversized values are refused before parsing, and an output its topic would
 * refuse is never handed to the producer: the input is dead-lettered and processing goes on.
 */
class BoundedOutputTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final String ROSATOM = """
            {"id":"rosatom","name":"Rosatom","aliases":["Rosatom"]}""";

    private MonitorDriver monitor = new MonitorDriver();

    @AfterEach
    void close() {
        monitor.close();
    }

    @Test
    void shouldCapTheHitsOfAMentionAndCountTheRest() throws Exception {
        // Given a 1 MiB article naming one entity 131,000 times (a 41.6 MB mention before the cap)
        monitor.watch(ROSATOM);
        String body = "Rosatom ".repeat(131_000);

        monitor.article("live-blog", "Live blog", body, T0);

        // Then one mention with the first hits and the count of the others
        List<TestRecord<String, byte[]>> records = monitor.mentionRecords();
        assertThat(records).singleElement().satisfies(r -> assertThat(r.value().length).isLessThan(100 * 1024));
        Mention mention = Json.mapper().readValue(records.get(0).value(), Mention.class);
        assertThat(mention.hits()).hasSize(Mention.MAX_HITS);
        assertThat(mention.truncated()).isEqualTo(131_000 - Mention.MAX_HITS);
        assertThat(mention.hitCount()).isEqualTo(131_000);
        assertThat(mention.hits().get(0).start()).isZero();
        assertThat(monitor.alerts()).singleElement().satisfies(a -> assertThat(a.evidence().get(0).articleId()).isEqualTo("live-blog"));
    }

    @Test
    void shouldWriteNoTruncatedFieldForAnOrdinaryMention() {
        monitor.watch(ROSATOM);
        monitor.article("a", "t", "Rosatom builds a plant.", T0);

        assertThat(new String(monitor.mentionRecords().get(0).value(), StandardCharsets.UTF_8)).doesNotContain("truncated");
    }

    @Test
    void shouldCutHitTextAndSnippetOfAnApproximateHitOnAHugeWord() {
        Mention.MentionHit hit = new Mention.MentionHit("body", 0, 300_000, "International " + "x".repeat(300_000) + " Court",
                "International Criminal Court", "x".repeat(500_000), true, java.util.Map.of("Criminal", "x".repeat(300_000)), false, "alias '" + "x".repeat(300_000) + "'");

        assertThat(hit.text()).hasSize(Mention.MentionHit.MAX_TEXT_CHARS).endsWith("…").startsWith("International ");
        assertThat(hit.snippet()).hasSize(Mention.MentionHit.MAX_SNIPPET_CHARS).endsWith("…");
        assertThat(hit.substituted().get("Criminal")).hasSize(Mention.MentionHit.MAX_TEXT_CHARS).endsWith("…");
        assertThat(hit.why()).hasSize(Mention.MentionHit.MAX_SNIPPET_CHARS).endsWith("…");
    }

    @Test
    void shouldDeadLetterTheArticleWhenItsMentionIsTooLargeForTheMentionsTopicAndGoOn() throws Exception {
        // Given a mentions topic that accepts records of at most 8 KiB
        monitor.close();
        OutputLimits limits = OutputLimits.uniform(Monitor.MAX_REQUEST_BYTES);
        limits.topic("news.mentions", 8 * 1024 + OutputLimits.VALUE_HEADROOM);
        monitor = new MonitorDriver(MonitorSettings.DEFAULTS, Set.of(), limits);
        monitor.watch(ROSATOM);

        // When an article makes a large mention (100 hits with their snippets), then a small one arrives
        monitor.article("big", "Big", ("Rosatom builds a plant in the north of the country. ").repeat(200), T0);
        monitor.article("small", "Small", "Rosatom builds a plant.", T0.plusSeconds(1));

        // Then the large mention was not written, its article is a dead letter, and the small one went through
        assertThat(monitor.mentions()).extracting(Mention::articleId).containsExactly("small");
        List<TestRecord<byte[], byte[]>> dead = monitor.deadLetters();
        assertThat(dead).singleElement().satisfies(r -> {
            assertThat(header(r.headers(), DeadLetters.REASON)).isEqualTo("output-too-large");
            assertThat(header(r.headers(), DeadLetters.ERROR)).startsWith("mention for news.mentions has ").contains("limit");
            assertThat(header(r.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo("news.articles");
            assertThat(header(r.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo("0");
            assertThat(new String(r.value(), StandardCharsets.UTF_8)).contains("\"id\":\"big\"");
        });
        assertThat(monitor.registry.get("newswatch.articles.rejected").tag("reason", "output-too-large").counter().count())
                .isEqualTo(1);
        // The mention is checked where the article is matched, before the story stage: the article
        // is dead-lettered whole, with none of its output (no story, no alert) written.
        assertThat(monitor.alerts()).extracting(a -> a.evidence().get(0).articleId()).containsExactly("small");
    }

    @Test
    void shouldKeepOnlyTheStartOfAnOversizedRejectedValueWithItsSize() {
        // Given dead letters limited to 1,000 bytes of the original
        monitor.close();
        monitor = new MonitorDriver(MonitorSettings.DEFAULTS.withMaxDeadLetterBytes(1_000), Set.of());
        byte[] garbage = ("not json " + "x".repeat(50_000)).getBytes(StandardCharsets.UTF_8);

        monitor.raw(bytes("k"), garbage, T0);

        assertThat(monitor.deadLetters()).singleElement().satisfies(r -> {
            assertThat(r.value()).hasSize(1_000).isEqualTo(java.util.Arrays.copyOf(garbage, 1_000));
            assertThat(header(r.headers(), DeadLetters.ORIGINAL_BYTES)).isEqualTo(String.valueOf(garbage.length));
            assertThat(header(r.headers(), DeadLetters.REASON)).isEqualTo("malformed-json");
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("k");
        });
    }

    @Test
    void shouldRefuseAValueLargerThanAnyArticleBeforeParsingIt() {
        monitor.close();
        MonitorSettings settings = MonitorSettings.DEFAULTS.withMaxBodyBytes(1_000);
        monitor = new MonitorDriver(settings, Set.of());
        byte[] huge = ("{\"title\":\"t\",\"body\":\"" + "a".repeat(settings.maxValueBytes()) + "\"}").getBytes(StandardCharsets.UTF_8);

        monitor.raw(bytes("huge"), huge, T0);

        assertThat(monitor.deadLetters()).singleElement().satisfies(r -> {
            assertThat(header(r.headers(), DeadLetters.REASON)).isEqualTo("value-too-large");
            assertThat(header(r.headers(), DeadLetters.ERROR)).isEqualTo("value has " + huge.length + " bytes, limit "
                    + settings.maxValueBytes());
        });
    }

    @Test
    void shouldRefuseAnArticleWithAnOverlongUrlOrId() {
        monitor.watch(ROSATOM);
        monitor.raw(bytes("u"), bytes("{\"url\":\"https://example.org/" + "a".repeat(9_000) + "\",\"body\":\"Rosatom.\"}"), T0);
        monitor.raw(null, bytes("{\"id\":\"" + "i".repeat(600) + "\",\"body\":\"Rosatom.\"}"), T0);

        assertThat(monitor.deadLetters()).extracting(r -> header(r.headers(), DeadLetters.ERROR))
                .containsExactly("field url has 9020 characters, limit 8192", "field id has 600 characters, limit 512");
        assertThat(monitor.mentions()).isEmpty();
    }

    @Test
    void shouldSkipACopyResentWithAnOldTimestamp() {
        // Given recent traffic, then an article whose producer stamps it with its publication time, 30 days ago
        monitor.watch(ROSATOM);
        monitor.article("recent", "t", "Rosatom today.", T0);
        Instant old = T0.minus(Duration.ofDays(30));

        monitor.article("archived", "t", "Rosatom builds a plant.", old);
        monitor.article("archived", "t", "Rosatom builds a plant.", old.plusSeconds(60));

        assertThat(monitor.mentions()).extracting(Mention::articleId).containsExactly("recent", "archived");
        assertThat(monitor.registry.get("newswatch.articles.duplicates").counter().count()).isEqualTo(1);
    }

    @Test
    void shouldForgetAnIdOnceTheDuplicateWindowHasPassedOnTheMonitorsClock() {
        monitor.watch(ROSATOM);
        monitor.article("a", "t", "Rosatom builds a plant.", T0);

        monitor.advanceWallClock(MonitorSettings.DEFAULTS.duplicateWindow().plusMinutes(1));
        monitor.article("a", "t", "Rosatom builds a plant.", T0);

        assertThat(monitor.mentions()).extracting(Mention::articleId).containsExactly("a", "a");
    }

    @Test
    void shouldFindTheDuplicateOfARecordKeyedByIdInAnotherPartitionThanItsIds() {
        // Every record of the test driver is in partition 0; choose an id that the monitor keeps elsewhere
        ArticlePartitioner partitioner = new ArticlePartitioner(MonitorDriver.TOPICS.spec(io.newswatch.topics.TopicRole.ARTICLES).partitions());
        String id = java.util.stream.IntStream.range(0, 100).mapToObj(i -> "id-" + i)
                .filter(i -> partitioner.partition(i) != 0).findFirst().orElseThrow();
        monitor.watch(ROSATOM);

        monitor.article(id, "t", "Rosatom builds a plant.", T0);
        monitor.raw(null, bytes(MonitorDriver.articleJson(id, "t", "Rosatom builds a plant.", null)), T0.plusSeconds(1));

        assertThat(monitor.mentions()).extracting(Mention::articleId).containsExactly(id);
        assertThat(monitor.alerts()).hasSize(1);
    }

    @Test
    void shouldKeepTheOriginalHeadersOfADeadLetterOnlyWhenTheyAreSmall() {
        byte[] value = bytes("nope");
        var small = new org.apache.kafka.common.header.internals.RecordHeaders().add("trace", bytes("abc"));
        var big = new org.apache.kafka.common.header.internals.RecordHeaders().add("blob", new byte[DeadLetters.MAX_KEPT_HEADER_BYTES]);
        DeadLetters deadLetters = new DeadLetters("dlq", 1_000, OutputLimits.uniform(1 << 20));

        var fromSmall = deadLetters.of(new org.apache.kafka.streams.processor.api.Record<>(bytes("k"), value, 1L, small),
                RejectReason.MALFORMED_JSON, "x", java.util.Optional.empty());
        var fromBig = deadLetters.of(new org.apache.kafka.streams.processor.api.Record<>(bytes("k".repeat(5_000)), value, 1L, big),
                RejectReason.MALFORMED_JSON, "x", java.util.Optional.empty());

        assertThat(fromSmall.headers().lastHeader("trace")).isNotNull();
        assertThat(fromBig.headers().lastHeader("blob")).isNull();
        assertThat(fromBig.key()).hasSize(DeadLetters.MAX_KEY_BYTES);
        assertThat(Map.of("reason", header(fromBig.headers(), DeadLetters.REASON))).containsEntry("reason", "malformed-json");
    }
}
