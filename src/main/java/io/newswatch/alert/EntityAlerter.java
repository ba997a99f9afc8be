package io.newswatch.alert;

import io.newswatch.kafka.JsonSerde;
import io.newswatch.metrics.MonitorMetrics;
import io.newswatch.monitor.LiveWatchlist;
import io.newswatch.monitor.Mention;
import io.newswatch.watchlist.AlertKind;
import io.newswatch.watchlist.AlertSettings;
import io.newswatch.watchlist.WatchedEntity;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * THRESHOLD and SPIKE alerts from the mentions of each entity (input keyed by entity id).
 * A mention is decoded only when its entity has one of these kinds switched on: with the default
 * kinds (MENTION only) every mention passes by as bytes.
 *
 * <ul>
 *   <li>THRESHOLD: at least N articles in a tumbling window W; fires at the crossing, once per window.</li>
 *   <li>SPIKE: articles per bucket against the entity's own EWMA baseline; a bucket is judged when it
 *       closes — when a mention arrives in a later bucket, or, for an entity that has gone quiet, by a
 *       wall-clock punctuation once no mention has arrived for a bucket's length. The alert carries
 *       the baseline and the z-score.</li>
 * </ul>
 */
public final class EntityAlerter implements Processor<String, byte[], String, RoutedAlert> {

    private static final Logger LOG = LoggerFactory.getLogger(EntityAlerter.class);
    private static final Deserializer<Mention> MENTION = JsonSerde.of(Mention.class).deserializer();

    private final String storeName;
    private final LiveWatchlist watchlist;
    private final AlertRouter router;
    private final int evidenceLimit;
    private final Duration checkInterval;
    private final MonitorMetrics metrics;
    private ProcessorContext<String, RoutedAlert> context;
    private KeyValueStore<String, EntityAlertState> store;

    public EntityAlerter(String storeName, LiveWatchlist watchlist, AlertRouter router, int evidenceLimit,
                         Duration checkInterval, MonitorMetrics metrics) {
        this.storeName = storeName;
        this.watchlist = watchlist;
        this.router = router;
        this.evidenceLimit = evidenceLimit;
        this.checkInterval = checkInterval;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, RoutedAlert> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        context.schedule(checkInterval, PunctuationType.WALL_CLOCK_TIME, this::judgeQuietEntities);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        LiveWatchlist.Snapshot snapshot = watchlist.current();
        Optional<WatchedEntity> found = snapshot.matcher().entity(record.key());
        if (found.isEmpty()) {
            return; // removed from the watchlist since it was matched
        }
        WatchedEntity entity = found.get();
        AlertSettings alerts = entity.alerts();
        boolean threshold = alerts.kinds().contains(AlertKind.THRESHOLD);
        boolean spike = alerts.kinds().contains(AlertKind.SPIKE);
        if (!threshold && !spike) {
            return;
        }
        Mention mention = decode(record.value());
        if (mention == null) {
            return;
        }
        long ts = record.timestamp();
        EntityAlertState state = Optional.ofNullable(store.get(entity.id())).orElseGet(EntityAlertState::new);
        Alert.Evidence evidence = new Alert.Evidence(mention.articleId(), mention.title(), mention.url(), mention.source(),
                mention.hits().isEmpty() ? null : mention.hits().get(0).snippet(),
                mention.hits().isEmpty() ? null : mention.hits().get(0).text(), Instant.ofEpochMilli(ts));
        if (threshold) {
            long size = alerts.threshold().window().toMillis();
            long windowStart = ts - Math.floorMod(ts, size);
            if (state.threshold.start != -1 && windowStart < state.threshold.start) {
                // A late mention: counted in its own window, which fires at most once.
                if (!state.earlierThresholds.tooLate(windowStart, state.threshold.start, size)
                        && state.earlierThresholds.addLate(windowStart, alerts.threshold().count())) {
                    EntityAlertState.Window late = new EntityAlertState.Window();
                    late.reset(windowStart);
                    late.add(evidence, mention.source(), evidenceLimit);
                    late.count = state.earlierThresholds.count(windowStart);
                    emit(entity, AlertKind.THRESHOLD, late, size, null, null, snapshot.version(), ts, true);
                }
            } else if (state.threshold.start != windowStart) {
                if (state.threshold.start != -1) {
                    state.earlierThresholds.archive(state.threshold.start, state.threshold.count, state.threshold.fired,
                            windowStart, size);
                }
                state.threshold.reset(windowStart);
            }
            if (state.threshold.start == windowStart) {
                state.threshold.add(evidence, mention.source(), evidenceLimit);
            }
            if (state.threshold.start == windowStart && !state.threshold.fired
                    && state.threshold.count >= alerts.threshold().count()) {
                state.threshold.fired = true;
                emit(entity, AlertKind.THRESHOLD, state.threshold, size, null, null, snapshot.version(), ts, true);
            }
        }
        if (spike) {
            long size = alerts.spike().window().toMillis();
            long bucket = ts - Math.floorMod(ts, size);
            if (state.spike.start != -1 && bucket > state.spike.start) {
                closeBucket(entity, state, bucket, snapshot.version(), ts);
            }
            if (state.spike.start == -1 || bucket > state.spike.start) {
                state.spike.reset(bucket);
            }
            state.spike.add(evidence, mention.source(), evidenceLimit);
            state.lastMentionWallMs = context.currentSystemTimeMs();
        }
        store.put(entity.id(), state);
    }

