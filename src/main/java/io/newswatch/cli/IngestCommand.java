package io.newswatch.cli;

import io.newswatch.ingest.Format;
import io.newswatch.ingest.Ingest;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newswatch.ingest.IngestException;
import io.newswatch.ingest.SourceMetrics;
import io.newswatch.metrics.MetricsServer;
import io.newswatch.metrics.Registries;
import io.newswatch.ingest.IngestSummary;
import io.newswatch.topics.TopicRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** {@code newswatch ingest}: files, directories, stdin, pages and feeds to the articles topic. */
@Command(name = "ingest", mixinStandardHelpOptions = true, sortOptions = false,
        header = "Send articles from files, feeds, web pages or stdin to Kafka.",
        description = {"Send articles to Kafka, keyed by article id: files (JSON lines, JSON, CSV, text),",
                "feeds (RSS 2.0, RSS 1.0, Atom, JSON Feed) and web pages, from paths, directories (recursively),",
                "http(s) URLs or - (stdin). Bad records are reported with file and line, skipped and counted."})
final class IngestCommand implements Callable<Integer> {

    @Option(names = "--format", paramLabel = "FORMAT", defaultValue = "auto",
            description = "auto, jsonl, json, csv, txt, rss, html (default: ${DEFAULT-VALUE}: by content).")
    Format format;

    @Option(names = "--source", paramLabel = "NAME",
            description = "Source of every article (default: the record's own, the feed's title, else the URL's host).")
    String source;

    @Option(names = "--topic", paramLabel = "TOPIC",
            description = "Topic to send to (default: the topic whose role is articles in topics/).")
    String topic;

    @Mixin
    TopicsOption topicsOption;

    @Option(names = "--strict", description = "Any bad record is fatal (exit 2), and nothing is sent.")
    boolean strict;

    @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "1048576",
            description = "Reject bodies longer than N bytes of UTF-8 (default: ${DEFAULT-VALUE}).")
    long maxBodyBytes;

    @Option(names = "--poll", paramLabel = "DURATION",
            description = "Keep re-fetching the URLs every DURATION (30s, 5m, 1h, PT10M), sending only new items,"
                    + " until Ctrl-C.")
    String poll;

    @Option(names = "--poll-count", paramLabel = "N", defaultValue = "0",
            description = "With --poll: stop after N polls (default: ${DEFAULT-VALUE} = until Ctrl-C).")
    int pollCount;

    @Option(names = "--state-file", paramLabel = "FILE",
            description = "With --poll: what was sent, remembered across restarts (default: ~/.newswatch/poll-state.json).")
    Path stateFile;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "-1",
            description = "With --poll: serve per-feed meters (fetches, latency, new/seen/rejected items) at "
                    + "http://HOST:PORT/metrics for Prometheus (default: off).")
    int metricsPort;

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "With --metrics-port: the interface it listens on (default: ${DEFAULT-VALUE}).")
    String metricsHost;

    @Option(names = "--opml", paramLabel = "FILE",
            description = "Also read every feed (xmlUrl) of this OPML subscription list, as feed readers export it (repeatable).")
    List<Path> opml = List.of();

    @Parameters(paramLabel = "PATH|URL|-", arity = "0..*",
            description = "Files, directories, http(s) URLs, or - for stdin (JSON lines or text).")
    List<String> inputs = List.of();

    @Spec
    CommandSpec spec;

    /** The inputs given, then the feeds of each --opml list. */
    List<String> allInputs() {
        List<String> all = new java.util.ArrayList<>(inputs);
        try {
            for (Path list : opml) {
                List<String> feeds = io.newswatch.ingest.Opml.feeds(list);
                spec.commandLine().getErr().println(feeds.size() + (feeds.size() == 1 ? " feed" : " feeds") + " from " + list);
                all.addAll(feeds);
            }
        } catch (IngestException e) {
            throw new UsageException(e.getMessage());
        }
        if (all.isEmpty()) {
            throw new UsageException("nothing to ingest: give files, directories, URLs, - (stdin) or --opml FILE");
        }
        return all;
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        String target = topic != null ? topic : topicsOption.topics().name(TopicRole.ARTICLES);
        PrometheusMeterRegistry registry = Registries.prometheus();
        Ingest ingest;
        try {
            ingest = Ingest.builder()
                    .sourceMetrics(metricsPort >= 0 ? new SourceMetrics(registry) : SourceMetrics.NONE)
                    .kafka(NewswatchCli.kafkaOptions(spec).settings())
                    .topic(target)
                    .format(format)
                    .source(source)
                    .strict(strict)
                    .maxBodyBytes(maxBodyBytes)
                    .poll(poll == null ? null : duration(poll))
                    .pollCount(pollCount)
                    .stateFile(stateFile != null ? stateFile : Ingest.defaultStateFile())
                    .err(err)
                    .terminal(System.console() != null)
                    .build();
        } catch (IngestException e) {
            throw new UsageException(e.getMessage());
        }
        if (poll == null && (pollCount != 0 || stateFile != null || metricsPort >= 0)) {
            throw new UsageException("--poll-count, --state-file and --metrics-port need --poll");
        }
        List<String> all = allInputs();
        MetricsServer metrics = null;
        if (metricsPort >= 0) {
            try {
                metrics = MetricsServer.start(metricsHost, metricsPort, registry, () -> true);
            } catch (java.io.UncheckedIOException e) {
                throw new UsageException("--metrics-port " + metricsHost + ":" + metricsPort + ": " + e.getMessage());
            }
        }
        CountDownLatch done = new CountDownLatch(1);
        Thread hook = new Thread(() -> {
            ingest.stop();
            try {
                done.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "ingest-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try {
            IngestSummary summary = ingest.run(all);
            // printed before the shutdown hook is released: on Ctrl-C the JVM halts right after it
            summary.lines().forEach(out::println);
            out.flush();
            return summary.succeeded() ? ExitCodes.OK : ExitCodes.FAILURE;
        } catch (IngestException e) {
            if (e.badInput()) {
                throw new UsageException(e.getMessage());
            }
            err.println("newswatch ingest: " + e.getMessage());
            err.flush();
            return ExitCodes.FAILURE;
        } finally {
            done.countDown();
            removeHook(hook);
            if (metrics != null) {
                metrics.close();
            }
        }
    }

    /** {@code 30s}, {@code 5m}, {@code 1h}, {@code 500ms} or ISO-8601 ({@code PT5M}). */
    static Duration duration(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        try {
            if (s.startsWith("pt") || s.startsWith("p")) {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            }
            if (s.endsWith("ms")) {
                return Duration.ofMillis(Long.parseLong(s.substring(0, s.length() - 2)));
            }
            long n = Long.parseLong(s.substring(0, s.length() - 1));
            return switch (s.charAt(s.length() - 1)) {
                case 's' -> Duration.ofSeconds(n);
                case 'm' -> Duration.ofMinutes(n);
                case 'h' -> Duration.ofHours(n);
                case 'd' -> Duration.ofDays(n);
                default -> throw new NumberFormatException();
            };
        } catch (NumberFormatException | DateTimeParseException | StringIndexOutOfBoundsException e) {
            throw new UsageException("--poll: not a duration: '" + text + "' (use 30s, 5m, 1h or PT5M)");
        }
    }

    private static void removeHook(Thread hook) {
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException e) {
            // the JVM is already shutting down: the hook is running and waits for us
        }
    }
}
