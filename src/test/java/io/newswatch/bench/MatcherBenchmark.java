package io.newswatch.bench;

import io.newswatch.article.Article;
import io.newswatch.match.EntityMentions;
import io.newswatch.match.Matcher;
import io.newswatch.match.TokenTrace;
import io.newswatch.match.Tokenizer;
import io.newswatch.story.Sketch;
import io.newswatch.story.Sketcher;
import io.newswatch.watchlist.WatchedEntity;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * Articles per second on Wikinews 2019-2020 (295 articles, one article per operation, cycling in
 * a fixed shuffled order): tokenize-only (the floor every matcher pays), this matcher, this
 * matcher with the story sketch of every article it finds something in (what the monitor does), this
 * matcher with a tenth of the entities given as boolean queries ({@link Queried}), and three
 * peers: Lucene's monitor 9.11.1 with one query per entity, an Aho-Corasick automaton and a
 * Hyperscan database over the aliases normalised by the matcher's tokenizer ({@link PeerText}).
 * Watchlists of 100, 10,000 and 100,000 entities; see {@link BenchData}. Setup also prints each
 * engine's build time and the heap of what it compiled (and the matcher's time of one incremental
 * change), and cross-checks the matcher against each peer. Command and results: BENCHMARKS.md.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms2g", "-Xmx2g", "-XX:+UseParallelGC"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
public class MatcherBenchmark {

    /** The articles, for all three benchmarks. */
    @State(Scope.Thread)
    public static class Corpus {
        Article[] articles;
        int next;

        @Setup(Level.Trial)
        public void load() {
            articles = BenchData.shared().articles().toArray(new Article[0]);
        }

        Article next() {
            Article a = articles[next];
            next = next + 1 == articles.length ? 0 : next + 1;
            return a;
        }
    }

    /** The compiled watchlist; setup measures build time, heap and incremental changes. */
    @State(Scope.Benchmark)
    public static class Compiled {
        @Param({"100", "10000", "100000"})
        public int entities;
        Matcher matcher;

        @Setup(Level.Trial)
        public void build() {
            List<WatchedEntity> watchlist = BenchData.shared().watchlist(entities);
            long[] builds = buildTimes(3, () -> matcher = Matcher.compile(watchlist));
            matcher = null;
            long before = usedHeapAfterGc();
            matcher = Matcher.compile(watchlist);
            long heap = usedHeapAfterGc() - before;
            long entityHeap = entityHeap(entities);

            long[] adds = new long[21];
            long[] removes = new long[21];
            for (int i = 0; i < adds.length; i++) {
                WatchedEntity e = WatchedEntity.of("added-" + i, "Added Entity " + i, "Quixotic Zanzibar Entity " + i);
                long t0 = System.nanoTime();
                Matcher bigger = matcher.with(e);
                adds[i] = System.nanoTime() - t0;
                t0 = System.nanoTime();
                Matcher back = bigger.without(e.id());
                removes[i] = System.nanoTime() - t0;
                if (bigger.size() != matcher.size() + 1 || back.size() != matcher.size()) {
                    throw new IllegalStateException("incremental change lost an entity");
                }
            }
            System.out.printf(Locale.ROOT, "%n# watchlist of %d entities: build %.0f ms (median of 3), compiled structures %.1f MB heap"
                            + " (+ %.1f MB for the WatchedEntity objects themselves), with() %.1f ms, without() %.1f ms (medians of 21), %s%n",
                    entities, median(builds) / 1e6, heap / 1048576.0, entityHeap / 1048576.0,
                    median(adds) / 1e6, median(removes) / 1e6, matcher);
        }
    }

    /**
     * The same watchlist with every tenth entity found by a boolean query instead of its aliases:
     * its aliases ORed, then, in turn, ANDed with common news words, NEAR/10 reporting verbs, or
     * NOT two sports — against {@link #matcher}, the cost of queries.
     */
    @State(Scope.Benchmark)
    public static class Queried {
        @Param({"100", "10000", "100000"})
        public int entities;
        Matcher matcher;

