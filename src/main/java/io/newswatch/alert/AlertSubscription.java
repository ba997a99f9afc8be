package io.newswatch.alert;

import io.newswatch.kafka.ClientDefaults;
import io.newswatch.kafka.JsonErrors;
import io.newswatch.kafka.JsonSerde;
import io.newswatch.kafka.KafkaSettings;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one reader of alert topics, for {@code newswatch alerts}, the demo and the benchmark (and
 * any program that wants alerts as values): a consumer of its own (no group, nothing committed)
 * on every partition of the given topics, reading only committed (exactly-once) records, from a
 * chosen point. Not thread-safe, like the consumer it wraps; {@link #wakeup()} may be called from
 * any thread.
 *
 * <pre>{@code
 * try (AlertSubscription alerts = AlertSubscription.open(kafka, List.of("news.alerts"), Start.fromEnd(), "my-reader")) {
 *     while (running) {
 *         for (AlertSubscription.Delivery d : alerts.poll(Duration.ofMillis(500))) {
 *             if (d.alert() != null) { ... } else { log(d.problem()); }
 *         }
 *     }
 * }
 * }</pre>
 */
public final class AlertSubscription implements AutoCloseable {

    /** Where reading starts: the oldest alert kept, the end (only new alerts), or a time. */
    public record Start(boolean beginning, Instant since) {
        public static Start fromBeginning() {
            return new Start(true, null);
        }

        public static Start fromEnd() {
            return new Start(false, null);
        }

        public static Start since(Instant time) {
            return new Start(false, Objects.requireNonNull(time, "time"));
        }
    }

    /**
     * One record read: its alert and JSON bytes, or, for a record that is not one alert, the
     * problem (a line naming its position, never its content).
     */
    public record Delivery(Alert alert, byte[] json, String problem) {
    }

    /** A record holds one alert document: anything after it is refused, not ignored. */
    private static final JsonSerde<Alert> ALERT = JsonSerde.of(Alert.class);

    private final KafkaConsumer<byte[], byte[]> consumer;
    private final List<TopicPartition> partitions;
    private final Map<TopicPartition, Long> endAtOpen;
    private double bytesReceived = -1;
    private long heardAtNanos = System.nanoTime();

    private AlertSubscription(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
                              Map<TopicPartition, Long> endAtOpen) {
        this.consumer = consumer;
        this.partitions = partitions;
        this.endAtOpen = endAtOpen;
    }

    /**
     * Subscribes to every partition of {@code topics}.
     *
     * @throws IllegalArgumentException naming a topic that does not exist
     */
    public static AlertSubscription open(KafkaSettings kafka, List<String> topics, Start start, String clientId) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.with(ClientDefaults.reader(clientId)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : topics) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic); // within default.api.timeout.ms: 10 s unless --command-config says otherwise
                if (infos == null || infos.isEmpty()) {
                    throw new IllegalArgumentException("alert topic " + topic + " does not exist");
                }
                infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            if (start.since() != null) {
                Map<TopicPartition, Long> query = new HashMap<>();
                partitions.forEach(p -> query.put(p, start.since().toEpochMilli()));
                Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query);
                partitions.forEach(p -> consumer.seek(p, offsets.get(p) == null ? end.get(p) : offsets.get(p).offset()));
            } else if (start.beginning()) {
                consumer.seekToBeginning(partitions);
            } else {
                consumer.seekToEnd(partitions);
            }
            partitions.forEach(consumer::position);
            return new AlertSubscription(consumer, List.copyOf(partitions), Map.copyOf(end));
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    /** The alerts that arrived, waiting up to {@code timeout} for the first. */
    public List<Delivery> poll(Duration timeout) {
        List<Delivery> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> record : consumer.poll(timeout)) {
            try {
                Alert alert = ALERT.deserialize(record.topic(), record.value());
                if (alert != null) {
                    out.add(new Delivery(alert, record.value(), null));
                }
            } catch (RuntimeException e) {
                out.add(new Delivery(null, null, "unreadable alert at " + record.topic() + "/" + record.partition() + "@"
                        + record.offset() + ": " + JsonErrors.describe(e.getCause() == null ? e : e.getCause())));
            }
        }
        noteBytesReceived();
        return out;
    }

    /** Whether everything that was in the topics when this subscription opened has been read. */
    public boolean caughtUp() {
        for (TopicPartition p : partitions) {
            if (consumer.position(p) < endAtOpen.get(p)) {
                return false;
            }
        }
        return true;
    }

    /**
     * How long no broker has answered this subscription: an idle consumer still gets a fetch
     * response every half second, a reconnecting one gets nothing. Updated by {@link #poll}.
     */
    public Duration silentFor() {
        return Duration.ofNanos(System.nanoTime() - heardAtNanos);
    }

    private void noteBytesReceived() {
        for (var e : consumer.metrics().entrySet()) {
            if (e.getKey().name().equals("incoming-byte-total") && e.getKey().group().equals("consumer-metrics")
                    && e.getValue().metricValue() instanceof Number n) {
                if (n.doubleValue() != bytesReceived) {
                    bytesReceived = n.doubleValue();
                    heardAtNanos = System.nanoTime();
                }
                return;
            }
        }
    }

    /** Makes a blocked {@link #poll} return at once with a {@link org.apache.kafka.common.errors.WakeupException}. */
    public void wakeup() {
        consumer.wakeup();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
    }
}
