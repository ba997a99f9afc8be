package io.newswatch.bench;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.alert.Alert;
import io.newswatch.alert.AlertSubscription;
import io.newswatch.article.Article;
import io.newswatch.broker.EmbeddedBroker;
import io.newswatch.kafka.ClientDefaults;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.match.Matcher;
import io.newswatch.monitor.Monitor;
import io.newswatch.topics.TopicApplier;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.TopicSpec;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.AlertKind;
import io.newswatch.watchlist.WatchedEntity;
import io.newswatch.watchlist.WatchlistTopic;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The end-to-end benchmark behind {@code newswatch bench}: one run that fills
 * {@code news.articles}, then in rounds reads it with the framework ceiling, the Lucene peer
 * ({@link ReferenceApps}), a plain consumer (the physical limit) and the monitor with
 * exactly-once, profiles the last monitor pass by stage ({@link StageProfile}), measures alert
 * latency at a steady rate, and measures heap, throughput and the time for a new entity to go
 * live at several watchlist sizes.
 *
 * <p>Throughput is measured from an application's committed offsets on {@code news.articles} (its
 * consumer group is the application id), polled every 100 ms, so an article counts once its
 * transaction has committed; the {@code newswatch.articles.in} meter is reported alongside as a
 * cross-check. Each watchlist size runs its own monitor with its own watchlist, mentions and
 * alert topics, over the same articles.
 */
public final class EndToEndBench {

    /** The options of one run; see {@code newswatch bench --help}. */
    public record Settings(int articles, int entities, int realNames, int rate, Duration latency, Duration warmUp,
                           int throughputPasses, List<Integer> scaleEntities, int scaleArticles, int denseArticles, int threads, boolean profile,
                           Path dataDir, Path workDir) {
        public Settings {
            Objects.requireNonNull(latency, "latency");
            Objects.requireNonNull(warmUp, "warmUp");
            Objects.requireNonNull(dataDir, "dataDir");
            Objects.requireNonNull(workDir, "workDir");
            scaleEntities = List.copyOf(scaleEntities);
            if (articles < 1 || entities < 1 || rate < 1 || threads < 1 || throughputPasses < 1 || scaleEntities.isEmpty()) {
                throw new IllegalArgumentException("--articles, --entities, --rate, --threads and --throughput-passes must be positive");
            }
            if (realNames < 0 || denseArticles < 0 || warmUp.isNegative()) {
                throw new IllegalArgumentException("--real-names, --dense-articles and --warm-up-seconds must not be negative");
            }
        }
    }

    private static final int PROBE_INTERVAL_MS = 20;
    /**
     * How often a phase reads the monitor's committed offsets: the broker has no way to tell a
     * client that a group committed, so the admin client asks, at this resolution.
     */
    private static final long COMMITTED_POLL_MS = 100;
    /** Articles over which a watchlist's density (share of articles with hits) is measured: ten passes over the corpus. */
    private static final int DENSITY_SAMPLE = 2_950;
    private static final Duration PHASE_TIMEOUT = Duration.ofMinutes(30);
    /** The names of what the monitor is compared with, in the report and its floors. */
    static final String PLAIN = "plain consumer";
    static final String CEILING = "framework ceiling";
    static final String PEER = "Lucene monitor peer";

    private final Settings settings;
    private final PrintWriter progress;
    private final long startNanos = System.nanoTime();
    private final String runId = Long.toString(System.currentTimeMillis(), 36);
    private KafkaSettings kafka;
    private Admin admin;

    private EndToEndBench(Settings settings, PrintWriter progress) {
        this.settings = settings;
        this.progress = progress;
    }

    /**
     * Runs every phase and returns the report. With {@code embedded}, a broker is started under
     * {@code workDir} and {@code kafka} contributes only its client settings (a
     * {@code --command-config} file, e.g. {@code producer.compression.type} for the monitor);
     * otherwise {@code kafka} is the cluster, the bundled topics are created if missing, and
     * articles already in {@code news.articles} are part of the run.
     */
    public static BenchReport run(KafkaSettings kafka, boolean embedded, Settings settings, PrintWriter progress)
            throws InterruptedException {
        return new EndToEndBench(settings, progress).run(embedded ? null : kafka, kafka);
    }

