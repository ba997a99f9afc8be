package io.newswatch.monitor;

import io.newswatch.alert.Alert;
import io.newswatch.watchlist.AlertKind;
import io.newswatch.watchlist.AlertSettings;
import io.newswatch.watchlist.WatchedEntity;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.Optional;

/**
 * The CO_MENTION rule, input keyed by entity pair: when a pair reaches the entity's co-mention
 * count within its window (by default 1 in a day: the first time the pair appears that day), one
 * alert for that window ({@link TumblingWindows}).
 */
final class CoMentionAlerts implements Processor<String, CoMention, String, Alert> {

    private final String storeName;
    private final LiveWatchlist watchlist;
    private final AlertEmitter emitter;
    private final int evidenceLimit;
    private ProcessorContext<String, Alert> context;
    private KeyValueStore<String, TumblingWindows> store;

    CoMentionAlerts(String storeName, LiveWatchlist watchlist, AlertEmitter emitter, int evidenceLimit) {
        this.storeName = storeName;
        this.watchlist = watchlist;
        this.emitter = emitter;
        this.evidenceLimit = evidenceLimit;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
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
        if (entity.isEmpty() || other.isEmpty() || !entity.get().alerts().enabled(AlertKind.CO_MENTION)) {
            return;
        }
        AlertSettings.CoMention settings = entity.get().alerts().coMention();
        long ts = record.timestamp();
        long size = settings.window().toMillis();
        TumblingWindows state = Optional.ofNullable(store.get(record.key())).orElseGet(TumblingWindows::new);
        Window crossed = state.count(ts, size, settings.count(), pair.evidence(), evidenceLimit);
        if (crossed != null) {
            Alert alert = AlertEmitter.alert(AlertKind.CO_MENTION, entity.get(), other.get(), crossed, crossed.start + size,
                    null, null, snapshot.version());
            emitter.emit(context, entity.get(), alert, ts, true);
        }
        store.put(record.key(), state);
    }
}
