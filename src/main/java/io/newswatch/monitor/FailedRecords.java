package io.newswatch.monitor;

import io.newswatch.metrics.MonitorMetrics;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.errors.ProductionExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.List;
import java.util.Map;

/**
 * What happens to an input record whose processing throws, or whose output cannot be written: it
 * is logged by its coordinates (never its content), counted, sent to the dead-letter topic with
 * the reason, and processing goes on with the next record. Nothing here can loop: an oversized
 * output is refused before it reaches the producer ({@link SizeLimitedSerde}), so the transaction
 * it would have poisoned commits, and the dead letter itself is bounded ({@link DeadLetters}).
 *
 * <p>Kafka Streams creates the two handlers from their class names and hands them this object
 * through the configuration ({@link #CONFIG}).
 */
public final class FailedRecords {

    /** The configuration key under which the monitor passes its instance to the handlers. */
    static final String CONFIG = "newswatch.failed.records";

    private static final Logger LOG = LoggerFactory.getLogger(FailedRecords.class);

    private final DeadLetters deadLetters;
    private final MonitorMetrics metrics;
    private final Runnable limitsStale;

    /** @param limitsStale asks for the topics' limits to be read again (a broker refused a record) */
    FailedRecords(DeadLetters deadLetters, MonitorMetrics metrics, Runnable limitsStale) {
        this.deadLetters = deadLetters;
        this.metrics = metrics;
        this.limitsStale = limitsStale;
    }

    private List<ProducerRecord<byte[], byte[]>> deadLetter(ErrorHandlerContext context, RejectReason reason, String error) {
        metrics.rejected(reason.key());
        if (context.topic() == null || deadLetters.topic().equals(context.topic())) {
            return List.of();
        }
        return List.of(deadLetters.of(context, reason, error));
    }

    private static FailedRecords from(Map<String, ?> configs) {
        Object value = configs.get(CONFIG);
        if (!(value instanceof FailedRecords failed)) {
            throw new IllegalStateException(CONFIG + " is not configured: the monitor's exception handlers need it");
        }
        return failed;
    }

    private static String outcome(List<?> deadLetter) {
        return deadLetter.isEmpty() ? "counted and skipped" : "the input record goes to the dead-letter topic";
    }

    /** Where an exception was thrown, for logs: its class and the first frame, never its message. */
    static String where(Exception e) {
        StackTraceElement[] frames = e.getStackTrace();
        return e.getClass().getSimpleName() + (frames.length == 0 ? "" : " at " + frames[0]);
    }

    /**
     * A processor threw: dead-letter the input record, go on. Kafka's own exceptions (a failed
     * write reported by the producer, a fenced task) are not about the record: Kafka Streams
     * handles them as it would without this handler.
     */
    public static final class ProcessingHandler implements ProcessingExceptionHandler {
        private FailedRecords failed;

        @Override
        public void configure(Map<String, ?> configs) {
            failed = from(configs);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, Record<?, ?> record, Exception exception) {
            if (exception instanceof SizeLimitedSerde.OutputTooLargeException tooLarge) {
                // a processor checked an output early, while its input is the original record
                List<ProducerRecord<byte[], byte[]>> deadLetter = failed.deadLetter(context, RejectReason.OUTPUT_TOO_LARGE,
                        tooLarge.getMessage());
                LOG.warn("record at {}: {}; {}", DeadLetters.coordinates(context), tooLarge.getMessage(), outcome(deadLetter));
                return Response.resume(deadLetter);
            }
            if (exception instanceof KafkaException) {
                return Response.fail();
            }
            String error = where(exception) + " in " + context.processorNodeId();
            List<ProducerRecord<byte[], byte[]>> deadLetter = failed.deadLetter(context, RejectReason.PROCESSING_ERROR, error);
            LOG.error("processing failed for the record at {}: {}; {}", DeadLetters.coordinates(context), error, outcome(deadLetter));
            LOG.debug("processing failure", exception);
            return Response.resume(deadLetter);
        }
    }

    /**
     * An output could not be serialized (too large for its topic: dead-letter the input, go on),
     * or the broker refused one (its topic's limit changed since it was read: read it again and
     * fail, so the records are processed again under the new limit).
     */
    public static final class ProductionHandler implements ProductionExceptionHandler {
        private FailedRecords failed;

        @Override
        public void configure(Map<String, ?> configs) {
            failed = from(configs);
        }

        @Override
        public Response handleSerializationError(ErrorHandlerContext context, ProducerRecord record, Exception exception,
                                                 SerializationExceptionOrigin origin) {
            RejectReason reason = exception instanceof SizeLimitedSerde.OutputTooLargeException
                    ? RejectReason.OUTPUT_TOO_LARGE : RejectReason.PROCESSING_ERROR;
            String error = reason == RejectReason.OUTPUT_TOO_LARGE ? exception.getMessage()
                    : "cannot serialize the " + origin.name().toLowerCase(java.util.Locale.ROOT) + " for " + record.topic()
                    + ": " + where(exception);
            List<ProducerRecord<byte[], byte[]>> deadLetter = failed.deadLetter(context, reason, error);
            LOG.warn("record at {} not written to {}: {}; {}", DeadLetters.coordinates(context), record.topic(), error,
                    outcome(deadLetter));
            return Response.resume(deadLetter);
        }

        @Override
        public Response handleError(ErrorHandlerContext context, ProducerRecord<byte[], byte[]> record, Exception exception) {
            if (exception instanceof RecordTooLargeException) {
                LOG.error("the broker refused a {}-byte record for {} (produced for the record at {}); reading the topic's "
                        + "limit again, the records are processed again under it", record.value() == null ? 0 : record.value().length,
                        record.topic(), DeadLetters.coordinates(context));
                failed.limitsStale.run();
                return Response.fail();
            }
            return exception instanceof RetriableException ? Response.retry() : Response.fail();
        }
    }
}
