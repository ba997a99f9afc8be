package io.newswatch.cli;

import io.newswatch.kafka.Consumers;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.JsonErrors;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.watchlist.WatchedEntity;
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
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The compacted watchlist topic as the CLI sees it: read to its end for the current entities,
 * written with an idempotent producer (key = entity id, value = entity JSON, null = delete).
 */
final class WatchlistTopic {

    private final KafkaSettings kafka;
    private final String topic;

    WatchlistTopic(KafkaSettings kafka, String topic) {
        this.kafka = kafka;
        this.topic = topic;
    }

    /** The current watchlist: the latest value per key, read to the end of the topic. Bad records are reported and skipped. */
    Map<String, WatchedEntity> readAll(PrintWriter err) {
        Map<String, Object> config = kafka.with(Map.of(
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.CLIENT_ID_CONFIG, "newswatch-watchlist",
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000));
        Map<String, WatchedEntity> entities = new TreeMap<>();
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
                    if (record.key() == null) {
                        continue;
                    }
                    String id = new String(record.key(), StandardCharsets.UTF_8);
                    if (record.value() == null) {
                        entities.remove(id);
                        continue;
                    }
                    try {
                        entities.put(id, Json.mapper().readValue(record.value(), WatchedEntity.class));
                    } catch (Exception e) {
                        err.println("skipped bad watchlist record at " + record.topic() + "/" + record.partition() + "@"
                                + record.offset() + ": " + JsonErrors.describe(e));
                    }
                }
            }
        }
        return entities;
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
