package io.newswatch.cli;

import io.newswatch.kafka.Consumers;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.watchlist.WatchedEntity;
import io.newswatch.watchlist.WatchlistRecord;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The compacted watchlist topic as the CLI sees it: read to its end for the current entities,
 * written with an idempotent producer (key = entity id, value = entity JSON, null = delete).
 * Records are decoded by {@link WatchlistRecord#decode}, the rules the monitor applies, so the
 * command shows what the monitor has live.
 */
final class WatchlistTopic {

    private final KafkaSettings kafka;
    private final String topic;
    private final Set<String> forbiddenAlertTopics;

    /** @param forbiddenAlertTopics the program's own topics that are not alert topics */
    WatchlistTopic(KafkaSettings kafka, String topic, Set<String> forbiddenAlertTopics) {
        this.kafka = kafka;
        this.topic = topic;
        this.forbiddenAlertTopics = Set.copyOf(forbiddenAlertTopics);
    }

    /**
     * The watchlist as read to the end of the topic.
     *
     * @param entities     the live entities by id
     * @param rejectedKeys keys whose newest record was rejected: they have no live entity, and a
     *                     tombstone clears them
     */
    record Current(Map<String, WatchedEntity> entities, Set<String> rejectedKeys) {
        Current {
            entities = Collections.unmodifiableMap(new TreeMap<>(entities));
            rejectedKeys = Collections.unmodifiableSet(new TreeSet<>(rejectedKeys));
        }
    }

    /** The current watchlist: the live entity per key, read to the end of the topic. Rejected records are reported and skipped. */
    Map<String, WatchedEntity> readAll(PrintWriter err) {
        return read(err).entities();
    }

    /**
     * Reads the topic to its end. Each rejected record that still decides its key (no newer
     * record of that key follows), and each record without a key, is reported on {@code err} as
     * the monitor logs it: coordinates and reason, never content.
     */
    Current read(PrintWriter err) {
        Map<String, Object> config = kafka.with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "newswatch-watchlist",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000));
        Map<String, WatchedEntity> entities = new TreeMap<>();
        Set<String> rejectedKeys = new TreeSet<>();
        // key (or, for a record without one, its coordinates) -> the report of its rejected record, in offset order
        Map<String, String> reports = new LinkedHashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new IllegalStateException("watchlist topic " + topic + " does not exist: create it with 'newswatch topics apply'");
            }
            List<TopicPartition> partitions = new ArrayList<>();
            infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            while (!Consumers.caughtUp(consumer, end)) {
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    WatchlistRecord decoded = WatchlistRecord.decode(record.key(), record.value(), forbiddenAlertTopics);
                    String where = record.topic() + "/" + record.partition() + "@" + record.offset();
                    if (decoded instanceof WatchlistRecord.Put put) {
                        entities.put(put.entity().id(), put.entity());
                        rejectedKeys.remove(put.entity().id());
                        reports.remove(put.entity().id());
                    } else if (decoded instanceof WatchlistRecord.Remove remove) {
                        entities.remove(remove.id());
                        rejectedKeys.remove(remove.id());
                        reports.remove(remove.id());
                    } else if (decoded instanceof WatchlistRecord.Rejected bad) {
                        if (bad.key() != null) {
                            entities.remove(bad.key());
                            rejectedKeys.add(bad.key());
                        }
                        String reportKey = bad.key() == null ? where : bad.key();
                        reports.remove(reportKey);
                        reports.put(reportKey, bad.describe(where));
                    }
                }
            }
        }
        reports.values().forEach(err::println);
        err.flush();
        return new Current(entities, rejectedKeys);
    }

    /** Writes entities (value) or deletions (id with null), waiting until every record is acknowledged. */
    void write(Collection<WatchedEntity> puts, Collection<String> deletes) throws ExecutionException, InterruptedException {
        Map<String, Object> config = kafka.with(Map.of(
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.CLIENT_ID_CONFIG, "newswatch-watchlist",
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000,
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000));
        try (KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(config, new ByteArraySerializer(), new ByteArraySerializer())) {
            List<java.util.concurrent.Future<?>> sent = new ArrayList<>();
            for (WatchedEntity entity : puts) {
                try {
                    sent.add(producer.send(new ProducerRecord<>(topic, bytes(entity.id()), Json.mapper().writeValueAsBytes(entity))));
                } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                    throw new IllegalStateException("cannot write entity " + entity.id() + ": " + e.getOriginalMessage(), e);
                }
            }
            for (String id : deletes) {
                sent.add(producer.send(new ProducerRecord<>(topic, bytes(id), null)));
            }
            producer.flush();
            for (java.util.concurrent.Future<?> f : sent) {
                try {
                    f.get(60, TimeUnit.SECONDS);
                } catch (java.util.concurrent.TimeoutException e) {
                    throw new IllegalStateException("watchlist write not acknowledged within 60 s");
                }
            }
        }
    }


    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
