package io.newswatch.kafka;

import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

import java.util.Map;

/**
 * The program's own defaults for the clients it creates outside Kafka Streams, in one place:
 * they go under the user's settings ({@link KafkaSettings#with}), which always win. Every client
 * fails in seconds, not minutes, when the cluster is unreachable or refuses it.
 */
public final class ClientDefaults {

    /** A command says "cannot reach the Kafka cluster" within about this long (default.api.timeout.ms in --command-config changes it). */
    private static final int REQUEST_TIMEOUT_MS = 8_000;
    private static final int API_TIMEOUT_MS = 8_000;

    private ClientDefaults() {
    }

    /** An admin client. */
    public static Map<String, Object> admin(String clientId) {
        return Map.of(
                AdminClientConfig.CLIENT_ID_CONFIG, clientId,
                AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS,
                AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, API_TIMEOUT_MS);
    }

    /** A consumer that assigns partitions itself and reads only committed records (what exactly-once output is). */
    public static Map<String, Object> reader(String clientId) {
        return Map.of(
                ConsumerConfig.CLIENT_ID_CONFIG, clientId,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false,
                ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS,
                ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, API_TIMEOUT_MS);
    }

    /** An idempotent producer whose sends are acknowledged by every in-sync replica. */
    public static Map<String, Object> writer(String clientId) {
        return Map.of(
                ProducerConfig.CLIENT_ID_CONFIG, clientId,
                ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true,
                ProducerConfig.ACKS_CONFIG, "all",
                ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, REQUEST_TIMEOUT_MS,
                ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 2 * API_TIMEOUT_MS,
                ProducerConfig.MAX_BLOCK_MS_CONFIG, API_TIMEOUT_MS);
    }

    /** {@code base} with {@code more} on top (for a client's own additions to a default). */
    public static Map<String, Object> plus(Map<String, Object> base, Map<String, Object> more) {
        java.util.HashMap<String, Object> out = new java.util.HashMap<>(base);
        out.putAll(more);
        return Map.copyOf(out);
    }
}
