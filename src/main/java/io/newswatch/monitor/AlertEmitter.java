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
     * The alert of {@code kind} for what {@code window} counted. Its id is the same whenever the
     * same input fires it: kind, entity (and co-entity) and the window's start, or for MENTION the
     * article.
     *
     * @param coEntity  the other entity of a CO_MENTION, else null
     * @param windowEnd end of the window (epoch ms); a MENTION's window is its article's instant
     * @param baseline  SPIKE only: the entity's baseline per bucket, else null
     * @param score     SPIKE only: the bucket's z-score, else null
     */
    static Alert alert(AlertKind kind, WatchedEntity entity, WatchedEntity coEntity, Window window, long windowEnd,
                       Double baseline, Double score, long watchlistVersion) {
        String which = kind == AlertKind.MENTION ? window.evidence.get(0).articleId() : String.valueOf(window.start);
        String id = coEntity == null ? AlertIds.of(kind, entity.id(), which) : AlertIds.of(kind, entity.id(), coEntity.id(), which);
        return new Alert(id, kind, entity.id(), entity.name(), coEntity == null ? null : coEntity.id(),
                coEntity == null ? null : coEntity.name(), Instant.ofEpochMilli(window.start), Instant.ofEpochMilli(windowEnd),
                window.count, List.copyOf(window.sources), baseline, score, window.evidence, List.copyOf(entity.tags()),
                watchlistVersion);
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
