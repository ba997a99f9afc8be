package io.newswatch.broker;

import io.newswatch.testing.KafkaBroker;
import io.newswatch.testing.Tags;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

@Tag(Tags.INTEGRATION)
@Timeout(120)
class EmbeddedBrokerIT {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @Test
    void shouldKeepRecordsAcrossARestartOnTheSameDataDir() {
        kafka.createTopics("restart.check");
        kafka.send("restart.check", "k".getBytes(StandardCharsets.UTF_8), "kept".getBytes(StandardCharsets.UTF_8));

        kafka.restart();

        List<ConsumerRecord<byte[], byte[]>> records = kafka.read("restart.check", 1, Duration.ofSeconds(30));
        assertThat(records).hasSize(1);
        assertThat(new String(records.get(0).value(), StandardCharsets.UTF_8)).isEqualTo("kept");
    }

    @Test
    void shouldRefuseAPortInUseNamingIt() throws Exception {
        int taken = Integer.parseInt(kafka.bootstrapServers().substring(kafka.bootstrapServers().lastIndexOf(':') + 1));

        assertThatThrownBy(() -> EmbeddedBroker.builder().port(taken)
                .dataDir(java.nio.file.Files.createTempDirectory("nw-port")).start())
                .isInstanceOf(PortInUseException.class)
                .hasMessage("port " + taken + " is already in use");
    }
}
