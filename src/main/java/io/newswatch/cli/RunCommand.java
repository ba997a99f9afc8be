package io.newswatch.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newswatch.broker.PortInUseException;
import io.newswatch.api.WebApp;
import io.newswatch.metrics.MetricsServer;
import io.newswatch.metrics.Registries;
import io.newswatch.monitor.Monitor;
import io.newswatch.monitor.MonitorSettings;
import org.apache.kafka.streams.StreamsConfig;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

/** {@code newswatch run}: the monitor against a cluster, until Ctrl-C or SIGTERM. */
@Command(name = "run", mixinStandardHelpOptions = true,
        header = "Run the monitor: match articles against the live watchlist, exactly once.",
        description = {"Run the monitor: match news.articles against the live watchlist and publish",
                "mentions and alerts, exactly once, until Ctrl-C or SIGTERM."})
final class RunCommand implements Callable<Integer> {

    @Option(names = "--application-id", defaultValue = "newswatch-monitor",
            description = "Kafka Streams application id; instances with the same id share the work (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--state-dir", paramLabel = "DIR", description = "Local state (default: Kafka Streams' default under the temp dir).")
    Path stateDir;

    @Option(names = "--threads", paramLabel = "N", description = "Stream threads (default: cores, at most 4).")
    Integer threads;

    @Option(names = "--standby-replicas", paramLabel = "N", defaultValue = "0",
            description = "Warm copies of each task's state on other instances, for fast fail-over (default: ${DEFAULT-VALUE}).")
    int standbyReplicas;

    @Option(names = "--processing-guarantee", defaultValue = StreamsConfig.EXACTLY_ONCE_V2,
            description = "exactly_once_v2 or at_least_once (default: ${DEFAULT-VALUE}).")
    String processingGuarantee;

    @Option(names = "--max-body-bytes", paramLabel = "N", defaultValue = "1048576",
            description = "Articles with a larger body go to the dead-letter topic (default: ${DEFAULT-VALUE}).")
    int maxBodyBytes;

    @Option(names = "--max-dead-letter-bytes", paramLabel = "N", defaultValue = "1048576",
            description = "Bytes of a rejected record's value kept in its dead letter; the original size and position are "
                    + "always in its headers (default: ${DEFAULT-VALUE}).")
    int maxDeadLetterBytes;

    @Option(names = "--story-window", paramLabel = "DURATION", defaultValue = "72h", converter = DurationConverter.class,
            description = "An article joins a story seen within this long, in the articles' time (default: ${DEFAULT-VALUE}).")
    Duration storyWindow;

    @Option(names = "--max-story-sketches", paramLabel = "N", defaultValue = "100000",
            description = "Article sketches the story index holds at most, the oldest leaving first; each costs about 2.4 KB "
                    + "of heap, see BENCHMARKS.md (default: ${DEFAULT-VALUE}).")
    int maxStorySketches;

    @Option(names = "--stall-timeout", paramLabel = "DURATION", defaultValue = "60s", converter = DurationConverter.class,
            description = "Not ready (/ready 503) once a partition with records waiting has committed nothing for this long "
                    + "(default: ${DEFAULT-VALUE}).")
    Duration stallTimeout;

    @Option(names = "--route-tag", paramLabel = "TAG=TOPIC",
            description = "Also send alerts of entities with this tag to this topic (repeatable).")
    Map<String, String> tagRoutes = new LinkedHashMap<>();

    @Option(names = "--label-entity", paramLabel = "ID", split = ",",
            description = "Entities that always get their own metric label (repeatable).")
    List<String> labelledEntities = List.of();

