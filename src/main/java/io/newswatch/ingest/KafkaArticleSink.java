package io.newswatch.ingest;

import io.newswatch.article.Article;
import io.newswatch.kafka.ClientDefaults;
import io.newswatch.kafka.JsonSerde;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.text.Printable;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.PrintWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The one writer of articles to Kafka ({@code ingest}, the demo): idempotent, {@code acks=all},
 * zstd-compressed batches, key = article id (UTF-8), value = Article JSON. Settings from
 * {@code --command-config} and the global options win over these defaults. Failed deliveries are
 * counted from the callbacks and the first few reported, one line each, naming the article id and
 * the error.
 */
public final class KafkaArticleSink implements ArticleSink {

    private static final Logger LOG = LoggerFactory.getLogger(KafkaArticleSink.class);
    private static final int MAX_REPORTED_FAILURES = 10;

    static final Map<String, Object> DEFAULTS = ClientDefaults.plus(ClientDefaults.writer("newswatch-ingest"), Map.of(
            ProducerConfig.COMPRESSION_TYPE_CONFIG, "zstd",
            ProducerConfig.LINGER_MS_CONFIG, 20,
            ProducerConfig.BATCH_SIZE_CONFIG, 256 * 1024,
            // an article of up to 1 MiB of text plus its JSON fits; the topic allows 2 MiB
            ProducerConfig.MAX_REQUEST_SIZE_CONFIG, 2 * 1024 * 1024));

    private final KafkaProducer<String, Article> producer;
    private final String topic;
    private final PrintWriter err;
    private final AtomicLong delivered = new AtomicLong();
    private final AtomicLong failed = new AtomicLong();

    /**
     * @param err where failed deliveries are reported
     * @throws IngestException when the topic is not there
     */
    public KafkaArticleSink(KafkaSettings settings, String topic, PrintWriter err) {
        this.topic = topic;
        this.err = err;
        this.producer = new KafkaProducer<>(settings.with(DEFAULTS), new StringSerializer(),
                JsonSerde.of(Article.class).serializer());
        try {
            // fails within max.block.ms when the topic is missing, instead of once per record
            producer.partitionsFor(topic);
        } catch (KafkaException e) {
            producer.close(Duration.ZERO);
            if (io.newswatch.kafka.Reachability.noneAccepts(settings.bootstrapServers())) {
                throw new IngestException(io.newswatch.kafka.Reachability.describe(settings.bootstrapServers()));
            }
            throw new IngestException("topic " + topic + " is not available on " + settings.bootstrapServers()
                    + " (" + e.getMessage() + "); create it with 'newswatch topics apply'");
        }
    }

    @Override
    public void send(Article article) {
        try {
            producer.send(new ProducerRecord<>(topic, article.id(), article), (metadata, exception) -> {
                if (exception == null) {
                    delivered.incrementAndGet();
                } else {
                    fail(article.id(), exception);
                }
            });
        } catch (KafkaException e) {
            fail(article.id(), e);
        }
    }

    private void fail(String id, Exception e) {
        long n = failed.incrementAndGet();
        if (n <= MAX_REPORTED_FAILURES) {
            synchronized (err) {
                err.println(Printable.line("not delivered: " + id + ": " + e.getClass().getSimpleName() + ": " + e.getMessage()));
                err.flush();
            }
        } else {
            LOG.debug("not delivered: {}: {}", id, e.toString());
        }
    }

    @Override
    public void flush() {
        producer.flush();
    }

    @Override
    public long delivered() {
        return delivered.get();
    }

    @Override
    public long failed() {
        return failed.get();
    }

    @Override
    public String destination() {
        return topic;
    }

    @Override
    public void close() {
        producer.close(Duration.ofSeconds(30));
    }
}
