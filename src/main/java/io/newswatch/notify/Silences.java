package io.newswatch.notify;

import io.newswatch.alert.Alert;
import io.newswatch.kafka.ClientDefaults;
import io.newswatch.kafka.Consumers;
import io.newswatch.kafka.JsonErrors;
import io.newswatch.kafka.JsonSerde;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.kafka.Reachability;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one home of the silences topic: a live, thread-safe view of it, and its writer.
 *
 * <p>{@link #open} reads the whole topic, then keeps reading on a thread of its own: a consumer
 * assigned to every partition (no group, nothing committed, read_committed) applies each record as
 * it comes, a value replacing the silence of its key and a null value removing it. A record that is
 * not a valid silence (not JSON, no matcher, an id that differs from its key) leaves its key without
 * a silence, as compaction will once the older record is gone, and is logged as one WARN line with
 * its topic, partition, offset and what is wrong, never its content.
 *
 * <pre>{@code
 * try (Silences silences = Silences.open(kafka, topics.name(TopicRole.SILENCES), "newswatch-notify-silences")) {
 *     silences.awaitLoaded(Duration.ofSeconds(30));
 *     Optional<Silence> muted = silences.silencing(alert, Instant.now());
 * }
 * }</pre>
 */
public final class Silences implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(Silences.class);
    private static final JsonSerde<Silence> SILENCE = JsonSerde.of(Silence.class);
    /** The answer of {@link #silencing} when several silences match: the one that lasts longest, then the smallest id. */
    private static final Comparator<Silence> LONGEST = Comparator.comparing(Silence::endsAt).reversed().thenComparing(Silence::id);
    private static final Comparator<Silence> LISTED = Comparator.comparing(Silence::startsAt).thenComparing(Silence::id);
    private static final Duration POLL = Duration.ofMillis(500);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final Map<String, Silence> byId = new ConcurrentHashMap<>();
    private final CountDownLatch loaded = new CountDownLatch(1);
    private final CountDownLatch closed = new CountDownLatch(1);
    private final AtomicBoolean closing = new AtomicBoolean();
    private final AtomicLong skipped = new AtomicLong();
    private final KafkaConsumer<byte[], byte[]> consumer;
    private final Map<TopicPartition, Long> endAtOpen;
    private final Thread reader;

    private Silences(KafkaConsumer<byte[], byte[]> consumer, Map<TopicPartition, Long> endAtOpen, String topic) {
        this.consumer = consumer;
        this.endAtOpen = endAtOpen;
        this.reader = consumer == null ? null : new Thread(this::read, "silences-" + topic);
    }

    /**
     * Starts reading {@code topic} from its beginning.
     *
     * @throws IllegalStateException when the topic does not exist
     */
    public static Silences open(KafkaSettings kafka, String topic, String clientId) {
        KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.with(ClientDefaults.reader(clientId)),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
        try {
            List<PartitionInfo> infos = consumer.partitionsFor(topic); // within default.api.timeout.ms
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("silences topic " + topic + " does not exist: create it with 'newswatch topics apply'");
            }
            List<TopicPartition> partitions = infos.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Silences silences = new Silences(consumer, Map.copyOf(consumer.endOffsets(partitions)), topic);
            silences.reader.setDaemon(true);
            silences.reader.start();
            return silences;
        } catch (RuntimeException e) {
            consumer.close(Duration.ZERO);
            throw e;
        }
    }

    /** A fixed set of silences, already loaded, with no Kafka behind it (for tests of the classes that use silences). */
    public static Silences of(Collection<Silence> silences) {
        Silences fixed = new Silences(null, Map.of(), "fixed");
        silences.forEach(s -> fixed.byId.put(s.id(), s));
        fixed.loaded.countDown();
        return fixed;
    }

    /**
     * Writes {@code silence} (key = its id) with an idempotent producer and waits for the
     * acknowledgement.
     *
     * @throws IllegalStateException when the topic is not there on a cluster that answers
     */
    public static void write(KafkaSettings kafka, String topic, Silence silence, String clientId)
            throws ExecutionException, InterruptedException, TimeoutException {
        send(kafka, topic, silence.id(), SILENCE.serialize(topic, silence), clientId);
    }

    /** Writes a tombstone for {@code id}: the silence is gone once compaction has run. As {@link #write}. */
    public static void delete(KafkaSettings kafka, String topic, String id, String clientId)
            throws ExecutionException, InterruptedException, TimeoutException {
        send(kafka, topic, id, null, clientId);
    }

    private static void send(KafkaSettings kafka, String topic, String key, byte[] value, String clientId)
            throws ExecutionException, InterruptedException, TimeoutException {
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.with(ClientDefaults.writer(clientId)),
                new ByteArraySerializer(), new ByteArraySerializer())) {
            try {
                producer.partitionsFor(topic); // fails within max.block.ms, for a missing topic as for a missing cluster
            } catch (KafkaException e) {
                if (Reachability.noneAccepts(kafka.bootstrapServers())) {
                    throw e; // the command says the cluster cannot be reached
                }
                throw new IllegalStateException("silences topic " + topic + " is not available on " + kafka.bootstrapServers()
                        + ": create it with 'newswatch topics apply'", e);
            }
            producer.send(new ProducerRecord<>(topic, key.getBytes(StandardCharsets.UTF_8), value)).get(60, TimeUnit.SECONDS);
        }
    }

    /** Waits until everything the topic held when it was opened has been read; false if that took longer than {@code timeout}. */
    public boolean awaitLoaded(Duration timeout) throws InterruptedException {
        return loaded.await(timeout.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** An active silence that matches {@code alert} at {@code now} (the one that lasts longest), or empty. */
    public Optional<Silence> silencing(Alert alert, Instant now) {
        return byId.values().stream().filter(s -> s.activeAt(now) && s.matches(alert)).min(LONGEST);
    }

    /** Every silence read, active, expired or not started, by start time then id. */
    public List<Silence> all() {
        List<Silence> out = new ArrayList<>(byId.values());
        out.sort(LISTED);
        return List.copyOf(out);
    }

    /** Records skipped so far because they were not valid silences (for a metric). */
    public long skipped() {
        return skipped.get();
    }

    /** Stops the reader thread and closes its consumer. */
    @Override
    public void close() {
        if (reader == null || !closing.compareAndSet(false, true)) {
            return;
        }
        closed.countDown();
        consumer.wakeup();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void read() {
        String lastProblem = null;
        try {
            while (closed.getCount() > 0) {
                try {
                    for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                        apply(record);
                    }
                    if (loaded.getCount() > 0 && Consumers.caughtUp(consumer, endAtOpen)) {
                        loaded.countDown();
                    }
                    lastProblem = null;
                } catch (WakeupException e) {
                    // close(): the loop ends
                } catch (KafkaException e) {
                    String problem = e.getClass().getSimpleName() + ": " + e.getMessage();
                    if (!problem.equals(lastProblem)) {
                        LOG.warn("reading the silences topic failed, retrying: {}", problem);
                        lastProblem = problem;
                    }
                    if (closed.await(RETRY.toMillis(), TimeUnit.MILLISECONDS)) {
                        break;
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            consumer.close(Duration.ofSeconds(1));
        }
    }

    private void apply(ConsumerRecord<byte[], byte[]> record) {
        String key = record.key() == null ? null : new String(record.key(), StandardCharsets.UTF_8);
        if (key == null || key.isEmpty()) {
            skip(record, "no silence id in the record key");
            return;
        }
        if (record.value() == null) {
            byId.remove(key);
            return;
        }
        Silence silence;
        try {
            silence = SILENCE.deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            byId.remove(key);
            skip(record, JsonErrors.describe(e.getCause() == null ? e : e.getCause()));
            return;
        }
        if (silence == null) {
            byId.remove(key);
            skip(record, "the value is JSON null, not a silence");
            return;
        }
        if (!silence.id().equals(key)) {
            byId.remove(key);
            skip(record, "the silence id in the value differs from the record key");
            return;
        }
        byId.put(key, silence);
    }

    private void skip(ConsumerRecord<?, ?> record, String why) {
        skipped.incrementAndGet();
        LOG.warn("skipped the record at {}/{}@{}: not a valid silence: {}", record.topic(), record.partition(), record.offset(), why);
    }
}