    @Option(names = "--entity-label-limit", paramLabel = "N", defaultValue = "50",
            description = "Further entities given their own metric label; the rest are 'other' (default: ${DEFAULT-VALUE}).")
    int entityLabelLimit;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9464",
            description = "Serve /metrics, /health and /ready on this port; -1 turns it off (default: ${DEFAULT-VALUE}).")
    int metricsPort;

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Interface for the metrics endpoint (default: ${DEFAULT-VALUE}).")
    String metricsHost;

    @Option(names = "--advertised-host", paramLabel = "HOST",
            description = "Host other instances reach this one at for the query API (default: --metrics-host, or this "
                    + "machine's name when that is 0.0.0.0).")
    String advertisedHost;

    @Option(names = "--api-token-file", paramLabel = "FILE",
            description = "File holding the token the query API's writes need (and its reads, when --metrics-host is not "
                    + "127.0.0.1); default: the NEWSWATCH_API_TOKEN environment variable; none: writes are disabled.")
    Path apiTokenFile;

    @Option(names = "--history", paramLabel = "DURATION", defaultValue = "30d", converter = DurationConverter.class,
            description = "How long counts per entity and hour are kept for the query API (default: ${DEFAULT-VALUE}).")
    Duration history;

    @Mixin
    TopicsOption topicsOption;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        if (!Set.of(StreamsConfig.EXACTLY_ONCE_V2, StreamsConfig.AT_LEAST_ONCE).contains(processingGuarantee)) {
            throw new UsageException("--processing-guarantee must be exactly_once_v2 or at_least_once, got " + processingGuarantee);
        }
        Monitor.Options options = Monitor.Options.defaults()
                .withApplicationId(applicationId)
                .withStateDir(stateDir)
                .withStandbyReplicas(standbyReplicas)
                .withProcessingGuarantee(processingGuarantee)
                .withSettings(MonitorSettings.DEFAULTS.withMaxBodyBytes(maxBodyBytes).withTagRoutes(tagRoutes)
                        .withMaxDeadLetterBytes(maxDeadLetterBytes).withStories(storyWindow, maxStorySketches).withHistory(history))
                .withStallTimeout(stallTimeout)
                .withEntityLabels(Set.copyOf(labelledEntities), entityLabelLimit);
        if (threads != null) {
            options = options.withThreads(threads);
        }
        String self = metricsPort <= 0 ? null : advertised() + ":" + metricsPort;
        options = options.withApplicationServer(self);
        Optional<String> token = apiToken();
        PrintWriter out = spec.commandLine().getOut();
        PrometheusMeterRegistry registry = Registries.prometheus();
        CountDownLatch stopped = new CountDownLatch(1);
        try (Monitor monitor = Monitor.start(NewswatchCli.kafkaOptions(spec).settings(), topicsOption.topics(), options, registry);
             MetricsServer metrics = metricsPort < 0 ? null : startMetrics(registry, monitor, self, token)) {
            if (metrics != null) {
                out.println("metrics on " + metrics.url() + "/metrics (health: /health, readiness: /ready); console on "
                        + metrics.url() + "/, API on " + metrics.url() + "/api" + (token.isPresent() ? "" : " (read-only: no API token)"));
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                monitor.close(Duration.ofSeconds(30));
                stopped.countDown();
            }, "monitor-shutdown"));
            if (monitor.awaitRunning(Duration.ofSeconds(120))) {
                out.println("monitor " + applicationId + " running (" + processingGuarantee + "); Ctrl-C stops it");
            } else {
                out.println("monitor " + applicationId + " not running yet (state " + monitor.state() + "); still trying");
            }
            out.flush();
            stopped.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw e;
        }
        return ExitCodes.OK;
    }

    private MetricsServer startMetrics(PrometheusMeterRegistry registry, Monitor monitor, String self, Optional<String> token) {
        try {
            boolean loopback = metricsHost.equals("127.0.0.1") || metricsHost.equals("localhost") || metricsHost.equals("::1");
            return MetricsServer.start(metricsHost, metricsPort, registry, monitor.health(), new WebApp(monitor.queries(self),
                    monitor.watchlist(), NewswatchCli.kafkaOptions(spec).settings(), topicsOption.topics(), token, loopback, history));
        } catch (UncheckedIOException e) {
            monitor.close();
            if (e.getCause() instanceof BindException) {
                throw new PortInUseException(metricsPort, "--metrics-port");
            }
            throw e;
        }
    }

    /** Where other instances reach this one. */
    private String advertised() {
        if (advertisedHost != null) {
            return advertisedHost;
        }
        if (!metricsHost.equals("0.0.0.0") && !metricsHost.equals("::")) {
            return metricsHost;
        }
        try {
            return java.net.InetAddress.getLocalHost().getHostName();
        } catch (java.net.UnknownHostException e) {
            throw new UsageException("--metrics-host " + metricsHost + ": give --advertised-host, this machine's name is unknown");
        }
    }

    private Optional<String> apiToken() {
        if (apiTokenFile != null) {
            try {
                String token = java.nio.file.Files.readString(apiTokenFile).strip();
                if (token.isEmpty()) {
                    throw new UsageException("--api-token-file " + apiTokenFile + " is empty");
                }
                return Optional.of(token);
            } catch (java.io.IOException e) {
                throw new UsageException("--api-token-file " + apiTokenFile + ": cannot read it (" + e.getClass().getSimpleName() + ")");
            }
        }
        return Optional.ofNullable(System.getenv("NEWSWATCH_API_TOKEN")).map(String::strip).filter(t -> !t.isEmpty());
    }
}
