package io.newswatch.monitor;

import io.newswatch.alert.Alert;
import io.newswatch.testing.TestData;
import io.newswatch.watchlist.AlertKind;
import org.apache.kafka.streams.TopologyDescription;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

import static io.newswatch.monitor.MonitorDriver.bytes;
import static io.newswatch.monitor.MonitorDriver.header;
import static org.assertj.core.api.Assertions.assertThat;

class MonitorTopologyTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");

    private static final String ICC = """
            {"id":"icc","name":"International Criminal Court",
             "aliases":["ICC",{"text":"International Criminal Court","approximate":true}],
             "context":["court","judges","warrant","prosecutor","Hague","war crimes"],
             "alerts":{"kinds":["MENTION","CO_MENTION"]}}""";
    private static final String MYANMAR = """
            {"id":"myanmar","name":"Myanmar","aliases":["Myanmar","Burma"],"tags":["asia"]}""";
    @org.junit.jupiter.api.Test
    void shouldMatchAHeadlineWithoutBody() {
        monitor.watch(ROSATOM);

        monitor.article("headline", "Rosatom signs a reactor deal", null, T0);

        assertThat(monitor.mentions()).singleElement().satisfies(m -> assertThat(m.articleId()).isEqualTo("headline"));
        assertThat(monitor.deadLetters()).isEmpty();
    }

    private static final String ROSATOM = """
            {"id":"rosatom","name":"Rosatom","aliases":["Rosatom","Росатом"]}""";

    private MonitorDriver monitor = new MonitorDriver();

    @AfterEach
    void close() {
        monitor.close();
    }

    @Test
    void shouldNameEveryProcessorStoreAndInternalTopic() {
        TopologyDescription description = MonitorTopology.build(MonitorDriver.TOPICS, MonitorSettings.DEFAULTS,
                new LiveWatchlist(), io.newswatch.metrics.MonitorMetrics.noop(), t -> false, OutputLimits.uniform(1 << 20)).describe();
        Set<String> nodes = new TreeSet<>();
        Set<String> stores = new TreeSet<>();
        for (TopologyDescription.Subtopology sub : description.subtopologies()) {
            for (TopologyDescription.Node node : sub.nodes()) {
                nodes.add(node.name());
                if (node instanceof TopologyDescription.Processor p) {
                    stores.addAll(p.stores());
                }
            }
        }
        for (TopologyDescription.GlobalStore global : description.globalStores()) {
            nodes.add(global.source().name());
            nodes.add(global.processor().name());
            stores.addAll(global.processor().stores());
        }

        assertThat(nodes).as("no generated names").noneMatch(n -> n.startsWith("KSTREAM-") || n.startsWith("KTABLE-"));
        // The chain as MonitorTopology draws it: parse, route, match, then the steps after matching.
        assertThat(nodes).containsExactlyInAnyOrder("watchlist-updater-source", "watchlist-updater",
                "articles-source", "parse-articles", "parsed-", "parsed-applied", "applied-version", "applied-sink",
                "parsed-rejected", "dead-letter", "dlq-sink", "backfill-source", "backfill-merged",
                "parsed-in-place", "in-place-article", "parsed-elsewhere", "elsewhere-article",
                "articles-by-id-repartition-filter", "articles-by-id-repartition-sink", "articles-by-id-repartition-source",
                "articles-merged", "match-articles",
                "articles-by-story-repartition-filter", "articles-by-story-repartition-sink", "articles-by-story-repartition-source",
                "assign-stories",
                "mentions", "mentions-sink",
                "stories", "stories-sink",
                "story-alerts", "story-alerts-sink",
                "co-mention-alerts", "co-mention-alerts-sink",
                "mentions-source", "entity-alerts", "entity-alerts-sink", "entity-history",
                "alerts-source", "alert-history");
        assertThat(stores).containsExactlyInAnyOrder("watchlist-store", "article-ids", "story-sketches", "story-state",
                "co-mention-state", "entity-alert-state", "entity-mentions", "latest-alerts");
        assertThat(description.toString()).contains("articles-by-id-repartition", "articles-by-story-repartition");
    }

    @Test
    void shouldEmitOneMentionPerEntityAndAMentionAlertForTheSeedArticle() {
        monitor.watch(ICC);
        monitor.watch(MYANMAR);
        monitor.watch(ROSATOM);

        monitor.article("seed", "Putin hosts Myanmar junta chief", TestData.seedArticle(), "wire", T0);

        List<Mention> mentions = monitor.mentions();
        Map<String, Mention> byEntity = mentions.stream().collect(Collectors.toMap(Mention::entityId, m -> m));
        assertThat(byEntity.keySet()).containsExactlyInAnyOrder("icc", "myanmar", "rosatom");
        assertThat(byEntity.get("rosatom").hits()).hasSize(1);
        assertThat(byEntity.get("myanmar").hits()).hasSizeGreaterThanOrEqualTo(10);
        assertThat(byEntity.get("myanmar").watchlistVersion()).isEqualTo(2);
        assertThat(byEntity.get("icc").hits()).extracting(Mention.MentionHit::text).contains("ICC");
        Mention.MentionHit rosatom = byEntity.get("rosatom").hits().get(0);
        assertThat(TestData.seedArticle().substring(rosatom.start(), rosatom.end())).isEqualTo("Rosatom");

        List<Alert> alerts = monitor.alerts();
        assertThat(alerts).filteredOn(a -> a.kind() == AlertKind.MENTION).extracting(Alert::entityId)
                .containsExactlyInAnyOrder("icc", "myanmar", "rosatom");
        Alert myanmar = alerts.stream().filter(a -> a.entityId().equals("myanmar") && a.kind() == AlertKind.MENTION).findFirst().orElseThrow();
        assertThat(myanmar.evidence()).singleElement().satisfies(e -> {
            assertThat(e.articleId()).isEqualTo("seed");
            assertThat(e.snippet()).contains("Myanmar");
        });
        assertThat(myanmar.tags()).containsExactly("asia");
        assertThat(myanmar.watchlistVersion()).isEqualTo(2);
    }

    @Test
    void shouldAlertCoMentionForIccAndMyanmarOnTheSeedArticleOncePerWindow() {
        monitor.watch(ICC);
        monitor.watch(MYANMAR);

        monitor.article("seed", "Putin hosts Myanmar junta chief", TestData.seedArticle(), T0);
        monitor.article("seed-copy", "Again", TestData.seedArticle(), T0.plusSeconds(60));

        List<Alert> co = monitor.alerts().stream().filter(a -> a.kind() == AlertKind.CO_MENTION).toList();
        assertThat(co).singleElement().satisfies(a -> {
            assertThat(a.entityId()).isEqualTo("icc");
            assertThat(a.coEntityId()).isEqualTo("myanmar");
            assertThat(a.coEntityName()).isEqualTo("Myanmar");
            assertThat(a.articleCount()).isEqualTo(1);
        });
    }

    @Test
    void shouldFireThresholdOnceAtTheCrossingAndAgainInTheNextWindow() {
        monitor.watch("""
                {"id":"rosatom","name":"Rosatom","aliases":["Rosatom"],
                 "alerts":{"kinds":["THRESHOLD"],"threshold":{"count":3,"window":"PT1H"}}}""");

        monitor.article("a1", "t", "Rosatom builds a plant.", "s1", T0);
        monitor.article("a2", "t", "Rosatom again.", "s2", T0.plusSeconds(60));
        assertThat(monitor.alerts()).isEmpty();

        monitor.article("a3", "t", "Rosatom a third time.", "s1", T0.plusSeconds(120));
        List<Alert> first = monitor.alerts();
        assertThat(first).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.THRESHOLD);
            assertThat(a.articleCount()).isEqualTo(3);
            assertThat(a.sources()).containsExactly("s1", "s2");
            assertThat(a.evidence()).extracting(Alert.Evidence::articleId).containsExactly("a1", "a2", "a3");
            assertThat(a.windowStart()).isEqualTo(Instant.parse("2026-03-02T10:00:00Z"));
            assertThat(a.windowEnd()).isEqualTo(Instant.parse("2026-03-02T11:00:00Z"));
        });

        monitor.article("a4", "t", "Rosatom a fourth time.", T0.plusSeconds(180));
        assertThat(monitor.alerts()).isEmpty();

        monitor.article("b1", "t", "Rosatom.", T0.plusSeconds(3600));
        monitor.article("b2", "t", "Rosatom.", T0.plusSeconds(3660));
        monitor.article("b3", "t", "Rosatom.", T0.plusSeconds(3720));
        assertThat(monitor.alerts()).singleElement().satisfies(a -> assertThat(a.windowStart()).isEqualTo(T0.plusSeconds(3600)));
    }

    @Test
    void shouldSkipAnUndecodableMentionAndKeepCounting() {
        monitor.watch("""
                {"id":"rosatom","name":"Rosatom","aliases":["Rosatom"],
                 "alerts":{"kinds":["THRESHOLD"],"threshold":{"count":2,"window":"PT1H"}}}""");

        monitor.mentionRaw("rosatom", "{not a mention".getBytes(StandardCharsets.UTF_8), T0);
        monitor.article("a1", "t", "Rosatom builds a plant.", T0.plusSeconds(60));
        assertThat(monitor.alerts()).isEmpty();

        monitor.article("a2", "t", "Rosatom again.", T0.plusSeconds(120));
        assertThat(monitor.alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.THRESHOLD);
            assertThat(a.evidence()).extracting(Alert.Evidence::articleId).containsExactly("a1", "a2");
        });
    }

    @Test
    void shouldCountALateMentionInItsOwnWindowAndFireThatWindowOnlyOnce() {
        // Records from several partitions, or replayed after a restart, arrive out of time order.
        monitor.watch("""
                {"id":"rosatom","name":"Rosatom","aliases":["Rosatom"],
                 "alerts":{"kinds":["THRESHOLD"],"threshold":{"count":3,"window":"PT1H"}}}""");
        monitor.article("a1", "t", "Rosatom builds a plant.", T0);
        monitor.article("a2", "t", "Rosatom again.", T0.plusSeconds(60));
        monitor.article("b1", "t", "Rosatom in the next hour.", T0.plusSeconds(3600));
        assertThat(monitor.alerts()).isEmpty();

        monitor.article("a3", "t", "Rosatom, late, in the first hour.", T0.plusSeconds(120));
        assertThat(monitor.alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.THRESHOLD);
            assertThat(a.windowStart()).isEqualTo(T0);
            assertThat(a.articleCount()).isEqualTo(3);
        });

        monitor.article("a4", "t", "Rosatom, late again.", T0.plusSeconds(180));
        assertThat(monitor.alerts()).as("a window fires once, however many late records reach it").isEmpty();
        monitor.article("b2", "t", "Rosatom.", T0.plusSeconds(3660));
        assertThat(monitor.alerts()).as("the late records did not count in the newer window").isEmpty();
    }

    @Test
    void shouldJudgeAQuietEntityForSpikesOnWallClockTime() {
        monitor.close();
        monitor = new MonitorDriver(MonitorSettings.DEFAULTS.withSpikeCheckInterval(Duration.ofSeconds(10)), Set.of());
        monitor.watch("""
                {"id":"rosatom","name":"Rosatom","aliases":["Rosatom"],
                 "alerts":{"kinds":["SPIKE"],"spike":{"window":"PT1H","minCount":4,"z":3.0,"alpha":0.3}}}""");
        // A steady baseline of one article per hour for five hours.
        for (int hour = 0; hour < 5; hour++) {
            monitor.article("base-" + hour, "t", "Rosatom news.", T0.plus(Duration.ofHours(hour)));
        }
        // Then a burst of six in one hour, and silence.
        for (int i = 0; i < 6; i++) {
            monitor.article("burst-" + i, "t", "Rosatom news again.", "src" + i, T0.plus(Duration.ofHours(5)).plusSeconds(i * 60L));
        }
        assertThat(monitor.alerts()).as("the open bucket is not judged before it closes").isEmpty();

        monitor.advanceWallClock(Duration.ofMinutes(30));
        assertThat(monitor.alerts()).as("still within the bucket length of quiet").isEmpty();

        monitor.advanceWallClock(Duration.ofMinutes(31));
        List<Alert> alerts = monitor.alerts();
        assertThat(alerts).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.SPIKE);
            assertThat(a.articleCount()).isEqualTo(6);
            assertThat(a.baseline()).isEqualTo(1.0);
            assertThat(a.score()).isGreaterThanOrEqualTo(3.0);
            assertThat(a.windowStart()).isEqualTo(T0.plus(Duration.ofHours(5)));
        });
    }

    @Test
    void shouldNotSpikeWhenVolumeStaysAtTheBaseline() {
        monitor.watch("""
                {"id":"rosatom","name":"Rosatom","aliases":["Rosatom"],
                 "alerts":{"kinds":["SPIKE"],"spike":{"window":"PT1H","minCount":2,"z":3.0,"alpha":0.3}}}""");
        for (int hour = 0; hour < 8; hour++) {
            for (int i = 0; i < 3; i++) {
                monitor.article("h" + hour + "-" + i, "t", "Rosatom.", T0.plus(Duration.ofHours(hour)).plusSeconds(i));
            }
        }
        monitor.advanceWallClock(Duration.ofHours(2));

        assertThat(monitor.alerts()).as("three an hour is this entity's baseline, not a spike").isEmpty();
    }

    @Test
    void shouldApplyWatchlistAdditionsAndRemovalsMidStream() {
        monitor.article("before", "t", "Rosatom signs a deal.", T0);
        assertThat(monitor.mentions()).isEmpty();

        monitor.watch(ROSATOM);
        monitor.article("after-add", "t", "Rosatom signs a deal.", T0.plusSeconds(1));
        assertThat(monitor.mentions()).extracting(Mention::articleId).containsExactly("after-add");

        monitor.unwatch("rosatom");
        monitor.article("after-remove", "t", "Rosatom signs a deal.", T0.plusSeconds(2));
        assertThat(monitor.mentions()).isEmpty();
    }

    @Test
    void shouldSkipABadWatchlistRecordAndKeepTheRest() {
        monitor.watch(ROSATOM);
        monitor.watchRaw(bytes("broken"), bytes("{\"id\":\"broken\",\"aliases\":"));
        monitor.watchRaw(bytes("noalias"), bytes("{\"id\":\"noalias\",\"name\":\"x\",\"aliases\":[]}"));
        monitor.watchRaw(bytes("other-key"), bytes(MYANMAR));

        monitor.article("a", "t", "Rosatom and Myanmar.", T0);

        assertThat(monitor.mentions()).extracting(Mention::entityId).containsExactly("rosatom");
        assertThat(monitor.registry.get("newswatch.watchlist.rejected").counters())
                .extracting(c -> c.getId().getTag("reason") + "=" + (int) c.count())
                .containsExactlyInAnyOrder("invalid-entity=2", "key-mismatch=1");
    }

    @Test
    void shouldSendEachKindOfBadInputToTheDeadLetterTopicWithReasonAndCoordinates() {
        monitor.close();
        monitor = new MonitorDriver(MonitorSettings.DEFAULTS.withMaxBodyBytes(100), Set.of());
        monitor.watch(ROSATOM);
        Map<String, byte[]> bad = new java.util.LinkedHashMap<>();
        bad.put("malformed-json", bytes("{not json"));
        bad.put("malformed-json#truncated", bytes("{\"title\":\"a\",\"body\":\"Rosa"));
        bad.put("malformed-json#trailing", bytes("{\"title\":\"a\",\"body\":\"Rosatom\"}\n\u001b[2J"));
        bad.put("wrong-shape", bytes("[1,2,3]"));
        bad.put("wrong-type", bytes("{\"title\":{\"a\":1},\"body\":\"x\"}"));
        bad.put("wrong-type#number", bytes("{\"title\":\"t\",\"body\":42}"));
        bad.put("missing-body", bytes("{\"url\":\"https://example.org/t\"}"));
        bad.put("blank-body", bytes("{\"title\":\" \",\"body\":\"   \"}"));
        bad.put("body-too-large", bytes("{\"body\":\"" + "x".repeat(101) + "\"}"));
        bad.put("title-too-large", bytes("{\"title\":\"" + "t".repeat(2001) + "\",\"body\":\"b\"}"));
        bad.put("invalid-utf8", new byte[] {'{', '"', 'b', 'o', 'd', 'y', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'});
        bad.put("empty-value", new byte[0]);
        bad.put("null-value", null);
        bad.put("too-deep", bytes("{\"body\":\"b\",\"x\":" + "{\"a\":".repeat(200) + "1" + "}".repeat(200) + "}"));

        int i = 0;
        for (Map.Entry<String, byte[]> e : bad.entrySet()) {
            monitor.raw(bytes("key-" + i++), e.getValue(), T0);
        }
        monitor.article("good", "t", "Rosatom is fine.", T0);

        List<TestRecord<byte[], byte[]>> dead = monitor.deadLetters();
        assertThat(dead).extracting(r -> header(r.headers(), DeadLetters.REASON))
                .containsExactlyElementsOf(bad.keySet().stream().map(k -> k.split("#")[0]).toList());
        for (int j = 0; j < dead.size(); j++) {
            TestRecord<byte[], byte[]> r = dead.get(j);
            assertThat(new String(r.key(), StandardCharsets.UTF_8)).isEqualTo("key-" + j);
            assertThat(r.value()).isEqualTo(bad.values().stream().toList().get(j));
            assertThat(header(r.headers(), DeadLetters.SOURCE_TOPIC)).isEqualTo("news.articles");
            assertThat(header(r.headers(), DeadLetters.SOURCE_OFFSET)).isEqualTo(String.valueOf(j));
        }
        assertThat(monitor.mentions()).extracting(Mention::articleId).containsExactly("good");
        assertThat(monitor.registry.get("newswatch.articles.rejected").tag("reason", "wrong-type").counter().count()).isEqualTo(2);
    }

    @Test
    void shouldDeriveTheIdOfAnUnkeyedArticleAndNotAlertTwiceForARepeat() {
        monitor.watch(ROSATOM);
        String json = MonitorDriver.articleJson(null, "Plant", "Rosatom builds a plant.", null);

        monitor.raw(null, bytes(json), T0);
        monitor.raw(null, bytes(json), T0.plusSeconds(30));
        monitor.article("explicit", "Office", "Rosatom opens an office in Cairo.", T0.plusSeconds(40));
        monitor.article("explicit", "Office", "Rosatom opens an office in Cairo.", T0.plusSeconds(50));

        List<Alert> alerts = monitor.alerts();
        assertThat(alerts).hasSize(2);
        assertThat(alerts.get(0).evidence().get(0).articleId()).startsWith("u-");
        assertThat(alerts.get(1).evidence().get(0).articleId()).isEqualTo("explicit");
        assertThat(monitor.registry.get("newswatch.articles.duplicates").counter().count()).isEqualTo(2);
    }

    @Test
    void shouldGiveTheSameAlertIdsOnAReRun() {
        List<String> first = runScenario();
        monitor.close();
        monitor = new MonitorDriver();
        List<String> second = runScenario();

        // MENTION for icc, myanmar, rosatom (seed) and rosatom (r2, another story); one CO_MENTION for the seed's story
        // (icc+myanmar and icc+rosatom); THRESHOLD rosatom (two stories).
        assertThat(first).hasSize(6).doesNotHaveDuplicates();
        assertThat(second).isEqualTo(first);
    }

    private List<String> runScenario() {
        monitor.watch(ICC);
        monitor.watch(MYANMAR);
        monitor.watch("""
                {"id":"rosatom","name":"Rosatom","aliases":["Rosatom"],
                 "alerts":{"kinds":["MENTION","THRESHOLD"],"threshold":{"count":2,"window":"PT1H"}}}""");
        monitor.article("seed", "t", TestData.seedArticle(), T0);
        monitor.article("r2", "t", "Rosatom again.", T0.plusSeconds(5));
        return monitor.alerts().stream().map(Alert::alertId).toList();
    }

    @Test
    void shouldRouteAlertsToTheEntityTopicAndTagTopicWhenTheyExist() {
        monitor.close();
        monitor = new MonitorDriver(MonitorSettings.DEFAULTS.withTagRoutes(Map.of("asia", "news.alerts.asia")),
                Set.of("news.alerts.justice", "news.alerts.asia"));
        monitor.watch("""
                {"id":"icc","name":"ICC","aliases":["ICC"],"alerts":{"topic":"news.alerts.justice"}}""");
        monitor.watch(MYANMAR);
        monitor.watch("""
                {"id":"rosatom","name":"Rosatom","aliases":["Rosatom"],"alerts":{"topic":"news.alerts.missing"}}""");

        monitor.article("a", "t", "ICC judges, Myanmar and Rosatom.", T0);

        assertThat(monitor.alerts()).extracting(Alert::entityId).containsExactlyInAnyOrder("icc", "myanmar", "rosatom");
        assertThat(monitor.alertsOn("news.alerts.justice")).extracting(Alert::entityId).containsExactly("icc");
        assertThat(monitor.alertsOn("news.alerts.asia")).extracting(Alert::entityId).containsExactly("myanmar");
        assertThat(monitor.alertsOn("news.alerts.missing")).isEmpty();
    }
}
