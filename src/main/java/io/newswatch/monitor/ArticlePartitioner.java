package io.newswatch.monitor;

import io.newswatch.article.Article;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.processor.StreamPartitioner;

import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.Set;

/**
 * Where the monitor keeps each article id: the partition whose task holds the duplicate check for
 * that id. The function is the Java producer's default for a string key (murmur2 of its UTF-8
 * bytes), so records a Java client keyed by id are already in place; records that any other
 * client put elsewhere (librdkafka's CRC32, no key, another key) are moved there first, so a
 * duplicate is found whichever producer sent each copy.
 */
final class ArticlePartitioner implements StreamPartitioner<String, Article> {

    private final int partitions;

    /** @param partitions partitions of the topic ids are kept in ({@code articles-by-id}) */
    ArticlePartitioner(int partitions) {
        this.partitions = partitions;
    }

    /** The partition of {@code id}. */
    int partition(String id) {
        return partition(id.getBytes(StandardCharsets.UTF_8));
    }

    int partition(byte[] id) {
        return Utils.toPositive(Utils.murmur2(id)) % partitions;
    }

    /** Kafka Streams checks at start that the repartition topic has the partitions it was declared with. */
    @Override
    public Optional<Set<Integer>> partitions(String topic, String id, Article article, Headers headers, int numPartitions) {
        return Optional.of(Set.of(Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % numPartitions));
    }

    /** Still abstract in the interface; Kafka Streams calls the variant with headers. */
    @Override
    @SuppressWarnings("removal")
    public Optional<Set<Integer>> partitions(String topic, String id, Article article, int numPartitions) {
        return partitions(topic, id, article, null, numPartitions);
    }
}
