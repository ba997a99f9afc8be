package io.newswatch.monitor;

import io.newswatch.alert.Alert;
import io.newswatch.kafka.JsonSerde;
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
 * The THRESHOLD and SPIKE rules, from the mentions of each entity (input keyed by entity id,
 * read back from {@code news.mentions}). A mention is decoded only when its entity has one of
 * these kinds switched on: with the default kinds (MENTION only) every mention passes by as bytes.
 *
 * <p>Both count distinct stories by default ({@link io.newswatch.watchlist.AlertSettings.CountBy}):
 * a mention counts when it is the first of its story for the entity ({@link Mention#firstInStory}),
 * and every article is still counted in the alert's {@code articleCount}.
 *
 * <ul>
 *   <li>THRESHOLD: at least N stories (or articles) in a tumbling window W ({@link TumblingWindows}); fires at
 *       the crossing, once per window.</li>
 *   <li>SPIKE: stories (or articles) per bucket against the entity's own EWMA baseline; a bucket is judged when
 *       it closes — when a mention arrives in a later bucket, or, for an entity that has gone
 *       quiet, by a wall-clock punctuation once no mention has arrived for a bucket's length. The
 *       alert carries the baseline and the z-score.</li>
 * </ul>
 *
 * <p>Backfilled mentions (of an entity added late) count in their own THRESHOLD windows, and an
 * alert they make fire is flagged {@code backfill}; SPIKE takes them only for buckets it has not
 * judged yet.
 */
final class EntityAlerts implements Processor<String, byte[], String, Alert> {

    private static final Logger LOG = LoggerFactory.getLogger(EntityAlerts.class);
    private static final Deserializer<Mention> MENTION = JsonSerde.of(Mention.class).deserializer();

    private final String storeName;
    private final LiveWatchlist watchlist;
    private final AlertEmitter emitter;
    private final int evidenceLimit;
    private final Duration checkInterval;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, EntityAlertState> store;

    EntityAlerts(String storeName, LiveWatchlist watchlist, AlertEmitter emitter, int evidenceLimit, Duration checkInterval) {
        this.storeName = storeName;
        this.watchlist = watchlist;
        this.emitter = emitter;
        this.evidenceLimit = evidenceLimit;
        this.checkInterval = checkInterval;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
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
        boolean threshold = alerts.enabled(AlertKind.THRESHOLD);
        boolean spike = alerts.enabled(AlertKind.SPIKE);
        if (!threshold && !spike) {
            return;
        }
        Mention mention = decode(record.value());
        if (mention == null) {
            return;
        }
        long ts = record.timestamp();
        EntityAlertState state = Optional.ofNullable(store.get(entity.id())).orElseGet(EntityAlertState::new);
        Alert.Evidence evidence = mention.evidence(Instant.ofEpochMilli(ts));
        if (threshold) {
            long size = alerts.threshold().window().toMillis();
            Window crossed = state.threshold.count(ts, size, alerts.threshold().count(), evidence, evidenceLimit,
                    mention.firstInStory(), alerts.countsStories());
            if (crossed != null) {
                Alert alert = AlertEmitter.alert(AlertKind.THRESHOLD, entity, crossed, crossed.start + size, null, null,
                        snapshot.version());
                emitter.emit(context, entity, mention.backfill() ? alert.asBackfill() : alert, ts, true);
            }
        }
        if (spike) {
            long size = alerts.spike().window().toMillis();
            long bucket = ts - Math.floorMod(ts, size);
            // a backfilled mention of a bucket already judged is left out: the baseline has moved past it
            boolean judged = state.spike.started() && bucket < state.spike.start;
            if (!(mention.backfill() && judged)) {
                if (state.spike.started() && bucket > state.spike.start) {
                    closeBucket(entity, state, bucket, snapshot.version(), ts);
                }
                if (!state.spike.started() || bucket > state.spike.start) {
                    state.spike.reset(bucket);
                }
                state.spike.add(evidence, evidenceLimit, mention.firstInStory());
                state.lastMentionWallMs = context.currentSystemTimeMs();
            }
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
            LOG.warn("skipped undecodable mention at {}: {}", DeadLetters.coordinates(context.recordMetadata()), e.getMessage());
            return null;
        }
    }

    /** Judges the open bucket, then folds it and the empty buckets up to {@code nextBucket} into the baseline. */
    private void closeBucket(WatchedEntity entity, EntityAlertState state, long nextBucket, long version, long ts) {
        AlertSettings.Spike settings = entity.alerts().spike();
        long size = settings.window().toMillis();
        int count = state.spike.counted(entity.alerts().countsStories());
        double score = (count - state.mean) / Math.max(Math.sqrt(state.variance), 1.0);
        // A spike is relative to the entity's own history: the first bucket only starts the baseline.
        if (state.buckets > 0 && !state.spike.fired && count >= settings.minCount() && score >= settings.zScore()) {
            state.spike.fired = true;
            emitter.emit(context, entity, AlertEmitter.alert(AlertKind.SPIKE, entity, state.spike, state.spike.start + size,
                    state.mean, score, version), ts, nextBucket != Long.MAX_VALUE);
        }
        long emptyBuckets = nextBucket == Long.MAX_VALUE ? 0 : Math.max(0, (nextBucket - state.spike.start) / size - 1);
        fold(state, count, settings.alpha());
        for (long i = 0; i < Math.min(emptyBuckets, 1_000); i++) {
            fold(state, 0, settings.alpha());
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
                if (!state.spike.started() || state.spike.count == 0) {
                    continue;
                }
                Optional<WatchedEntity> entity = snapshot.matcher().entity(kv.key);
                if (entity.isEmpty() || !entity.get().alerts().enabled(AlertKind.SPIKE)) {
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
}
