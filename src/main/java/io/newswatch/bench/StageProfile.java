package io.newswatch.bench;

import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordedFrame;
import jdk.jfr.consumer.RecordedStackTrace;
import jdk.jfr.consumer.RecordedThread;
import jdk.jfr.consumer.RecordingFile;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.LongSupplier;

/**
 * Where a monitor's stream threads spend their CPU during one timed pass: a Java Flight Recorder
 * recording of execution samples (every 10 ms per running thread), kept from the start of the
 * run, of which those in the pass's window on its stream threads count, each put in a
 * {@link Stage} by its stack ({@link #classify}), scaled by the stream threads' CPU time per
 * article. Execution samples cover threads running Java code; time in system calls (network
 * I/O) shows only in the CPU time.
 */
final class StageProfile implements AutoCloseable {

    /** The stages of an article's way through the monitor, as the issue tracker and BENCHMARKS.md name them. */
    enum Stage {
        PARSE("parse"),
        DEDUP("dedup"),
        MATCH("match"),
        STORIES("stories"),
        ALERT_RULES("alert rules"),
        PRODUCE("produce (serialise, send)"),
        CONSUME("consume (poll, deserialise)"),
        COMMIT("commit (transactions, state flush)"),
        OTHER("Kafka Streams, other");

        final String label;

        Stage(String label) {
            this.label = label;
        }
    }

    /** JFR's sampler takes a few threads per period among all running ones, the broker's too: sample often. */
    private static final Duration SAMPLE_PERIOD = Duration.ofMillis(5);
    /** How many of the most sampled methods the profile lists. */
    private static final int HOT_METHODS = 10;

    private static final Set<String> ALERT_CLASSES = Set.of("EntityAlerts", "StoryAlerts", "CoMentionAlerts", "AlertEmitter",
            "AlertRouter", "AlertIds", "TumblingWindows", "EarlierWindows", "EntityAlertState", "Window", "StoryOutlets");
    private static final Set<String> STORY_CLASSES = Set.of("StoryAssigner", "StoryState", "StoryMember");

    private final Recording recording;
    private final Path file;
    private String applicationId;
    private LongSupplier processed;
    private Instant begun;
    private long processedAtStart;
    private Map<Long, Long> cpuAtStart;
    private long processCpuAtStart;

    private StageProfile(Recording recording, Path file) {
        this.recording = recording;
        this.file = file;
    }

