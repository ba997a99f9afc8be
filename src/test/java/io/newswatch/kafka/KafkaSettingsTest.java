package io.newswatch.kafka;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class KafkaSettingsTest {

    @Test
    void shouldDefaultToLocalhost() {
        assertThat(KafkaSettings.resolve(null, null, Map.of()).bootstrapServers()).isEqualTo("localhost:9092");
    }

    @Test
    void shouldLetFileBeatDefaultEnvironmentBeatFileAndFlagBeatEnvironment(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("client.properties");
        Files.writeString(file, "bootstrap.servers=file:1\nsecurity.protocol=SASL_SSL\n");

        assertThat(KafkaSettings.resolve(null, file, Map.of()).bootstrapServers()).isEqualTo("file:1");
        assertThat(KafkaSettings.resolve(null, file, Map.of("NEWSWATCH_BOOTSTRAP_SERVERS", "env:2")).bootstrapServers())
                .isEqualTo("env:2");
        KafkaSettings all = KafkaSettings.resolve("flag:3", file, Map.of("NEWSWATCH_BOOTSTRAP_SERVERS", "env:2"));
        assertThat(all.bootstrapServers()).isEqualTo("flag:3");
        assertThat(all.common()).containsEntry("security.protocol", "SASL_SSL");
    }

    @Test
    void shouldReadCommandConfigFromEnvironment(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("c.properties");
        Files.writeString(file, "sasl.mechanism=SCRAM-SHA-512\n");

        assertThat(KafkaSettings.resolve(null, null, Map.of("NEWSWATCH_COMMAND_CONFIG", file.toString())).common())
                .containsEntry("sasl.mechanism", "SCRAM-SHA-512");
    }

    @Test
    void shouldKeepUserSettingsOverCallerDefaults() {
        KafkaSettings settings = KafkaSettings.of("h:1", Map.of("acks", "1"));

        assertThat(settings.with(Map.of("acks", "all", "linger.ms", 5)))
                .containsEntry("acks", "1").containsEntry("linger.ms", 5);
    }

    @Test
    void shouldNameMissingCommandConfigFile(@TempDir Path dir) {
        assertThatThrownBy(() -> KafkaSettings.resolve(null, dir.resolve("nope.properties"), Map.of()))
                .hasMessageEndingWith("nope.properties: no such file");
    }
}
