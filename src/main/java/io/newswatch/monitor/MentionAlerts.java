package io.newswatch.monitor;

import io.newswatch.alert.Alert;
import io.newswatch.watchlist.AlertKind;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;

import java.time.Instant;

/** The MENTION rule: one alert per new article that mentions an entity with MENTION alerts on. */
final class MentionAlerts implements Processor<String, MatchedArticle, String, Alert> {

    private final AlertEmitter emitter;
    private ProcessorContext<String, Alert> context;

    MentionAlerts(AlertEmitter emitter) {
        this.emitter = emitter;
    }

    @Override
    public void init(ProcessorContext<String, Alert> context) {
        this.context = context;
    }

    @Override
    public void process(Record<String, MatchedArticle> record) {
        MatchedArticle matched = record.value();
        long ts = record.timestamp();
        for (MatchedArticle.Found found : matched.found()) {
            if (found.entity().alerts().enabled(AlertKind.MENTION)) {
                Window article = Window.of(ts, found.mention().evidence(Instant.ofEpochMilli(ts)));
                emitter.emit(context, found.entity(), AlertEmitter.alert(AlertKind.MENTION, found.entity(), null, article, ts,
                        null, null, matched.watchlistVersion()), ts, true);
            }
        }
    }
}