    /**
     * The mention, or null for a record that someone else wrote into the mentions topic and that
     * is not one: logged by its coordinates (never its content) and skipped.
     */
    private Mention decode(byte[] value) {
        try {
            return MENTION.deserialize(null, value);
        } catch (RuntimeException e) {
            LOG.warn("skipped undecodable mention at {}: {}", context.recordMetadata()
                    .map(m -> m.topic() + "/" + m.partition() + "@" + m.offset()).orElse("an unknown offset"), e.getMessage());
            return null;
        }
    }

    /** Judges the open bucket, then folds it and the empty buckets up to {@code nextBucket} into the baseline. */
    private void closeBucket(WatchedEntity entity, EntityAlertState state, long nextBucket, long version, long ts) {
        AlertSettings alerts = entity.alerts();
        long size = alerts.spike().window().toMillis();
        int count = state.spike.count;
        double std = Math.sqrt(state.variance);
        double score = (count - state.mean) / Math.max(std, 1.0);
        // A spike is relative to the entity's own history: the first bucket only starts the baseline.
        if (state.buckets > 0 && !state.spike.fired && count >= alerts.spike().minCount() && score >= alerts.spike().zScore()) {
            state.spike.fired = true;
            emit(entity, AlertKind.SPIKE, state.spike, size, state.mean, score, version, ts, nextBucket != Long.MAX_VALUE);
        }
        long emptyBuckets = nextBucket == Long.MAX_VALUE ? 0 : Math.max(0, (nextBucket - state.spike.start) / size - 1);
        fold(state, count, alerts.spike().alpha());
        for (long i = 0; i < Math.min(emptyBuckets, 1_000); i++) {
            fold(state, 0, alerts.spike().alpha());
        }
    }

    private static void fold(EntityAlertState state, int count, double alpha) {
        if (state.buckets == 0) {
            state.mean = count;
            state.variance = 0;
        } else {
            double diff = count - state.mean;
            state.mean += alpha * diff;
            state.variance = (1 - alpha) * (state.variance + alpha * diff * diff);
        }
        state.buckets++;
    }

    /** Wall-clock punctuation: an entity silent for a whole bucket gets its last bucket judged. */
    private void judgeQuietEntities(long wallNow) {
        LiveWatchlist.Snapshot snapshot = watchlist.current();
        List<KeyValue<String, EntityAlertState>> changed = new ArrayList<>();
        try (KeyValueIterator<String, EntityAlertState> it = store.all()) {
            while (it.hasNext()) {
                KeyValue<String, EntityAlertState> kv = it.next();
                EntityAlertState state = kv.value;
                if (state.spike.start == -1 || state.spike.count == 0) {
                    continue;
                }
                Optional<WatchedEntity> entity = snapshot.matcher().entity(kv.key);
                if (entity.isEmpty() || !entity.get().alerts().kinds().contains(AlertKind.SPIKE)) {
                    continue;
                }
                long size = entity.get().alerts().spike().window().toMillis();
                if (wallNow - state.lastMentionWallMs < size) {
                    continue;
                }
                long bucketEnd = state.spike.start + size;
                closeBucket(entity.get(), state, Long.MAX_VALUE, snapshot.version(), bucketEnd - 1);
                state.spike.reset(bucketEnd);
                changed.add(kv);
            }
        }
        changed.forEach(kv -> store.put(kv.key, kv.value));
    }

    private void emit(WatchedEntity entity, AlertKind kind, EntityAlertState.Window window, long size,
                      Double baseline, Double score, long version, long ts, boolean triggeredByArticle) {
        Instant start = Instant.ofEpochMilli(window.start);
        Alert alert = new Alert(AlertIds.of(kind, entity.id(), String.valueOf(window.start)), kind, entity.id(), entity.name(),
                null, null, start, start.plusMillis(size), window.count, List.copyOf(window.sources), baseline, score,
                window.evidence, List.copyOf(entity.tags()), version);
        metrics.alert(kind.name(), entity.id());
        if (triggeredByArticle) {
            metrics.alertLatency(context.currentSystemTimeMs() - ts);
        }
        for (String topic : router.topics(entity)) {
            context.forward(new Record<>(entity.id(), new RoutedAlert(alert, topic), ts));
        }
    }
}
