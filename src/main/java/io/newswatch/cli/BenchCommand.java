package io.newswatch.cli;

import com.fasterxml.jackson.core.json.JsonWriteFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.newswatch.bench.BenchData;
import io.newswatch.bench.BenchReport;
import io.newswatch.bench.EndToEndBench;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.monitor.Monitor;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code newswatch bench}: the end-to-end benchmark (throughput, latency, memory) in one run. */
@Command(name = "bench", mixinStandardHelpOptions = true,
        header = "Benchmark the whole monitor on Kafka against a plain consumer, the framework's ceiling and Lucene's monitor.",
        description = {"Benchmark the whole monitor on Kafka: fill news.articles with Wikinews-based articles, read them",
                "in rounds with a plain consumer (the physical limit), a minimal exactly-once Kafka Streams application",
                "(the framework's ceiling), the same application matching with Lucene's monitor (the peer) and the",
                "monitor, profile the monitor's stages, measure produce-to-alert latency at a steady rate, then heap,",
                "throughput and entity go-live time at several watchlist sizes. Uses an embedded broker unless",
                "--bootstrap-server is given.",
                "Progress goes to stderr; the table to stdout. See BENCHMARKS.md."})
final class BenchCommand implements Callable<Integer> {

    @Option(names = "--articles", defaultValue = "200000", paramLabel = "N",
            description = "Articles to fill news.articles with (default: ${DEFAULT-VALUE}).")
    int articles;

    @Option(names = "--entities", defaultValue = "10000", paramLabel = "N",
            description = "Watchlist size for the throughput and latency phases (default: ${DEFAULT-VALUE}).")
    int entities;

    @Option(names = "--real-names", defaultValue = "50", paramLabel = "N",
            description = {"Real names of the corpus in each watchlist, spread over their frequency ranking; the rest are",
                    "synthetic names that rarely occur (default: ${DEFAULT-VALUE}: about 46%% of articles name an entity)."})
    int realNames;

    @Option(names = "--rate", defaultValue = "500", paramLabel = "R",
            description = "Articles per second in the latency phase (default: ${DEFAULT-VALUE}).")
    int rate;

    @Option(names = "--latency-seconds", defaultValue = "30", paramLabel = "S",
            description = "Length of the latency phase (default: ${DEFAULT-VALUE}).")
    double latencySeconds;

    @Option(names = "--warm-up-seconds", defaultValue = "120", paramLabel = "S",
            description = {"Run monitors from offset zero this long before the timed phases, so that they measure a warmed-up",
                    "JVM (the JIT compilers take about one core of two for the first minutes); the first one's rate is reported",
                    "as the cold-JVM figure; 0 skips it (default: ${DEFAULT-VALUE})."})
    double warmUpSeconds;

    @Option(names = "--throughput-passes", defaultValue = "5", paramLabel = "N",
            description = {"Rounds of timed passes from offset zero: the framework ceiling, the Lucene peer, a plain consumer and",
                    "the monitor, one pass each (fresh application ids); each ratio is reported as the median of the rounds'",
                    "ratios, which the floors use, and as fastest over fastest (default: ${DEFAULT-VALUE})."})
    int throughputPasses;

    @Option(names = "--scale-entities", defaultValue = "100,10000,100000", split = ",", paramLabel = "N",
            description = "Watchlist sizes for heap and throughput; the largest also times an added entity (default: ${DEFAULT-VALUE}).")
    List<Integer> scaleEntities;

    @Option(names = "--scale-articles", defaultValue = "0", paramLabel = "N",
            description = "Articles over which throughput is timed at each watchlist size; 0 means all (default: ${DEFAULT-VALUE}).")
    int scaleArticles;

    @Option(names = "--dense-articles", defaultValue = "20000", paramLabel = "N",
            description = {"Also time a monitor with the dense watchlist of the matcher benchmark (every real name of the",
                    "corpus, about 18 per article) over the first N articles; 0 skips it (default: ${DEFAULT-VALUE})."})
    int denseArticles;

    @Option(names = "--threads", paramLabel = "N",
            description = "Monitor stream threads (default: as 'newswatch run', min(4, cores)).")
    Integer threads;

    @Option(names = "--profile", negatable = true, defaultValue = "true", fallbackValue = "true",
            description = {"Record the run with Java Flight Recorder and report where the last monitor pass spent its CPU, by stage;",
                    "--no-profile runs without the recorder (default: on)."})
    boolean profile;

    @Option(names = "--report", paramLabel = "FILE",
            description = "Also write the report to FILE: JSON if it ends in .json, Markdown otherwise.")
    Path report;

    @Option(names = "--data", paramLabel = "DIR",
            description = "The shared data directory holding wikinews/ (default: shared/data found above the working directory).")
    Path data;

    @Option(names = "--work-dir", paramLabel = "DIR",
            description = "Broker data and monitor state (default: a temporary directory, deleted afterwards).")
    Path workDir;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (articles < 1 || entities < 1 || rate < 1 || latencySeconds <= 0 || throughputPasses < 1
                || scaleEntities.stream().anyMatch(n -> n < 1) || threads != null && threads < 1) {
            throw new UsageException("--articles, --entities, --rate, --latency-seconds, --throughput-passes, --scale-entities"
                    + " and --threads must be positive");
        }
        if (realNames < 0 || denseArticles < 0 || warmUpSeconds < 0) {
            throw new UsageException("--real-names, --dense-articles and --warm-up-seconds must not be negative");
        }
        KafkaOptions options = NewswatchCli.kafkaOptions(spec);
        boolean embedded = options.bootstrapServer == null && System.getenv(KafkaSettings.ENV_BOOTSTRAP) == null;
        Path dataDir = data != null ? data : BenchData.findDataDir();
        boolean temporary = workDir == null;
        Path dir = temporary ? Files.createTempDirectory("newswatch-bench") : workDir;
        int threadCount = threads != null ? threads : Monitor.Options.defaults().threads();
        EndToEndBench.Settings settings = new EndToEndBench.Settings(articles, entities, realNames, rate,
                Duration.ofMillis(Math.round(latencySeconds * 1000)), Duration.ofMillis(Math.round(warmUpSeconds * 1000)), throughputPasses, scaleEntities, scaleArticles, denseArticles, threadCount, profile, dataDir, dir);
        BenchReport result;
        try {
            result = EndToEndBench.run(options.settings(), embedded, settings, spec.commandLine().getErr());
        } finally {
            if (temporary) {
                delete(dir);
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        out.print(result.table());
        out.flush();
        if (report != null) {
            String name = report.getFileName().toString().toLowerCase(Locale.ROOT);
            String text = name.endsWith(".json") ? json().writeValueAsString(result) + "\n"
                    : "# newswatch bench\n\n" + result.markdown();
            Files.writeString(report, text, StandardCharsets.UTF_8);
            out.println("report written to " + report);
        }
        // a missed floor is a finding, shown in the table, not a failure of the command
        return ExitCodes.OK;
    }

    /** Pretty JSON; a measure that could not be taken (NaN) is written as the string "NaN". */
    private static ObjectWriter json() {
        ObjectMapper mapper = Json.mapper().copy();
        mapper.getFactory().configure(JsonWriteFeature.WRITE_NAN_AS_STRINGS.mappedFeature(), true);
        return mapper.writerWithDefaultPrettyPrinter();
    }

    private static void delete(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.deleteIfExists(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path d, IOException e) throws IOException {
                Files.deleteIfExists(d);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
