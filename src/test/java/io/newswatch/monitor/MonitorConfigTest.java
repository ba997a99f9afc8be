package io.newswatch.monitor;

import io.newswatch.kafka.KafkaSettings;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Properties;

import static org.assertj.core.api.Assertions.assertThat;

class MonitorConfigTest {

    private static final String LINGER = StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG);
    private static final String COMPRESSION = StreamsConfig.producerPrefix(ProducerConfig.COMPRESSION_TYPE_CONFIG);

    private static Properties config(Map<String, ?> user, Monitor.Options options) {
        return Monitor.streamsConfig(KafkaSettings.of("localhost:9092", user), options);
    }

    @Test
    void exactlyOnceCommitsEvery400MsLingersAsLongAndSendsUncompressedBatchesOneRequestAtATime() {
        Properties p = config(Map.of(), Monitor.Options.defaults());

        assertThat(p.get(StreamsConfig.PROCESSING_GUARANTEE_CONFIG)).isEqualTo(StreamsConfig.EXACTLY_ONCE_V2);
        assertThat(p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo(400L);
        assertThat(p.get(LINGER)).isEqualTo(400L);
        assertThat(p.get(COMPRESSION)).isEqualTo("none");
        assertThat(p.get(StreamsConfig.producerPrefix(ProducerConfig.BATCH_SIZE_CONFIG))).isEqualTo(256 * 1024);
        assertThat(p.get(StreamsConfig.MAX_TASK_IDLE_MS_CONFIG)).isEqualTo(StreamsConfig.MAX_TASK_IDLE_MS_DISABLED);
        assertThat(p.get(StreamsConfig.producerPrefix(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION))).isEqualTo(1);
    }

    @Test
    void lingerFollowsACommitIntervalTheUserSets() {
        Properties p = config(Map.of(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, "250"), Monitor.Options.defaults());

        assertThat(p.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG)).isEqualTo("250");
        assertThat(p.get(LINGER)).isEqualTo(250L);
    }

    @Test
    void atLeastOnceKeepsAShortLingerBecauseOutputIsReadableOnceWritten() {
        Properties atLeastOnce = config(Map.of(), Monitor.Options.defaults().withProcessingGuarantee(StreamsConfig.AT_LEAST_ONCE));
        assertThat(atLeastOnce.get(LINGER)).isEqualTo(5L);
        assertThat(atLeastOnce).doesNotContainKey(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        assertThat(config(Map.of(StreamsConfig.PROCESSING_GUARANTEE_CONFIG, StreamsConfig.AT_LEAST_ONCE), Monitor.Options.defaults())
                .get(LINGER)).isEqualTo(5L);
    }

    @Test
    void userProducerSettingsWin() {
        Properties p = config(Map.of(COMPRESSION, "lz4", LINGER, "20"), Monitor.Options.defaults());

        assertThat(p.get(COMPRESSION)).isEqualTo("lz4");
        assertThat(p.get(LINGER)).isEqualTo("20");
    }
}
