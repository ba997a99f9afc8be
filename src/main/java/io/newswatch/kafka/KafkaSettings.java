package io.newswatch.kafka;

import org.apache.kafka.clients.CommonClientConfigs;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;

/**
 * Kafka client settings shared by every client the program creates, from one place with one
 * order: defaults &lt; {@code --command-config} file &lt; environment &lt; flags. The file holds
 * standard Kafka client properties (SASL, TLS, anything), so secured clusters need no code.
 */
public final class KafkaSettings {

    public static final String DEFAULT_BOOTSTRAP = "localhost:9092";
    public static final String ENV_BOOTSTRAP = "NEWSWATCH_BOOTSTRAP_SERVERS";
    public static final String ENV_COMMAND_CONFIG = "NEWSWATCH_COMMAND_CONFIG";

    private final Map<String, Object> common;

    private KafkaSettings(Map<String, Object> common) {
        this.common = Collections.unmodifiableMap(new LinkedHashMap<>(common));
    }

    /**
     * @param bootstrapFlag  {@code --bootstrap-server}, or null
     * @param commandConfig  {@code --command-config}, or null (then the environment's, if any)
     * @param env            the environment
     */
    public static KafkaSettings resolve(String bootstrapFlag, Path commandConfig, Map<String, String> env) {
        Map<String, Object> settings = new LinkedHashMap<>();
        if (bootstrapFlag != null && !bootstrapFlag.isBlank()) {
            settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapFlag.strip());
        }
        String envBootstrap = env.get(ENV_BOOTSTRAP);
        if (envBootstrap != null && !envBootstrap.isBlank()) {
            settings.putIfAbsent(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, envBootstrap.strip());
        }
        Path file = commandConfig;
        if (file == null && env.get(ENV_COMMAND_CONFIG) != null && !env.get(ENV_COMMAND_CONFIG).isBlank()) {
            file = Path.of(env.get(ENV_COMMAND_CONFIG));
        }
        if (file != null) {
            readProperties(file).forEach((k, v) -> settings.putIfAbsent(k, v));
        }
        settings.putIfAbsent(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, DEFAULT_BOOTSTRAP);
        return new KafkaSettings(settings);
    }

    /** Settings for tests and embedded use: just a bootstrap address plus extra properties. */
    public static KafkaSettings of(String bootstrapServers, Map<String, ?> extra) {
        Map<String, Object> settings = new LinkedHashMap<>(extra);
        settings.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        return new KafkaSettings(settings);
    }

    public String bootstrapServers() {
        return String.valueOf(common.get(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG));
    }

    /** The shared client settings (bootstrap, security, …); callers add their own with putIfAbsent. */
    public Map<String, Object> common() {
        return common;
    }

    /** A mutable copy of {@link #common()} with the given defaults underneath (user settings win). */
    public Map<String, Object> with(Map<String, ?> defaults) {
        Map<String, Object> config = new LinkedHashMap<>(common);
        defaults.forEach(config::putIfAbsent);
        return config;
    }

    private static Map<String, String> readProperties(Path file) {
        Properties props = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            props.load(in);
        } catch (NoSuchFileException e) {
            throw new IllegalArgumentException("--command-config " + file + ": no such file");
        } catch (IOException | IllegalArgumentException e) {
            throw new IllegalArgumentException("--command-config " + file + ": cannot read: " + e.getMessage());
        }
        Map<String, String> out = new LinkedHashMap<>();
        props.stringPropertyNames().forEach(name -> out.put(name, props.getProperty(name).strip()));
        return out;
    }
}
