package io.newswatch.monitor;

import io.newswatch.article.Article;
import io.newswatch.match.EntityMentions;
import io.newswatch.match.Hit;
import io.newswatch.match.TokenTrace;
import io.newswatch.metrics.MonitorMetrics;
import io.newswatch.story.Sketch;
import io.newswatch.story.Sketcher;
import io.newswatch.story.StoryIds;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Locale;

/**
 * The heart of the topology: for each new article, matches the whole live watchlist in one pass
 * and forwards what it found ({@link MatchedArticle}: one {@link Mention} per entity, and the
 * article's story sketch) to the story stage. Articles without a hit go no further.
 *
 * <p>Each article is matched for the entities that were live when it was parsed (the watchlist
 * version stamped on it, {@link AppliedVersion}), so where a new entity starts is exact per offset
 * of the articles topic and backfill can take everything before.
 *
 * <p>An article id seen within the duplicate window is skipped. The window runs on the monitor's
 * clock, not the record's timestamp, so a copy re-sent with an old timestamp is still a copy; and
 * every id reaches this task whichever partition its producer chose ({@link ArticlePartitioner}).
 * A failure on one article is handled by {@link FailedRecords}: dead-lettered, processing goes on.
 */
final class ArticleMatcher implements Processor<String, Article, String, MatchedArticle> {

    private static final Logger LOG = LoggerFactory.getLogger(ArticleMatcher.class);
    /** How long an article waits for this instance to apply the watchlist version it was stamped with. */
    private static final long VERSION_WAIT_MS = 30_000;
    private final String seenStoreName;
    private final LiveWatchlist watchlist;
    private final MonitorSettings settings;
    private final MonitorMetrics metrics;
    private final String mentionsTopic;
    private final Serializer<Mention> mentionCheck;
    private final OutputLimits limits;
    /** The tokens the matcher reads, sketched if it finds something. */
    private final TokenTrace tokens = new TokenTrace(Sketcher.MAX_TOKENS);
    private ProcessorContext<String, MatchedArticle> context;
    private WindowStore<String, Long> seen;

    /**
     * @param mentionCheck the mentions topic's size-limited serializer: a mention too large for the
     *                     topic fails here, where the article is still whole and its own record
     *                     is the one dead-lettered, rather than in the story task; only a mention
     *                     whose JSON could exceed what {@code limits} let the topic take is
     *                     serialized to be checked
     */
    ArticleMatcher(String seenStoreName, LiveWatchlist watchlist, MonitorSettings settings, MonitorMetrics metrics,
                   String mentionsTopic, Serializer<Mention> mentionCheck, OutputLimits limits) {
        this.seenStoreName = seenStoreName;
        this.watchlist = watchlist;
        this.settings = settings;
        this.metrics = metrics;
        this.mentionsTopic = mentionsTopic;
        this.mentionCheck = mentionCheck;
        this.limits = limits;
    }

    @Override
    public void init(ProcessorContext<String, MatchedArticle> context) {
        this.context = context;
        this.seen = context.getStateStore(seenStoreName);
    }

    @Override
    public void process(Record<String, Article> record) {
        Article article = record.value();
        long now = context.currentSystemTimeMs();
        if (isDuplicate(article.id(), now)) {
            metrics.duplicate();
            LOG.debug("skipped a duplicate article at {}", DeadLetters.coordinates(context.recordMetadata()));
            return;
        }
        Long stamp = AppliedVersion.takeStamp(record.headers());
        LiveWatchlist.Snapshot snapshot = snapshotAt(stamp);
        long start = System.nanoTime();
        List<EntityMentions> found = snapshot.matcher().match(article, tokens);
        metrics.matchTime(System.nanoTime() - start);
        if (stamp != null && snapshot.version() > stamp) {
            // entities put after the article was stamped are not live for it: backfill takes it
            found = found.stream().filter(em -> snapshot.liveAt(em.entity().id(), stamp)).toList();
        }
        if (!found.isEmpty()) {
            List<Mention> mentions = new ArrayList<>(found.size());
            int mentionLimit = limits.valueLimit(mentionsTopic, record.headers());
            for (EntityMentions em : found) {
                metrics.mention(em.entity().id());
                Mention mention = toMention(article, em, snapshot.version());
                if (mention.maxJsonBytes() > mentionLimit) {
                    mentionCheck.serialize(mentionsTopic, mention.inStory(StoryIds.of(article.id()), true));
                }
                mentions.add(mention);
            }
            long sketchStart = System.nanoTime();
            Sketch sketch = Sketcher.sketch(tokens);
            metrics.sketchTime(System.nanoTime() - sketchStart);
            context.forward(record.withValue(new MatchedArticle(article.id(), article.url(), article.title(), article.source(),
                    article.publishedAt(), sketch, mentions, snapshot.version())));
        }
        seen.put(article.id(), now, now);
    }

    /**
     * The watchlist to match an article stamped with {@code stamp}: this instance's, once it has
     * applied that version (a moment's wait when another instance parsed the article).
     */
    private LiveWatchlist.Snapshot snapshotAt(Long stamp) {
        LiveWatchlist.Snapshot snapshot = watchlist.current();
        if (stamp == null || snapshot.version() >= stamp) {
            return snapshot;
        }
        try {
            if (!watchlist.awaitVersion(stamp, VERSION_WAIT_MS)) {
                LOG.warn("matched {} with watchlist version {}: version {} was not applied within {} ms",
                        DeadLetters.coordinates(context.recordMetadata()), watchlist.version(), stamp, VERSION_WAIT_MS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return watchlist.current();
    }

    private boolean isDuplicate(String id, long now) {
        // the long overload: the Instant one formats an error-message prefix on every call
        try (WindowStoreIterator<Long> it = seen.fetch(id, Math.max(0, now - settings.duplicateWindow().toMillis()), now)) {
            return it.hasNext();
        }
    }

    static Mention toMention(Article article, EntityMentions em, long version) {
        int kept = Math.min(em.hits().size(), Mention.MAX_HITS);
        List<Mention.MentionHit> hits = new ArrayList<>(kept);
        for (Hit hit : em.hits().subList(0, kept)) {
            hits.add(new Mention.MentionHit(hit.field().name().toLowerCase(Locale.ROOT), hit.start(), hit.end(),
                    hit.text(), hit.alias(), hit.snippet(), hit.approximate(), substituted(hit), hit.compound(), hit.why()));
        }
        return new Mention(article.id(), article.url(), article.title(), article.source(), article.publishedAt(),
                em.entity().id(), em.entity().name(), hits, em.hits().size() - kept, version, null, false);
    }

    /** Alias word → the word the article wrote for it, in alias order. */
    private static Map<String, String> substituted(Hit hit) {
        if (hit.substitutions().isEmpty()) {
            return Map.of();
        }
        Map<String, String> out = new LinkedHashMap<>();
        hit.substitutions().forEach(s -> out.put(s.aliasWord(), s.textWord()));
        return out;
    }

}
