package io.newswatch.cli;

import io.newswatch.alert.Alert;
import io.newswatch.alert.AlertFormat;
import io.newswatch.kafka.Consumers;
import io.newswatch.kafka.JsonSerde;
import io.newswatch.kafka.JsonErrors;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.AlertKind;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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

    @Option(names = "--topics-dir", paramLabel = "DIR", description = "Topic declarations (default: ./topics or the bundled copy).")
    Path topicsDir;

    @Spec
    CommandSpec spec;

    /** Reads one alert per record and refuses anything after it, so --json prints only whole alerts. */
    private static final JsonSerde<Alert> ALERT = JsonSerde.of(Alert.class);

    private final AtomicBoolean stopping = new AtomicBoolean();

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<String> names = topics.isEmpty() ? List.of(Topics.resolve(topicsDir).name(TopicRole.ALERTS)) : topics;
        boolean ansi = !json && System.console() != null && System.getenv("NO_COLOR") == null;
        Map<String, Object> config = NewswatchCli.kafkaOptions(spec).settings().with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "newswatch-alerts",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000));
        int printed = 0;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            Thread main = Thread.currentThread();
            Thread hook = new Thread(() -> {
                stopping.set(true);
                consumer.wakeup();
                try {
                    main.join(5_000);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "alerts-stop");
            if (follow) {
                Runtime.getRuntime().addShutdownHook(hook);
            }
            List<TopicPartition> partitions = new ArrayList<>();
            for (String topic : names) {
                List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
                if (infos == null || infos.isEmpty()) {
                    throw new UsageException("alert topic " + topic + " does not exist");
                }
                infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            }
            consumer.assign(partitions);
            position(consumer, partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            ConnectionWatch connection = new ConnectionWatch(consumer, NewswatchCli.kafkaOptions(spec).settings().bootstrapServers(),
                    warnAfter, spec.commandLine().getErr());
            try {
                while (!stopping.get()) {
                    if (!follow && Consumers.caughtUp(consumer, end)) {
                        break;
                    }
                    if (follow) {
                        connection.check();
                    }
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                        Alert alert;
                        try {
                            alert = ALERT.deserialize(record.topic(), record.value());
                        } catch (RuntimeException e) {
                            spec.commandLine().getErr().println("skipped unreadable alert at " + record.topic() + "/"
                                    + record.partition() + "@" + record.offset() + ": "
                                    + JsonErrors.describe(e.getCause() == null ? e : e.getCause()));
                            continue;
                        }
                        if (alert == null) {
                            continue;
                        }
                        if (!wanted(alert)) {
                            continue;
                        }
                        out.println(json ? new String(record.value(), java.nio.charset.StandardCharsets.UTF_8) : AlertFormat.line(alert, ansi));
                        out.flush();
                        if (max != null && ++printed >= max) {
                            return ExitCodes.OK;
                        }
                    }
                }
            } catch (WakeupException e) {
                // Ctrl-C while following: a normal end.
            }
        }
        return ExitCodes.OK;
    }

    /**
     * Tells a follower on stderr when the consumer has heard nothing from any broker for a while,
     * and when it hears from one again. Hearing is the client's count of bytes received: an idle
     * consumer still gets a fetch response every half second; a reconnect attempt gets nothing.
     */
    static final class ConnectionWatch {
        private final KafkaConsumer<?, ?> consumer;
        private final String bootstrapServers;
        private final Duration warnAfter;
        private final PrintWriter err;
        private double received = -1;
        private long heardAtNanos = System.nanoTime();
        private boolean warned;

        ConnectionWatch(KafkaConsumer<?, ?> consumer, String bootstrapServers, Duration warnAfter, PrintWriter err) {
            this.consumer = consumer;
            this.bootstrapServers = bootstrapServers;
            this.warnAfter = warnAfter;
            this.err = err;
        }

        void check() {
            long now = System.nanoTime();
            double bytes = bytesReceived();
            if (bytes != received) {
                received = bytes;
                heardAtNanos = now;
                if (warned) {
                    err.println("alerts: connected to Kafka again");
                    err.flush();
                    warned = false;
                }
            } else if (!warned && now - heardAtNanos >= warnAfter.toNanos()) {
                err.println("alerts: no connection to Kafka at " + bootstrapServers + " for "
                        + Duration.ofNanos(now - heardAtNanos).toSeconds() + " s; still trying (Ctrl-C stops)");
                err.flush();
                warned = true;
            }
        }

        private double bytesReceived() {
            for (var e : consumer.metrics().entrySet()) {
                if (e.getKey().name().equals("incoming-byte-total") && e.getKey().group().equals("consumer-metrics")
                        && e.getValue().metricValue() instanceof Number n) {
                    return n.doubleValue();
                }
            }
            return 0;
        }
    }

    private void position(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions) {
        if (start.since != null) {
            long from = System.currentTimeMillis() - start.since.toMillis();
            Map<TopicPartition, Long> query = new HashMap<>();
            partitions.forEach(p -> query.put(p, from));
            Map<TopicPartition, OffsetAndTimestamp> offsets = consumer.offsetsForTimes(query);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            for (TopicPartition p : partitions) {
                OffsetAndTimestamp at = offsets.get(p);
                consumer.seek(p, at == null ? end.get(p) : at.offset());
            }
        } else if (start.fromBeginning || !follow) {
            consumer.seekToBeginning(partitions);
        } else {
            consumer.seekToEnd(partitions);
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
