package io.newswatch.monitor;

import io.newswatch.metrics.MonitorMetrics;
import io.newswatch.watchlist.WatchlistRecord;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;
import org.apache.kafka.streams.state.KeyValueStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * Processor of the global watchlist store: every record of {@code news.watchlist} (also when
 * the store is restored) goes through here, decoded by {@link WatchlistRecord#decode}, the rules
 * the {@code watchlist} command applies too. Valid entities are stored and applied to the
 * {@link LiveWatchlist}; tombstones remove; a rejected record is logged by its coordinates and
 * reason (never its content), counted by reason, and never fatal. A rejected record with a key
 * removes that key's earlier entity, so the newest record of a key decides, before and after
 * compaction or a restart alike.
 */
final class WatchlistUpdater implements Processor<byte[], byte[], Void, Void> {

    private static final Logger LOG = LoggerFactory.getLogger(WatchlistUpdater.class);

    private final String storeName;
    private final LiveWatchlist watchlist;
    private final Set<String> forbiddenAlertTopics;
    private final MonitorMetrics metrics;
    private ProcessorContext<Void, Void> context;
    private KeyValueStore<String, byte[]> store;

    /** @param forbiddenAlertTopics the program's own topics that are not alert topics */
    WatchlistUpdater(String storeName, LiveWatchlist watchlist, Set<String> forbiddenAlertTopics, MonitorMetrics metrics) {
        this.storeName = storeName;
        this.watchlist = watchlist;
        this.forbiddenAlertTopics = Set.copyOf(forbiddenAlertTopics);
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.store = context.getStateStore(storeName);
        // Entities already in the store (should a restore bypass this processor) are live too,
        // by the same rules.
        try (var all = store.all()) {
            all.forEachRemaining(kv -> {
                if (WatchlistRecord.decode(bytes(kv.key), kv.value, forbiddenAlertTopics) instanceof WatchlistRecord.Put put) {
                    watchlist.put(put.entity(), -1);
                } else {
                    store.delete(kv.key);
                }
            });
        }
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        long offset = context.recordMetadata().map(RecordMetadata::offset).orElse(-1L);
        WatchlistRecord decoded = WatchlistRecord.decode(record.key(), record.value(), forbiddenAlertTopics);
        if (decoded instanceof WatchlistRecord.Put put) {
            store.put(put.entity().id(), record.value());
            watchlist.put(put.entity(), offset);
            LOG.debug("watchlist {}: applied {}", where(), put.entity().id());
        } else if (decoded instanceof WatchlistRecord.Remove remove) {
            store.delete(remove.id());
            watchlist.remove(remove.id(), offset);
            LOG.debug("watchlist {}: removed {}", where(), remove.id());
        } else if (decoded instanceof WatchlistRecord.Rejected rejected) {
            if (rejected.key() != null) {
                store.delete(rejected.key());
                watchlist.remove(rejected.key(), offset);
            }
            metrics.watchlistRejected(rejected.reason().key());
            LOG.warn("{}", rejected.describe(where()));
        }
    }

    private String where() {
        return context.recordMetadata().map(m -> m.topic() + "/" + m.partition() + "@" + m.offset()).orElse("watchlist");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
