package io.newswatch.monitor;

import io.newswatch.alert.Alert;
import io.newswatch.alert.AlertIds;
import io.newswatch.alert.AlertRouter;
import io.newswatch.alert.CoMention;
import io.newswatch.alert.RoutedAlert;
import io.newswatch.article.Article;
import io.newswatch.match.EntityMentions;
import io.newswatch.match.Hit;
import io.newswatch.metrics.MonitorMetrics;
import io.newswatch.watchlist.AlertKind;
import io.newswatch.watchlist.WatchedEntity;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The heart of the topology: for each new article, matches the whole live watchlist in one pass
 * and emits one {@link Mention} per entity found, the MENTION alerts, and the pairs for
 * CO_MENTION alerts.
 *
 * <p>An article id seen within the duplicate window is skipped. The window runs on the monitor's
 * clock, not the record's timestamp, so a copy re-sent with an old timestamp is still a copy; and
 * every id reaches this task whichever partition its producer chose ({@link ArticlePartitioner}).
 * A failure on one article is handled by {@link FailedRecords}: dead-lettered, processing goes on.
 */
final class ArticleMatcher implements Processor<String, Article, String, Emit> {

    private static final Logger LOG = LoggerFactory.getLogger(ArticleMatcher.class);

    private final String seenStoreName;
    private final LiveWatchlist watchlist;
    private final AlertRouter router;
    private final MonitorSettings settings;
    private final MonitorMetrics metrics;
    private ProcessorContext<String, Emit> context;
    private WindowStore<String, Long> seen;

    ArticleMatcher(String seenStoreName, LiveWatchlist watchlist, AlertRouter router, MonitorSettings settings, MonitorMetrics metrics) {
        this.seenStoreName = seenStoreName;
        this.watchlist = watchlist;
        this.router = router;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Emit> context) {
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
        match(record, article, record.timestamp());
        seen.put(article.id(), now, now);
    }

    private boolean isDuplicate(String id, long now) {
        // the long overload: the Instant one formats an error-message prefix on every call
        try (WindowStoreIterator<Long> it = seen.fetch(id, Math.max(0, now - settings.duplicateWindow().toMillis()), now)) {
            return it.hasNext();
        }
    }

    private void match(Record<String, Article> record, Article article, long ts) {
        LiveWatchlist.Snapshot snapshot = watchlist.current();
        long start = System.nanoTime();
        List<EntityMentions> found = snapshot.matcher().match(article.title(), article.body());
        metrics.matchTime(System.nanoTime() - start);
        if (found.isEmpty()) {
            return;
        }
        Instant at = Instant.ofEpochMilli(ts);
        for (EntityMentions em : found) {
            WatchedEntity entity = em.entity();
            Mention mention = toMention(article, em, snapshot.version());
            metrics.mention(entity.id());
            context.forward(new Record<>(entity.id(), (Emit) new Emit.MentionOut(mention), ts, record.headers()));
            if (entity.alerts().kinds().contains(AlertKind.MENTION)) {
                Alert alert = new Alert(AlertIds.of(AlertKind.MENTION, entity.id(), article.id()), AlertKind.MENTION,
                        entity.id(), entity.name(), null, null, at, at, 1,
                        article.source() == null ? List.of() : List.of(article.source()), null, null,
                        List.of(evidence(article, mention, at)), List.copyOf(entity.tags()), snapshot.version());
                emitAlert(alert, entity, ts);
            }
        }
        emitPairs(article, found, snapshot.version(), ts);
    }

    private void emitAlert(Alert alert, WatchedEntity entity, long ts) {
        metrics.alert(alert.kind().name(), entity.id());
        metrics.alertLatency(System.currentTimeMillis() - ts);
        for (String topic : router.topics(entity)) {
            context.forward(new Record<>(entity.id(), (Emit) new Emit.AlertOut(new RoutedAlert(alert, topic)), ts));
        }
    }

    private void emitPairs(Article article, List<EntityMentions> found, long version, long ts) {
        if (found.size() < 2) {
            return;
        }
        for (EntityMentions a : found) {
            if (!a.entity().alerts().kinds().contains(AlertKind.CO_MENTION)) {
                continue;
            }
            for (EntityMentions b : found) {
                if (a == b) {
                    continue;
                }
                CoMention pair = new CoMention(a.entity().id(), b.entity().id(), article.id(), article.title(),
                        article.url(), article.source(), a.hits().get(0).snippet(), a.hits().get(0).text(),
                        Instant.ofEpochMilli(ts), version);
                context.forward(new Record<>(pair.pairKey(), (Emit) new Emit.PairOut(pair), ts));
            }
        }
    }

    static Mention toMention(Article article, EntityMentions em, long version) {
        int kept = Math.min(em.hits().size(), Mention.MAX_HITS);
        List<Mention.MentionHit> hits = new ArrayList<>(kept);
        for (Hit hit : em.hits().subList(0, kept)) {
            hits.add(new Mention.MentionHit(hit.field().name().toLowerCase(Locale.ROOT), hit.start(), hit.end(),
                    hit.text(), hit.alias(), hit.snippet(), hit.approximate()));
        }
        return new Mention(article.id(), article.url(), article.title(), article.source(), article.publishedAt(),
                em.entity().id(), em.entity().name(), hits, em.hits().size() - kept, version);
    }

    static Alert.Evidence evidence(Article article, Mention mention, Instant at) {
        Mention.MentionHit first = mention.hits().isEmpty() ? null : mention.hits().get(0);
        return new Alert.Evidence(article.id(), article.title(), article.url(), article.source(),
                first == null ? null : first.snippet(), first == null ? null : first.text(), at);
    }
}
