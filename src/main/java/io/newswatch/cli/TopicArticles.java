package io.newswatch.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectReader;
import io.newswatch.article.Article;
import io.newswatch.kafka.ClientDefaults;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.JsonErrors;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.monitor.AppliedVersion;
import io.newswatch.text.Printable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The articles retained on a topic from a time on, up to its end when reading starts: a plain
 * consumer (no group, nothing committed, nothing written), read_committed as the monitor reads.
 * Records that are not articles are reported with their topic/partition/offset and skipped; an
 * article id seen before is skipped as the monitor skips a duplicate.
 */
final class TopicArticles {

    private static final ObjectReader READER = Json.mapper().readerFor(Article.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    /** What was read: the articles, the duplicates and records skipped, and the offsets read per partition. */
    record Summary(int articles, int duplicates, int skipped, Map<Integer, long[]> offsets) {
    }

    private TopicArticles() {
    }

    static Summary read(KafkaSettings kafka, String topic, Instant since, Consumer<Article> each, Consumer<String> problems) {
        Map<String, Object> config = kafka.with(ClientDefaults.reader("newswatch-match"));
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(config, new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
            if (infos == null || infos.isEmpty()) {
                throw new UsageException("topic " + topic + " does not exist at " + kafka.bootstrapServers());
            }
            List<TopicPartition> partitions = new ArrayList<>();
            Map<TopicPartition, Long> times = new HashMap<>();
            for (PartitionInfo p : infos) {
                TopicPartition tp = new TopicPartition(topic, p.partition());
                partitions.add(tp);
                times.put(tp, since.toEpochMilli());
            }
            consumer.assign(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            Map<TopicPartition, OffsetAndTimestamp> start = consumer.offsetsForTimes(times, Duration.ofSeconds(30));
            Map<Integer, long[]> offsets = new HashMap<>();
            Set<TopicPartition> open = new HashSet<>();
            for (TopicPartition tp : partitions) {
                OffsetAndTimestamp at = start.get(tp);
                long from = at == null ? end.get(tp) : at.offset();
                consumer.seek(tp, from);
                offsets.put(tp.partition(), new long[] {from, end.get(tp)});
                if (from < end.get(tp)) {
                    open.add(tp);
                }
            }
            Set<String> seen = new HashSet<>();
            int articles = 0;
            int duplicates = 0;
            int skipped = 0;
            while (!open.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= end.get(tp) || AppliedVersion.isProbe(r.headers())) {
                        continue; // a probe of backfill is no article
                    }
                    Article article = parse(r, problems);
                    if (article == null) {
                        skipped++;
                    } else if (!seen.add(article.id())) {
                        duplicates++;
                    } else {
                        articles++;
                        each.accept(article);
                    }
                }
                open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
            }
            return new Summary(articles, duplicates, skipped, offsets);
        }
    }

    private static Article parse(ConsumerRecord<byte[], byte[]> r, Consumer<String> problems) {
        String where = r.topic() + "/" + r.partition() + "/" + r.offset();
        if (r.value() == null || r.value().length == 0) {
            problems.accept("skipped " + where + ": no value");
            return null;
        }
        try {
            Article article = READER.readValue(r.value());
            if (article == null) {
                problems.accept("skipped " + where + ": JSON null is not an article");
                return null;
            }
            return article.withDerivedId(); // as the monitor names an article sent without id
        } catch (JsonProcessingException e) {
            // JsonErrors names what was wrong and where in the document, never the text
            problems.accept(Printable.line("skipped " + where + ": not an article (" + JsonErrors.describe(e) + ")"));
            return null;
        } catch (IOException | RuntimeException e) {
            problems.accept(Printable.line("skipped " + where + ": not an article (" + e.getClass().getSimpleName() + ")"));
            return null;
        }
    }
}
