package io.newswatch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The monitor's own meters, lower-case dot names under {@code newswatch.}, with bounded tags.
 * Prometheus shows them as {@code newswatch_articles_in_total}, {@code newswatch_alerts_total}, ….
 */
public final class MonitorMetrics {

    private final MeterRegistry registry;
    private final EntityLabels entityLabels;
    private final Counter articlesIn;
    private final Counter duplicates;
    private final Counter unrouted;
    private final Counter threadFailures;
    private final Timer matchTime;
    private final Timer alertLatency;
    private final Timer sketchTime;
    private final Timer storyTime;
    private final AtomicLong storySketches = new AtomicLong();
    private final AtomicLong storyIndexBytes = new AtomicLong();
    private final AtomicLong watchlistSize = new AtomicLong();
    private final AtomicLong watchlistVersion = new AtomicLong(-1);
    private final ConcurrentMap<String, Counter> counters = new ConcurrentHashMap<>();

    public MonitorMetrics(MeterRegistry registry, EntityLabels entityLabels) {
        this.registry = registry;
        this.entityLabels = entityLabels;
        this.articlesIn = Counter.builder("newswatch.articles.in")
                .description("Articles read from the articles topic and accepted for matching")
                .register(registry);
        this.duplicates = Counter.builder("newswatch.articles.duplicates")
                .description("Articles skipped because the same id was seen within the duplicate window")
                .register(registry);
        // Registered up front: a healthy monitor shows 0 here rather than no data.
        this.unrouted = Counter.builder("newswatch.alerts.unrouted")
                .description("Alerts not sent to a routed topic because it does not exist or is not an alert topic (they still go to the default topic)")
                .register(registry);
        this.threadFailures = Counter.builder("newswatch.stream.thread.failures")
                .description("Stream threads that died and were replaced")
                .register(registry);
        this.matchTime = Timer.builder("newswatch.match.time")
                .description("Time to match one article against the whole watchlist")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000))
                .maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry);
        this.alertLatency = Timer.builder("newswatch.alert.latency")
                .description("End-to-end latency from the article's record timestamp to its alert being emitted")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofMillis(1))
                .maximumExpectedValue(Duration.ofMinutes(10))
                .register(registry);
        this.sketchTime = Timer.builder("newswatch.story.time").tag("stage", "sketch")
                .description("Story stage: time to sketch one matched article (where it is matched), and to place it in its story (in the story task)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000))
                .maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry);
        this.storyTime = Timer.builder("newswatch.story.time").tag("stage", "place")
                .description("Story stage: time to sketch one matched article (where it is matched), and to place it in its story (in the story task)")
                .publishPercentileHistogram()
                .minimumExpectedValue(Duration.ofNanos(1_000))
                .maximumExpectedValue(Duration.ofSeconds(1))
                .register(registry);
        Gauge.builder("newswatch.stories.sketches", storySketches, AtomicLong::get)
                .description("Article sketches the story index holds (this instance; 0 where the story task is elsewhere)").register(registry);
        Gauge.builder("newswatch.stories.index.bytes", storyIndexBytes, AtomicLong::get)
                .description("Estimated heap held by the story index (this instance)").baseUnit("bytes").register(registry);
        Gauge.builder("newswatch.watchlist.size", watchlistSize, AtomicLong::get)
                .description("Entities in the live watchlist").register(registry);
        Gauge.builder("newswatch.watchlist.version", watchlistVersion, AtomicLong::get)
                .description("Offset of the newest watchlist record applied").register(registry);
    }

    /** Meters that go nowhere, for tests and tools that do not serve metrics. */
    public static MonitorMetrics noop() {
        return new MonitorMetrics(new SimpleMeterRegistry(), new EntityLabels(java.util.Set.of(), 0));
    }

    public MeterRegistry registry() {
        return registry;
    }

    public void articleIn() {
        articlesIn.increment();
    }

    public void duplicate() {
        duplicates.increment();
    }

    public void rejected(String reason) {
        counter("newswatch.articles.rejected", "Records sent to the dead-letter topic, by reason", "reason", reason).increment();
    }

    /** Registers the rejected-records series at zero, so dashboards show every reason before the first reject. */
    public void declareRejectReasons(java.util.Collection<String> reasons) {
        reasons.forEach(reason -> counter("newswatch.articles.rejected", "Records sent to the dead-letter topic, by reason", "reason", reason));
    }

    /** Registers the skipped-watchlist-records series at zero, one per reason. */
    public void declareWatchlistRejectReasons(java.util.Collection<String> reasons) {
        reasons.forEach(reason -> counter("newswatch.watchlist.rejected", "Watchlist records skipped as invalid, by reason", "reason", reason));
    }

    public void watchlistRejected(String reason) {
        counter("newswatch.watchlist.rejected", "Watchlist records skipped as invalid, by reason", "reason", reason).increment();
    }

    public void mention(String entityId) {
        counter("newswatch.mentions", "Mentions found, by entity (bounded: see EntityLabels)", "entity", entityLabels.label(entityId)).increment();
    }

    public void alert(String kind, String entityId) {
        alertCounter(kind, entityLabels.label(entityId)).increment();
    }

    /**
     * Registers an alerts series at zero for every kind, under the {@code other} entity label (which
     * exists whatever the watchlist), so "alerts by kind" shows each kind before its first alert.
     */
    public void declareAlertKinds(java.util.Collection<String> kinds) {
        kinds.forEach(kind -> alertCounter(kind, EntityLabels.OTHER));
    }

    private Counter alertCounter(String kind, String entityLabel) {
        return counters.computeIfAbsent("newswatch.alerts|" + kind + "|" + entityLabel, k -> Counter.builder("newswatch.alerts")
                .description("Alerts emitted, by kind and entity (bounded)")
                .tag("kind", kind).tag("entity", entityLabel)
                .register(registry));
    }

    public void alertRouteMissing(String topic) {
        // No topic label: which topics are missing is in the log, once per topic.
        unrouted.increment();
    }

    public void streamThreadFailed() {
        threadFailures.increment();
    }

    /** Gauges of the monitor's liveness and readiness (1 or 0), as {@code /health} and {@code /ready} answer. */
    public void health(HealthCheck health) {
        Gauge.builder("newswatch.live", health, h -> h.liveness().ok() ? 1 : 0)
                .description("1 while /health answers 200").register(registry);
        Gauge.builder("newswatch.ready", health, h -> h.readiness().ok() ? 1 : 0)
                .description("1 while /ready answers 200").register(registry);
    }

    /** A new story for the entity: the first article of a story to mention it. */
    public void story(String entityId) {
        counter("newswatch.stories", "Distinct stories that mention the entity (copies of a story count once)", "entity",
                entityLabels.label(entityId)).increment();
    }

    public void sketchTime(long nanos) {
        sketchTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void storyTime(long nanos) {
        storyTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    /** The story index's size now. */
    public void storyIndex(int sketches, long bytes) {
        storySketches.set(sketches);
        storyIndexBytes.set(bytes);
    }

    public void matchTime(long nanos) {
        matchTime.record(nanos, TimeUnit.NANOSECONDS);
    }

    public void alertLatency(long millis) {
        if (millis >= 0) {
            alertLatency.record(millis, TimeUnit.MILLISECONDS);
        }
    }

    public void watchlist(int size, long version) {
        watchlistSize.set(size);
        watchlistVersion.set(version);
    }

    private Counter counter(String name, String description, String tag, String value) {
        return counters.computeIfAbsent(name + "|" + value, k -> Counter.builder(name)
                .description(description).tag(tag, value).register(registry));
    }
}
