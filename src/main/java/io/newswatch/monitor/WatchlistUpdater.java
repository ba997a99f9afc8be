package io.newswatch.monitor;

import io.newswatch.kafka.JsonErrors;
import io.newswatch.kafka.JsonSerde;
import io.newswatch.metrics.MonitorMetrics;
import io.newswatch.watchlist.WatchedEntity;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;

/**
 * Processor of the global watchlist store: every record of {@code news.watchlist} (also when
 * the store is restored) goes through here. Valid entities are stored and applied to the
 * {@link LiveWatchlist}; tombstones remove; a bad record is logged by its coordinates, counted
 * and skipped, never fatal, and leaves the rest of the watchlist as it was.
 */
final class WatchlistUpdater implements Processor<byte[], byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(WatchlistUpdater.class);
    private static final JsonSerde<WatchedEntity> SERDE = JsonSerde.of(WatchedEntity.class);

    private final String storeName;
    private final LiveWatchlist watchlist;
    private final MonitorMetrics metrics;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> store;

    WatchlistUpdater(String storeName, LiveWatchlist watchlist, MonitorMetrics metrics) {
        this.storeName = storeName;
        this.watchlist = watchlist;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        // Entities already in the store (should a restore bypass this processor) are live too.
        try (var all = store.all()) {
            all.forEachRemaining(kv -> {
                try {
                    watchlist.put(SERDE.deserialize(null, kv.value), -1);
                } catch (RuntimeException e) {
                    store.delete(kv.key);
                }
            });
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
        String where = context.recordMetadata()
                .map(m -> m.topic() + "/" + m.partition() + "@" + m.offset()).orElse("watchlist");
        if (record.key() == null || record.key().length == 0) {
            reject(where, "missing-key", "no entity id in the record key");
            return;
        }
        String id = new String(record.key(), StandardCharsets.UTF_8);
        if (record.value() == null) {
            store.delete(id);
            watchlist.remove(id, offset);
            LOG.debug("watchlist {}: removed {}", where, id);
            return;
        }
        WatchedEntity entity;
        try {
            entity = SERDE.deserialize(null, record.value());
        } catch (RuntimeException e) {
            reject(where, "invalid-entity", JsonErrors.describe(e.getCause() == null ? e : e.getCause()));
            return;
        }
        if (entity == null) {
            reject(where, "invalid-entity", "empty value");
            return;
        }
        if (!entity.id().equals(id)) {
            reject(where, "key-mismatch", "record key '" + id + "' differs from entity id '" + entity.id() + "'");
            return;
        }
        store.put(id, record.value());
        watchlist.put(entity, offset);
        LOG.debug("watchlist {}: applied {}", where, id);
    }

    private void reject(String where, String reason, String detail) {
        metrics.watchlistRejected(reason);
        LOG.warn("skipped bad watchlist record at {}: {}", where, detail);
    }
}