    private BenchReport run(KafkaSettings external, KafkaSettings clientSettings) throws InterruptedException {
        progress("loading Wikinews from " + settings.dataDir());
        BenchData data = BenchData.load(settings.dataDir());
        EmbeddedBroker broker = null;
        StageProfile profiler = settings.profile() ? StageProfile.record(settings.workDir()) : null;
        try {
            if (external == null) {
                broker = EmbeddedBroker.builder().port(0).dataDir(settings.workDir().resolve("kafka")).start();
                Map<String, Object> client = new HashMap<>(clientSettings.common());
                client.remove(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG);
                kafka = KafkaSettings.of(broker.bootstrapServers(), client);
                progress("embedded broker on " + broker.bootstrapServers());
            } else {
                kafka = external;
            }
            admin = Admin.create(kafka.with(ClientDefaults.admin("bench-" + runId)));
            Topics topics = Topics.bundled();
            apply(topics.all());

            List<WatchedEntity> watchlist = data.monitoringWatchlist(settings.entities(), settings.realNames());
            produceWatchlist(topics, watchlist);
            BenchReport.Watchlist density = density(data, watchlist, "monitoring");
            BenchReport.Fill fill = fill(data, topics.name(TopicRole.ARTICLES));
            // Every later phase's own topics exist before the warm-up, as a running monitor's do: a
            // monitor's first writes to a partition created a moment before take the broker's and
            // the producer's rare paths (retries, see BENCHMARKS.md), whose deoptimisations and
            // recompilations would otherwise land in the timed phases.
            List<Topics> timedTopics = new ArrayList<>();
            for (int round = 1; round < settings.throughputPasses(); round++) {
                timedTopics.add(ownTopics(topics, "timed" + round, watchlist));
            }
            String ceilingOutput = outputTopic(topics, "ceiling");
            String peerOutput = outputTopic(topics, "peer");
            List<WatchedEntity> denseList = settings.denseArticles() > 0 ? data.watchlist(settings.entities()) : List.of();
            Topics denseTopics = settings.denseArticles() > 0 ? ownTopics(topics, "dense", denseList) : null;
            List<Integer> sizes = settings.scaleEntities().stream().sorted().toList();
            List<Topics> scaleTopics = new ArrayList<>();
            for (int size : sizes) {
                scaleTopics.add(ownTopics(topics, "e" + size, data.monitoringWatchlist(size, settings.realNames())));
            }
            BenchReport.WarmUp warmUp = settings.warmUp().isZero() ? null : warmUp(topics, watchlist);

            // Rounds of one pass each: the framework ceiling, the Lucene peer, the plain consumer,
            // then the monitor, all from offset zero of the same articles. A slow spell of the
            // shared machine slows a round's passes together, so each round's ratios hold where
            // rates between rounds do not. The last round's monitor runs on the bundled topics,
            // is profiled, and goes on to the latency phase.
            String articles = topics.name(TopicRole.ARTICLES);
            String appId = "newswatch-bench-" + runId;
            int rounds = settings.throughputPasses();
            List<BenchReport.Baseline> baselinePasses = new ArrayList<>();
            List<Double> ceilingRates = new ArrayList<>();
            List<Double> peerRates = new ArrayList<>();
            List<BenchReport.Throughput> passes = new ArrayList<>();
            BenchReport.Profile profile = null;
            BenchReport.Latency latency = null;
            progress("peer: registering " + watchlist.size() + " queries with Lucene's monitor");
            try (LuceneMonitorBaseline lucene = new LuceneMonitorBaseline(watchlist)) {
                for (int round = 1; round <= rounds; round++) {
                    ceilingRates.add(referencePass("ceiling", round, articles, ReferenceApps.ceiling(articles, ceilingOutput)));
                    peerRates.add(referencePass("peer", round, articles, ReferenceApps.lucenePeer(articles, peerOutput, lucene)));
                    baselinePasses.add(baselinePass(articles, round));
                    boolean last = round == rounds;
                    String monitorId = last ? appId : appId + "-timed" + round;
                    SimpleMeterRegistry registry = new SimpleMeterRegistry();
                    long started = System.nanoTime();
                    try (Monitor monitor = startMonitor(last ? topics : timedTopics.get(round - 1), monitorId, registry)) {
                        if (last) {
                            if (profiler != null) {
                                profiler.begin(monitorId, () -> articlesIn(registry));
                            }
                            passes.add(timedPass(round, monitorId, articles, registry, started, density));
                            profile = profiler == null ? null : profiler.end();
                            latency = latency(data, topics, Matcher.compile(watchlist));
                        } else {
                            passes.add(timedPass(round, monitorId, articles, registry, started, density));
                        }
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("Lucene's monitor failed: " + e.getMessage(), e);
            }
            BenchReport.Baseline baseline = fastest(baselinePasses);
            BenchReport.Throughput fastest = fastestPass(passes);
            BenchReport.Throughput throughput = fastest.withRatio(fastest.articlesPerSecond() / baseline.recordsPerSecond());
            List<Double> monitorRates = fastest.passRates();
            long records = fastest.records();
            BenchReport.Comparison comparison = new BenchReport.Comparison(rounds,
                    new BenchReport.Reference(CEILING, records, max(ceilingRates), List.copyOf(ceilingRates)),
                    new BenchReport.Reference(PEER, records, max(peerRates), List.copyOf(peerRates)),
                    List.of(ratio(CEILING, monitorRates, ceilingRates), ratio(PEER, monitorRates, peerRates),
                            ratio(PLAIN, monitorRates, baseline.passRates())));
            for (BenchReport.Ratio r : comparison.ratios()) {
                progress(String.format(Locale.ROOT, "monitor / %s: %.3f median of %d rounds, %.3f fastest of each", r.against(),
                        r.medianOfRounds(), rounds, r.fastestOf()));
            }

            BenchReport.Dense dense = null;
            if (settings.denseArticles() > 0) {
                BenchReport.Watchlist denseDensity = density(data, denseList, "dense");
                ScaleResult r = scale(denseTopics, settings.entities(), "dense", settings.denseArticles(), baseline, false);
                dense = new BenchReport.Dense(denseDensity, r.scale().records(), r.scale().articlesPerSecond(), r.scale().ratioToBaseline());
            }

            List<BenchReport.Scale> scale = new ArrayList<>();
            BenchReport.EntityLive live = null;
            for (int i = 0; i < sizes.size(); i++) {
                boolean largest = i == sizes.size() - 1;
                int size = sizes.get(i);
                ScaleResult r = scale(scaleTopics.get(i), size, "e" + size, settings.scaleArticles(), baseline, largest);
                scale.add(r.scale());
                if (largest) {
                    live = r.live();
                }
            }
            BenchReport report = new BenchReport(machine(broker), reportSettings(), fill, baseline, warmUp, throughput, comparison,
                    profile, latency, dense, scale, live, floors(comparison, latency, scale, live));
            progress("done in " + Math.round(seconds(System.nanoTime() - startNanos)) + " s");
            return report;
        } finally {
            if (admin != null) {
                admin.close(Duration.ofSeconds(5));
            }
            if (broker != null) {
                broker.close();
            }
            if (profiler != null) {
                profiler.close();
            }
        }
    }

    // ---- phases -------------------------------------------------------------------------------

    private BenchReport.Fill fill(BenchData data, String topic) {
        progress("fill: " + settings.articles() + " articles to " + topic);
        long bytes = 0;
        long t0 = System.nanoTime();
        long lastProgress = t0;
        SendFailures failures = new SendFailures(topic);
        try (KafkaProducer<byte[], byte[]> producer = producer()) {
            for (int i = 0; i < settings.articles(); i++) {
                Article a = data.variant("a-", i);
                byte[] key = bytes(a.id());
                byte[] value = Json.mapper().writeValueAsBytes(a);
                bytes += key.length + value.length;
                producer.send(new ProducerRecord<>(topic, key, value), failures);
                if (System.nanoTime() - lastProgress > 5_000_000_000L) {
                    lastProgress = System.nanoTime();
                    progress("fill: " + (i + 1) + " of " + settings.articles());
                }
            }
            producer.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        failures.check();
        double seconds = seconds(System.nanoTime() - t0);
        return new BenchReport.Fill(settings.articles(), bytes / 1e6, bytes / 1e3 / settings.articles(), seconds);
    }

    /** One pass of a plain consumer from the beginning of the topic: bytes only, read_committed like the monitor. */
    private BenchReport.Baseline baselinePass(String topic, int pass) {
        long records = 0;
        long bytes = 0;
        long t0;
        try (KafkaConsumer<byte[], byte[]> consumer = consumer("bench-baseline")) {
            List<TopicPartition> partitions = partitions(consumer, topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            t0 = System.nanoTime();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    records++;
                    bytes += (r.key() == null ? 0 : r.key().length) + (r.value() == null ? 0 : r.value().length);
                }
            }
        }
        double seconds = seconds(System.nanoTime() - t0);
        BenchReport.Baseline b = new BenchReport.Baseline(records, seconds, records / seconds, bytes / 1e6 / seconds, List.of(records / seconds));
        progress(String.format(Locale.ROOT, "baseline pass %d: %.0f records/s, %.1f MB/s", pass, b.recordsPerSecond(),
                b.megabytesPerSecond()));
        return b;
    }

    /**
     * One pass of a reference application ({@link ReferenceApps}) from offset zero of
     * {@code articles}, timed like a monitor's pass: its rate in articles per second.
     */
    private double referencePass(String label, int round, String articles, Topology topology) throws InterruptedException {
        String id = "newswatch-bench-" + runId + "-" + label + round;
        long started = System.nanoTime();
        KafkaStreams streams = ReferenceApps.start(topology, kafka, Monitor.Options.defaults().withApplicationId(id)
                .withStateDir(settings.workDir().resolve("state-" + id)).withThreads(settings.threads()));
        try {
            Committed done = awaitDrained(id, articles, awaitCommitted(id, articles, total(articles), label + " pass " + round),
                    label + " pass " + round);
            double rate = done.rate(started);
            progress(String.format(Locale.ROOT, "%s pass %d: %.0f articles/s", label, round, rate));
            return rate;
        } finally {
            streams.close(Duration.ofSeconds(30));
        }
    }

    /** The monitor's rates over another's, round by round ({@code monitor} and {@code other} in round order). */
    static BenchReport.Ratio ratio(String against, List<Double> monitor, List<Double> other) {
        List<Double> perRound = new ArrayList<>();
        for (int i = 0; i < Math.min(monitor.size(), other.size()); i++) {
            perRound.add(monitor.get(i) / other.get(i));
        }
        return new BenchReport.Ratio(against, median(perRound), max(monitor) / max(other), perRound);
    }

    static double median(List<Double> values) {
        double[] sorted = values.stream().mapToDouble(Double::doubleValue).sorted().toArray();
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }

    private static double max(List<Double> values) {
        return values.stream().mapToDouble(Double::doubleValue).max().orElse(Double.NaN);
    }

    private static long articlesIn(SimpleMeterRegistry registry) {
        Counter in = registry.find("newswatch.articles.in").counter();
        return in == null ? 0 : (long) in.count();
    }

    /** The fastest pass, the conservative choice for every ratio to it. */
    private static BenchReport.Baseline fastest(List<BenchReport.Baseline> passes) {
        BenchReport.Baseline best = passes.stream().max(Comparator.comparingDouble(BenchReport.Baseline::recordsPerSecond))
                .orElseThrow();
        return new BenchReport.Baseline(best.records(), best.seconds(), best.recordsPerSecond(), best.megabytesPerSecond(),
                passes.stream().map(BenchReport.Baseline::recordsPerSecond).toList());
    }

    /**
     * One timed pass: a monitor, started at {@code startedNanos} and now RUNNING, until its
     * committed offsets on {@code articles} reach the end offsets.
     */
    private BenchReport.Throughput timedPass(int pass, String appId, String articles, SimpleMeterRegistry registry,
                                             long startedNanos, BenchReport.Watchlist watchlist) throws InterruptedException {
        long running = System.nanoTime();
        progress(String.format(Locale.ROOT, "throughput pass %d: monitor with %d entities RUNNING after %.1f s; timing it from offset zero",
                pass, watchlist.entities(), seconds(running - startedNanos)));
        long jitBefore = jitMillis();
        long target = total(articles);
        Committed input = awaitCommitted(appId, articles, target, "throughput pass " + pass);
        Committed done = awaitDrained(appId, articles, input, "throughput pass " + pass);
        double drainSeconds = seconds(done.doneNanos() - input.doneNanos());
        double jit = (jitMillis() - jitBefore) / 1000.0 / seconds(done.doneNanos() - running);
        Counter in = registry.find("newswatch.articles.in").counter();
        Timer match = registry.find("newswatch.match.time").timer();
        double matchMicros = match == null || match.count() == 0 ? Double.NaN : match.mean(TimeUnit.MICROSECONDS);
        double rate = done.rate(startedNanos);
        BenchReport.Stories stories = stories(registry, target, rate);
        progress(String.format(Locale.ROOT, "throughput pass %d: %.0f articles/s (own topics drained %.1f s after the input; matching %.0f us "
                        + "per article; stories %.1f us, %.1f%%; JIT compiling %.0f%% of the time)", pass, rate, drainSeconds, matchMicros,
                stories.micros(), 100 * stories.shareOfArticleTime(), 100 * jit));
        return new BenchReport.Throughput(watchlist.entities(), watchlist, target, done.atFirstLook(), seconds(running - startedNanos),
                done.timedSeconds(startedNanos), drainSeconds, rate, Double.NaN, in == null ? -1 : (long) in.count(), matchMicros, jit,
                List.of(rate), stories);
    }

    /** The story stage's cost and state over a pass of {@code articles} at {@code rate}, from the monitor's meters. */
    private BenchReport.Stories stories(SimpleMeterRegistry registry, long articles, double rate) {
        Timer sketch = registry.find("newswatch.story.time").tag("stage", "sketch").timer();
        Timer place = registry.find("newswatch.story.time").tag("stage", "place").timer();
        double sketchMicros = sketch == null ? 0 : sketch.totalTime(TimeUnit.MICROSECONDS) / Math.max(1, articles);
        double placeMicros = place == null ? 0 : place.totalTime(TimeUnit.MICROSECONDS) / Math.max(1, articles);
        double threadMicrosPerArticle = 1e6 * settings.threads() / rate;
        io.micrometer.core.instrument.Gauge sketches = registry.find("newswatch.stories.sketches").gauge();
        io.micrometer.core.instrument.Gauge bytes = registry.find("newswatch.stories.index.bytes").gauge();
        long placed = place == null ? 0 : place.count();
        double mb = bytes == null ? 0 : bytes.value() / 1e6;
        return new BenchReport.Stories(sketch == null ? 0 : sketch.count(), placed, sketchMicros, placeMicros, sketchMicros + placeMicros,
                (sketchMicros + placeMicros) / threadMicrosPerArticle, sketches == null ? 0 : (long) sketches.value(), mb,
                placed == 0 ? 0 : mb * 100_000 / placed);
    }

    /** The fastest pass, with every pass's rate in order. */
    private static BenchReport.Throughput fastestPass(List<BenchReport.Throughput> passes) {
        BenchReport.Throughput best = passes.stream().max(Comparator.comparingDouble(BenchReport.Throughput::articlesPerSecond))
                .orElseThrow();
        return best.withPassRates(passes.stream().map(BenchReport.Throughput::articlesPerSecond).toList());
    }

    private BenchReport.Latency latency(BenchData data, Topics topics, Matcher matcher) throws InterruptedException {
        int count = (int) Math.max(1, Math.round(settings.rate() * (settings.latency().toMillis() / 1000.0)));
        progress("latency: " + count + " articles at " + settings.rate() + "/s");
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> latencyNanos = new ConcurrentHashMap<>();
        long expected = 0;
        long t0;
        long t1;
        // Measured to the article's mentions being readable: they are written in the transaction
        // that writes its alerts, and every matched article has them, while a copy of a story
        // already alerted on makes no new MENTION alert.
        CountDownLatch allSeen = new CountDownLatch(1);
        AtomicLong expectedSeen = new AtomicLong(Long.MAX_VALUE);
        try (MentionWatcher watcher = new MentionWatcher(topics.name(TopicRole.MENTIONS), articleId -> {
            long now = System.nanoTime();
            Long sent = sentAt.get(articleId);
            if (sent != null && latencyNanos.putIfAbsent(articleId, now - sent) == null && latencyNanos.size() >= expectedSeen.get()) {
                allSeen.countDown();
            }
}); KafkaProducer<byte[], byte[]> producer = producer()) {
            String topic = topics.name(TopicRole.ARTICLES);
            List<Article> articles = new ArrayList<>(count);
            List<byte[]> values = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                Article a = data.variant("lat-", settings.articles() + i);
                articles.add(a);
                values.add(Json.mapper().writeValueAsBytes(a));
                if (!matcher.match(a).isEmpty()) {
                    expected++;
                }
            }
            expectedSeen.set(expected);
            long interval = 1_000_000_000L / settings.rate();
            t0 = System.nanoTime();
            for (int i = 0; i < count; i++) {
                long due = t0 + i * interval;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                Article a = articles.get(i);
                sentAt.put(a.id(), System.nanoTime());
                producer.send(new ProducerRecord<>(topic, bytes(a.id()), values.get(i)));
            }
            t1 = System.nanoTime();
            producer.flush();
            if (latencyNanos.size() < expected) {
                allSeen.await(30, TimeUnit.SECONDS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        double[] ms = latencyNanos.values().stream().mapToDouble(n -> n / 1e6).sorted().toArray();
        BenchReport.Latency latency = new BenchReport.Latency(settings.rate(), count / seconds(Math.max(1, t1 - t0)), count, expected,
                ms.length, percentile(ms, 50), percentile(ms, 95), percentile(ms, 99), ms.length == 0 ? Double.NaN : ms[ms.length - 1]);
        progress(String.format(Locale.ROOT, "latency: p50 %.0f ms, p99 %.0f ms, %d of %d matched articles' mentions seen", latency.p50Ms(), latency.p99Ms(),
                latency.seen(), latency.expectedWithAlert()));
        return latency;
    }

    private record ScaleResult(BenchReport.Scale scale, BenchReport.EntityLive live) {
    }

    /**
     * A fresh monitor on {@code topics} (its own watchlist of {@code size} entities, mentions and
     * alert topics, see {@link #ownTopics}) over the first {@code scaleArticles} articles (all if
     * 0): throughput and heap, and with {@code probe} the time for an added entity to go live.
     */
    private ScaleResult scale(Topics topics, int size, String label, int scaleArticles, BenchReport.Baseline baseline,
                              boolean probe)
            throws InterruptedException {
        double before = usedHeapMb();
        progress(String.format(Locale.ROOT, "scale %s: %d entities (heap before the monitor %.1f MB)", label, size, before));
        String appId = "newswatch-bench-" + runId + "-" + label;
        String articles = topics.name(TopicRole.ARTICLES);
        long total = total(articles);
        long records = scaleArticles <= 0 ? total : Math.min(total, scaleArticles);
        long started = System.nanoTime();
        try (Monitor monitor = startMonitor(topics, appId, new SimpleMeterRegistry())) {
            Committed input = awaitCommitted(appId, articles, records, "scale " + label);
            // over a part of the topic the monitor goes on reading: only the whole topic can be drained
            double rate = (records == total ? awaitDrained(appId, articles, input, "scale " + label) : input).rate(started);
            if (monitor.watchlist().size() != size) {
                throw new IllegalStateException("monitor has " + monitor.watchlist().size() + " entities, expected " + size);
            }
            // measured while it runs, fetched records and open transactions included
            double after = usedHeapMb();
            if (probe) {
                // probe articles must not queue behind the rest of the topic
                awaitDrained(appId, articles, awaitCommitted(appId, articles, total, "scale " + label + " catch-up"),
                        "scale " + label + " catch-up");
            }
            BenchReport.Scale scale = new BenchReport.Scale(size, after - before, after, records, rate, rate / baseline.recordsPerSecond());
            progress(String.format(Locale.ROOT, "scale %s: %d entities: monitor heap %.1f MB, %.0f articles/s (%.2fx plain)", label, size,
                    after - before, rate, rate / baseline.recordsPerSecond()));
            return new ScaleResult(scale, probe ? entityLive(topics, size) : null);
        }
    }

    /** A topic shaped like the mentions topic, with this run's label, created: a reference application's output. */
    private String outputTopic(Topics bundled, String label) {
        TopicSpec mentions = bundled.spec(TopicRole.MENTIONS);
        TopicSpec spec = new TopicSpec(mentions.name() + ".bench-" + runId + "-" + label, Optional.empty(), mentions.partitions(),
                mentions.replicationFactor(), mentions.configs(), mentions.source());
        apply(List.of(spec));
        return spec.name();
    }

    /**
     * The bundled topics with this run's label on every name but {@code news.articles}, created,
     * and {@code entities} on the watchlist topic: a monitor on them shares only the articles.
     */
    private Topics ownTopics(Topics bundled, String label, List<WatchedEntity> entities) {
        String suffix = ".bench-" + runId + "-" + label;
        List<TopicSpec> specs = new ArrayList<>();
        for (TopicSpec spec : bundled.all()) {
            specs.add(spec.role().equals(Optional.of(TopicRole.ARTICLES)) ? spec
                    : new TopicSpec(spec.name() + suffix, spec.role(), spec.partitions(), spec.replicationFactor(), spec.configs(), spec.source()));
        }
        apply(specs.stream().filter(s -> !s.role().equals(Optional.of(TopicRole.ARTICLES))).toList());
        Topics topics = Topics.of(specs);
        produceWatchlist(topics, entities);
        return topics;
    }

    /**
     * Monitors with the same watchlist on their own topics, one after the other from offset zero
     * (each with its own application id), for {@link Settings#warmUp()}. In a fresh JVM the JIT compilers work through the broker's,
     * the clients' and the monitor's code for a minute or more, one core's worth of CPU out of
     * two here; a monitor runs for days, so the timed phases come after this. The first pass is
     * reported as the cold-JVM figure.
     */
    private BenchReport.WarmUp warmUp(Topics bundled, List<WatchedEntity> watchlist) throws InterruptedException {
        progress("warm-up: monitors from offset zero for " + settings.warmUp().toSeconds() + " s (JIT compilation of a fresh JVM)");
        long t0 = System.nanoTime();
        long until = t0 + settings.warmUp().toNanos();
        long jitBefore = jitMillis();
        long firstArticles = 0;
        double firstSeconds = 0;
        int passes = 0;
        Topics topics = ownTopics(bundled, "warmup", watchlist);
        String articles = topics.name(TopicRole.ARTICLES);
        long total = total(articles);
        while (passes == 0 || System.nanoTime() < until) {
            passes++;
            String appId = "newswatch-bench-" + runId + "-warmup" + passes;
            try (Monitor monitor = startMonitor(topics, appId, new SimpleMeterRegistry())) {
                long running = System.nanoTime();
                Committed pass = awaitCommitted(appId, articles, total, "warm-up pass " + passes, until);
                if (passes == 1) {
                    firstArticles = pass.reached();
                    firstSeconds = seconds(pass.doneNanos() - running);
                }
            }
        }
        double seconds = seconds(System.nanoTime() - t0);
        BenchReport.WarmUp w = new BenchReport.WarmUp(seconds, passes, firstArticles, firstArticles / firstSeconds,
                (jitMillis() - jitBefore) / 1000.0 / seconds);
        progress(String.format(Locale.ROOT, "warm-up: %d pass(es) in %.1f s; the first, in a cold JVM, %.0f articles/s; JIT compiling %.0f%% of the time",
                passes, seconds, w.articlesPerSecond(), 100 * w.jitShare()));
        return w;
    }

    /** Milliseconds the JIT compilers have spent so far (summed over compiler threads), or 0 if the JVM does not say. */
    private static long jitMillis() {
        var jit = ManagementFactory.getCompilationMXBean();
        return jit != null && jit.isCompilationTimeMonitoringSupported() ? jit.getTotalCompilationTime() : 0;
    }

    /** Adds one entity with a name found nowhere else, then sends articles naming it until one alerts. */
    private BenchReport.EntityLive entityLive(Topics topics, int loaded) throws InterruptedException {
        String id = "bench-probe-" + runId;
        WatchedEntity entity = WatchedEntity.builder(id).name("Quorvath Zelinski").alias("Quorvath Zelinski").build();
        Map<String, Long> sentAt = new ConcurrentHashMap<>();
        Map<String, Long> seenAt = new ConcurrentHashMap<>();
        long added;
        try (AlertWatcher watcher = new AlertWatcher(topics.name(TopicRole.ALERTS), alert -> {
            if (alert.entityId().equals(id)) {
                long now = System.nanoTime();
                alert.evidence().forEach(e -> seenAt.putIfAbsent(e.articleId(), now));
            }
        }); WatchlistTopic.Writer watchlist = new WatchlistTopic(kafka, topics).writer(); KafkaProducer<byte[], byte[]> producer = producer()) {
            // a tombstone for an id never added connects the writer first, as a running client would be
            watchlist.write(List.of(), List.of("bench-unused-" + runId));
            added = System.nanoTime();
            watchlist.write(List.of(entity), List.of());
            long deadline = added + TimeUnit.SECONDS.toNanos(60);
            long firstSeen = -1;
            for (int j = 0; System.nanoTime() < deadline; j++) {
                Article probe = new Article("probe-" + runId + "-" + j, null, "bench", "Probe " + j,
                        "Quorvath Zelinski spoke to reporters on probe " + j + " of the benchmark.", "en", null);
                sentAt.put(probe.id(), System.nanoTime());
                producer.send(new ProducerRecord<>(topics.name(TopicRole.ARTICLES), bytes(probe.id()), Json.mapper().writeValueAsBytes(probe)));
                producer.flush();
                if (firstSeen < 0 && !seenAt.isEmpty()) {
                    firstSeen = System.nanoTime();
                }
                // keep probing briefly: articles in other partitions may have been matched earlier
                if (firstSeen > 0 && System.nanoTime() - firstSeen > 1_000_000_000L) {
                    break;
                }
                Thread.sleep(PROBE_INTERVAL_MS);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (java.util.concurrent.ExecutionException | java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot add the probe entity: " + e.getMessage(), e);
        }
        if (seenAt.isEmpty()) {
            progress("entity live: no alert for the added entity within 60 s");
            return new BenchReport.EntityLive(loaded, Double.NaN, Double.NaN, PROBE_INTERVAL_MS);
        }
        long firstMatchedSent = seenAt.keySet().stream().mapToLong(sentAt::get).min().orElseThrow();
        long firstReadable = seenAt.values().stream().mapToLong(Long::longValue).min().orElseThrow();
        BenchReport.EntityLive live = new BenchReport.EntityLive(loaded, Math.max(0, firstMatchedSent - added) / 1e6,
                (firstReadable - added) / 1e6, PROBE_INTERVAL_MS);
        progress(String.format(Locale.ROOT, "entity live: %.0f ms with %d entities loaded (alert readable after %.0f ms)",
                live.liveMs(), loaded, live.alertReadableMs()));
        return live;
    }

    /**
     * How many of the articles name a watched entity, and how many entities each of those names,
     * with the monitor's own matcher over the first {@link #DENSITY_SAMPLE} articles of the fill.
     */
    private BenchReport.Watchlist density(BenchData data, List<WatchedEntity> watchlist, String kind) {
        Matcher matcher = Matcher.compile(watchlist);
        int sample = Math.min(settings.articles(), DENSITY_SAMPLE);
        long withHits = 0;
        long entities = 0;
        for (int i = 0; i < sample; i++) {
            Article a = data.variant("a-", i);
            int found = matcher.match(a.title(), a.body()).size();
            if (found > 0) {
                withHits++;
                entities += found;
            }
        }
        long real = watchlist.stream().filter(e -> e.id().startsWith("real-")).count();
        BenchReport.Watchlist w = new BenchReport.Watchlist(kind, watchlist.size(), (int) real, sample, (double) withHits / sample,
                withHits == 0 ? 0 : (double) entities / withHits);
        progress(String.format(Locale.ROOT, "watchlist (%s): %d entities, %d real names; %.0f%% of articles name one, %.1f entities each",
                kind, w.entities(), w.realNames(), 100 * w.shareWithHits(), w.entitiesPerHitArticle()));
        return w;
    }

    private List<BenchReport.Floor> floors(BenchReport.Comparison c, BenchReport.Latency l, List<BenchReport.Scale> scale,
                                           BenchReport.EntityLive live) {
        List<BenchReport.Floor> floors = new ArrayList<>();
        String monitor = "throughput (" + settings.entities() + " entities, EOS, median of " + c.rounds() + " rounds)";
        for (String[] floor : new String[][] {{PLAIN, ">= 0.25"}, {CEILING, ">= 0.6"}, {PEER, ">= 10"}}) {
            BenchReport.Ratio r = c.ratio(floor[0]);
            double limit = Double.parseDouble(floor[1].substring(3));
            floors.add(new BenchReport.Floor(monitor + " / " + floor[0], floor[1], BenchReport.f3(r.medianOfRounds()),
                    r.medianOfRounds() >= limit));
        }
        floors.add(new BenchReport.Floor("p99 produce -> MENTION alert at " + l.targetRate() + "/s", "<= 1000 ms",
                BenchReport.f0(l.p99Ms()) + " ms" + (l.seen() < l.expectedWithAlert() ? " (" + (l.expectedWithAlert() - l.seen()) + " alerts missing)" : ""),
                l.p99Ms() <= 1000 && l.seen() == l.expectedWithAlert()));
        floors.add(new BenchReport.Floor("entity live with " + live.loadedEntities() + " loaded", "<= 2000 ms",
                BenchReport.f0(live.liveMs()) + " ms", live.liveMs() <= 2000));
        BenchReport.Scale largest = scale.get(scale.size() - 1);
        floors.add(new BenchReport.Floor("monitor heap with " + largest.entities() + " entities", "<= 512 MB",
                BenchReport.f1(largest.monitorHeapMb()) + " MB", largest.monitorHeapMb() <= 512));
        return floors;
    }

    // ---- helpers ------------------------------------------------------------------------------

    private Monitor startMonitor(Topics topics, String appId, SimpleMeterRegistry registry) throws InterruptedException {
        Monitor monitor = Monitor.start(kafka, topics, Monitor.Options.defaults().withApplicationId(appId)
                .withStateDir(settings.workDir().resolve("state-" + appId)).withThreads(settings.threads()), registry);
        if (!monitor.awaitRunning(Duration.ofMinutes(2))) {
            monitor.close();
            throw new IllegalStateException("monitor " + appId + " did not reach RUNNING: " + monitor.state());
        }
        return monitor;
    }

    /**
     * How a group's committed offsets reached a target: {@code atFirstLook} records were already
     * committed at the first poll, at {@code firstLookNanos}; {@code reached} were at
     * {@code doneNanos} (all of them unless the wait was cut short).
     */
    private record Committed(long target, long reached, long atFirstLook, long firstLookNanos, long doneNanos) {

        /**
         * Streams starts processing tasks before the instance reports RUNNING, so articles
         * committed by the first look took an unknown time and are left out of the rate; if that
         * is most of them (a toy run), all of them count from {@code startedNanos}, the call that
         * started the monitor, startup included.
         */
        private boolean fromFirstLook() {
            return atFirstLook * 2 <= target;
        }

        /** The same, done at {@code nanos}. */
        Committed doneAt(long nanos) {
            return new Committed(target, reached, atFirstLook, firstLookNanos, nanos);
        }

        /** The seconds {@link #rate} divides by. */
        double timedSeconds(long startedNanos) {
            return EndToEndBench.seconds(Math.max(1, doneNanos - (fromFirstLook() ? firstLookNanos : startedNanos)));
        }

        /** Records per second over {@link #timedSeconds}. */
        double rate(long startedNanos) {
            return (fromFirstLook() ? target - atFirstLook : target) / timedSeconds(startedNanos);
        }
    }

    /**
     * After an application has committed its input ({@code done}), waits until it has also
     * committed what it wrote to itself: every topic besides {@code input} it has committed
     * offsets on (the monitor's repartition topics, and its mentions, which it reads back). A monitor's story task, alone
     * on its partition, can still be placing articles when the last article has been matched;
     * a pass ends when every article has been through every stage. Returns {@code done}, done
     * now. A partition counts as drained one record short of its end: its last offset may be a
     * transaction's commit marker, which a consumer passes without committing.
     */
    private Committed awaitDrained(String group, String input, Committed done, String phase) throws InterruptedException {
        // the topics it has committed on by now: with the input done, every task has committed
        Set<String> topics = new HashSet<>();
        groupOffsets(group).keySet().forEach(tp -> topics.add(tp.topic()));
        topics.remove(input);
        Map<TopicPartition, Long> ends = new HashMap<>();
        for (String topic : topics) {
            ends.putAll(offsets(topic, OffsetSpec.latest()));
        }
        long[] behind = new long[1];
        boolean drained = pollCommitted(System.nanoTime() + PHASE_TIMEOUT.toNanos(), () -> {
            Map<TopicPartition, OffsetAndMetadata> committed = groupOffsets(group);
            behind[0] = 0;
            for (Map.Entry<TopicPartition, Long> end : ends.entrySet()) {
                OffsetAndMetadata at = committed.get(end.getKey());
                behind[0] += Math.max(0, end.getValue() - 1 - (at == null ? 0 : at.offset()));
            }
            return behind[0] == 0;
        }, () -> phase + ": " + behind[0] + " records of its own topics to go");
        if (!drained) {
            throw new IllegalStateException(phase + ": " + behind[0] + " records of " + group + "'s own topics not committed after " + PHASE_TIMEOUT);
        }
        return done.doneAt(System.nanoTime());
    }

    /** Waits until the group's committed offsets on {@code topic}, summed, reach {@code target} records. */
    private Committed awaitCommitted(String group, String topic, long target, String phase) throws InterruptedException {
        Committed c = awaitCommitted(group, topic, target, phase, System.nanoTime() + PHASE_TIMEOUT.toNanos());
        if (c.reached() < target) {
            throw new IllegalStateException(phase + ": only " + c.reached() + " of " + target + " committed after " + PHASE_TIMEOUT);
        }
        return c;
    }

    /**
     * Waits until the group's committed offsets on {@code topic}, summed, reach {@code target}
     * records, or until {@code stopNanos}, whichever comes first. Polls: the broker cannot tell a
     * client that a group committed.
     */
    private Committed awaitCommitted(String group, String topic, long target, String phase, long stopNanos)
            throws InterruptedException {
        Map<TopicPartition, Long> start = offsets(topic, OffsetSpec.earliest());
        long[] firstLook = {-1};
        long[] atFirstLook = {0};
        long[] committed = {0};
        pollCommitted(stopNanos, () -> {
            long now = System.nanoTime();
            committed[0] = committed(group, topic, start);
            if (firstLook[0] < 0) {
                firstLook[0] = now;
                atFirstLook[0] = committed[0];
            }
            return committed[0] >= target;
        }, () -> phase + ": " + committed[0] + " of " + target + " committed");
        return new Committed(target, Math.min(committed[0], target), Math.min(atFirstLook[0], target), firstLook[0], System.nanoTime());
    }

    /**
     * Looks at committed offsets every {@link #COMMITTED_POLL_MS} until {@code look} says done or
     * {@code stopNanos} has passed (false then), reporting {@code status} every five seconds: the
     * broker has no way to tell a client that a group committed, so there is nothing to wait on.
     */
    private boolean pollCommitted(long stopNanos, BooleanSupplier look, Supplier<String> status)
            throws InterruptedException {
        long lastProgress = System.nanoTime();
        while (!look.getAsBoolean()) {
            if (System.nanoTime() >= stopNanos) {
                return false;
            }
            if (System.nanoTime() - lastProgress > 5_000_000_000L) {
                lastProgress = System.nanoTime();
                progress(status.get());
            }
            Thread.sleep(COMMITTED_POLL_MS);
        }
        return true;
    }

    private long committed(String group, String topic, Map<TopicPartition, Long> start) {
        long sum = 0;
        for (Map.Entry<TopicPartition, OffsetAndMetadata> e : groupOffsets(group).entrySet()) {
            if (e.getKey().topic().equals(topic)) {
                sum += e.getValue().offset() - start.getOrDefault(e.getKey(), 0L);
            }
        }
        return sum;
    }

    /** The group's committed offsets, partitions without one left out. */
    private Map<TopicPartition, OffsetAndMetadata> groupOffsets(String group) {
        try {
            Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>(admin.listConsumerGroupOffsets(group)
                    .partitionsToOffsetAndMetadata().get(30, TimeUnit.SECONDS));
            offsets.values().removeIf(Objects::isNull);
            return offsets;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot read the committed offsets of " + group + ": " + e.getMessage(), e);
        }
    }

    /** Records in {@code topic}: end offsets minus earliest offsets. */
    private long total(String topic) {
        Map<TopicPartition, Long> start = offsets(topic, OffsetSpec.earliest());
        Map<TopicPartition, Long> end = offsets(topic, OffsetSpec.latest());
        return end.entrySet().stream().mapToLong(e -> e.getValue() - start.getOrDefault(e.getKey(), 0L)).sum();
    }

    private Map<TopicPartition, Long> offsets(String topic, OffsetSpec spec) {
        try {
            int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int p = 0; p < partitions; p++) {
                request.put(new TopicPartition(topic, p), spec);
            }
            Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> result = admin.listOffsets(request).all().get(30, TimeUnit.SECONDS);
            Map<TopicPartition, Long> out = new HashMap<>();
            result.forEach((tp, info) -> out.put(tp, info.offset()));
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot list the offsets of " + topic + ": " + e.getMessage(), e);
        }
    }

    private void apply(Collection<TopicSpec> specs) {
        try {
            TopicApplier applier = new TopicApplier(admin);
            applier.apply(applier.plan(specs));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the topics: " + e.getMessage(), e);
        }
    }

    private void produceWatchlist(Topics topics, List<WatchedEntity> entities) {
        try {
            new WatchlistTopic(kafka, topics).write(entities, List.of());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the watchlist to " + topics.name(TopicRole.WATCHLIST) + ": " + e.getMessage(), e);
        }
    }

    /** Remembers the first failed send, so that a phase stops with it instead of running on less data. */
    private static final class SendFailures implements Callback {
        private final String topic;
        private final AtomicReference<Exception> first = new AtomicReference<>();
        private final AtomicLong count = new AtomicLong();

        SendFailures(String topic) {
            this.topic = topic;
        }

        @Override
        public void onCompletion(RecordMetadata metadata, Exception exception) {
            if (exception != null) {
                count.incrementAndGet();
                first.compareAndSet(null, exception);
            }
        }

        void check() {
            if (first.get() != null) {
                throw new IllegalStateException(count.get() + " records could not be written to " + topic + ": " + first.get());
            }
        }
    }

    /**
     * The producer settings of {@code newswatch ingest}, but one request in flight: the bench
     * writes to topics it has just created, and a first request refused because the broker had
     * not yet taken up the new partition could be overtaken by the next one and then be refused
     * for good as out of sequence (KAFKA-15591).
     */
    private KafkaProducer<byte[], byte[]> producer() {
        return new KafkaProducer<>(kafka.with(ClientDefaults.plus(ClientDefaults.writer("bench-" + runId), Map.of(
                ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1,
                ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
                ProducerConfig.LINGER_MS_CONFIG, 5,
                ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
                ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024))), new ByteArraySerializer(), new ByteArraySerializer());
    }

    private KafkaConsumer<byte[], byte[]> consumer(String clientId) {
        return new KafkaConsumer<>(kafka.with(ClientDefaults.reader(clientId + "-" + runId)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        return consumer.partitionsFor(topic).stream().map(p -> new TopicPartition(topic, p.partition())).toList();
    }

    /** Reads alerts (read_committed) from the end of a topic on its own thread until closed. */
    /** Reads a mentions topic (read_committed) from its end on a thread of its own, reporting each mention's article id. */
    private final class MentionWatcher implements AutoCloseable {
        private final AtomicBoolean closing = new AtomicBoolean();
        private final Thread thread;

        MentionWatcher(String topic, Consumer<String> onMention) {
            KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.with(ClientDefaults.reader("bench-mentions-" + runId)),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            thread = new Thread(() -> {
                try (consumer) {
                    while (!closing.get()) {
                        for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(20))) {
                            try {
                                onMention.accept(Json.mapper().readTree(r.value()).path("articleId").asText());
                            } catch (IOException e) {
                                progress("unreadable mention at " + r.topic() + "/" + r.partition() + "@" + r.offset());
                            }
                        }
                    }
                }
            }, "bench-mentions");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            closing.set(true);
            thread.join(10_000);
        }
    }

    private final class AlertWatcher implements AutoCloseable {
        private final AtomicBoolean closing = new AtomicBoolean();
        private final Thread thread;

        AlertWatcher(String topic, Consumer<Alert> onAlert) {
            AlertSubscription subscription = AlertSubscription.open(kafka, List.of(topic), AlertSubscription.Start.fromEnd(),
                    "bench-alerts-" + runId);
            thread = new Thread(() -> {
                try (subscription) {
                    while (!closing.get()) {
                        for (AlertSubscription.Delivery delivery : subscription.poll(Duration.ofMillis(20))) {
                            if (delivery.alert() != null) {
                                onAlert.accept(delivery.alert());
                            } else {
                                progress(delivery.problem());
                            }
                        }
                    }
                }
            }, "bench-alerts");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws InterruptedException {
            closing.set(true);
            thread.join(10_000);
        }
    }

    private BenchReport.Settings reportSettings() {
        return new BenchReport.Settings(settings.articles(), settings.entities(), settings.realNames(), settings.rate(),
                settings.latency().toMillis() / 1000.0, settings.warmUp().toMillis() / 1000.0, settings.throughputPasses(), settings.scaleEntities(), settings.scaleArticles(), settings.denseArticles(),
                settings.threads(), StreamsConfig.EXACTLY_ONCE_V2);
    }

    private static BenchReport.Machine machine(EmbeddedBroker broker) {
        Runtime rt = Runtime.getRuntime();
        return new BenchReport.Machine(rt.availableProcessors(),
                System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"),
                System.getProperty("os.name") + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"),
                ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getInit() / (1024 * 1024), rt.maxMemory() / (1024 * 1024),
                broker == null ? "external" : "embedded, in the same JVM");
    }

    /** Used heap after full GCs: the lowest of five samples, in MB. */
    static double usedHeapMb() throws InterruptedException {
        long min = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            Thread.sleep(100);
            min = Math.min(min, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
        }
        return min / (1024.0 * 1024.0);
    }

    static double percentile(double[] sorted, double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    private void progress(String line) {
        synchronized (progress) {
            progress.printf(Locale.ROOT, "[bench %5.1fs] %s%n", seconds(System.nanoTime() - startNanos), line);
            progress.flush();
        }
    }

    private static double seconds(long nanos) {
        return nanos / 1e9;
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
