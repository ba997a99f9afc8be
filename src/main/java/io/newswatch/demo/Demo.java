package io.newswatch.demo;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newswatch.alert.Alert;
import io.newswatch.api.WebApp;
import io.newswatch.alert.AlertFormat;
import io.newswatch.alert.StoryOutlets;
import io.newswatch.story.Story;
import io.newswatch.alert.AlertSubscription;
import io.newswatch.article.Article;
import io.newswatch.broker.EmbeddedBroker;
import io.newswatch.broker.PortInUseException;
import io.newswatch.ingest.KafkaArticleSink;
import io.newswatch.kafka.ClientDefaults;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.metrics.MetricsServer;
import io.newswatch.notify.Notifier;
import io.newswatch.notify.NotifyConfig;
import io.newswatch.notify.NotifyMetrics;
import io.newswatch.notify.Receivers;
import io.newswatch.notify.Silences;
import io.newswatch.metrics.Registries;
import io.newswatch.monitor.Monitor;
import io.newswatch.monitor.MonitorSettings;
import io.newswatch.topics.TopicApplier;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.WatchedEntity;
import io.newswatch.watchlist.WatchlistFiles;
import io.newswatch.watchlist.WatchlistTopic;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.errors.WakeupException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The self-contained demo: an embedded broker, the topics, the starter watchlist, the monitor and
 * its metrics endpoint, the bundled sample articles, and the alerts printed as they arrive.
 * {@code newswatch demo} runs it until Ctrl-C; tests start and close it directly.
 */
public final class Demo implements AutoCloseable {

    /** How the demo runs. {@code metricsPort} -1 turns metrics off; 0 ports pick free ones. */
    public record Options(int port, int metricsPort, Path dataDir, boolean ansi) {
        public Options {
            Objects.requireNonNull(dataDir, "dataDir");
        }
    }

    private static final String SAMPLE_DIR = "/io/newswatch/demo/";
    /** The copies of the wire story are sent once its first alert is on screen, if it comes within this long. */
    private static final Duration COPIES_AFTER_FIRST_ALERT_WITHIN = Duration.ofMinutes(2);

    private final long startedNanos;
    private final PrintWriter out;
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicInteger alertsPrinted = new AtomicInteger();
    private EmbeddedBroker broker;
    private Monitor monitor;
    private MetricsServer metrics;
    private Silences silences;
    private Notifier notifier;
    private Thread notifierThread;
    private Path notifications;
    private Path tokenFile;
    private Thread printer;
    private volatile AlertSubscription subscription;
    private volatile long firstAlertMillis = -1;
    private final CountDownLatch firstAlert = new CountDownLatch(1);

    private Demo(PrintWriter out) {
        this.out = out;
        this.startedNanos = System.nanoTime();
    }

    /** Starts everything and returns once the sample articles are sent; alerts keep printing. */
    public static Demo start(Options options, PrintWriter out) {
        Demo demo = new Demo(out);
        try {
            demo.run(options);
            return demo;
        } catch (RuntimeException e) {
            demo.close();
            throw e;
        }
    }

