package io.newswatch.watchlist;

import io.newswatch.kafka.ClientDefaults;
import io.newswatch.kafka.Consumers;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.topics.TopicApplier;
import io.newswatch.topics.TopicPlan;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.TopicSpec;
import io.newswatch.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * The one home of the compacted watchlist topic outside the monitor (the CLI, the demo, the
 * benchmark): read to its end for the current entities, by the rules the monitor applies
 * ({@link WatchlistRecord#decode}), so what it reads is what the monitor has live; written with an
 * idempotent producer (key = entity id, value = entity JSON, null = delete), after creating the
 * alert topics the entities route to.
 */
public final class WatchlistTopic {

    private final KafkaSettings kafka;
    private final Topics topics;
    private final String topic;
    private final Set<String> forbiddenAlertTopics;

    public WatchlistTopic(KafkaSettings kafka, Topics topics) {
        this.kafka = kafka;
        this.topics = topics;
        this.topic = topics.name(TopicRole.WATCHLIST);
        this.forbiddenAlertTopics = topics.namesExcept(TopicRole.ALERTS);
    }

    /** The program's own topics that are not alert topics: no entity may route alerts there. */
    public Set<String> forbiddenAlertTopics() {
        return forbiddenAlertTopics;
    }

    /**
     * The watchlist as read to the end of the topic.
     *
     * @param entities     the live entities by id
     * @param rejectedKeys keys whose newest record was rejected: they have no live entity, and a
     *                     tombstone clears them
     * @param skipped      one line for each rejected record that still decides its key (no newer
     *                     record of that key follows) and each record without a key, as the
     *                     monitor logs it: coordinates and reason, never content
     * @param offsets      the offset of each live entity's record
     */
    public record Current(Map<String, WatchedEntity> entities, Set<String> rejectedKeys, List<String> skipped,
                          Map<String, Long> offsets) {
        public Current {
            entities = Collections.unmodifiableMap(new TreeMap<>(entities));
            rejectedKeys = Collections.unmodifiableSet(new TreeSet<>(rejectedKeys));
            skipped = List.copyOf(skipped);
            offsets = Collections.unmodifiableMap(new TreeMap<>(offsets));
        }

        public Current(Map<String, WatchedEntity> entities, Set<String> rejectedKeys, List<String> skipped) {
            this(entities, rejectedKeys, skipped, Map.of());
        }

        /**
         * The watchlist version an entity's current definition went live at: the offset of its
         * record, as the monitor's mentions and alerts carry it; -1 when unknown.
         */
        public long version(String entityId) {
            return offsets.getOrDefault(entityId, -1L);
        }
    }

    /**
     * Reads the topic to its end.
     *
     * @throws IllegalStateException when the topic does not exist
     */
    public Current read() {
        Map<String, WatchedEntity> entities = new TreeMap<>();
        Map<String, Long> offsets = new TreeMap<>();
        Set<String> rejectedKeys = new TreeSet<>();
        // key (or, for a record without one, its coordinates) -> the report of its rejected record, in offset order
        Map<String, String> reports = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            List<TopicPartition> partitions = partitions(consumer);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!Consumers.caughtUp(consumer, end)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    WatchlistRecord decoded = WatchlistRecord.decode(record.key(), record.value(), forbiddenAlertTopics);
                    String where = record.topic() + "/" + record.partition() + "@" + record.offset();
                    if (decoded instanceof WatchlistRecord.Put put) {
                        entities.put(put.entity().id(), put.entity());
                        offsets.put(put.entity().id(), record.offset());
                        rejectedKeys.remove(put.entity().id());
                        reports.remove(put.entity().id());
                    } else if (decoded instanceof WatchlistRecord.Remove remove) {
                        entities.remove(remove.id());
                        offsets.remove(remove.id());
                        rejectedKeys.remove(remove.id());
                        reports.remove(remove.id());
                    } else if (decoded instanceof WatchlistRecord.Rejected bad) {
                        if (bad.key() != null) {
                            entities.remove(bad.key());
                            offsets.remove(bad.key());
                            rejectedKeys.add(bad.key());
                        }
                        String reportKey = bad.key() == null ? where : bad.key();
                        reports.remove(reportKey);
                        reports.put(reportKey, bad.describe(where));
                    }
                }
            }
        }
        return new Current(entities, rejectedKeys, new ArrayList<>(reports.values()), offsets);
    }

    /** Whether the topic holds no record yet (a new cluster). */
    public boolean isEmpty() {
        try (KafkaConsumer<byte[], byte[]> consumer = consumer()) {
            return consumer.endOffsets(partitions(consumer)).values().stream().allMatch(end -> end == 0);
        }
    }

    /**
     * Writes entities (value) and deletions (id with null), waiting until every record is
     * acknowledged, after creating the alert topics the entities route to that do not exist yet
     * (declared like the default alert topic unless {@code topics/} declares them).
     *
     * @return the alert topics created
     */
    public List<String> write(Collection<WatchedEntity> puts, Collection<String> deletes)
            throws ExecutionException, InterruptedException, TimeoutException {
        try (Writer writer = writer()) {
            return writer.write(puts, deletes);
        }
    }

    /** A writer to keep open for several writes (its producer connects once). */
    public Writer writer() {
        return new Writer();
    }

    /** Writes to the watchlist topic; see {@link WatchlistTopic#write}. */
    public final class Writer implements AutoCloseable {
        /**
         * One request in flight: a topic written just after it was created may refuse the first
         * batch (its partition not open yet) and take the next; the first, retried, is then out of
         * sequence and the writer stops (seen writing 10,000 entities to a new topic). A
         * watchlist is small; in order is what matters.
         */
        private final KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(
                kafka.with(ClientDefaults.plus(ClientDefaults.writer("newswatch-watchlist"),
                        Map.of(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 1))),
                new ByteArraySerializer(), new ByteArraySerializer());

        private Writer() {
        }

        /** As {@link WatchlistTopic#write}. */
        public List<String> write(Collection<WatchedEntity> puts, Collection<String> deletes)
                throws ExecutionException, InterruptedException, TimeoutException {
            List<String> created = createAlertTopics(puts);
            List<Future<?>> sent = new ArrayList<>();
            for (WatchedEntity entity : puts) {
                sent.add(producer.send(new ProducerRecord<>(topic, bytes(entity.id()), json(entity))));
            }
            for (String id : deletes) {
                sent.add(producer.send(new ProducerRecord<>(topic, bytes(id), null)));
            }
            producer.flush();
            for (Future<?> f : sent) {
                f.get(60, TimeUnit.SECONDS);
            }
            return created;
        }

        @Override
        public void close() {
            producer.close(Duration.ofSeconds(30));
        }
    }

    private List<String> createAlertTopics(Collection<WatchedEntity> entities)
            throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> wanted = new LinkedHashSet<>();
        for (WatchedEntity e : entities) {
            String alertTopic = e.alerts().topic();
            if (alertTopic != null && !forbiddenAlertTopics.contains(alertTopic) && !AlertSettings.isInternalTopic(alertTopic)) {
                wanted.add(alertTopic);
            }
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        TopicSpec template = topics.spec(TopicRole.ALERTS);
        List<TopicSpec> specs = wanted.stream().map(t -> topics.byName(t).orElse(template.renamed(t))).toList();
        try (Admin admin = Admin.create(kafka.with(ClientDefaults.admin("newswatch-watchlist")))) {
            TopicApplier applier = new TopicApplier(admin);
            List<TopicPlan.Step> creates = applier.plan(specs).steps().stream().filter(s -> s instanceof TopicPlan.Create).toList();
            applier.apply(new TopicPlan(creates));
            return creates.stream().map(TopicPlan.Step::topic).toList();
        }
    }

    private KafkaConsumer<byte[], byte[]> consumer() {
        return new KafkaConsumer<>(kafka.with(ClientDefaults.reader("newswatch-watchlist")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer());
    }

    private List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic); // within default.api.timeout.ms: 10 s unless --command-config says otherwise
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("watchlist topic " + topic + " does not exist: create it with 'newswatch topics apply'");
        }
        List<TopicPartition> partitions = new ArrayList<>();
        infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        return partitions;
    }

    private static byte[] json(WatchedEntity entity) {
        try {
            return Json.mapper().writeValueAsBytes(entity);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write entity " + entity.id() + " as JSON", e);
        }
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
