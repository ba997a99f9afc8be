package io.newswatch.monitor;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.kafka.KafkaStreamsMetrics;
import io.newswatch.kafka.ClientDefaults;
import io.newswatch.kafka.Consumers;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.metrics.EntityLabels;
import io.newswatch.metrics.MonitorMetrics;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.WatchlistRecord;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.streams.CloseOptions;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A running monitor: the {@link MonitorTopology} in a {@link KafkaStreams} instance with
 * exactly-once processing, its metrics bound, and a background refresh of which alert topics
 * exist. {@code newswatch run}, the demo and the tests start it the same way.
 */
public final class Monitor implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Monitor.class);
    /**
     * How often Kafka's metrics are checked for new ones: per-partition (consumer lag) and per-task
     * metrics only exist once partitions are assigned, and Micrometer looks only once a minute by default.
     */
    private static final Duration KAFKA_METRICS_REFRESH = Duration.ofSeconds(10);

    /**
     * How a monitor is run.
     *
     * @param stallTimeout running time without committed progress on a partition with records
     *                     waiting after which the monitor is not ready ({@link MonitorHealth})
     * @param applicationServer host:port where this instance answers the query API, given to
     *                          Kafka Streams so any instance can find the one holding a key; null
     *                          without an HTTP endpoint
     */
    public record Options(String applicationId, Path stateDir, int threads, int standbyReplicas,
                          String processingGuarantee, MonitorSettings settings, Set<String> labelledEntities,
                          int entityLabelLimit, Duration stallTimeout, String applicationServer) {

        public static Options defaults() {
            return new Options("newswatch-monitor", null, Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors())),
                    0, StreamsConfig.EXACTLY_ONCE_V2, MonitorSettings.DEFAULTS, Set.of(), 50, Duration.ofSeconds(60), null);
        }

        public Options withApplicationId(String id) {
            return new Options(id, stateDir, threads, standbyReplicas, processingGuarantee, settings, labelledEntities,
                    entityLabelLimit, stallTimeout, applicationServer);
        }

        public Options withStateDir(Path dir) {
            return new Options(applicationId, dir, threads, standbyReplicas, processingGuarantee, settings, labelledEntities,
                    entityLabelLimit, stallTimeout, applicationServer);
        }

        public Options withThreads(int n) {
            return new Options(applicationId, stateDir, n, standbyReplicas, processingGuarantee, settings, labelledEntities,
                    entityLabelLimit, stallTimeout, applicationServer);
        }

        public Options withStandbyReplicas(int n) {
            return new Options(applicationId, stateDir, threads, n, processingGuarantee, settings, labelledEntities,
                    entityLabelLimit, stallTimeout, applicationServer);
        }

        public Options withProcessingGuarantee(String guarantee) {
            return new Options(applicationId, stateDir, threads, standbyReplicas, guarantee, settings, labelledEntities,
                    entityLabelLimit, stallTimeout, applicationServer);
        }

        public Options withSettings(MonitorSettings s) {
            return new Options(applicationId, stateDir, threads, standbyReplicas, processingGuarantee, s, labelledEntities,
                    entityLabelLimit, stallTimeout, applicationServer);
        }

        public Options withEntityLabels(Set<String> labelled, int limit) {
            return new Options(applicationId, stateDir, threads, standbyReplicas, processingGuarantee, settings, labelled, limit,
                    stallTimeout, applicationServer);
        }

        public Options withStallTimeout(Duration timeout) {
            return new Options(applicationId, stateDir, threads, standbyReplicas, processingGuarantee, settings, labelledEntities,
                    entityLabelLimit, timeout, applicationServer);
        }

        public Options withApplicationServer(String hostPort) {
            return new Options(applicationId, stateDir, threads, standbyReplicas, processingGuarantee, settings, labelledEntities,
                    entityLabelLimit, stallTimeout, hostPort);
        }
    }

    private final KafkaStreams streams;
    private final KafkaStreamsMetrics streamsMetrics;
    private final LiveWatchlist watchlist;
    private final MonitorMetrics metrics;
    private final MonitorHealth health;
    private final ScheduledExecutorService watcher;
    private final ScheduledExecutorService meterRefresher;
    private final Admin admin;

    private Monitor(KafkaStreams streams, KafkaStreamsMetrics streamsMetrics, LiveWatchlist watchlist, MonitorMetrics metrics,
                    MonitorHealth health, ScheduledExecutorService watcher, ScheduledExecutorService meterRefresher, Admin admin) {
        this.streams = streams;
        this.streamsMetrics = streamsMetrics;
        this.watchlist = watchlist;
        this.metrics = metrics;
        this.health = health;
        this.watcher = watcher;
        this.meterRefresher = meterRefresher;
        this.admin = admin;
    }

    /**
     * Checks that the topics exist, builds the topology and starts processing.
     *
     * @throws IllegalStateException naming the cluster that cannot be reached, or a missing topic
     *                               (run {@code newswatch topics apply})
     */
    public static Monitor start(KafkaSettings kafka, Topics topics, Options options, MeterRegistry registry) {
        Admin admin = Admin.create(kafka.with(ClientDefaults.admin(options.applicationId() + "-admin")));
        try {
            Set<String> existing = listTopics(admin, kafka.bootstrapServers());
            for (TopicRole role : TopicRole.MONITOR) {
                if (!existing.contains(topics.name(role))) {
                    throw new IllegalStateException("topic " + topics.name(role) + " does not exist on "
                            + kafka.bootstrapServers() + ": create it with 'newswatch topics apply'");
                }
            }
            requireOnePartition(admin, topics.name(TopicRole.BACKFILL), kafka.bootstrapServers());
            MonitorMetrics metrics = new MonitorMetrics(registry, new EntityLabels(options.labelledEntities(), options.entityLabelLimit()));
            metrics.declareRejectReasons(java.util.Arrays.stream(RejectReason.values()).map(RejectReason::key).toList());
            metrics.declareWatchlistRejectReasons(java.util.Arrays.stream(WatchlistRecord.Reason.values())
                    .map(WatchlistRecord.Reason::key).toList());
            metrics.declareAlertKinds(java.util.Arrays.stream(io.newswatch.watchlist.AlertKind.values()).map(Enum::name).toList());
            LiveWatchlist watchlist = new LiveWatchlist();
            seedVersions(kafka, options.applicationId(), topics.name(TopicRole.WATCHLIST), watchlist);
            Properties config = streamsConfig(kafka, options);
            OutputLimits limits = new OutputLimits(maxRequestBytes(config), maxRequestBytes(config), options.applicationId());
            AtomicReference<KafkaStreams> started = new AtomicReference<>();
            MonitorHealth health = new MonitorHealth(() -> started.get() == null ? KafkaStreams.State.CREATED : started.get().state(),
                    kafka.bootstrapServers(), BROKER_TIMEOUT, options.stallTimeout(), System::currentTimeMillis);
            ClusterWatch watch = new ClusterWatch(admin, options.applicationId(), topics, options.settings(), watchlist, limits,
                    health, metrics, existing);
            try {
                watch.readLimits();
            } catch (Exception e) {
                LOG.warn("cannot read the output topics' limits yet ({}); assuming the broker default", e.toString());
            }
            config.put(FailedRecords.CONFIG, new FailedRecords(
                    new DeadLetters(topics.name(TopicRole.DLQ), options.settings().maxDeadLetterBytes(), limits),
                    metrics, watch::limitsStale));
            Topology topology = MonitorTopology.build(topics, options.settings(), watchlist, metrics, watch::exists, limits);
            KafkaStreams streams = new KafkaStreams(topology, config);
            started.set(streams);
            streams.setUncaughtExceptionHandler(e -> {
                LOG.error("stream thread failed, replacing it: {}", MonitorHealth.describe(e));
                health.streamThreadFailed(e);
                metrics.streamThreadFailed();
                return StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse.REPLACE_THREAD;
            });
            metrics.health(health);
            ScheduledExecutorService meterRefresher = daemonScheduler("kafka-metrics-refresh");
            KafkaStreamsMetrics streamsMetrics = new KafkaStreamsMetrics(streams, List.of(), meterRefresher, KAFKA_METRICS_REFRESH);
            streamsMetrics.bindTo(registry);
            watch.watch(streams);
            ScheduledExecutorService watcher = daemonScheduler("cluster-watch");
            watcher.scheduleWithFixedDelay(watch, 1, 1, TimeUnit.SECONDS);
            streams.start();
            return new Monitor(streams, streamsMetrics, watchlist, metrics, health, watcher, meterRefresher, admin);
        } catch (RuntimeException e) {
            admin.close(Duration.ofSeconds(5));
            throw e;
        }
    }

    /** The monitor is not ready once the cluster has not answered for this long. */
    static final Duration BROKER_TIMEOUT = Duration.ofSeconds(10);

    /** The producers' {@code max.request.size}: every output record must fit. */
    private static int maxRequestBytes(Properties config) {
        Object value = config.getOrDefault(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                config.getOrDefault(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 1024 * 1024));
        try {
            return Integer.parseInt(String.valueOf(value).trim());
        } catch (NumberFormatException e) {
            return 1024 * 1024; // Kafka refuses the setting itself, with its name
        }
    }

    /**
     * The Kafka Streams configuration a monitor runs with: {@code kafka}'s client settings over
     * the monitor's defaults. {@code bench} runs its reference applications with it too.
     */
    public static Properties streamsConfig(KafkaSettings kafka, Options options) {
        Map<String, Object> defaults = new HashMap<>();
        defaults.put(StreamsConfig.APPLICATION_ID_CONFIG, options.applicationId());
        defaults.put(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, options.processingGuarantee());
        boolean exactlyOnce = StreamsConfig.EXACTLY_ONCE_V2.equals(String.valueOf(
                kafka.common().getOrDefault(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, options.processingGuarantee())));
        if (exactlyOnce) {
            // Each commit ends a transaction: the producer flushed, markers to every partition it
            // wrote, the offsets; the stream thread waits for all of it. 400 ms instead of Kafka
            // Streams' 100 ms: in back-to-back benchmark runs 0.27 of the plain consumer's rate
            // against 0.23 at 300 ms and 0.21 at 200 ms, for p99 alert latency of 425 ms instead
            // of 330 at 500 articles/s; 500 ms gave no more (BENCHMARKS.md).
            defaults.put(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, EOS_COMMIT_INTERVAL_MS);
        }
        defaults.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, options.threads());
        if (options.applicationServer() != null) {
            defaults.put(StreamsConfig.APPLICATION_SERVER_CONFIG, options.applicationServer());
        }
        defaults.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, options.standbyReplicas());
        if (options.stateDir() != null) {
            defaults.put(StreamsConfig.STATE_DIR_CONFIG, options.stateDir().toAbsolutePath().toString());
        }
        defaults.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, LoggingDeserializationHandler.class);
        defaults.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, FailedRecords.ProcessingHandler.class);
        defaults.put(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG, FailedRecords.ProductionHandler.class);
        defaults.put(StreamsConfig.consumerPrefix(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG), "earliest");
        // The matching task reads news.articles and the re-keyed articles, whose order between each
        // other does not matter (duplicates are found by id within a window); without waiting,
        // Kafka Streams also skips a readiness check that formats a log message per record.
        defaults.put(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG, StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        // A matched article reaches the story stage through a topic written in a transaction: a
        // fetch parked when nothing was committed yet waits out fetch.max.wait.ms (500 ms by
        // default) after the commit that makes it readable, on every alert (BENCHMARKS.md).
        defaults.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG), 50);
        // Output records are small JSON and a compressed batch allocates its own buffers (lz4: two
        // of 64 KB) where an uncompressed one reuses the producer's pooled ones: uncompressed output
        // runs the monitor about twice as fast (BENCHMARKS.md). Set producer.compression.type to compress.
        defaults.put(StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG), "none");
        defaults.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), MAX_REQUEST_BYTES);
        // The monitor's repartition topics carry whole articles: accept what the producer may send.
        defaults.put(StreamsConfig.topicPrefix(TopicConfig.MAX_MESSAGE_BYTES_CONFIG),
                String.valueOf(kafka.common().getOrDefault(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG),
                        MAX_REQUEST_BYTES)));
        defaults.put(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG), 256 * 1024);
        defaults.put(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), lingerMs(kafka, exactlyOnce));
        // One produce request in flight: with more, a new transactional producer's later batch can
        // reach a partition before its first one and is refused (KAFKA-18202, retried): bursts of
        // broker ERRORs as a monitor starts, whose rare paths deoptimised the broker's and the
        // producer's hottest compiled code (BENCHMARKS.md). It also keeps an idempotent producer's
        // first request to a partition created a moment before from being overtaken and then lost
        // (KAFKA-15591).
        defaults.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION), 1);
        Properties props = new Properties();
        props.putAll(kafka.with(defaults));
        return props;
    }

    /**
     * With exactly-once, output becomes readable only when its transaction commits, and the commit
     * flushes the producer: lingering up to the commit interval delays no reader and makes fewer,
     * fuller batches. Without it, output is readable once written, so the linger stays short.
     */
    private static long lingerMs(KafkaSettings kafka, boolean exactlyOnce) {
        if (!exactlyOnce) {
            return 5;
        }
        Object interval = kafka.common().get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        try {
            return interval == null ? EOS_COMMIT_INTERVAL_MS : Long.parseLong(interval.toString().trim());
        } catch (NumberFormatException e) {
            return EOS_COMMIT_INTERVAL_MS; // Kafka Streams rejects the setting itself, with its name
        }
    }

    /** The producers' largest request, and so the largest record the monitor writes. */
    static final int MAX_REQUEST_BYTES = 2 * 1024 * 1024;

    /** The monitor's commit interval under exactly-once (Kafka Streams' own default is 100 ms). */
    static final long EOS_COMMIT_INTERVAL_MS = 400;

    private static ScheduledExecutorService daemonScheduler(String name) {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, name);
            t.setDaemon(true);
            return t;
        });
    }

    private static Set<String> listTopics(Admin admin, String bootstrapServers) {
        try {
            return admin.listTopics().names().get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.TimeoutException e) {
            throw new IllegalStateException("cannot reach Kafka at " + bootstrapServers + ": no answer within 30 s"
                    + " (is a broker running there, and are --bootstrap-server and --command-config right?)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while listing topics on " + bootstrapServers, e);
        } catch (java.util.concurrent.ExecutionException e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            String why = cause instanceof org.apache.kafka.common.errors.TimeoutException
                    ? "no answer within the client's timeout (is a broker running there?)"
                    : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
            throw new IllegalStateException("cannot reach Kafka at " + bootstrapServers + ": " + why, cause);
        }
    }

    /**
     * Reads where each key of the watchlist topic has its newest record (no decoding): the
     * versions articles are stamped with, which a global store restored from its changelog-less
     * topic does not carry.
     */
    private static void seedVersions(KafkaSettings kafka, String applicationId, String topic, LiveWatchlist watchlist) {
        Map<String, Long> offsets = new HashMap<>();
        long last = -1;
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(
                kafka.with(ClientDefaults.reader(applicationId + "-watchlist-versions")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<org.apache.kafka.common.TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<org.apache.kafka.common.TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!Consumers.caughtUp(consumer, end)) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    last = Math.max(last, r.offset());
                    if (r.key() != null) {
                        String id = new String(r.key(), StandardCharsets.UTF_8);
                        if (r.value() == null) {
                            offsets.remove(id);
                        } else {
                            offsets.put(id, r.offset());
                        }
                    }
                }
            }
        }
        watchlist.seed(offsets, last);
    }

    /** The backfill topic feeds the story stage, which is one task: a second partition would start a second story index. */
    private static void requireOnePartition(Admin admin, String topic, String bootstrapServers) {
        int partitions;
        try {
            partitions = admin.describeTopics(List.of(topic)).allTopicNames().get(30, TimeUnit.SECONDS).get(topic).partitions().size();
        } catch (java.util.concurrent.TimeoutException | java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException("cannot describe topic " + topic + " on " + bootstrapServers + ": " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while describing topic " + topic, e);
        }
        if (partitions != 1) {
            throw new IllegalStateException("topic " + topic + " has " + partitions + " partitions; the story stage reads it"
                    + " in one task, so it must have exactly 1: delete it and run 'newswatch topics apply'");
        }
    }

    public KafkaStreams.State state() {
        return streams.state();
    }

    public boolean isRunning() {
        return streams.state() == KafkaStreams.State.RUNNING;
    }

    public LiveWatchlist watchlist() {
        return watchlist;
    }

    public MonitorMetrics metrics() {
        return metrics;
    }

    /**
     * The state the query API reads. {@code self} is where this instance answers (its
     * {@code application.server}), null when it has no HTTP endpoint.
     */
    public StateQueries queries(String self) {
        return new StateQueries(streams, self == null ? null : org.apache.kafka.streams.state.HostInfo.buildFromEndpoint(self));
    }

    /** What {@code /health} and {@code /ready} answer for this monitor. */
    public MonitorHealth health() {
        return health;
    }

    /** The stream threads' names and states, for health reporting. */
    public List<String> threads() {
        return streams.metadataForLocalThreads().stream().map(t -> t.threadName() + ":" + t.threadState()).toList();
    }

    /** Blocks until processing is running or the timeout passes; returns whether it runs. */
    public boolean awaitRunning(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            KafkaStreams.State state = streams.state();
            if (state == KafkaStreams.State.RUNNING) {
                return true;
            }
            if (state == KafkaStreams.State.ERROR || state == KafkaStreams.State.NOT_RUNNING) {
                return false;
            }
            synchronized (this) {
                wait(50);
            }
        }
        return false;
    }

    @Override
    public void close() {
        close(Duration.ofSeconds(30));
    }

    /**
     * Stops processing and leaves the consumer group, so that other instances take over this
     * one's partitions at once rather than after the session timeout.
     */
    public void close(Duration timeout) {
        watcher.shutdownNow();
        streams.close(CloseOptions.groupMembershipOperation(CloseOptions.GroupMembershipOperation.LEAVE_GROUP).withTimeout(timeout));
        streamsMetrics.close();
        meterRefresher.shutdownNow();
        admin.close(Duration.ofSeconds(5));
    }
}