    private void run(Options options) {
        // both ports checked before anything starts or is written to --data-dir: a busy port is reported at once
        requireFree("127.0.0.1", options.metricsPort(), "--metrics-port");
        try {
            broker = EmbeddedBroker.builder().port(options.port()).dataDir(options.dataDir().resolve("kafka")).start();
        } catch (PortInUseException e) {
            throw new PortInUseException(e.port(), "--port");
        }
        KafkaSettings kafka = KafkaSettings.of(broker.bootstrapServers(), Map.of());
        Topics topics = Topics.bundled();
        applyTopics(kafka, topics);
        int loaded = loadStarterWatchlist(kafka, topics);
        PrometheusMeterRegistry registry = Registries.prometheus();
        monitor = Monitor.start(kafka, topics, Monitor.Options.defaults().withApplicationId("newswatch-demo")
                .withStateDir(options.dataDir().resolve("state")).withThreads(1), registry);
        if (options.metricsPort() >= 0) {
            try {
                metrics = MetricsServer.start("127.0.0.1", options.metricsPort(), registry, monitor.health(),
                        new WebApp(monitor.queries(null), monitor.watchlist(), kafka, topics, Optional.of(apiToken(options.dataDir())),
                                true, MonitorSettings.DEFAULTS.history()));
            } catch (UncheckedIOException e) {
                if (e.getCause() instanceof java.net.BindException) {
                    throw new PortInUseException(options.metricsPort(), "--metrics-port");
                }
                throw e;
            }
        }
        startNotifier(kafka, topics, options.dataDir(), registry);
        banner(topics, loaded);
        startPrinter(kafka, topics, options.ansi());
        int sent = sendSamples(kafka, topics);
        out.println("sent " + sent + " sample articles to " + topics.name(TopicRole.ARTICLES) + "; alerts follow as they arrive");
        out.flush();
        try {
            if (firstAlert.await(COPIES_AFTER_FIRST_ALERT_WITHIN.toMillis(), TimeUnit.MILLISECONDS)) {
                sendCopies(kafka, topics);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void requireFree(String host, int port, String option) {
        if (port < 0) {
            return;
        }
        try (java.net.ServerSocket probe = new java.net.ServerSocket()) {
            probe.setReuseAddress(true);
            probe.bind(new java.net.InetSocketAddress(host, port));
        } catch (java.net.BindException e) {
            throw new PortInUseException(port, option);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException("cannot check " + option + " " + port + ": " + e.getMessage(), e);
        }
    }

    /**
     * Three other outlets publish the wire story again — under another headline, wrapped in their
     * own boilerplate, cut to its lead — which makes no new MENTION: the story grows instead.
     */
    private void sendCopies(KafkaSettings kafka, Topics topics) {
        String wire = resource("seed-myanmar-putin.txt");
        String[] paragraphs = wire.split("\n");
        String lead = String.join("\n", java.util.Arrays.copyOf(paragraphs, Math.max(1, paragraphs.length * 6 / 10)));
        List<Article> copies = List.of(
                new Article(null, "https://daily.example.org/world/putin-junta-chief", "demo daily",
                        "Kremlin welcomes Myanmar's military ruler", wire, "en", null).withDerivedId(),
                new Article(null, "https://times.example.org/2026/putin-myanmar", "demo times", "Putin hosts Myanmar junta chief",
                        "Listen to this article. Sign up for our morning briefing.\n" + wire
                                + "\nShare this story. Follow us for more world news. All rights reserved.", "en", null).withDerivedId(),
                new Article(null, "https://post.example.org/a/8841", "demo post", "Myanmar junta chief in Moscow", lead, "en", null)
                        .withDerivedId());
        try (KafkaArticleSink sink = new KafkaArticleSink(kafka, topics.name(TopicRole.ARTICLES), out)) {
            copies.forEach(sink::send);
            sink.flush();
        }
        out.println("sent 3 copies of the wire story from other outlets: no new MENTION, the story grows");
        out.flush();
    }

    public String bootstrapServers() {
        return broker.bootstrapServers();
    }

    public String metricsUrl() {
        return metrics == null ? null : metrics.url();
    }

    public int alertsPrinted() {
        return alertsPrinted.get();
    }

    /** Milliseconds from start to the first alert on screen, or -1 before it. */
    public long firstAlertMillis() {
        return firstAlertMillis;
    }

    private void applyTopics(KafkaSettings kafka, Topics topics) {
        try (Admin admin = Admin.create(kafka.with(ClientDefaults.admin("newswatch-demo")))) {
            TopicApplier applier = new TopicApplier(admin);
            applier.apply(applier.plan(topics.all()));
        } catch (Exception e) {
            throw new IllegalStateException("cannot create the demo topics: " + e.getMessage(), e);
        }
    }

    /** The starter watchlist, on first start only: a restart keeps what the user changed. */
    private int loadStarterWatchlist(KafkaSettings kafka, Topics topics) {
        WatchlistTopic watchlist = new WatchlistTopic(kafka, topics);
        if (!watchlist.isEmpty()) {
            return 0;
        }
        List<WatchedEntity> starter = WatchlistFiles.starter();
        try {
            watchlist.write(starter, List.of());
        } catch (Exception e) {
            throw new IllegalStateException("cannot write the starter watchlist: " + e.getMessage(), e);
        }
        return starter.size();
    }

    /**
     * {@code notify} with one file receiver, as {@code notify --file newswatch-data/notifications.jsonl}
     * would run it (grouped by entity and kind within 5 s), honouring silences.
     */
    private void startNotifier(KafkaSettings kafka, Topics topics, Path dataDir, PrometheusMeterRegistry registry) {
        notifications = dataDir.resolve("notifications.jsonl").toAbsolutePath();
        NotifyConfig.ReceiverSpec file = new NotifyConfig.ReceiverSpec("file", NotifyConfig.ReceiverSpec.Type.FILE, null, null, Map.of(),
                null, notifications.toString(), null, null);
        NotifyConfig.Route route = new NotifyConfig.Route(NotifyConfig.Matcher.ALL, "file", List.of("entity", "kind"),
                Duration.ofSeconds(5), Duration.ofMinutes(1), Duration.ofHours(4), false, List.of());
        NotifyConfig config = new NotifyConfig(Map.of("file", file), route, NotifyConfig.Retry.DEFAULT, List.of());
        silences = Silences.open(kafka, topics.name(TopicRole.SILENCES), "newswatch-demo-silences");
        notifier = new Notifier(kafka, "newswatch-demo-notify", true, config, Receivers.of(config, System.out),
                new Notifier.Topics(List.of(topics.name(TopicRole.ALERTS)), null, topics.name(TopicRole.NOTIFY_STATE),
                        topics.name(TopicRole.NOTIFY_DLQ)),
                (alert, now) -> silences.silencing(alert, now).isPresent(), java.time.Clock.systemUTC(),
                new NotifyMetrics(registry, config.receivers().keySet())).withoutDeliveryLog();
        notifierThread = new Thread(notifier::run, "newswatch-demo-notify");
        notifierThread.setDaemon(true);
        notifierThread.start();
    }

    /**
     * The token the console's writes need: made once per data directory and kept in
     * {@code api-token} there, readable by its owner only.
     */
    private String apiToken(Path dataDir) {
        tokenFile = dataDir.resolve("api-token").toAbsolutePath();
        try {
            if (!java.nio.file.Files.exists(tokenFile)) {
                byte[] random = new byte[18];
                new java.security.SecureRandom().nextBytes(random);
                java.nio.file.Files.writeString(tokenFile, java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random) + "\n");
                try {
                    java.nio.file.Files.setPosixFilePermissions(tokenFile, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the file keeps its default permissions
                }
            }
            return java.nio.file.Files.readString(tokenFile).strip();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException("cannot keep the console's API token in " + tokenFile, e);
        }
    }

    /** Where the demo's notifier writes (JSON lines, one per message). */
    public Path notifications() {
        return notifications;
    }

    private void banner(Topics topics, int loaded) {
        out.println("newswatch demo");
        out.println("  Kafka broker    " + broker.bootstrapServers() + "   (data in " + broker.dataDir().toAbsolutePath() + ")");
        if (metrics != null) {
            out.println("  console         " + metrics.url() + "/   (writes take the API token in " + tokenFile + ")");
            out.println("  metrics         " + metrics.url() + "/metrics   readiness " + metrics.url() + "/ready");
        }
        out.println("  watchlist       " + (loaded > 0 ? loaded + " starter entities loaded" : "kept from the last run")
                + " on " + topics.name(TopicRole.WATCHLIST));
        out.println("  notifications   " + notifications + "   (newswatch notify, one JSON line per message)");
        out.println("In a second terminal:");
        String bs = broker.bootstrapServers().endsWith(":9092") ? "" : " --bootstrap-server " + broker.bootstrapServers();
        out.println("  java -jar target/newswatch.jar watchlist add rohingya --name Rohingya --alias Rohingya" + bs);
        out.println("  java -jar target/newswatch.jar alerts --follow --entity rohingya" + bs);
        out.println("  java -jar target/newswatch.jar ingest article.txt" + bs);
        out.println("  kcat -b " + broker.bootstrapServers() + " -C -t " + topics.name(TopicRole.ALERTS) + " -u -q");
        out.println("Ctrl-C stops the demo.");
        out.flush();
    }

    private void startPrinter(KafkaSettings kafka, Topics topics, boolean ansi) {
        subscription = AlertSubscription.open(kafka, List.of(topics.name(TopicRole.ALERTS)), AlertSubscription.Start.fromBeginning(),
                "newswatch-demo-alerts");
        StoryOutlets stories = StoryOutlets.open(kafka, topics.name(TopicRole.STORIES), "newswatch-demo-stories");
        printer = new Thread(() -> {
            try (AlertSubscription alerts = subscription; stories) {
                while (!closing.get()) {
                    for (AlertSubscription.Delivery delivery : alerts.poll(Duration.ofMillis(250))) {
                        if (delivery.alert() != null) {
                            printAlert(delivery.alert(), stories.suffix(delivery.alert()), ansi);
                        } else {
                            out.println(delivery.problem());
                        }
                    }
                    for (Story story : stories.poll(Duration.ofMillis(250))) {
                        String line = stories.grown(story);
                        if (line != null) {
                            synchronized (out) {
                                out.println(line);
                                out.flush();
                            }
                        }
                    }
                }
            } catch (WakeupException e) {
                // closing
            } catch (RuntimeException e) {
                if (!closing.get()) {
                    out.println("alert printer stopped: " + e.getMessage());
                }
            }
        }, "demo-alerts");
        printer.setDaemon(true);
        printer.start();
    }

    private void printAlert(Alert alert, String storySuffix, boolean ansi) {
        synchronized (out) {
            if (firstAlertMillis < 0) {
                firstAlertMillis = (System.nanoTime() - startedNanos) / 1_000_000;
                out.printf("first alert %.1f s after start%n", firstAlertMillis / 1000.0);
            }
            out.println(AlertFormat.line(alert, ansi) + storySuffix);
            out.flush();
        }
        alertsPrinted.incrementAndGet();
        firstAlert.countDown();
    }

    private int sendSamples(KafkaSettings kafka, Topics topics) {
        List<Article> samples = new ArrayList<>();
        samples.add(new Article(null, "https://example.org/newswatch-demo/myanmar-putin", "demo wire",
                "Putin hosts Myanmar junta chief in Moscow", resource("seed-myanmar-putin.txt"), "en", null).withDerivedId());
        for (String line : resource("wikinews-sample.jsonl").split("\n")) {
            if (!line.isBlank()) {
                try {
                    samples.add(Json.mapper().readValue(line, Article.class).withDerivedId());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            }
        }
        try (KafkaArticleSink sink = new KafkaArticleSink(kafka, topics.name(TopicRole.ARTICLES), out)) {
            samples.forEach(sink::send);
            sink.flush();
            if (sink.failed() > 0) {
                throw new IllegalStateException(sink.failed() + " sample articles could not be sent");
            }
        }
        return samples.size();
    }

    private static String resource(String name) {
        try (InputStream in = Demo.class.getResourceAsStream(SAMPLE_DIR + name)) {
            if (in == null) {
                throw new IllegalStateException("demo sample " + name + " missing from the program");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Stops the printer, the notifier, the metrics endpoint, the monitor and the broker, in that order. */
    @Override
    public void close() {
        if (!closing.compareAndSet(false, true)) {
            return;
        }
        if (subscription != null) {
            subscription.wakeup();
        }
        if (printer != null) {
            try {
                printer.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        if (notifier != null) {
            notifier.stop();
            try {
                notifierThread.join(10_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            notifier.close();
        }
        if (silences != null) {
            silences.close();
        }
        if (metrics != null) {
            metrics.close();
        }
        if (monitor != null) {
            monitor.close(Duration.ofSeconds(30));
        }
        if (broker != null) {
            broker.close();
        }
    }
}