        @Setup(Level.Trial)
        public void build() {
            List<WatchedEntity> watchlist = new ArrayList<>(BenchData.shared().watchlist(entities));
            int queries = 0;
            for (int i = 0; i < watchlist.size(); i += 10) {
                WatchedEntity e = watchlist.get(i);
                String names = "(" + String.join(" OR ", e.aliases().stream()
                        .map(a -> "\"" + a.text().replace("\"", "") + "\"").toList()) + ")";
                String query = switch (queries++ % 3) {
                    case 0 -> names + " AND (government OR police OR said OR minister)";
                    case 1 -> names + " NEAR/10 (said OR told OR reported)";
                    default -> names + " NOT (cricket OR football)";
                };
                watchlist.set(i, WatchedEntity.builder(e.id()).name(e.name()).query(query).build());
            }
            long t0 = System.nanoTime();
            matcher = Matcher.compile(watchlist);
            System.out.printf(Locale.ROOT, "%n# watchlist of %d entities, %d of them by query: build %.0f ms, %s%n",
                    entities, queries, (System.nanoTime() - t0) / 1e6, matcher);
        }
    }

    /** Lucene's monitor over the same entities, cross-checked against the matcher in setup. */
    @State(Scope.Benchmark)
    public static class Baseline {
        @Param({"100", "10000", "100000"})
        public int entities;
        LuceneMonitorBaseline monitor;

        @Setup(Level.Trial)
        public void build() throws IOException {
            List<WatchedEntity> watchlist = BenchData.shared().watchlist(entities);
            long before = usedHeapAfterGc();
            long t0 = System.nanoTime();
            monitor = new LuceneMonitorBaseline(watchlist);
            long build = System.nanoTime() - t0;
            long heap = usedHeapAfterGc() - before;
            System.out.printf(Locale.ROOT, "%n# lucene monitor of %d entities: registered in %.0f ms (one build), %.1f MB heap%n",
                    entities, build / 1e6, heap / 1048576.0);
            CrossCheck.run("lucene monitor", watchlist, SAMPLE.get(), false, a -> monitor.match(text(a)));
        }

        /**
         * Title and body as one text, with a word of its own where the matcher ends a phrase
         * ({@link PeerText#marked}: "Texas, United States" has no "Texas United" for the matcher,
         * and Lucene's phrase queries know nothing of commas), so the monitor answers the same question.
         */
        static String text(Article a) {
            return PeerText.marked(LuceneMonitorBaseline.text(a));
        }

        @TearDown(Level.Trial)
        public void close() throws IOException {
            monitor.close();
        }
    }

    /**
     * Aho-Corasick ({@link AhoCorasickBaseline}) over the same entities' aliases, normalised by
     * the matcher's tokenizer ({@link PeerText}); cross-checked against the matcher in setup.
     */
    @State(Scope.Benchmark)
    public static class AhoCorasick {
        @Param({"100", "10000", "100000"})
        public int entities;
        AhoCorasickBaseline trie;

        @Setup(Level.Trial)
        public void build() {
            List<WatchedEntity> watchlist = BenchData.shared().watchlist(entities);
            long[] builds = buildTimes(3, () -> trie = new AhoCorasickBaseline(watchlist));
            trie = null;
            long before = usedHeapAfterGc();
            trie = new AhoCorasickBaseline(watchlist);
            long heap = usedHeapAfterGc() - before;
            System.out.printf(Locale.ROOT, "%n# aho-corasick of %d entities: build %.0f ms (median of 3), %.1f MB heap, %s%n",
                    entities, median(builds) / 1e6, heap / 1048576.0, trie);
            CrossCheck.run("aho-corasick", watchlist, SAMPLE.get(), true, a -> trie.match(a.title(), a.body()));
        }
    }

