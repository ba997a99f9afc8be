package io.newswatch.monitor;

import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.processor.api.RecordMetadata;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Optional;

/**
 * Dead letters: records the monitor could not process, each with why and where it came from in
 * its headers. A dead letter is bounded whatever came in: it keeps the original key and at most
 * {@code maxValueBytes} of the original value (and never more than the dead-letter topic accepts),
 * plus the original size, so an oversized record can always be dead-lettered and, from its
 * coordinates, found again on its source topic while that topic retains it.
 */
public final class DeadLetters {

    public static final String REASON = "newswatch.reason";
    public static final String ERROR = "newswatch.error";
    public static final String SOURCE_TOPIC = "newswatch.source.topic";
    public static final String SOURCE_PARTITION = "newswatch.source.partition";
    public static final String SOURCE_OFFSET = "newswatch.source.offset";
    /** Size in bytes of the original value; the value kept is shorter when it was cut. */
    public static final String ORIGINAL_BYTES = "newswatch.original.bytes";

    /** Keys longer than this are cut (ids are short; a key this long is not one). */
    static final int MAX_KEY_BYTES = 1024;
    /** The original record's headers are kept when they are at most this large together. */
    static final int MAX_KEPT_HEADER_BYTES = 8 * 1024;
    private static final int MAX_ERROR_CHARS = 500;

    private final String topic;
    private final int maxValueBytes;
    private final OutputLimits limits;

    DeadLetters(String topic, int maxValueBytes, OutputLimits limits) {
        this.topic = topic;
        this.maxValueBytes = maxValueBytes;
        this.limits = limits;
    }

    String topic() {
        return topic;
    }

    /** The dead letter of a record read at {@code source}. */
    Record<byte[], byte[]> of(Record<byte[], byte[]> original, RejectReason reason, String error,
                              Optional<RecordMetadata> source) {
        Headers headers = headers(original.headers(), reason, error,
                source.map(RecordMetadata::topic).orElse(null),
                source.map(RecordMetadata::partition).orElse(-1),
                source.map(RecordMetadata::offset).orElse(-1L), original.value());
        return new Record<>(cut(original.key(), MAX_KEY_BYTES), keep(original.value(), headers), original.timestamp(), headers);
    }

    /** The dead letter of the input record behind a failure that an exception handler sees. */
    ProducerRecord<byte[], byte[]> of(ErrorHandlerContext context, RejectReason reason, String error) {
        Headers headers = headers(context.headers(), reason, error, context.topic(), context.partition(), context.offset(),
                context.sourceRawValue());
        return new ProducerRecord<>(topic, null, context.timestamp() < 0 ? null : context.timestamp(),
                cut(context.sourceRawKey(), MAX_KEY_BYTES), keep(context.sourceRawValue(), headers), headers);
    }

    private byte[] keep(byte[] value, Headers headers) {
        return cut(value, Math.min(maxValueBytes, limits.valueLimit(topic, headers)));
    }

    private static Headers headers(Headers original, RejectReason reason, String error, String sourceTopic, int partition,
                                   long offset, byte[] value) {
        RecordHeaders headers = new RecordHeaders();
        if (original != null && OutputLimits.size(original) <= MAX_KEPT_HEADER_BYTES) {
            for (Header h : original) {
                if (!h.key().startsWith("newswatch.")) {
                    headers.add(h);
                }
            }
        }
        headers.add(REASON, bytes(reason.key()));
        headers.add(ERROR, bytes(error.length() > MAX_ERROR_CHARS ? error.substring(0, MAX_ERROR_CHARS) : error));
        if (sourceTopic != null) {
            headers.add(SOURCE_TOPIC, bytes(sourceTopic));
            headers.add(SOURCE_PARTITION, bytes(String.valueOf(partition)));
            headers.add(SOURCE_OFFSET, bytes(String.valueOf(offset)));
        }
        if (value != null) {
            headers.add(ORIGINAL_BYTES, bytes(String.valueOf(value.length)));
        }
        return headers;
    }

    private static byte[] cut(byte[] bytes, int max) {
        return bytes == null || bytes.length <= max ? bytes : Arrays.copyOf(bytes, max);
    }

    /** {@code topic/partition@offset} for log lines. */
    static String coordinates(Optional<RecordMetadata> source) {
        return source.map(m -> m.topic() + "/" + m.partition() + "@" + m.offset()).orElse("(unknown position)");
    }

    static String coordinates(ErrorHandlerContext context) {
        return context.topic() == null ? "(a punctuation)" : context.topic() + "/" + context.partition() + "@" + context.offset();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
