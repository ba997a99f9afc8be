package io.newswatch.cli;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.metrics.MetricsServer;
import io.newswatch.metrics.Registries;
import io.newswatch.notify.EmailSettings;
import io.newswatch.notify.Notifier;
import io.newswatch.notify.NotifyConfig;
import io.newswatch.notify.NotifyMetrics;
import io.newswatch.notify.Receivers;
import io.newswatch.notify.Secret;
import io.newswatch.notify.Silences;
import io.newswatch.topics.TopicRole;
import io.newswatch.watchlist.AlertKind;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;

/** {@code newswatch notify}: deliver alerts to webhooks, Slack, email and files. */
@Command(name = "notify", mixinStandardHelpOptions = true,
        description = {"Deliver alerts to webhooks, Slack, email and files: routed, grouped, retried, never lost.",
                "Either --config FILE, or one or more receivers given directly (--webhook, --slack, --email, --file)."
                        + " Instances with the same --application-id share the work."})
final class NotifyCommand implements Callable<Integer> {

    @Option(names = "--config", paramLabel = "FILE", description = "Receivers, routes, grouping and retries (docs/notify.md).")
    Path config;

    @Option(names = "--check", description = "Check the configuration (and its secrets), print what it does, and exit.")
    boolean check;

    @Option(names = "--webhook", paramLabel = "URL", description = "POST each notification as JSON to this URL.")
    String webhook;

    @Option(names = "--webhook-secret-env", paramLabel = "VAR",
            description = "Sign webhook bodies (HMAC-SHA256) with the secret in this environment variable.")
    String webhookSecretEnv;

    @Option(names = "--slack", paramLabel = "URL", description = "Post to this Slack incoming webhook.")
    String slack;

    @Option(names = "--email", paramLabel = "ADDRESS", split = ",", description = "Mail notifications to these addresses (needs --smtp and --from).")
    List<String> email = List.of();

    @Option(names = "--smtp", paramLabel = "HOST:PORT", description = "SMTP server for --email.")
    String smtp;

    @Option(names = "--smtp-security", paramLabel = "MODE", defaultValue = "starttls",
            description = "starttls (required), smtps or none (default: ${DEFAULT-VALUE}).")
    String smtpSecurity;

    @Option(names = "--smtp-user", paramLabel = "USER", description = "SMTP user; the password is read from NEWSWATCH_SMTP_PASSWORD.")
    String smtpUser;

    @Option(names = "--from", paramLabel = "ADDRESS", description = "Sender address for --email.")
    String from;

    @Option(names = "--file", paramLabel = "PATH", description = "Append notifications as JSON lines to PATH (- for stdout).")
    String file;

    @Option(names = "--entity", paramLabel = "ID", split = ",", description = "With direct receivers: only alerts about these entities.")
    Set<String> entities = Set.of();

    @Option(names = "--tag", paramLabel = "TAG", split = ",", description = "With direct receivers: only alerts about entities with these tags.")
    Set<String> tags = Set.of();

    @Option(names = "--kind", paramLabel = "KIND", split = ",", description = "With direct receivers: only these kinds: ${COMPLETION-CANDIDATES}.")
    Set<AlertKind> kinds = Set.of();

    @Option(names = "--min-outlets", paramLabel = "N", defaultValue = "0",
            description = "With direct receivers: only alerts whose articles come from at least N outlets (a story that spread).")
    int minOutlets;

    @Option(names = "--group-by", paramLabel = "LABEL", split = ",", defaultValue = "entity,kind",
            description = "With direct receivers: alerts sharing these labels (entity, kind, tag, topic, story) go in one message"
                    + " (default: ${DEFAULT-VALUE}).")
    List<String> groupBy;

    @Option(names = "--group-wait", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "With direct receivers: how long a new group waits for more alerts (default: ${DEFAULT-VALUE}).")
    Duration groupWait;

    @Option(names = "--group-interval", paramLabel = "DURATION", defaultValue = "5m", converter = DurationConverter.class,
            description = "With direct receivers: at most one message per group this often (default: ${DEFAULT-VALUE}).")
    Duration groupInterval;

    @Option(names = "--application-id", paramLabel = "ID", defaultValue = "newswatch-notify",
            description = "Consumer group of the instances sharing the work (default: ${DEFAULT-VALUE}).")
    String applicationId;