    /**
     * Hyperscan ({@link HyperscanBaseline}) over the same entities' aliases, normalised by the
     * matcher's tokenizer ({@link PeerText}); cross-checked against the matcher in setup. The
     * database is native memory: its size is printed beside the (small) heap.
     */
    @State(Scope.Benchmark)
    public static class Hyperscan {
        @Param({"100", "10000", "100000"})
        public int entities;
        HyperscanBaseline database;

        @Setup(Level.Trial)
        public void build() {
            List<WatchedEntity> watchlist = BenchData.shared().watchlist(entities);
            new HyperscanBaseline(watchlist.subList(0, 1)).close(); // loads the native library outside the timing
            // one build at 100,000 entities, where a compile takes seconds; the median of 3 below
            long[] builds = new long[entities >= 100_000 ? 1 : 3];
            for (int i = 0; i < builds.length - 1; i++) {
                long t0 = System.nanoTime();
                new HyperscanBaseline(watchlist).close();
                builds[i] = System.nanoTime() - t0;
            }
            long before = usedHeapAfterGc();
            long t0 = System.nanoTime();
            database = new HyperscanBaseline(watchlist);
            builds[builds.length - 1] = System.nanoTime() - t0;
            long heap = usedHeapAfterGc() - before;
            try (HyperscanBaseline.Scratch scratch = database.newScratch()) {
                System.out.printf(Locale.ROOT, "%n# hyperscan of %d entities: build %.0f ms (%s), %.1f MB heap"
                                + " + %.1f MB native database + %.2f MB native scratch per thread, %s%n",
                        entities, median(builds) / 1e6, builds.length == 1 ? "one build" : "median of " + builds.length,
                        heap / 1048576.0, database.databaseBytes() / 1048576.0, scratch.bytes() / 1048576.0, database);
                CrossCheck.run("hyperscan", watchlist, SAMPLE.get(), true, a -> scratch.match(a.title(), a.body()));
            }
        }

        @TearDown(Level.Trial)
        public void close() {
            database.close();
        }
    }

    /** Hyperscan's scratch space (and text buffer) for one benchmark thread. */
    @State(Scope.Thread)
    public static class HyperscanThread {
        HyperscanBaseline.Scratch scratch;

        @Setup(Level.Trial)
        public void allocate(Hyperscan hyperscan) {
            scratch = hyperscan.database.newScratch();
        }

        @TearDown(Level.Trial)
        public void close() {
            scratch.close();
        }
    }

    @Benchmark
    public int tokenizeOnly(Corpus corpus) {
        Article a = corpus.next();
        return Tokenizer.scan(a.title()) + Tokenizer.scan(a.body());
    }

    @Benchmark
    public List<EntityMentions> matcher(Corpus corpus, Compiled compiled) {
        Article a = corpus.next();
        return compiled.matcher.match(a.title(), a.body());
    }

    @Benchmark
    public List<EntityMentions> matcherWithQueries(Corpus corpus, Queried queried) {
        Article a = corpus.next();
        return queried.matcher.match(a.title(), a.body());
    }

    /**
     * What the monitor does with each article: match, recording the tokens, and sketch the article
     * from them when something is found — against {@link #matcher}, the cost of the story sketch.
     */
    @Benchmark
    public Sketch matchAndSketch(Corpus corpus, Compiled compiled, Traces traces) {
        Article a = corpus.next();
        List<EntityMentions> found = compiled.matcher.match(a.title(), a.body(), traces.trace);
        return found.isEmpty() ? null : Sketcher.sketch(traces.trace);
    }

    /** One token trace per benchmark thread, as the monitor keeps one per task. */
    @State(Scope.Thread)
    public static class Traces {
        final TokenTrace trace = new TokenTrace(Sketcher.MAX_TOKENS);
    }

    @Benchmark
    public Set<String> luceneMonitor(Corpus corpus, Baseline baseline) {
        return baseline.monitor.match(Baseline.text(corpus.next()));
    }

