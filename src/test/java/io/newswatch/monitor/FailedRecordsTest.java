package io.newswatch.monitor;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.metrics.EntityLabels;
import io.newswatch.metrics.MonitorMetrics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

/** What happens to a record whose processing throws or whose output cannot be written. */
class FailedRecordsTest {

    private final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    private final MonitorMetrics metrics = new MonitorMetrics(registry, new EntityLabels(java.util.Set.of(), 0));
    private final AtomicInteger limitsReread = new AtomicInteger();
    private final FailedRecords failed = new FailedRecords(
            new DeadLetters("news.articles.dlq", 100, OutputLimits.uniform(1 << 20)), metrics, limitsReread::incrementAndGet);

    private record Context(String topic, int partition, long offset, Headers headers, String processorNodeId, TaskId taskId,
                           long timestamp, byte[] sourceRawKey, byte[] sourceRawValue) implements ErrorHandlerContext {
    }

    private static Context at(String topic, byte[] value) {
        return new Context(topic, 2, 7, new RecordHeaders(), "match-articles", new TaskId(0, 2), 1_000L,
                "key".getBytes(StandardCharsets.UTF_8), value);
    }

    @Test
    void shouldDeadLetterTheInputOfAProcessorThatThrewAndGoOn() {
        FailedRecords.ProcessingHandler handler = new FailedRecords.ProcessingHandler();
        handler.configure(Map.of(FailedRecords.CONFIG, failed));
        byte[] article = ("{\"body\":\"" + "secret words ".repeat(100) + "\"}").getBytes(StandardCharsets.UTF_8);

        ProcessingExceptionHandler.Response response = handler.handleError(at("news.articles", article),
                new Record<>("k", "v", 1L), new IllegalStateException("secret words in a message"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(r -> {
            assertThat(r.topic()).isEqualTo("news.articles.dlq");
            assertThat(header(r, DeadLetters.REASON)).isEqualTo("processing-error");
            assertThat(header(r, DeadLetters.ERROR)).startsWith("IllegalStateException at ").endsWith(" in match-articles")
                    .doesNotContain("secret");
            assertThat(header(r, DeadLetters.SOURCE_PARTITION)).isEqualTo("2");
            assertThat(header(r, DeadLetters.SOURCE_OFFSET)).isEqualTo("7");
            assertThat(header(r, DeadLetters.ORIGINAL_BYTES)).isEqualTo(String.valueOf(article.length));
            assertThat(r.value()).hasSize(100);
        });
        assertThat(registry.get("newswatch.articles.rejected").tag("reason", "processing-error").counter().count()).isEqualTo(1);
    }

    @Test
    void shouldLeaveKafkasOwnFailuresToKafkaStreams() {
        FailedRecords.ProcessingHandler handler = new FailedRecords.ProcessingHandler();
        handler.configure(Map.of(FailedRecords.CONFIG, failed));

        ProcessingExceptionHandler.Response response = handler.handleError(at("news.articles", new byte[1]),
                new Record<>("k", "v", 1L), new org.apache.kafka.streams.errors.StreamsException("a write failed"));

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.FAIL);
        assertThat(registry.find("newswatch.articles.rejected").counters()).allSatisfy(c -> assertThat(c.count()).isZero());
    }

    @Test
    void shouldOnlyCountAFailedPunctuation() {
        FailedRecords.ProcessingHandler handler = new FailedRecords.ProcessingHandler();
        handler.configure(Map.of(FailedRecords.CONFIG, failed));

        ProcessingExceptionHandler.Response response = handler.handleError(at(null, null), null, new NullPointerException());

        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
        assertThat(registry.get("newswatch.articles.rejected").tag("reason", "processing-error").counter().count()).isEqualTo(1);
    }

    @Test
    void shouldDeadLetterTheInputOfAnOutputTooLargeForItsTopic() {
        FailedRecords.ProductionHandler handler = new FailedRecords.ProductionHandler();
        handler.configure(Map.of(FailedRecords.CONFIG, failed));

        ProductionExceptionHandler.Response response = handler.handleSerializationError(at("news.articles", new byte[10]),
                new ProducerRecord<>("news.mentions", "k", "v"),
                new SizeLimitedSerde.OutputTooLargeException("mention", "news.mentions", 2_000_000, 1_000_000),
                ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).singleElement().satisfies(r -> {
            assertThat(header(r, DeadLetters.REASON)).isEqualTo("output-too-large");
            assertThat(header(r, DeadLetters.ERROR)).isEqualTo("mention for news.mentions has 2000000 bytes, limit 1000000");
        });
    }

    @Test
    void shouldNeverDeadLetterADeadLetter() {
        FailedRecords.ProductionHandler handler = new FailedRecords.ProductionHandler();
        handler.configure(Map.of(FailedRecords.CONFIG, failed));

        ProductionExceptionHandler.Response response = handler.handleSerializationError(at("news.articles.dlq", new byte[10]),
                new ProducerRecord<>("news.articles.dlq", "k", "v"),
                new SizeLimitedSerde.OutputTooLargeException("dead letter", "news.articles.dlq", 2_000_000, 1_000_000),
                ProductionExceptionHandler.SerializationExceptionOrigin.VALUE);

        assertThat(response.result()).isEqualTo(ProductionExceptionHandler.Result.RESUME);
        assertThat(response.deadLetterQueueRecords()).isEmpty();
    }

    @Test
    void shouldRereadTheLimitsAndFailWhenTheBrokerRefusesARecord() {
        FailedRecords.ProductionHandler handler = new FailedRecords.ProductionHandler();
        handler.configure(Map.of(FailedRecords.CONFIG, failed));

        ProductionExceptionHandler.Response tooLarge = handler.handleError(at("news.articles", new byte[1]),
                new ProducerRecord<>("news.mentions", new byte[1], new byte[5_000]), new RecordTooLargeException("too large"));
        ProductionExceptionHandler.Response timeout = handler.handleError(at("news.articles", new byte[1]),
                new ProducerRecord<>("news.mentions", new byte[1], new byte[1]), new TimeoutException("slow"));

        assertThat(tooLarge.result()).isEqualTo(ProductionExceptionHandler.Result.FAIL);
        assertThat(limitsReread).hasValue(1);
        assertThat(timeout.result()).isEqualTo(ProductionExceptionHandler.Result.RETRY);
    }

    private static String header(ProducerRecord<byte[], byte[]> r, String name) {
        var h = r.headers().lastHeader(name);
        return h == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }
}
