package io.newswatch.bench;

import io.newswatch.article.Article;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.monitor.Monitor;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.Produced;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The two Kafka Streams applications {@code bench} measures the monitor against, over the same
 * topic and with the monitor's own Kafka Streams configuration ({@link Monitor#streamsConfig}:
 * exactly-once v2, stream threads, commit interval, producer settings):
 * <ul>
 *   <li>the <b>framework ceiling</b> reads each article's bytes and writes one four-byte record
 *       per article: no parsing, no matching, no state. What any exactly-once Kafka Streams
 *       application pays before it does anything;</li>
 *   <li>the <b>peer</b> is what a team would build on Kafka with a stored-query matcher (an
 *       Elasticsearch percolator, Luwak): it parses each article and matches it with Lucene's
 *       {@code monitor}, one query per entity ({@link LuceneMonitorBaseline}), writing one
 *       small mention record per (article, entity).</li>
 * </ul>
 */
final class ReferenceApps {

    private ReferenceApps() {
    }

    /** The framework ceiling's topology: articles in, one record of the article's size out. */
    static Topology ceiling(String articles, String output) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(articles, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .mapValues(value -> ByteBuffer.allocate(Integer.BYTES).putInt(value == null ? 0 : value.length).array())
                .to(output, Produced.with(Serdes.ByteArray(), Serdes.ByteArray()));
        return builder.build();
    }

    /**
     * The peer's topology: articles parsed and matched by Lucene's monitor, a mention per matched
     * entity, keyed by entity id like the monitor's mentions. An article that does not parse is
     * skipped (the bench writes none).
     */
    static Topology lucenePeer(String articles, String output, LuceneMonitorBaseline lucene) {
        StreamsBuilder builder = new StreamsBuilder();
        builder.stream(articles, Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()))
                .flatMap((key, value) -> mentions(value, lucene))
                .to(output, Produced.with(Serdes.String(), Serdes.ByteArray()));
        return builder.build();
    }

    private static List<KeyValue<String, byte[]>> mentions(byte[] value, LuceneMonitorBaseline lucene) {
        try {
            Article article = Json.mapper().readValue(value, Article.class);
            List<KeyValue<String, byte[]>> out = new ArrayList<>();
            for (String entityId : lucene.match(LuceneMonitorBaseline.text(article))) {
                out.add(KeyValue.pair(entityId, Json.mapper().writeValueAsBytes(Map.of("articleId", article.id(), "entityId", entityId))));
            }
            return out;
        } catch (IOException e) {
            return List.of();
        }
    }

    /**
     * Starts {@code topology} as application {@code applicationId} with the monitor's Kafka
     * Streams configuration, minus its exception handlers (they write the monitor's dead letters),
     * and waits until it is RUNNING.
     */
    static KafkaStreams start(Topology topology, KafkaSettings kafka, Monitor.Options options) throws InterruptedException {
        Properties config = Monitor.streamsConfig(kafka, options);
        config.remove(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG);
        config.remove(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG);
        config.remove(StreamsConfig.PRODUCTION_EXCEPTION_HANDLER_CLASS_CONFIG);
        KafkaStreams streams = new KafkaStreams(topology, config);
        CountDownLatch running = new CountDownLatch(1);
        AtomicReference<KafkaStreams.State> last = new AtomicReference<>(KafkaStreams.State.CREATED);
        streams.setStateListener((now, before) -> {
            last.set(now);
            if (now == KafkaStreams.State.RUNNING || now == KafkaStreams.State.ERROR || now == KafkaStreams.State.NOT_RUNNING) {
                running.countDown();
            }
        });
        streams.start();
        if (!running.await(2, TimeUnit.MINUTES) || last.get() != KafkaStreams.State.RUNNING) {
            streams.close(Duration.ofSeconds(30));
            throw new IllegalStateException(options.applicationId() + " did not reach RUNNING: " + last.get());
        }
        return streams;
    }
}
