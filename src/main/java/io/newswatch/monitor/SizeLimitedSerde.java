package io.newswatch.monitor;

import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

/**
 * A serde whose serializer refuses a value its topic would not accept ({@link OutputLimits}),
 * with {@link OutputTooLargeException}: Kafka Streams then asks the production exception handler
 * ({@link FailedRecords}) before anything reaches the producer, so the transaction stays good.
 */
final class SizeLimitedSerde<T> implements Serde<T> {

    private final Serde<T> inner;
    private final OutputLimits limits;
    private final String what;

    /** @param what names the value in messages: "mention", "alert", "article", … */
    SizeLimitedSerde(Serde<T> inner, OutputLimits limits, String what) {
        this.inner = inner;
        this.limits = limits;
        this.what = what;
    }

    @Override
    public Serializer<T> serializer() {
        Serializer<T> serializer = inner.serializer();
        return new Serializer<>() {
            @Override
            public byte[] serialize(String topic, T data) {
                return serialize(topic, null, data);
            }

            @Override
            public byte[] serialize(String topic, Headers headers, T data) {
                byte[] bytes = serializer.serialize(topic, headers, data);
                if (bytes != null) {
                    int limit = limits.valueLimit(topic, headers);
                    if (bytes.length > limit) {
                        throw new OutputTooLargeException(what, topic, bytes.length, limit);
                    }
                }
                return bytes;
            }
        };
    }

    @Override
    public Deserializer<T> deserializer() {
        return inner.deserializer();
    }

    /** A value larger than its topic accepts; the message names sizes and the topic, never content. */
    static final class OutputTooLargeException extends SerializationException {
        private final String topic;

        OutputTooLargeException(String what, String topic, int bytes, int limit) {
            super(what + " for " + topic + " has " + bytes + " bytes, limit " + limit);
            this.topic = topic;
        }

        String topic() {
            return topic;
        }
    }
}
