package io.newswatch.monitor;

import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;

/**
 * Every alert of the default alert topic (every alert goes there, keyed by entity id), kept as it
 * came in {@value MonitorTopology#LATEST_ALERTS_STORE}, a window store by the alert's time kept as
 * long as the history setting says: {@link StateQueries#latestAlerts} reads an entity's newest
 * ones from it. Nothing is decoded here; a record that is not an alert is skipped when read.
 */
final class AlertHistory implements Processor<String, byte[], Void, Void> {

    private final String storeName;
    private WindowStore<String, byte[]> store;

    AlertHistory(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() != null && record.value() != null) {
            store.put(record.key(), record.value(), record.timestamp());
        }
    }
}