    /**
     * What the Aho-Corasick and Hyperscan peers pay before matching: the article normalised by
     * {@link PeerText} (the matcher's tokenizer, tokens joined into one string) — against
     * {@link #tokenizeOnly}, the cost of handing a string matcher normalised text.
     */
    @Benchmark
    public String peerNormalise(Corpus corpus) {
        Article a = corpus.next();
        return PeerText.article(a.title(), a.body());
    }

    @Benchmark
    public Set<String> ahoCorasick(Corpus corpus, AhoCorasick ahoCorasick) {
        Article a = corpus.next();
        return ahoCorasick.trie.match(a.title(), a.body());
    }

    @Benchmark
    public Set<String> hyperscan(Corpus corpus, Hyperscan hyperscan, HyperscanThread thread) {
        Article a = corpus.next();
        return thread.scratch.match(a.title(), a.body());
    }

    /** The articles every cross-check runs on: the first 40 of the shuffled corpus. */
    static final Supplier<List<Article>> SAMPLE = () -> BenchData.shared().articles().subList(0, 40);

    /**
     * Compares entity sets per article between the matcher, compiled from the same entities with
     * every alias case-insensitive and exact (what the peers express), and a peer; any difference
     * fails the run.
     */
    static final class CrossCheck {
        private CrossCheck() {
        }

        /**
         * @param titleApart whether the peer keeps title and body apart, as the matcher does (no
         *                   alias spans the two); if not, the matcher is given the peer's one text,
         *                   {@link LuceneMonitorBaseline#text}
         */
        static void run(String peer, List<WatchedEntity> watchlist, List<Article> sample, boolean titleApart,
                        Function<Article, Set<String>> peerMatch) {
            Matcher comparable = Matcher.compile(BenchData.comparable(watchlist));
            int pairs = 0;
            List<String> differences = new ArrayList<>();
            for (Article a : sample) {
                Set<String> ours = new TreeSet<>();
                (titleApart ? comparable.match(a.title(), a.body()) : comparable.match(null, LuceneMonitorBaseline.text(a)))
                        .forEach(m -> ours.add(m.id()));
                Set<String> theirs = peerMatch.apply(a);
                pairs += ours.size();
                Set<String> onlyOurs = new TreeSet<>(ours);
                onlyOurs.removeAll(theirs);
                Set<String> onlyTheirs = new TreeSet<>(theirs);
                onlyTheirs.removeAll(ours);
                for (String id : onlyOurs) {
                    differences.add(a.id() + " only matcher: " + id + " " + comparable.entity(id).orElseThrow().aliases());
                }
                for (String id : onlyTheirs) {
                    differences.add(a.id() + " only " + peer + ": " + id + " " + comparable.entity(id).orElseThrow().aliases());
                }
            }
            System.out.printf(Locale.ROOT, "# cross-check with %s on %d articles: %d article-entity matches, %d differences%n",
                    peer, sample.size(), pairs, differences.size());
            differences.stream().limit(20).forEach(d -> System.out.println("#   " + d));
            if (!differences.isEmpty()) {
                throw new IllegalStateException("matcher and " + peer + " disagree on " + differences.size() + " article-entity pairs");
            }
        }
    }

    static long usedHeapAfterGc() {
        for (int i = 0; i < 4; i++) {
            System.gc();
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    static long entityHeap(int n) {
        long before = usedHeapAfterGc();
        List<WatchedEntity> list = BenchData.shared().watchlist(n);
        long after = usedHeapAfterGc();
        if (list.isEmpty()) {
            throw new IllegalStateException();
        }
        return after - before;
    }

    /** Nanoseconds of each of {@code times} runs of {@code build}. */
    static long[] buildTimes(int times, Runnable build) {
        long[] nanos = new long[times];
        for (int i = 0; i < times; i++) {
            long t0 = System.nanoTime();
            build.run();
            nanos[i] = System.nanoTime() - t0;
        }
        return nanos;
    }

    static double median(long[] values) {
        long[] v = values.clone();
        Arrays.sort(v);
        return v[v.length / 2];
    }
}
