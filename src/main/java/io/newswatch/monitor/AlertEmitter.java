package io.newswatch.monitor;

import io.newswatch.alert.Alert;
import io.newswatch.metrics.MonitorMetrics;
import io.newswatch.watchlist.AlertKind;
import io.newswatch.watchlist.WatchedEntity;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;

/**
 * The one way an alert leaves the monitor, whatever rule fired it: made from the rule's
 * {@link Window} with its deterministic id, counted, and forwarded once per topic it is routed to
 * ({@link AlertRouter}), the topic in the record's {@value #TOPIC_HEADER} header, where
 * {@link #TOPIC} reads it for the sink.
 */
final class AlertEmitter {

    /** Names the alert topic a forwarded alert is for; it stays on the record written there. */
    static final String TOPIC_HEADER = "newswatch.alert.topic";

    /** The alert sinks' topic: the one its record names. */
    static final TopicNameExtractor<String, Alert> TOPIC = (key, alert, context) ->
            new String(context.headers().lastHeader(TOPIC_HEADER).value(), StandardCharsets.UTF_8);

    private final AlertRouter router;
    private final MonitorMetrics metrics;

    AlertEmitter(AlertRouter router, MonitorMetrics metrics) {
        this.router = router;
        this.metrics = metrics;
    }

    /**
     * The alert of a windowed rule (THRESHOLD, SPIKE) for what {@code window} counted. Its id is
     * the same whenever the same input fires it: kind, entity and the window's start.
     *
     * @param windowEnd end of the window (epoch ms)
     * @param baseline  SPIKE only: the entity's baseline per bucket, else null
     * @param score     SPIKE only: the bucket's z-score, else null
     */
    static Alert alert(AlertKind kind, WatchedEntity entity, Window window, long windowEnd,
                       Double baseline, Double score, long watchlistVersion) {
        String id = AlertIds.of(kind, entity.id(), String.valueOf(window.start));
        return new Alert(id, kind, entity.id(), entity.name(), null, null, Instant.ofEpochMilli(window.start),
                Instant.ofEpochMilli(windowEnd), window.count, List.copyOf(window.sources), baseline, score, window.evidence,
                List.copyOf(entity.tags()), watchlistVersion, null, window.stories, null);
    }

    /**
     * The alert of a story rule (MENTION, SPREAD, CO_MENTION) about {@code storyId}: its id is the
     * kind, the entity and the story, and for CO_MENTION the pairs, so each fires once per story
     * whichever copy came first.
     *
     * @param window the articles behind it: for MENTION the one that brought the entity into the
     *               story, for SPREAD the story's outlets
     * @param pairs  CO_MENTION only: the pairs the story brings in, first one in {@code coEntity}
     */
    static Alert storyAlert(AlertKind kind, WatchedEntity entity, String storyId, Window window, List<Alert.Pair> pairs,
                            long watchlistVersion) {
        String[] parts = new String[2 + pairs.size()];
        parts[0] = entity.id();
        parts[1] = storyId;
        for (int i = 0; i < pairs.size(); i++) {
            parts[2 + i] = pairs.get(i).coEntityId() + "@" + pairs.get(i).windowStart().toEpochMilli();
        }
        Alert.Pair first = pairs.isEmpty() ? null : pairs.get(0);
        return new Alert(AlertIds.of(kind, parts), kind, entity.id(), entity.name(), first == null ? null : first.coEntityId(),
                first == null ? null : first.coEntityName(), Instant.ofEpochMilli(window.start), Instant.ofEpochMilli(window.start),
                window.count, List.copyOf(window.sources), null, null, window.evidence, List.copyOf(entity.tags()),
                watchlistVersion, storyId, window.stories, pairs);
    }

    /**
     * Counts {@code alert} and forwards it to every topic {@code entity}'s alerts go to.
     *
     * @param ts                 the time of the record that fired it
     * @param triggeredByArticle whether an article fired it just now (then its latency is measured),
     *                           rather than a wall-clock check of a quiet entity
     */
    void emit(ProcessorContext<String, Alert> context, WatchedEntity entity, Alert alert, long ts, boolean triggeredByArticle) {
        metrics.alert(alert.kind().name(), entity.id());
        if (triggeredByArticle) {
            metrics.alertLatency(context.currentSystemTimeMs() - ts);
        }
        for (String topic : router.topics(entity)) {
            RecordHeaders headers = new RecordHeaders();
            headers.add(TOPIC_HEADER, topic.getBytes(StandardCharsets.UTF_8));
            context.forward(new Record<>(entity.id(), alert, ts, headers));
        }
    }
}