    @Option(names = "--from-beginning", description = "A new application id starts at the oldest alert kept (default: at new alerts).")
    boolean fromBeginning;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "-1",
            description = "Serve /metrics, /health and /ready on this port (default: off).")
    int metricsPort;

    @Option(names = "--metrics-host", paramLabel = "HOST", defaultValue = "127.0.0.1",
            description = "Interface for the metrics endpoint (default: ${DEFAULT-VALUE}).")
    String metricsHost;

    @Mixin
    TopicsOption topicsOption;

    /** The environment secrets are read from: the process's, or a test's. */
    static final ThreadLocal<Map<String, String>> ENVIRONMENT = new ThreadLocal<>();

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        NotifyConfig notify = configuration();
        if (check) {
            describe(notify, out);
            out.flush();
            return ExitCodes.OK;
        }
        KafkaSettings kafka = NewswatchCli.kafkaOptions(spec).settings();
        var topics = topicsOption.topics();
        Notifier.Topics where = new Notifier.Topics(notify.topics(), Pattern.compile(NotifyConfig.DEFAULT_TOPIC_PATTERN),
                topics.name(TopicRole.NOTIFY_STATE), topics.name(TopicRole.NOTIFY_DLQ));
        PrometheusMeterRegistry registry = Registries.prometheus();
        CountDownLatch done = new CountDownLatch(1);
        try (Silences silences = Silences.open(kafka, topics.name(TopicRole.SILENCES), applicationId + "-silences")) {
            if (!silences.awaitLoaded(Duration.ofSeconds(30))) {
                throw new IllegalStateException("could not read the silences on " + topics.name(TopicRole.SILENCES) + " within 30 s");
            }
            Notifier notifier = new Notifier(kafka, applicationId, fromBeginning, notify,
                    Receivers.of(notify, System.out), where, (alert, now) -> silences.silencing(alert, now).isPresent(),
                    Clock.systemUTC(), new NotifyMetrics(registry, notify.receivers().keySet()));
            try (notifier; MetricsServer metrics = metricsPort < 0 ? null
                    : MetricsServer.start(metricsHost, metricsPort, registry, () -> done.getCount() > 0)) {
                Thread hook = new Thread(() -> {
                    notifier.stop();
                    try {
                        done.await(30, TimeUnit.SECONDS);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "notify-shutdown");
                Runtime.getRuntime().addShutdownHook(hook);
                spec.commandLine().getErr().println("notify " + applicationId + ": " + notify.receivers().size() + " receiver"
                        + (notify.receivers().size() == 1 ? "" : "s") + ", reading "
                        + (notify.topics().isEmpty() ? "every alert topic (" + NotifyConfig.DEFAULT_TOPIC_PATTERN + ")" : String.join(", ", notify.topics()))
                        + (metrics == null ? "" : "; metrics on " + metrics.url() + "/metrics") + "; Ctrl-C stops it");
                spec.commandLine().getErr().flush();
                try {
                    notifier.run();
                } finally {
                    done.countDown();
                }
            }
        }
        return ExitCodes.OK;
    }

    private static Map<String, String> environment() {
        return ENVIRONMENT.get() != null ? ENVIRONMENT.get() : System.getenv();
    }

    /** The configuration file, or the one the direct receiver options describe. */
    private NotifyConfig configuration() {
        boolean direct = webhook != null || slack != null || !email.isEmpty() || file != null;
        if (config != null && direct) {
            throw new UsageException("give --config FILE or receivers on the command line (--webhook, --slack, --email, --file), not both");
        }
        if (config != null) {
            try {
                return NotifyConfig.read(config, environment());
            } catch (NotifyConfig.ConfigException e) {
                throw new UsageException(e.getMessage());
            }
        }
        if (!direct) {
            throw new UsageException("nothing to deliver to: give --config FILE, or --webhook URL, --slack URL, --email ADDRESS or --file PATH");
        }
        return direct();
    }

    private NotifyConfig direct() {
        Map<String, NotifyConfig.ReceiverSpec> receivers = new LinkedHashMap<>();
        if (webhook != null) {
            Secret secret = null;
            if (webhookSecretEnv != null) {
                secret = Secret.fromEnv(webhookSecretEnv, environment());
                if (secret == null) {
                    throw new UsageException("--webhook-secret-env: environment variable " + webhookSecretEnv + " is not set");
                }
            }
            receivers.put("webhook", new NotifyConfig.ReceiverSpec("webhook", NotifyConfig.ReceiverSpec.Type.WEBHOOK,
                    httpUrl(webhook, "--webhook"), secret, Map.of(), null, null, null, null));
        }
        if (slack != null) {
            receivers.put("slack", new NotifyConfig.ReceiverSpec("slack", NotifyConfig.ReceiverSpec.Type.SLACK,
                    httpUrl(slack, "--slack"), null, Map.of(), null, null, null, null));
        }
        if (!email.isEmpty()) {
            receivers.put("email", new NotifyConfig.ReceiverSpec("email", NotifyConfig.ReceiverSpec.Type.EMAIL, null, null, Map.of(),
                    emailSettings(), null, null, null));
        }
        if (file != null) {
            receivers.put("file", new NotifyConfig.ReceiverSpec("file", NotifyConfig.ReceiverSpec.Type.FILE, null, null, Map.of(),
                    null, file, null, null));
        }
        for (String label : groupBy) {
            if (!NotifyConfig.GROUP_LABELS.contains(label)) {
                throw new UsageException("--group-by: cannot group by '" + label + "': use " + new java.util.TreeSet<>(NotifyConfig.GROUP_LABELS));
            }
        }
        NotifyConfig.Matcher filter = new NotifyConfig.Matcher(entities, tags, kinds, Set.of(), minOutlets);
        List<NotifyConfig.Route> each = new ArrayList<>();
        for (String name : receivers.keySet()) {
            each.add(new NotifyConfig.Route(filter, name, groupBy, groupWait, groupInterval, Duration.ofHours(4), true, List.of()));
        }
        NotifyConfig.Route root = new NotifyConfig.Route(filter, receivers.keySet().iterator().next(), groupBy, groupWait,
                groupInterval, Duration.ofHours(4), false, each);
        return new NotifyConfig(receivers, root, NotifyConfig.Retry.DEFAULT, List.of());
    }

    private EmailSettings emailSettings() {
        if (smtp == null || from == null) {
            throw new UsageException("--email needs --smtp HOST:PORT and --from ADDRESS");
        }
        int port = EmailSettings.portOf(smtp);
        if (port < 0) {
            throw new UsageException("--smtp: '" + smtp + "' is not HOST:PORT");
        }
        EmailSettings.Security security;
        try {
            security = EmailSettings.Security.valueOf(smtpSecurity.toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new UsageException("--smtp-security: '" + smtpSecurity + "' is not one of starttls, smtps, none");
        }
        Secret password = null;
        if (smtpUser != null) {
            password = Secret.fromEnv("NEWSWATCH_SMTP_PASSWORD", environment());
            if (password == null) {
                throw new UsageException("--smtp-user: set the password in the environment variable NEWSWATCH_SMTP_PASSWORD");
            }
        }
        return new EmailSettings(EmailSettings.hostOf(smtp), port, security, smtpUser, password, from, email);
    }

    private static String httpUrl(String url, String option) {
        if (!NotifyConfig.isHttpUrl(url)) {
            throw new UsageException(option + ": '" + url + "' is not an http(s) URL");
        }
        return url;
    }

    /** What --check prints: receivers, and the routing tree with its settings. */
    private static void describe(NotifyConfig config, PrintWriter out) {
        out.println("receivers:");
        config.receivers().values().forEach(r -> out.println("  " + r.name() + "  " + r.type().name().toLowerCase(java.util.Locale.ROOT)
                + (r.url() != null ? "  " + hostOf(r.url()) : "") + (r.email() != null ? "  " + String.join(", ", r.email().to()) : "")
                + (r.path() != null ? "  " + r.path() : "") + (r.secret() != null ? "  signed (" + r.secret() + ")" : "")
                + (r.isDigest() ? "  digest \"" + r.digest() + "\" " + r.digestZone() : "")));
        out.println("routes:");
        route(config.route(), "  ", out);
        NotifyConfig.Retry retry = config.retry();
        out.println("retry: up to " + retry.maxAttempts() + " attempts within " + retry.maxAge() + ", backoff "
                + retry.initialBackoff() + " to " + retry.maxBackoff() + ", then parked");
        out.println("topics: " + (config.topics().isEmpty() ? NotifyConfig.DEFAULT_TOPIC_PATTERN : String.join(", ", config.topics())));
    }

    private static void route(NotifyConfig.Route r, String indent, PrintWriter out) {
        NotifyConfig.Matcher m = r.match();
        List<String> match = new ArrayList<>();
        if (!m.entities().isEmpty()) {
            match.add("entity " + String.join("|", new java.util.TreeSet<>(m.entities())));
        }
        if (!m.tags().isEmpty()) {
            match.add("tag " + String.join("|", new java.util.TreeSet<>(m.tags())));
        }
        if (!m.kinds().isEmpty()) {
            match.add("kind " + m.kinds().stream().map(Enum::name).sorted().reduce((a, b) -> a + "|" + b).orElse(""));
        }
        if (!m.topics().isEmpty()) {
            match.add("topic " + String.join("|", new java.util.TreeSet<>(m.topics())));
        }
        if (m.minOutlets() > 0) {
            match.add(m.minOutlets() + "+ outlets");
        }
        out.println(indent + (match.isEmpty() ? "every alert" : String.join(", ", match)) + " -> " + r.receiver()
                + "  (group by " + (r.groupBy().isEmpty() ? "nothing" : String.join(",", r.groupBy())) + ", wait " + r.groupWait()
                + ", interval " + r.groupInterval() + ", repeat " + r.repeatInterval() + (r.continueMatching() ? ", continue" : "") + ")");
        r.routes().forEach(child -> route(child, indent + "  ", out));
    }

    private static String hostOf(String url) {
        try {
            return new java.net.URI(url).getHost();
        } catch (java.net.URISyntaxException e) {
            return "?";
        }
    }
}
