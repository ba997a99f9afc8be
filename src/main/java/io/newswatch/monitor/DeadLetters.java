package io.newswatch.monitor;

import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * Headers of a dead-letter record: why it was rejected and where it came from. The original key
 * and value are kept as they were, so a fixed record can be replayed.
 */
public final class DeadLetters {

    public static final String REASON = "newswatch.reason";
    public static final String ERROR = "newswatch.error";
    public static final String SOURCE_TOPIC = "newswatch.source.topic";
    public static final String SOURCE_PARTITION = "newswatch.source.partition";
    public static final String SOURCE_OFFSET = "newswatch.source.offset";

    private DeadLetters() {
    }

    static void annotate(Headers headers, RejectReason reason, String error, Optional<RecordMetadata> source) {
        headers.remove(REASON).remove(ERROR);
        headers.add(REASON, bytes(reason.key()));
        headers.add(ERROR, bytes(error.length() > 500 ? error.substring(0, 500) : error));
        source.ifPresent(m -> {
            headers.remove(SOURCE_TOPIC).remove(SOURCE_PARTITION).remove(SOURCE_OFFSET);
            headers.add(SOURCE_TOPIC, bytes(m.topic()));
            headers.add(SOURCE_PARTITION, bytes(String.valueOf(m.partition())));
            headers.add(SOURCE_OFFSET, bytes(String.valueOf(m.offset())));
        });
    }

    /** {@code topic/partition@offset} for log lines. */
    static String coordinates(Optional<RecordMetadata> source) {
        return source.map(m -> m.topic() + "/" + m.partition() + "@" + m.offset()).orElse("(unknown position)");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
