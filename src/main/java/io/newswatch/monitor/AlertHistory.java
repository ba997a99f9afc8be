package io.newswatch.monitor;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.newswatch.alert.Alert;
import io.newswatch.kafka.JsonSerde;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The latest alerts of each entity, for the query API and the console's inbox: read back from the
 * default alert topic (every alert goes there, keyed by entity id) into
 * {@value MonitorTopology#LATEST_ALERTS_STORE}, the newest first, {@value #LATEST} per entity.
 * An alert id already kept is not kept twice.
 */
final class AlertHistory implements Processor<String, byte[], Void, Void> {

    static final int LATEST = 100;
    private static final Deserializer<Alert> ALERT = JsonSerde.of(Alert.class).deserializer();

    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    static final class LatestAlerts {
        List<Alert> alerts = new ArrayList<>();

        boolean add(Alert alert) {
            if (alerts.stream().anyMatch(a -> a.alertId().equals(alert.alertId()))) {
                return false;
            }
            alerts.add(0, alert);
            if (alerts.size() > LATEST) {
                alerts.remove(alerts.size() - 1);
            }
            return true;
        }
    }

    private final String storeName;
    private KeyValueStore<String, LatestAlerts> store;

    AlertHistory(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.store = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        Alert alert;
        try {
            alert = ALERT.deserialize(null, record.value());
        } catch (RuntimeException e) {
            return; // not an alert: another program wrote it there
        }
        LatestAlerts latest = Optional.ofNullable(store.get(record.key())).orElseGet(LatestAlerts::new);
        if (latest.add(alert)) {
            store.put(record.key(), latest);
        }
    }
}