    /**
     * Starts recording now, long before the pass to profile: the recorder's own start-up (its
     * classes loaded and compiled, code deoptimised) then falls in the warm-up, not in the pass,
     * and every timed pass runs under the same small sampling overhead.
     */
    static StageProfile record(Path dir) {
        try {
            Files.createDirectories(dir);
            Recording recording = new Recording();
            recording.setName("newswatch-bench");
            recording.enable("jdk.ExecutionSample").withPeriod(SAMPLE_PERIOD);
            recording.setToDisk(true);
            recording.setMaxSize(512L * 1024 * 1024);
            recording.start();
            return new StageProfile(recording, dir.resolve("bench-profile.jfr"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Opens the profiled window on the monitor {@code applicationId} (its stream threads' names
     * start with it and contain {@code -StreamThread-}); {@code processed} counts the articles it
     * has processed.
     */
    void begin(String applicationId, LongSupplier processed) {
        this.applicationId = applicationId;
        this.processed = processed;
        this.begun = Instant.now();
        this.processedAtStart = processed.getAsLong();
        this.cpuAtStart = streamThreadCpu(applicationId);
        this.processCpuAtStart = processCpuNanos();
    }

    /** Closes the window opened by {@link #begin} and attributes its samples to stages, per article processed in it. */
    BenchReport.Profile end() {
        if (begun == null) {
            throw new IllegalStateException("no profiled window was begun");
        }
        Instant ended = Instant.now();
        long articles = processed.getAsLong() - processedAtStart;
        long processCpu = processCpuNanos() - processCpuAtStart;
        long threadCpu = 0;
        for (Map.Entry<Long, Long> e : streamThreadCpu(applicationId).entrySet()) {
            threadCpu += e.getValue() - cpuAtStart.getOrDefault(e.getKey(), 0L);
        }
        Map<Stage, Long> samples = new EnumMap<>(Stage.class);
        Map<String, Long> leaves = new HashMap<>();
                long total = 0;
        try {
            recording.dump(file);
            try (RecordingFile events = new RecordingFile(file)) {
                while (events.hasMoreEvents()) {
                    RecordedEvent event = events.readEvent();
                    if (!event.getEventType().getName().equals("jdk.ExecutionSample")
                            || event.getStartTime().isBefore(begun) || event.getStartTime().isAfter(ended)) {
                        continue;
                    }
                    RecordedThread thread = event.getThread("sampledThread");
                    RecordedStackTrace stack = event.getStackTrace();
                    if (thread == null || stack == null || !isStreamThread(thread.getJavaName(), applicationId)) {
                        continue;
                    }
                    List<String> frames = new ArrayList<>(stack.getFrames().size());
                    for (RecordedFrame f : stack.getFrames()) {
                        frames.add(f.getMethod().getType().getName() + "." + f.getMethod().getName());
                    }
                    Stage stage = classify(frames);
                    samples.merge(stage, 1L, Long::sum);
                    if (!frames.isEmpty()) {
                        // the method that ran, in the stage of the sample that caught it running
                        String leaf = frames.get(0) + " (" + stage.label + ")";
                        leaves.merge(leaf, 1L, Long::sum);
                    }
                    total++;
                }
            }
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the profile " + file + ": " + e.getMessage(), e);
        }
        double cpuMicrosPerArticle = threadCpu / 1e3 / Math.max(1, articles);
        List<BenchReport.StageShare> stages = new ArrayList<>();
        for (Stage stage : Stage.values()) {
            double share = total == 0 ? 0 : samples.getOrDefault(stage, 0L) / (double) total;
            stages.add(new BenchReport.StageShare(stage.label, share, share * cpuMicrosPerArticle));
        }
        long sampled = total;
        List<BenchReport.StageShare> hot = leaves.entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()))
                .limit(HOT_METHODS)
                .map(e -> new BenchReport.StageShare(e.getKey(), e.getValue() / (double) sampled, e.getValue() * cpuMicrosPerArticle / sampled))
                .toList();
        return new BenchReport.Profile(articles, total, cpuMicrosPerArticle, processCpu / 1e3 / Math.max(1, articles),
                processCpu <= 0 ? Double.NaN : (double) threadCpu / processCpu, stages, hot);
    }

    @Override
    public void close() {
        recording.close();
    }

    /**
     * The stage of one sample, from its frames ({@code class.method}, innermost first): the
     * innermost frame that belongs to a stage decides, so a serializer called from a sink is
     * "produce" wherever the sink sits, and a state-store call is charged to the processor that
     * made it (in the matching processor the only store is the duplicate check's).
     */
    static Stage classify(List<String> frames) {
        boolean inStore = false;
        for (String frame : frames) {
            int dot = frame.lastIndexOf('.');
            String type = frame.substring(0, dot);
            String method = frame.substring(dot + 1);
            String simple = type.substring(type.lastIndexOf('.') + 1);
            int nested = simple.indexOf('$');
            String outer = nested < 0 ? simple : simple.substring(0, nested);
            if (type.startsWith("io.newswatch.")) {
                if (method.equals("serialize")) {
                    return Stage.PRODUCE;
                }
                if (method.equals("deserialize")) {
                    return Stage.CONSUME;
                }
                if (type.startsWith("io.newswatch.match.")) {
                    return Stage.MATCH;
                }
                if (type.startsWith("io.newswatch.story.") || STORY_CLASSES.contains(outer)) {
                    return Stage.STORIES;
                }
                if (outer.equals("ArticleMatcher")) {
                    return inStore || method.equals("isDuplicate") ? Stage.DEDUP : Stage.MATCH;
                }
                if (outer.equals("ArticleParser") || type.startsWith("io.newswatch.article.")) {
                    return Stage.PARSE;
                }
                if (ALERT_CLASSES.contains(outer) || type.startsWith("io.newswatch.alert.")) {
                    return Stage.ALERT_RULES;
                }
            } else if (type.startsWith("org.apache.kafka.streams.state.") || type.startsWith("org.rocksdb.")) {
                inStore = true;
            } else if (type.startsWith("org.apache.kafka.clients.producer.")
                    || type.equals("org.apache.kafka.streams.processor.internals.RecordCollectorImpl")) {
                // the transactional calls of a commit go through the producer too
                return outer.equals("TransactionManager") || method.contains("Transaction") ? Stage.COMMIT : Stage.PRODUCE;
            } else if (type.startsWith("org.apache.kafka.clients.consumer.")
                    || type.equals("org.apache.kafka.streams.processor.internals.RecordDeserializer")
                    || type.equals("org.apache.kafka.streams.processor.internals.RecordQueue")) {
                return Stage.CONSUME;
            } else if (method.startsWith("commit") && (type.endsWith(".TaskManager") || type.endsWith(".TaskExecutor")
                    || type.endsWith(".StreamsProducer") || type.endsWith(".StreamThread"))) {
                return Stage.COMMIT;
            }
        }
        return Stage.OTHER;
    }

    private static boolean isStreamThread(String name, String applicationId) {
        return name != null && name.startsWith(applicationId + "-") && name.contains("-StreamThread-");
    }

    private static Map<Long, Long> streamThreadCpu(String applicationId) {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<Long, Long> cpu = new HashMap<>();
        for (Thread t : Thread.getAllStackTraces().keySet()) {
            if (isStreamThread(t.getName(), applicationId)) {
                long nanos = threads.getThreadCpuTime(t.getId());
                if (nanos >= 0) {
                    cpu.put(t.getId(), nanos);
                }
            }
        }
        return cpu;
    }

    private static long processCpuNanos() {
        return ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os
                ? os.getProcessCpuTime() : -1;
    }
}
