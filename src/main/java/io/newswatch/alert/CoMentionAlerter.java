package io.newswatch.alert;

import io.newswatch.metrics.MonitorMetrics;
import io.newswatch.monitor.LiveWatchlist;
import io.newswatch.watchlist.AlertKind;
import io.newswatch.watchlist.WatchedEntity;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * CO_MENTION alerts, input keyed by entity pair: when a pair reaches the entity's co-mention
 * count within its window (by default 1 in a day: the first time the pair appears that day),
 * one alert for that window.
 */
public final class CoMentionAlerter implements Processor<String, CoMention, String, RoutedAlert> {

    /** The state of one pair in its current window. */
    public static final class PairState {
        public long windowStart = -1;
        public int count;
        public boolean fired;
        public Set<String> sources = new LinkedHashSet<>();
        public List<Alert.Evidence> evidence = new ArrayList<>();
        public EarlierWindows earlier = new EarlierWindows();
    }

    private final String storeName;
    private final LiveWatchlist watchlist;
    private final AlertRouter router;
    private final int evidenceLimit;
    private final MonitorMetrics metrics;
    private ProcessorContext<String, RoutedAlert> context;
    private KeyValueStore<String, PairState> store;

    public CoMentionAlerter(String storeName, LiveWatchlist watchlist, AlertRouter router, int evidenceLimit, MonitorMetrics metrics) {
        this.storeName = storeName;
        this.watchlist = watchlist;
        this.router = router;
        this.evidenceLimit = evidenceLimit;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, RoutedAlert> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, CoMention> record) {
        CoMention pair = record.value();
        if (pair == null || record.key() == null) {
            return;
        }
        LiveWatchlist.Snapshot snapshot = watchlist.current();
        Optional<WatchedEntity> entity = snapshot.matcher().entity(pair.entityId());
        Optional<WatchedEntity> other = snapshot.matcher().entity(pair.coEntityId());
        if (entity.isEmpty() || other.isEmpty() || !entity.get().alerts().kinds().contains(AlertKind.CO_MENTION)) {
            return;
        }
        long ts = record.timestamp();
        long size = entity.get().alerts().coMention().window().toMillis();
        long start = ts - Math.floorMod(ts, size);
        PairState state = Optional.ofNullable(store.get(record.key())).orElseGet(PairState::new);
        int threshold = Math.max(1, entity.get().alerts().coMention().count());
        if (state.windowStart != -1 && start < state.windowStart) {
            lateRecord(record, pair, state, entity.get(), other.get(), snapshot, start, size, threshold);
            return;
        }
        if (state.windowStart != start) {
            PairState next = new PairState();
            next.earlier = state.earlier;
            if (state.windowStart != -1) {
                next.earlier.archive(state.windowStart, state.count, state.fired, start, size);
            }
            state = next;
            state.windowStart = start;
        }
        state.count++;
        if (pair.source() != null && state.sources.size() < EntityAlertState.MAX_SOURCES) {
            state.sources.add(pair.source());
        }
        if (state.evidence.size() < evidenceLimit) {
            state.evidence.add(new Alert.Evidence(pair.articleId(), pair.title(), pair.url(), pair.source(), pair.snippet(), pair.matched(), pair.timestamp()));
        }
        if (!state.fired && state.count >= threshold) {
            state.fired = true;
            emit(entity.get(), other.get(), snapshot, start, size, state.count, List.copyOf(state.sources), state.evidence, ts);
        }
        store.put(record.key(), state);
    }

    /** A record of a window the pair has moved past: counted there, and that window fires at most once. */
    private void lateRecord(Record<String, CoMention> record, CoMention pair, PairState state, WatchedEntity entity,
                            WatchedEntity other, LiveWatchlist.Snapshot snapshot, long start, long size, int threshold) {
        if (state.earlier.tooLate(start, state.windowStart, size)) {
            return;
        }
        if (state.earlier.addLate(start, threshold)) {
            emit(entity, other, snapshot, start, size, state.earlier.count(start),
                    pair.source() == null ? List.of() : List.of(pair.source()),
                    List.of(new Alert.Evidence(pair.articleId(), pair.title(), pair.url(), pair.source(), pair.snippet(),
                            pair.matched(), pair.timestamp())), record.timestamp());
        }
        store.put(record.key(), state);
    }

    private void emit(WatchedEntity e, WatchedEntity other, LiveWatchlist.Snapshot snapshot, long start, long size, int count,
                      List<String> sources, List<Alert.Evidence> evidence, long ts) {
        Alert alert = new Alert(AlertIds.of(AlertKind.CO_MENTION, e.id(), other.id(), String.valueOf(start)),
                AlertKind.CO_MENTION, e.id(), e.name(), other.id(), other.name(),
                Instant.ofEpochMilli(start), Instant.ofEpochMilli(start + size), count, sources,
                null, null, evidence, List.copyOf(e.tags()), snapshot.version());
        metrics.alert(AlertKind.CO_MENTION.name(), e.id());
        metrics.alertLatency(context.currentSystemTimeMs() - ts);
        for (String topic : router.topics(e)) {
            context.forward(new Record<>(e.id(), new RoutedAlert(alert, topic), ts));
        }
    }
}
