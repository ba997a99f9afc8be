package io.newswatch.notify;

import io.newswatch.alert.Alert;
import io.newswatch.kafka.ClientDefaults;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.JsonSerde;
import io.newswatch.kafka.KafkaSettings;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.BiPredicate;
import java.util.regex.Pattern;

/**
 * One instance of {@code newswatch notify}. A consumer in group {@code applicationId} reads the
 * alert topics (read_committed); each alert joins the groups of the routes it reaches, and the
 * changed groups are written to the state topic in the same transaction as the offsets they
 * consumed, so an alert is either still to be read or safely in a group, never lost and never
 * counted twice. Groups that come due are delivered to their receiver, retried with backoff and
 * jitter, or parked on the dead-letter topic; each outcome is written back to the state topic.
 * One receiver failing holds back only its own groups.
 *
 * <p>Single-threaded: {@link #run()} loops until {@link #stop()}.
 */
public final class Notifier implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Notifier.class);
    private static final JsonSerde<Alert> ALERT = JsonSerde.of(Alert.class);
    private static final Duration MAX_POLL = Duration.ofMillis(500);

    /** Where the notifier reads and writes. */
    public record Topics(List<String> alerts, Pattern alertPattern, String state, String deadLetters) {
    }

    private final NotifyConfig config;
    private final Map<String, Receiver> receivers;
    private final Topics topics;
    private final Routes routes;
    private final Groups groups;
    private final BiPredicate<Alert, Instant> silenced;
    private final Clock clock;
    private final NotifyMetrics metrics;
    private final KafkaSettings kafka;
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final KafkaProducer<byte[], byte[]> producer;
    private final Map<String, Attempts> retries = new HashMap<>();
    /** Every key this application writes on the shared state topic starts with this. */
    private final String statePrefix;
    private final Set<TopicPartition> owned = new HashSet<>();
    private volatile boolean stopped;
    private boolean logDeliveries = true;

    /** Failed attempts at one batch: how many, since when, the next try. */
    private static final class Attempts {
        int count;
        Instant firstFailure;
        Instant nextAt;
    }

    public Notifier(KafkaSettings kafka, String applicationId, boolean fromBeginning, NotifyConfig config,
                    Map<String, Receiver> receivers, Topics topics, BiPredicate<Alert, Instant> silenced, Clock clock,
                    NotifyMetrics metrics) {
        this.config = config;
        this.receivers = receivers;
        this.topics = topics;
        this.routes = new Routes(config.route());
        this.groups = new Groups(config.receivers());
        this.silenced = silenced;
        this.clock = clock;
        this.metrics = metrics;
        this.kafka = kafka;
        this.statePrefix = applicationId + "|";
        this.consumer = new KafkaConsumer<>(kafka.with(ClientDefaults.plus(ClientDefaults.reader(applicationId), Map.of(
                ConsumerConfig.GROUP_ID_CONFIG, applicationId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, fromBeginning ? "earliest" : "latest"))),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        this.producer = new KafkaProducer<>(kafka.with(ClientDefaults.plus(ClientDefaults.writer(applicationId + "-producer"), Map.of(
                ProducerConfig.TRANSACTIONAL_ID_CONFIG, applicationId + "-" + UUID.randomUUID()))),
                new ByteArraySerializer(), new ByteArraySerializer());
    }

    /** No log line per delivered message (failures are still logged): for the demo, whose screen shows the alerts. */
    public Notifier withoutDeliveryLog() {
        logDeliveries = false;
        return this;
    }

    /** Reads and delivers until {@link #stop()}; a Kafka error other than a wakeup ends it. */
    public void run() {
        producer.initTransactions();
        ConsumerRebalanceListener listener = new ConsumerRebalanceListener() {
            @Override
            public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
                partitions.forEach(tp -> {
                    groups.drop(tp.topic(), tp.partition());
                    owned.remove(tp);
                });
                retries.clear();
            }

            @Override
            public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
                owned.addAll(partitions);
                loadState(partitions);
            }
        };
        if (topics.alerts().isEmpty()) {
            consumer.subscribe(topics.alertPattern(), listener);
        } else {
            consumer.subscribe(topics.alerts(), listener);
        }
        try {
            while (!stopped) {
                ConsumerRecords<byte[], byte[]> records = consumer.poll(pollTimeout());
                if (!records.isEmpty()) {
                    take(records);
                }
                flushDue();
            }
        } catch (WakeupException e) {
            if (!stopped) {
                throw e;
            }
        }
    }

    /** Ends {@link #run()} from any thread. */
    public void stop() {
        stopped = true;
        consumer.wakeup();
    }

    private Duration pollTimeout() {
        Instant next = groups.nextDue();
        for (Attempts a : retries.values()) {
            if (next == null || a.nextAt.isBefore(next)) {
                next = a.nextAt;
            }
        }
        if (next == null) {
            return MAX_POLL;
        }
        Duration wait = Duration.between(clock.instant(), next);
        return wait.isNegative() ? Duration.ZERO : wait.compareTo(MAX_POLL) > 0 ? MAX_POLL : wait;
    }

    /** The alerts read join their groups; the groups and the offsets are committed in one transaction. */
    private void take(ConsumerRecords<byte[], byte[]> records) {
        Instant now = clock.instant();
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        producer.beginTransaction();
        for (ConsumerRecord<byte[], byte[]> record : records) {
            offsets.put(new TopicPartition(record.topic(), record.partition()), new OffsetAndMetadata(record.offset() + 1));
            Alert alert;
            try {
                alert = ALERT.deserialize(record.topic(), record.value());
            } catch (RuntimeException e) {
                String where = record.topic() + "/" + record.partition() + "@" + record.offset();
                LOG.warn("not an alert at {}: {}; parked on {}", where, firstLine(e.getMessage()), topics.deadLetters());
                producer.send(deadLetter(record.key(), record.value(), record.topic(), record.partition(), record.offset(),
                        "", "not an alert: " + firstLine(e.getMessage()), 0, now));
                metrics.alert("invalid");
                continue;
            }
            metrics.alert("read");
            for (GroupState state : groups.add(alert, record.topic(), record.partition(), record.offset(),
                    routes.resolve(alert, record.topic()), now)) {
                producer.send(stateRecord(state.key(), state));
            }
        }
        try {
            producer.sendOffsetsToTransaction(offsets, consumer.groupMetadata());
            producer.commitTransaction();
        } catch (org.apache.kafka.common.errors.ProducerFencedException | org.apache.kafka.common.errors.InvalidProducerEpochException
                 | org.apache.kafka.common.errors.AuthorizationException e) {
            throw e;
        } catch (org.apache.kafka.common.KafkaException e) {
            // Typically a rebalance between the poll and the commit (the group generation moved on):
            // nothing of this batch counts. Back to what is durable: the groups as on the state topic,
            // the positions as committed, for the partitions still ours.
            producer.abortTransaction();
            Set<TopicPartition> ours = new HashSet<>(offsets.keySet());
            ours.retainAll(consumer.assignment());
            offsets.keySet().forEach(tp -> groups.drop(tp.topic(), tp.partition()));
            LOG.info("commit of {} alert{} refused ({}); reading them again", records.count(), records.count() == 1 ? "" : "s",
                    firstLine(e.getMessage()));
            loadState(ours);
            consumer.committed(ours).forEach((tp, committed) -> {
                if (committed != null) {
                    consumer.seek(tp, committed);
                } else {
                    consumer.seek(tp, records.records(tp).get(0).offset());
                }
            });
        }
    }

    /** Delivers every batch that is due and not waiting for a retry. */
    private void flushDue() {
        Instant now = clock.instant();
        for (Groups.Batch batch : groups.due(now)) {
            String retryKey = batch.receiver() + "|" + batch.groupKey();
            Attempts attempts = retries.get(retryKey);
            if (attempts != null && attempts.nextAt.isAfter(now)) {
                continue;
            }
            List<GroupState.Pending> unsilenced = new ArrayList<>();
            List<Alert> deliver = new ArrayList<>();
            int silencedCount = 0;
            for (GroupState.Pending p : batch.alerts()) {
                if (silenced.test(p.alert(), now)) {
                    silencedCount++;
                } else {
                    unsilenced.add(p);
                    deliver.add(p.alert());
                }
            }
            if (silencedCount > 0) {
                metrics.alert("silenced", silencedCount);
            }
            if (deliver.isEmpty()) {
                persist(groups.done(batch, false, now), List.of());
                continue;
            }
            Groups.Batch sent = new Groups.Batch(batch.receiver(), batch.groupKey(), batch.labels(), batch.members(),
                    unsilenced, batch.digest());
            Notification notification = new Notification(batch.receiver(), batch.groupKey(), batch.labels(), deliver,
                    sent.idempotencyKey(), batch.digest());
            Receiver receiver = receivers.get(batch.receiver());
            long started = System.nanoTime();
            try {
                receiver.deliver(notification);
                metrics.delivered(batch.receiver(), Duration.ofNanos(System.nanoTime() - started));
                retries.remove(retryKey);
                if (logDeliveries) {
                    LOG.info("delivered {} alert{} to {} ({})", deliver.size(), deliver.size() == 1 ? "" : "s", batch.receiver(),
                            batch.digest() ? "digest" : batch.groupKey());
                }
                persist(groups.done(batch, true, clock.instant()), List.of());
            } catch (DeliveryException e) {
                Instant failedAt = clock.instant();
                if (attempts == null) {
                    attempts = new Attempts();
                    attempts.firstFailure = failedAt;
                    retries.put(retryKey, attempts);
                }
                attempts.count++;
                NotifyConfig.Retry retry = config.retry();
                boolean exhausted = !e.retryable() || attempts.count >= retry.maxAttempts()
                        || !failedAt.isBefore(attempts.firstFailure.plus(retry.maxAge()));
                if (!exhausted) {
                    persist(groups.freeze(sent), List.of());
                    Duration wait = retry.backoff(attempts.count, ThreadLocalRandom.current());
                    attempts.nextAt = failedAt.plus(wait);
                    metrics.failed(batch.receiver());
                    LOG.warn("delivery to {} failed (attempt {} of {}): {}; next try in {} ms", batch.receiver(), attempts.count,
                            retry.maxAttempts(), e.getMessage(), wait.toMillis());
                    continue;
                }
                retries.remove(retryKey);
                metrics.parked(batch.receiver(), deliver.size());
                LOG.error("delivery to {} failed {} ({}): {}; {} alert{} parked on {}", batch.receiver(),
                        e.retryable() ? "after " + attempts.count + " attempts" : "for good", batch.groupKey(), e.getMessage(),
                        deliver.size(), deliver.size() == 1 ? "" : "s", topics.deadLetters());
                List<ProducerRecord<byte[], byte[]>> parked = new ArrayList<>();
                for (GroupState.Pending p : sent.alerts()) {
                    GroupState member = batch.members().stream().filter(m -> m.pending().contains(p)).findFirst().orElse(batch.members().get(0));
                    parked.add(deadLetter(p.alert().entityId().getBytes(StandardCharsets.UTF_8), ALERT.serialize(topics.deadLetters(), p.alert()), member.topic(),
                            member.partition(), p.offset(), batch.receiver(), e.getMessage(), attempts.count, attempts.firstFailure));
                }
                persist(groups.done(batch, false, failedAt), parked);
            }
        }
        List<String> expired = groups.expire(now);
        if (!expired.isEmpty()) {
            producer.beginTransaction();
            expired.forEach(key -> producer.send(new ProducerRecord<>(topics.state(), (statePrefix + key).getBytes(StandardCharsets.UTF_8), null)));
            producer.commitTransaction();
        }
    }

    private void persist(List<GroupState> states, List<ProducerRecord<byte[], byte[]>> extra) {
        producer.beginTransaction();
        states.forEach(s -> producer.send(stateRecord(s.key(), s)));
        extra.forEach(producer::send);
        producer.commitTransaction();
    }

    private ProducerRecord<byte[], byte[]> stateRecord(String key, GroupState state) {
        try {
            return new ProducerRecord<>(topics.state(), (statePrefix + key).getBytes(StandardCharsets.UTF_8),
                    Json.mapper().writeValueAsBytes(state));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write group state " + key, e);
        }
    }

    private ProducerRecord<byte[], byte[]> deadLetter(byte[] key, byte[] value, String topic, int partition, long offset,
                                                      String receiver, String error, int attempts, Instant firstFailure) {
        RecordHeaders headers = new RecordHeaders();
        headers.add("receiver", receiver.getBytes(StandardCharsets.UTF_8));
        headers.add("error", io.newswatch.text.Printable.line(error == null ? "" : error).getBytes(StandardCharsets.UTF_8));
        headers.add("attempts", String.valueOf(attempts).getBytes(StandardCharsets.UTF_8));
        headers.add("first.failure", firstFailure.toString().getBytes(StandardCharsets.UTF_8));
        headers.add("source.topic", topic.getBytes(StandardCharsets.UTF_8));
        headers.add("source.partition", String.valueOf(partition).getBytes(StandardCharsets.UTF_8));
        headers.add("source.offset", String.valueOf(offset).getBytes(StandardCharsets.UTF_8));
        return new ProducerRecord<>(topics.deadLetters(), null, key, value, headers);
    }

    /**
     * Reads the whole state topic and keeps this application's groups of the partitions just
     * assigned: where they stood when their previous owner (this instance before a restart, or
     * another one) last wrote. Keys are {@code applicationId|receiver|groupKey|topic-partition}.
     */
    private void loadState(Collection<TopicPartition> assigned) {
        if (assigned.isEmpty()) {
            return;
        }
        try (KafkaConsumer<byte[], byte[]> reader = new KafkaConsumer<>(kafka.with(ClientDefaults.reader("newswatch-notify-state")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> parts = reader.partitionsFor(topics.state()).stream()
                    .map(p -> new TopicPartition(p.topic(), p.partition())).toList();
            reader.assign(parts);
            reader.seekToBeginning(parts);
            Map<TopicPartition, Long> end = reader.endOffsets(parts);
            Map<String, GroupState> read = new HashMap<>();
            while (parts.stream().anyMatch(tp -> reader.position(tp) < end.get(tp))) {
                for (ConsumerRecord<byte[], byte[]> r : reader.poll(Duration.ofMillis(200))) {
                    String key = r.key() == null ? "" : new String(r.key(), StandardCharsets.UTF_8);
                    if (!key.startsWith(statePrefix)) {
                        continue; // another notify application's groups
                    }
                    key = key.substring(statePrefix.length());
                    if (r.value() == null) {
                        read.put(key, null);
                        continue;
                    }
                    try {
                        read.put(key, Json.mapper().readValue(r.value(), GroupState.class));
                    } catch (java.io.IOException e) {
                        LOG.warn("unreadable group state at {}/{}@{}: {}", r.topic(), r.partition(), r.offset(), firstLine(e.getMessage()));
                    }
                }
            }
            int loaded = 0;
            for (Map.Entry<String, GroupState> e : read.entrySet()) {
                GroupState s = e.getValue();
                if (s != null && assigned.contains(new TopicPartition(s.topic(), s.partition()))) {
                    groups.load(e.getKey(), s);
                    loaded++;
                }
            }
            if (loaded > 0) {
                LOG.info("resumed {} group{} of {} partition{}", loaded, loaded == 1 ? "" : "s", assigned.size(),
                        assigned.size() == 1 ? "" : "s");
            }
        }
    }

    private static String firstLine(String message) {
        return message == null ? "" : message.lines().findFirst().orElse("");
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(10));
        producer.close(Duration.ofSeconds(10));
        receivers.values().forEach(Receiver::close);
    }
}
