package io.newswatch.monitor;

import io.newswatch.alert.Alert;
import io.newswatch.article.Article;
import io.newswatch.match.EntityMentions;
import io.newswatch.match.Matcher;
import io.newswatch.match.TokenTrace;
import io.newswatch.story.Sketcher;
import io.newswatch.story.StoryIds;
import io.newswatch.watchlist.AlertKind;
import io.newswatch.watchlist.WatchedEntity;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor's side of backfill: where each watchlist version went live is written per partition,
 * probes are answered and never taken for articles, and what backfill hands to the story stage is
 * published as live processing would have, flagged, with the same ids.
 */
class BackfillTopologyTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final String ROSATOM = """
            {"id":"rosatom","name":"Rosatom","aliases":["Rosatom"],
             "alerts":{"kinds":["MENTION","THRESHOLD"],"threshold":{"count":2,"window":"1h"}}}""";
    private static final String REACTOR = """
            Rosatom signed an agreement on Tuesday to build a small modular reactor in the north of the country, \
            officials said, the first plant of its kind in the region.""";
    private static final String WAREHOUSE = """
            A fire broke out at a warehouse near the port on Sunday night. Rosatom, which leases part of the site, \
            said none of its cargo had been damaged, and Myanmar officials asked for an inquiry.""";

    private final MonitorDriver monitor = new MonitorDriver();
    private MonitorDriver fromStart;

    @AfterEach
    void close() {
        monitor.close();
        if (fromStart != null) {
            fromStart.close();
        }
    }

    @Test
    void shouldWriteWhereEachWatchlistVersionWentLiveOnEachPartition() {
        // Given an article read with no watchlist, then one after the first entity is put (watchlist offset 0)
        monitor.article("a1", "Rosatom", REACTOR, T0);
        monitor.watch(ROSATOM);
        monitor.article("a2", "Rosatom", REACTOR, T0.plusSeconds(1));
        monitor.article("a3", "Rosatom", WAREHOUSE, T0.plusSeconds(2));

        // When backfill probes the partition
        monitor.probe(T0.plusSeconds(3));

        // Then each change of version is written where it happened, and the probe where it stood
        assertThat(monitor.applied()).containsExactly(new AppliedVersion(0, 0, -1), new AppliedVersion(0, 1, 0),
                new AppliedVersion(0, 3, 0));
        // and the probe is no article: no mention, no dead letter; the stamp does not leak into mentions
        assertThat(monitor.mentionRecords()).extracting(r -> r.key()).containsExactly("rosatom", "rosatom");
        assertThat(monitor.deadLetters()).isEmpty();
    }

    @Test
    void shouldNotMatchAnEntityForAnArticleStampedBeforeItWentLive() {
        LiveWatchlist watchlist = new LiveWatchlist();
        watchlist.put(WatchedEntity.of("myanmar", "Myanmar", "Myanmar"), 0);
        watchlist.put(WatchedEntity.of("rosatom", "Rosatom", "Rosatom"), 5);
        LiveWatchlist.Snapshot snapshot = watchlist.current();

        assertThat(snapshot.liveAt("myanmar", 4)).isTrue();
        assertThat(snapshot.liveAt("rosatom", 4)).as("stamped before its record").isFalse();
        assertThat(snapshot.liveAt("rosatom", 5)).isTrue();
        assertThat(snapshot.liveAt("unknown", -1)).isTrue();
    }

    @Test
    void shouldWaitForTheWatchlistVersionAnArticleWasStampedWith() throws Exception {
        LiveWatchlist watchlist = new LiveWatchlist();
        assertThat(watchlist.awaitVersion(3, 10)).isFalse();
        Thread later = new Thread(() -> watchlist.put(WatchedEntity.of("rosatom", "Rosatom", "Rosatom"), 3));
        later.start();
        assertThat(watchlist.awaitVersion(3, 30_000)).isTrue();
        later.join();
    }

    @Test
    void shouldPublishABackfilledArticleAsLiveProcessingWouldHaveFlagged() {
        // Given an entity put after an article was read, which backfill then brings in
        monitor.watch(ROSATOM);
        monitor.backfilled(matched("old", "Rosatom", REACTOR, MatchedArticle.Backfill.NEW_TO_STORIES), T0);
        monitor.article("new", "Rosatom", WAREHOUSE, T0.plus(Duration.ofMinutes(10)));

        // When the same two articles are read by a monitor that watched the entity from the start
        fromStart = new MonitorDriver();
        fromStart.watch(ROSATOM);
        fromStart.article("old", "Rosatom", REACTOR, T0);
        fromStart.article("new", "Rosatom", WAREHOUSE, T0.plus(Duration.ofMinutes(10)));

        // Then the backfilled mention and its MENTION alert are flagged, the live ones not
        List<Mention> mentions = monitor.mentions();
        assertThat(mentions).extracting(Mention::articleId, Mention::backfill, Mention::storyId, Mention::firstInStory)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("old", true, StoryIds.of("old"), true),
                        org.assertj.core.groups.Tuple.tuple("new", false, StoryIds.of("new"), true));
        List<Alert> alerts = monitor.alerts();
        assertThat(alerts).extracting(Alert::kind, Alert::backfill).containsExactly(
                org.assertj.core.groups.Tuple.tuple(AlertKind.MENTION, true),
                org.assertj.core.groups.Tuple.tuple(AlertKind.MENTION, false),
                org.assertj.core.groups.Tuple.tuple(AlertKind.THRESHOLD, false));
        // and every alert has the id the monitor that watched from the start gave it, the THRESHOLD window counting both
        assertThat(alerts).extracting(Alert::alertId)
                .containsExactlyElementsOf(fromStart.alerts().stream().map(Alert::alertId).toList());
    }

    @Test
    void shouldNotCountAnArticleLiveMatchingPlacedAlreadyAsASecondMember() {
        // Given an article matched live for Myanmar, before Rosatom was watched
        monitor.watch("""
                {"id":"myanmar","name":"Myanmar","aliases":["Myanmar"]}""");
        monitor.article("warehouse", "Fire at the port", WAREHOUSE, T0);
        assertThat(monitor.stories()).singleElement().satisfies(s -> assertThat(s.members()).isEqualTo(1));

        // When Rosatom is added and backfill brings the article in for it
        monitor.watch(ROSATOM);
        monitor.backfilled(matched("warehouse", "Fire at the port", WAREHOUSE, MatchedArticle.Backfill.IN_STORY_ALREADY), T0);

        // Then its Rosatom mention joins the article's story, which still has one member
        assertThat(monitor.mentions()).extracting(Mention::entityId, Mention::storyId, Mention::firstInStory, Mention::backfill)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("myanmar", StoryIds.of("warehouse"), true, false),
                        org.assertj.core.groups.Tuple.tuple("rosatom", StoryIds.of("warehouse"), true, true));
        assertThat(monitor.stories()).singleElement().satisfies(s -> assertThat(s.members()).isEqualTo(1));
    }

    /** The article as backfill hands it over: matched for Rosatom, sketched, flagged. */
    private static MatchedArticle matched(String id, String title, String body, MatchedArticle.Backfill how) {
        Article article = new Article(id, null, null, title, body, null, null);
        TokenTrace tokens = new TokenTrace(Sketcher.MAX_TOKENS);
        List<EntityMentions> found = Matcher.compile(List.of(WatchedEntity.of("rosatom", "Rosatom", "Rosatom")))
                .match(article, tokens);
        Mention mention = ArticleMatcher.toMention(article, found.get(0), 1).asBackfill();
        return new MatchedArticle(id, null, article.title(), null, null, Sketcher.sketch(tokens).toBytes(), List.of(mention), 1, how);
    }
}
