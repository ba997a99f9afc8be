package io.newswatch.ingest;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;

import java.time.Duration;
import java.util.Map;

/**
 * What a polling ingest reports per feed (the {@code feed} label is the URL as given, so the
 * series are as many as the feeds): fetches by result ({@code ok}, {@code not_modified},
 * {@code error}) and their latency, items by outcome ({@code new} sent, {@code seen} before) and
 * rejected items by reason. Every series of a feed (each reason too) starts at zero on its first poll, so a panel
 * shows 0 rather than "No data" for a healthy feed.
 */
public final class SourceMetrics {

    /** Meters nowhere: what a run without --metrics-port uses. */
    public static final SourceMetrics NONE = new SourceMetrics(null);

    private final MeterRegistry registry;
    /** Feeds whose series are declared, each once, and their fetch timers. */
    private final Map<String, Timer> fetchTimers = new java.util.concurrent.ConcurrentHashMap<>();

    public SourceMetrics(MeterRegistry registry) {
        this.registry = registry;
    }

    void fetched(String feed, String result, Duration took) {
        if (registry == null) {
            return;
        }
        fetchTimers.computeIfAbsent(feed, this::declare).record(took);
        counter("newswatch.ingest.fetches", "Feed fetches by result", feed, "result", result).increment();
    }

    void items(String feed, long sent, long seen, Map<String, Long> rejectedByReason) {
        if (registry == null) {
            return;
        }
        counter("newswatch.ingest.items", "Feed items by outcome", feed, "outcome", "new").increment(sent);
        counter("newswatch.ingest.items", "Feed items by outcome", feed, "outcome", "seen").increment(seen);
        rejectedByReason.forEach((reason, n) ->
                counter("newswatch.ingest.rejected", "Feed items rejected, by reason", feed, "reason", reason).increment(n));
    }

    /** A feed's series at zero, registered at its first fetch; returns its fetch timer. */
    private Timer declare(String feed) {
        for (String result : new String[] {"ok", "not_modified", "error"}) {
            counter("newswatch.ingest.fetches", "Feed fetches by result", feed, "result", result);
        }
        for (String outcome : new String[] {"new", "seen"}) {
            counter("newswatch.ingest.items", "Feed items by outcome", feed, "outcome", outcome);
        }
        for (Reason reason : Reason.values()) {
            counter("newswatch.ingest.rejected", "Feed items rejected, by reason", feed, "reason", reason.key());
        }
        return Timer.builder("newswatch.ingest.fetch.time").description("Time to fetch a feed").tag("feed", feed)
                .publishPercentileHistogram().register(registry);
    }

    private Counter counter(String name, String description, String feed, String key, String value) {
        return Counter.builder(name).description(description).tag("feed", feed).tag(key, value).register(registry);
    }
}
