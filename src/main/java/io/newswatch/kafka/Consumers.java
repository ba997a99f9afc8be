package io.newswatch.kafka;

import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;

import java.util.Map;

/** Small helpers for the program's plain (non-Streams) consumers. */
public final class Consumers {

    private Consumers() {
    }

    /** True when the consumer's position has reached {@code end} on every partition. */
    public static boolean caughtUp(Consumer<?, ?> consumer, Map<TopicPartition, Long> end) {
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            if (consumer.position(e.getKey()) < e.getValue()) {
                return false;
            }
        }
        return true;
    }
}
