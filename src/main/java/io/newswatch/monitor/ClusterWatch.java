package io.newswatch.monitor;

import io.newswatch.metrics.MonitorMetrics;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.WatchedEntity;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.DescribeConfigsOptions;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsOptions;
import org.apache.kafka.clients.admin.ListTopicsOptions;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.Metric;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.config.TopicConfig;
import org.apache.kafka.streams.KafkaStreams;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The monitor's background look at the cluster, once a second on its own thread: which topics
 * exist (alerts are routed only to existing ones), what each output topic accepts
 * ({@link OutputLimits}), the group's committed offsets and the records waiting
 * ({@link MonitorHealth}), and the watchlist gauges. Every call has a short timeout, so a dead
 * cluster shows as "no answer" within seconds rather than blocking the watch.
 */
final class ClusterWatch implements Runnable {

    private static final Logger LOG = LoggerFactory.getLogger(ClusterWatch.class);
    private static final Duration CALL_TIMEOUT = Duration.ofSeconds(5);
    /** Topic limits are read again this often, or at once when a broker refused a record. */
    private static final Duration LIMITS_INTERVAL = Duration.ofSeconds(30);
    /** Offsets and lag are read every this many rounds. */
    private static final int OFFSET_ROUNDS = 2;

    private final Admin admin;
    private final String applicationId;
    private final Topics topics;
    private final MonitorSettings settings;
    private final LiveWatchlist watchlist;
    private final OutputLimits limits;
    private final MonitorHealth health;
    private final MonitorMetrics metrics;
    private final AtomicReference<Set<String>> existing;
    private final AtomicBoolean limitsStale = new AtomicBoolean(true);
    private KafkaStreams streams;
    private long limitsReadMs;
    private long rounds;

    ClusterWatch(Admin admin, String applicationId, Topics topics, MonitorSettings settings, LiveWatchlist watchlist,
                 OutputLimits limits, MonitorHealth health, MonitorMetrics metrics, Set<String> existingTopics) {
        this.admin = admin;
        this.applicationId = applicationId;
        this.topics = topics;
        this.settings = settings;
        this.watchlist = watchlist;
        this.limits = limits;
        this.health = health;
        this.metrics = metrics;
        this.existing = new AtomicReference<>(Set.copyOf(existingTopics));
    }

    void watch(KafkaStreams streams) {
        this.streams = streams;
    }

    /** Whether a topic existed at the last look. */
    boolean exists(String topic) {
        return existing.get().contains(topic);
    }

    /** Asks for the output topics' limits to be read again at the next round. */
    void limitsStale() {
        limitsStale.set(true);
    }

    @Override
    public void run() {
        try {
            existing.set(admin.listTopics(new ListTopicsOptions().timeoutMs((int) CALL_TIMEOUT.toMillis())).names()
                    .get(CALL_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS));
            health.brokerAnswered();
            long now = System.currentTimeMillis();
            if (limitsStale.getAndSet(false) || now - limitsReadMs >= LIMITS_INTERVAL.toMillis()) {
                readLimits();
                limitsReadMs = now;
            }
            if (streams != null && rounds++ % OFFSET_ROUNDS == 0) {
                Map<String, Long> committed = committedOffsets();
                health.observed(committed, byTopicName(recordsWaiting(streams), committed.keySet()));
            }
        } catch (ExecutionException | TimeoutException e) {
            health.brokerFailed(MonitorHealth.describe(e));
            LOG.debug("cluster watch: {}", e.toString());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (RuntimeException e) {
            LOG.debug("cluster watch failed: {}", e.toString());
        }
        LiveWatchlist.Snapshot snapshot = watchlist.current();
        metrics.watchlist(snapshot.matcher().size(), snapshot.version());
    }

    /** {@code max.message.bytes} of every topic the monitor writes that exists. */
    void readLimits() throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> outputs = new HashSet<>(List.of(topics.name(TopicRole.MENTIONS), topics.name(TopicRole.ALERTS), topics.name(TopicRole.STORIES),
                topics.name(TopicRole.DLQ)));
        outputs.addAll(settings.tagRoutes().values());
        for (WatchedEntity entity : watchlist.current().matcher().entities()) {
            if (entity.alerts().topic() != null) {
                outputs.add(entity.alerts().topic());
            }
        }
        outputs.retainAll(existing.get());
        if (outputs.isEmpty()) {
            return;
        }
        List<ConfigResource> resources = outputs.stream().map(t -> new ConfigResource(ConfigResource.Type.TOPIC, t)).toList();
        Map<ConfigResource, Config> configs = admin.describeConfigs(resources,
                        new DescribeConfigsOptions().timeoutMs((int) CALL_TIMEOUT.toMillis()))
                .all().get(CALL_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        configs.forEach((resource, config) -> {
            ConfigEntry entry = config.get(TopicConfig.MAX_MESSAGE_BYTES_CONFIG);
            if (entry != null && entry.value() != null) {
                limits.topic(resource.name(), Integer.parseInt(entry.value()));
            }
        });
    }

    private Map<String, Long> committedOffsets() throws ExecutionException, InterruptedException, TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(applicationId,
                        new ListConsumerGroupOffsetsOptions().timeoutMs((int) CALL_TIMEOUT.toMillis()))
                .partitionsToOffsetAndMetadata().get(CALL_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        Map<String, Long> committed = new HashMap<>();
        offsets.forEach((tp, om) -> {
            if (om != null) {
                committed.put(tp.topic() + "-" + tp.partition(), om.offset());
            }
        });
        return committed;
    }

    /** {@code waiting} with keys whose topic is written with underscores renamed to a known partition's name. */
    static Map<String, Long> byTopicName(Map<String, Long> waiting, Set<String> known) {
        Map<String, String> byMetricName = new HashMap<>();
        known.forEach(k -> byMetricName.put(k.replace('.', '_'), k));
        Map<String, Long> out = new HashMap<>();
        waiting.forEach((k, v) -> out.merge(known.contains(k) ? k : byMetricName.getOrDefault(k, k), v, Long::sum));
        return out;
    }

    /**
     * Records waiting per partition assigned to this instance: the main consumers' {@code records-lag}
     * (read_committed, so transaction markers do not count). Metric tags write a topic's dots as
     * underscores; names are mapped back through the topics the group knows.
     */
    static Map<String, Long> recordsWaiting(KafkaStreams streams) {
        Map<String, Long> waiting = new HashMap<>();
        for (Map.Entry<MetricName, ? extends Metric> e : streams.metrics().entrySet()) {
            MetricName name = e.getKey();
            if (!name.name().equals("records-lag") || !name.group().equals("consumer-fetch-manager-metrics")) {
                continue;
            }
            String client = name.tags().getOrDefault("client-id", "");
            String topic = name.tags().get("topic");
            String partition = name.tags().get("partition");
            if (topic == null || partition == null || !client.endsWith("-consumer")
                    || client.endsWith("-restore-consumer") || client.endsWith("-global-consumer")) {
                continue;
            }
            Object value = e.getValue().metricValue();
            if (value instanceof Number n && !Double.isNaN(n.doubleValue())) {
                waiting.merge(topic + "-" + partition, Math.max(0, n.longValue()), Long::sum);
            }
        }
        return waiting;
    }
}
