package io.newswatch.monitor;

import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Map;

/**
 * Articles, the watchlist and mentions are read as bytes and validated by the topology, so only a
 * record that someone else wrote into one of the monitor's repartition topics can fail to
 * deserialize. It is logged by its coordinates (never its content) and skipped, so one bad record
 * cannot stop the monitor; Kafka Streams counts it in {@code kafka_stream_task_dropped_records_total}.
 */
public final class LoggingDeserializationHandler implements DeserializationExceptionHandler {

    private static final Logger LOG = LoggerFactory.getLogger(LoggingDeserializationHandler.class);

    @Override
    public Response handleError(ErrorHandlerContext context, ConsumerRecord<byte[], byte[]> record, Exception exception) {
        LOG.warn("skipped undecodable record at {}/{}@{}: {}", record.topic(), record.partition(), record.offset(),
                exception.getMessage());
        return Response.resume();
    }

    @Override
    public void configure(Map<String, ?> configs) {
    }
}
