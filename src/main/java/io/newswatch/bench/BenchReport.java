package io.newswatch.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * What one {@code newswatch bench} run measured, in the order it measured it. Serialises to JSON
 * as is; {@link #table()} and {@link #markdown()} render the same rows for people.
 */
public record BenchReport(
        Machine machine,
        Settings settings,
        Fill fill,
        Baseline baseline,
        WarmUp warmUp,
        Throughput throughput,
        Comparison comparison,
        Profile profile,
        Latency latency,
        Dense dense,
        List<Scale> scale,
        EntityLive entityLive,
        List<Floor> floors) {

    /**
     * Where it ran. {@code initialHeapMb} and {@code maxHeapMb} are the JVM's {@code -Xms} and
     * {@code -Xmx}: with the first below the second, G1 shrinks the heap when a phase ends and the
     * next phase pays for growing it again (page faults), see BENCHMARKS.md.
     */
    public record Machine(int cores, String jvm, String os, long initialHeapMb, long maxHeapMb, String broker) {
    }

    /** The options of the run, as used. */
    public record Settings(int articles, int entities, int realNames, int rate, double latencySeconds, double warmUpSeconds,
                           int throughputPasses, List<Integer> scaleEntities,
                           int scaleArticles, int denseArticles, int threads, String processingGuarantee) {
    }

    /**
     * A watchlist and how much of the text it finds: {@code realNames} of its entities are names
     * from the corpus, the rest synthetic; of {@code articlesSampled} articles, the share naming at
     * least one entity and the entities named per such article (the monitor's matcher).
     */
    public record Watchlist(String kind, int entities, int realNames, long articlesSampled, double shareWithHits,
                            double entitiesPerHitArticle) {
    }

    /** Filling {@code news.articles}: records, value+key bytes, average record size. */
    public record Fill(long records, double megabytes, double averageKb, double seconds) {
    }

    /** A plain consumer reading the topic from the beginning: the fastest pass, and every pass's rate in order. */
    public record Baseline(long records, double seconds, double recordsPerSecond, double megabytesPerSecond, List<Double> passRates) {
    }

    /**
     * Before the timed phases, {@code passes} monitors (own application ids and outputs, same
     * watchlist) one after the other from offset zero for {@code seconds}: the first committed
     * {@code articles} at {@code articlesPerSecond} in a fresh JVM; {@code jitShare} is the JIT
     * compilers' time over wall time (1.0 = one core compiling all along).
     */
    public record WarmUp(double seconds, int passes, long articles, double articlesPerSecond, double jitShare) {
    }

    /**
     * The monitor from offset zero until its committed offsets on {@code news.articles} reach the
     * end offsets: the fastest of the timed passes, and every pass's rate in order ({@code
     * passRates}), each pass a fresh monitor (own application id and outputs); a pass ends when the
     * monitor has also committed its own topics (repartition topics, mentions), which took
     * {@code drainSeconds} after the input was committed. {@code seconds} counts from the first look at the committed offsets after
     * RUNNING, when {@code committedAtStart} were already committed (processing starts before the
     * instance reports RUNNING); the rate is over the rest. {@code startupSeconds} is start →
     * RUNNING. {@code processedByMeter} is {@code newswatch.articles.in} at the end, as a cross-check;
     * {@code matchMicrosPerArticle} the mean of {@code newswatch.match.time} (the matcher's share of
     * a stream thread's time per article); {@code jitShare} as in {@link WarmUp}.
     */
    public record Throughput(int entities, Watchlist watchlist, long records, long committedAtStart, double startupSeconds, double seconds,
                             double drainSeconds, double articlesPerSecond,
                             double ratioToBaseline, long processedByMeter, double matchMicrosPerArticle, double jitShare,
                             List<Double> passRates, Stories stories) {

        /** The same figures with the ratio to the baseline, once all its passes have run. */
        Throughput withRatio(double ratio) {
            return new Throughput(entities, watchlist, records, committedAtStart, startupSeconds, seconds, drainSeconds, articlesPerSecond, ratio,
                    processedByMeter, matchMicrosPerArticle, jitShare, passRates, stories);
        }

        /** The same figures with the rates of all timed passes. */
        Throughput withPassRates(List<Double> rates) {
            return new Throughput(entities, watchlist, records, committedAtStart, startupSeconds, seconds, drainSeconds, articlesPerSecond,
                    ratioToBaseline, processedByMeter, matchMicrosPerArticle, jitShare, List.copyOf(rates), stories);
        }
    }

    /**
     * The story stage in a throughput pass, from its meters: mean time to sketch a matched article
     * and to place it, both per article of the pass ({@code micros}: their sum), and that as a
     * share of the stream-thread time one article costs ({@code threads / articlesPerSecond});
     * the index at the end of the pass, and its heap per 100,000 articles placed.
     */
    public record Stories(long sketched, long placed, double sketchMicrosPerArticle, double placeMicrosPerArticle,
                          double micros, double shareOfArticleTime, long sketches, double indexMb, double indexMbPer100kArticles) {
    }

    /**
     * A reference application's passes over the same articles ({@link ReferenceApps}): the
     * fastest, and every pass's rate in order, one pass per round.
     */
    public record Reference(String name, long records, double articlesPerSecond, List<Double> passRates) {
    }

    /**
     * The monitor's rate over another's: each round's monitor pass over the same round's pass of
     * the other ({@code perRound}), their median, and the fastest monitor pass over the other's
     * fastest pass.
     */
    public record Ratio(String against, double medianOfRounds, double fastestOf, List<Double> perRound) {
    }

    /**
     * The monitor against the framework ceiling, the Lucene peer and the plain consumer, measured
     * in {@code rounds} rounds of one pass each (ceiling, peer, plain consumer, monitor), so that a
     * slow spell of a shared machine slows one round's passes together.
     */
    public record Comparison(int rounds, Reference ceiling, Reference peer, List<Ratio> ratios) {

        Ratio ratio(String against) {
            return ratios.stream().filter(r -> r.against().equals(against)).findFirst().orElseThrow();
        }
    }

    /**
     * Where the stream threads' CPU went during one monitor pass, from a flight recording: of
     * {@code samples} execution samples on stream threads over {@code articles} articles, the
     * share per stage, scaled by the stream threads' CPU time per article; the whole process's
     * CPU per article (the embedded broker and the bench's own clients included), and the stream
     * threads' share of it; and the methods most often caught running ({@code hotMethods}, each
     * with the stage of the samples that caught it), to choose the next optimisation from.
     */
    public record Profile(long articles, long samples, double streamThreadCpuMicrosPerArticle, double processCpuMicrosPerArticle,
                          double streamThreadShareOfProcess, List<StageShare> stages, List<StageShare> hotMethods) {
    }

    /** A stage's (or method's) share of the stream threads' execution samples, and that share of their CPU per article. */
    public record StageShare(String stage, double share, double cpuMicrosPerArticle) {
    }

    /** Produce → MENTION alert readable (read_committed), in milliseconds, at a steady rate. */
    public record Latency(int targetRate, double achievedRate, long sent, long expectedWithAlert, long seen,
                          double p50Ms, double p95Ms, double p99Ms, double maxMs) {
    }

    /**
     * A secondary throughput figure with the dense watchlist of the matcher benchmark (every real
     * name of the corpus) over the first {@code records} articles: the output-heavy case.
     */
    public record Dense(Watchlist watchlist, long records, double articlesPerSecond, double ratioToBaseline) {
    }

    /**
     * One watchlist size: heap of the running monitor (used heap after GC, minus the same before it
     * started), the process's whole used heap, and throughput over the first {@code records}.
     */
    public record Scale(int entities, double monitorHeapMb, double processHeapMb, long records, double articlesPerSecond,
                        double ratioToBaseline) {
    }

    /**
     * One entity added to a running monitor with {@code loadedEntities}: milliseconds from
     * producing it to producing the first probe article that matched it ({@code probeIntervalMs}
     * resolution), and to its alert being readable.
     */
    public record EntityLive(int loadedEntities, double liveMs, double alertReadableMs, int probeIntervalMs) {
    }

    /** One floor from the issue and whether this run met it. */
    public record Floor(String name, String limit, String measured, boolean met) {
    }

    /** The report as an aligned text table. */
    public String table() {
        List<String[]> rows = rows();
        int[] width = new int[3];
        for (String[] row : rows) {
            for (int i = 0; i < 3; i++) {
                width[i] = Math.max(width[i], row[i].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (String[] row : rows) {
            sb.append(String.format(Locale.ROOT, "%-" + width[0] + "s  %-" + width[1] + "s  %s", row[0], row[1], row[2])
                    .stripTrailing()).append('\n');
        }
        return sb.toString();
    }

    /** The report as Markdown: the same rows as {@link #table()}. */
    public String markdown() {
        StringBuilder sb = new StringBuilder("| section | measure | value |\n| --- | --- | ---: |\n");
        String section = null;
        for (String[] row : rows().subList(1, rows().size())) {
            String s = row[0].equals(section) ? "" : row[0];
            section = row[0];
            sb.append("| ").append(s).append(" | ").append(row[1]).append(" | ").append(row[2]).append(" |\n");
        }
        return sb.toString();
    }

    private List<String[]> rows() {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"section", "measure", "value"});
        rows.add(new String[] {"machine", "cores / JVM", machine.cores() + " / " + machine.jvm()});
        rows.add(new String[] {"machine", "OS / heap initial, max", machine.os() + " / " + machine.initialHeapMb() + ", "
                + machine.maxHeapMb() + " MB" + (machine.initialHeapMb() < machine.maxHeapMb() ? " (not fixed: see BENCHMARKS.md)" : "")});
        rows.add(new String[] {"machine", "broker", machine.broker()});
        rows.add(new String[] {"settings", "articles / entities / rate",
                settings.articles() + " / " + settings.entities() + " / " + settings.rate() + " per s for " + f1(settings.latencySeconds()) + " s"});
        rows.add(new String[] {"settings", "watchlist", settings.realNames() + " real names, the rest synthetic"
                + (settings.denseArticles() > 0 ? "; dense row over " + settings.denseArticles() + " articles" : "")});
        rows.add(new String[] {"settings", "monitor", settings.threads() + " stream threads, " + settings.processingGuarantee()});
        rows.add(new String[] {"fill", "records / size", fill.records() + " / " + f1(fill.megabytes()) + " MB (avg " + f2(fill.averageKb()) + " KB) in "
                + f1(fill.seconds()) + " s"});
        rows.add(new String[] {"baseline", "plain consumer", f0(baseline.recordsPerSecond()) + " records/s, "
                + f1(baseline.megabytesPerSecond()) + " MB/s (fastest of " + passes(baseline.passRates(), "records") + ")"});
        if (warmUp != null) {
            rows.add(new String[] {"warm-up", "first monitor, cold JVM", f0(warmUp.articlesPerSecond()) + " articles/s (" + warmUp.articles()
                    + " articles; " + warmUp.passes() + " pass(es) in " + f1(warmUp.seconds()) + " s, JIT compiling "
                    + f0(100 * warmUp.jitShare()) + "% of the time)"});
        }
        rows.add(new String[] {"throughput", "monitor, " + throughput.entities() + " entities", f0(throughput.articlesPerSecond())
                + " articles/s (" + (throughput.records() - throughput.committedAtStart()) + " of " + throughput.records() + " in "
                + f1(throughput.seconds()) + " s, of which " + f1(throughput.drainSeconds()) + " s draining its own topics; startup "
                + f1(throughput.startupSeconds()) + " s; matching "
                + f0(throughput.matchMicrosPerArticle()) + " us per article; JIT compiling "
                + f0(100 * throughput.jitShare()) + "% of the time)"});
        if (throughput.passRates().size() > 1) {
            rows.add(new String[] {"throughput", "timed passes", "fastest of " + passes(throughput.passRates(), "articles")});
        }
        rows.add(new String[] {"throughput", "watchlist", describe(throughput.watchlist())});
        if (throughput.stories() != null) {
            Stories st = throughput.stories();
            rows.add(new String[] {"stories", "stage cost per article", f1(st.micros()) + " us (sketch " + f1(st.sketchMicrosPerArticle())
                    + " + place " + f1(st.placeMicrosPerArticle()) + ", " + st.placed() + " of " + throughput.records()
                    + " articles matched) = " + f1(100 * st.shareOfArticleTime()) + "% of a thread's time per article"});
            rows.add(new String[] {"stories", "index state", st.sketches() + " sketches, " + f1(st.indexMb()) + " MB; "
                    + f1(st.indexMbPer100kArticles()) + " MB per 100,000 articles placed"});
        }
        rows.add(new String[] {"throughput", "ratio to plain consumer", f3(throughput.ratioToBaseline()) + " (fastest of each)"});
        if (comparison != null) {
            for (Reference ref : List.of(comparison.ceiling(), comparison.peer())) {
                rows.add(new String[] {"reference", ref.name(), f0(ref.articlesPerSecond()) + " articles/s (" + ref.records()
                        + " articles; fastest of " + passes(ref.passRates(), "articles") + ")"});
            }
            for (Ratio r : comparison.ratios()) {
                rows.add(new String[] {"ratio", "monitor / " + r.against(), f3(r.medianOfRounds()) + " median of " + comparison.rounds()
                        + " rounds (" + String.join(" / ", r.perRound().stream().map(BenchReport::f3).toList()) + "); fastest of each "
                        + f3(r.fastestOf())});
            }
        }
        if (profile != null) {
            rows.add(new String[] {"profile", "stream threads", f0(profile.streamThreadCpuMicrosPerArticle()) + " us CPU per article ("
                    + f0(100 * profile.streamThreadShareOfProcess()) + "% of the process's " + f0(profile.processCpuMicrosPerArticle())
                    + " us, broker included); " + profile.samples() + " samples over " + profile.articles() + " articles"});
            for (StageShare stage : profile.stages()) {
                rows.add(new String[] {"profile", stage.stage(), f1(stage.cpuMicrosPerArticle()) + " us per article ("
                        + f1(100 * stage.share()) + "%)"});
            }
            for (StageShare method : profile.hotMethods()) {
                rows.add(new String[] {"hot method", method.stage(), f1(method.cpuMicrosPerArticle()) + " us per article ("
                        + f1(100 * method.share()) + "%)"});
            }
        }
        rows.add(new String[] {"latency", "rate target / achieved", latency.targetRate() + " / " + f0(latency.achievedRate()) + " articles/s"});
        rows.add(new String[] {"latency", "alerts seen", latency.seen() + " of " + latency.expectedWithAlert() + " expected ("
                + latency.sent() + " sent)"});
        rows.add(new String[] {"latency", "p50 / p95 / p99 / max", f0(latency.p50Ms()) + " / " + f0(latency.p95Ms()) + " / "
                + f0(latency.p99Ms()) + " / " + f0(latency.maxMs()) + " ms"});
        if (dense != null) {
            rows.add(new String[] {"dense", "monitor, " + dense.watchlist().entities() + " entities", f0(dense.articlesPerSecond())
                    + " articles/s over " + dense.records() + " (" + f2(dense.ratioToBaseline()) + "x plain)"});
            rows.add(new String[] {"dense", "watchlist", describe(dense.watchlist())});
        }
        for (Scale s : scale) {
            rows.add(new String[] {"scale", s.entities() + " entities", "monitor heap " + f1(s.monitorHeapMb()) + " MB (process "
                    + f1(s.processHeapMb()) + " MB); " + f0(s.articlesPerSecond()) + " articles/s over " + s.records()
                    + " (" + f2(s.ratioToBaseline()) + "x plain)"});
        }
        rows.add(new String[] {"entity live", "with " + entityLive.loadedEntities() + " loaded", "live in " + f0(entityLive.liveMs())
                + " ms (probe every " + entityLive.probeIntervalMs() + " ms), alert readable in " + f0(entityLive.alertReadableMs()) + " ms"});
        for (Floor floor : floors) {
            rows.add(new String[] {"floor", floor.name() + " " + floor.limit(), floor.measured() + (floor.met() ? "  met" : "  NOT MET")});
        }
        return rows;
    }

    private static String passes(List<Double> rates, String unit) {
        return rates.size() + ": " + String.join(" / ", rates.stream().map(BenchReport::f0).toList()) + " " + unit + "/s";
    }

    private static String describe(Watchlist w) {
        return w.realNames() + " real names + " + (w.entities() - w.realNames()) + " synthetic; " + f0(100 * w.shareWithHits())
                + "% of articles name one, " + f1(w.entitiesPerHitArticle()) + " entities each (" + w.articlesSampled() + " sampled)";
    }

    static String f0(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.0f", v);
    }

    static String f1(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%,.1f", v);
    }

    /** Three decimals where a ratio is judged against a floor, so that 0.248 does not print as a met 0.25. */
    static String f3(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.3f", v);
    }

    static String f2(double v) {
        return Double.isNaN(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }
}
