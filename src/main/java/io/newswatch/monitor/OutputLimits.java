package io.newswatch.monitor;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The largest record each output topic accepts, so that nothing is handed to the producer that
 * the producer or the broker would refuse: under exactly-once one refused record aborts the
 * whole transaction, and the same input would fail again after every restart.
 *
 * <p>A record may not exceed the producer's {@code max.request.size} nor its topic's
 * {@code max.message.bytes}. Topics are learnt from the cluster (and re-read as the monitor
 * runs); a topic not yet described counts as the broker default, the monitor's own internal
 * topics as the size it creates them with. {@link #VALUE_HEADROOM} bytes are kept for the key,
 * the record and batch framing.
 */
final class OutputLimits {

    /** Kafka's default {@code message.max.bytes}, assumed for a topic not described yet. */
    static final int BROKER_DEFAULT = 1_048_588;
    /** Kept free of a value: the key (ids are short), record and batch framing. */
    static final int VALUE_HEADROOM = 4 * 1024;

    private final int maxRequestBytes;
    private final int internalTopicBytes;
    private final String internalPrefix;
    private final int undescribedTopicBytes;
    private final Map<String, Integer> topicBytes = new ConcurrentHashMap<>();

    /**
     * @param maxRequestBytes    the producer's {@code max.request.size}
     * @param internalTopicBytes {@code max.message.bytes} of the monitor's repartition and changelog topics
     * @param applicationId      prefix of those internal topics
     */
    OutputLimits(int maxRequestBytes, int internalTopicBytes, String applicationId) {
        this(maxRequestBytes, internalTopicBytes, applicationId, BROKER_DEFAULT);
    }

    private OutputLimits(int maxRequestBytes, int internalTopicBytes, String applicationId, int undescribedTopicBytes) {
        this.maxRequestBytes = maxRequestBytes;
        this.internalTopicBytes = internalTopicBytes;
        this.internalPrefix = applicationId + "-";
        this.undescribedTopicBytes = undescribedTopicBytes;
    }

    /** Every topic at the same limit until told otherwise: for tests. */
    static OutputLimits uniform(int bytes) {
        return new OutputLimits(bytes, bytes, "", bytes);
    }

    /** Records what the cluster says a topic accepts. */
    void topic(String topic, int maxMessageBytes) {
        topicBytes.put(topic, maxMessageBytes);
    }

    boolean knows(String topic) {
        return topicBytes.containsKey(topic);
    }

    Set<String> known() {
        return Set.copyOf(topicBytes.keySet());
    }

    /** Bytes a value (with these headers) may have on {@code topic}. */
    int valueLimit(String topic, Headers headers) {
        return Math.max(0, recordLimit(topic) - VALUE_HEADROOM - size(headers));
    }

    private int recordLimit(String topic) {
        Integer known = topicBytes.get(topic);
        int accepted = known != null ? known
                : isInternal(topic) ? internalTopicBytes
                : undescribedTopicBytes;
        return Math.min(accepted, maxRequestBytes);
    }

    private boolean isInternal(String topic) {
        return topic.startsWith(internalPrefix) && (topic.endsWith("-repartition") || topic.endsWith("-changelog"));
    }

    static int size(Headers headers) {
        int bytes = 0;
        if (headers != null) {
            for (Header h : headers) {
                bytes += h.key().length() + (h.value() == null ? 0 : h.value().length) + 8;
            }
        }
        return bytes;
    }
}
