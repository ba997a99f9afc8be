package io.newswatch.cli;

import io.newswatch.alert.Alert;
import io.newswatch.alert.AlertFormat;
import io.newswatch.alert.StoryOutlets;
import io.newswatch.story.Story;
import io.newswatch.alert.AlertSubscription;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.topics.TopicRole;
import io.newswatch.watchlist.AlertKind;
import org.apache.kafka.common.errors.WakeupException;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicBoolean;

/** {@code newswatch alerts}: subscribe to alert topics, human-readable or as JSON lines. */
@Command(name = "alerts", mixinStandardHelpOptions = true,
        description = {"Read alerts (read_committed): what exists, or with --follow as they arrive.",
                "Without --from-beginning or --since: everything when not following, only new alerts when following."})
final class AlertsCommand implements Callable<Integer> {

    @Option(names = "--entity", paramLabel = "ID", split = ",", description = "Only alerts about these entities (also as the co-mentioned one).")
    Set<String> entities = Set.of();

    @Option(names = "--kind", paramLabel = "KIND", split = ",", description = "Only these kinds: ${COMPLETION-CANDIDATES}.")
    Set<AlertKind> kinds = Set.of();

    @Option(names = "--tag", paramLabel = "TAG", split = ",", description = "Only alerts about entities with one of these tags.")
    Set<String> tags = Set.of();

    @Option(names = "--topic", paramLabel = "TOPIC", split = ",", description = "Alert topics to read (default: the default alert topic).")
    List<String> topics = List.of();

    @ArgGroup(exclusive = true)
    Start start = new Start();

    static final class Start {
        @Option(names = "--from-beginning", description = "Start at the oldest alert kept.")
        boolean fromBeginning;

        @Option(names = "--since", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Start at alerts written within this long (30m, 2h, 7d).")
        Duration since;
    }

    @Option(names = "--follow", description = "Keep reading new alerts until Ctrl-C.")
    boolean follow;

    @Option(names = "--warn-after", paramLabel = "DURATION", defaultValue = "30s", converter = DurationConverter.class,
            description = "While following, say so on stderr when no broker has answered for this long (default: ${DEFAULT-VALUE}).")
    Duration warnAfter;

    @Option(names = "--max", paramLabel = "N", description = "Stop after N matching alerts.")
    Integer max;

    @Option(names = "--json", description = "One alert JSON per line, for scripts.")
    boolean json;

    @Mixin
    TopicsOption topicsOption;

    @Spec
    CommandSpec spec;

    private final AtomicBoolean stopping = new AtomicBoolean();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        List<String> names = topics.isEmpty() ? List.of(topicsOption.topics().name(TopicRole.ALERTS)) : topics;
        boolean ansi = !json && System.console() != null && System.getenv("NO_COLOR") == null;
        KafkaSettings kafka = NewswatchCli.kafkaOptions(spec).settings();
        AlertSubscription.Start from = start.since != null ? AlertSubscription.Start.since(Instant.now().minus(start.since))
                : start.fromBeginning || !follow ? AlertSubscription.Start.fromBeginning() : AlertSubscription.Start.fromEnd();
        int printed = 0;
        warnUnwatched(kafka, err);
        try (AlertSubscription subscription = open(kafka, names, from);
             StoryOutlets stories = json ? null : StoryOutlets.open(kafka, topicsOption.topics().name(TopicRole.STORIES), "newswatch-alerts-stories")) {
            if (stories != null) {
                stories.catchUp(Duration.ofSeconds(10));
            }
            if (follow) {
                Thread main = Thread.currentThread();
                Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                    stopping.set(true);
                    subscription.wakeup();
                    try {
                        main.join(5_000);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }, "alerts-stop"));
            }
            boolean warned = false;
            List<AlertSubscription.Delivery> existing = new java.util.ArrayList<>();
            try {
                while (!stopping.get() && (follow || !subscription.caughtUp())) {
                    for (AlertSubscription.Delivery delivery : subscription.poll(Duration.ofMillis(500))) {
                        if (delivery.alert() == null) {
                            err.println("skipped " + delivery.problem());
                        } else if (wanted(delivery.alert()) && !follow) {
                            existing.add(delivery); // printed in time order once every partition is read
                        } else if (wanted(delivery.alert())) {
                            print(out, delivery, ansi, stories);
                            if (max != null && ++printed >= max) {
                                return ExitCodes.OK;
                            }
                        }
                    }
                    if (follow && stories != null) {
                        for (Story story : stories.poll(Duration.ZERO)) {
                            String line = stories.grown(story);
                            if (line != null) {
                                out.println(line);
                                out.flush();
                            }
                        }
                    }
                    if (follow && !warned && subscription.silentFor().compareTo(warnAfter) >= 0) {
                        err.println("alerts: no connection to Kafka at " + kafka.bootstrapServers() + " for "
                                + subscription.silentFor().toSeconds() + " s; still trying (Ctrl-C stops)");
                        warned = true;
                    } else if (warned && subscription.silentFor().compareTo(warnAfter) < 0) {
                        err.println("alerts: connected to Kafka again");
                        warned = false;
                    }
                    err.flush();
                }
            } catch (WakeupException e) {
                // Ctrl-C while following: a normal end.
            }
            existing.sort(java.util.Comparator.comparing((AlertSubscription.Delivery d) -> d.alert().windowStart())
                    .thenComparing(d -> d.alert().windowEnd()).thenComparing(d -> d.alert().alertId()));
            for (AlertSubscription.Delivery delivery : existing.subList(0, max == null ? existing.size() : Math.min(max, existing.size()))) {
                print(out, delivery, ansi, stories);
            }
        }
        return ExitCodes.OK;
    }

    private void print(PrintWriter out, AlertSubscription.Delivery delivery, boolean ansi, StoryOutlets stories) {
        out.println(json ? new String(delivery.json(), StandardCharsets.UTF_8)
                : AlertFormat.line(delivery.alert(), ansi) + stories.suffix(delivery.alert()));
        out.flush();
    }

    /**
     * {@code --entity nosuch} would print nothing, forever with --follow: say when an entity is
     * not on the watchlist (a removed one may still have alerts from before, so it is not an error).
     */
    private void warnUnwatched(KafkaSettings kafka, PrintWriter err) {
        if (entities.isEmpty()) {
            return;
        }
        java.util.Map<String, io.newswatch.watchlist.WatchedEntity> watched =
                new io.newswatch.watchlist.WatchlistTopic(kafka, topicsOption.topics()).read().entities();
        for (String id : entities) {
            if (!watched.containsKey(id)) {
                err.println(io.newswatch.text.Printable.line("alerts: '" + id + "' is not on the watchlist"
                        + " ('newswatch watchlist list' shows what is); only alerts from before it was removed can match"));
            }
        }
        err.flush();
    }

    private static AlertSubscription open(KafkaSettings kafka, List<String> topics, AlertSubscription.Start from) {
        try {
            return AlertSubscription.open(kafka, topics, from, "newswatch-alerts");
        } catch (IllegalArgumentException e) {
            throw new UsageException(e.getMessage());
        }
    }

    private boolean wanted(Alert alert) {
        if (!kinds.isEmpty() && !kinds.contains(alert.kind())) {
            return false;
        }
        if (!entities.isEmpty() && !entities.contains(alert.entityId())
                && (alert.coEntityId() == null || !entities.contains(alert.coEntityId()))) {
            return false;
        }
        return tags.isEmpty() || alert.tags().stream().anyMatch(tags::contains);
    }
}
