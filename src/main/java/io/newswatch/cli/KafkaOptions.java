package io.newswatch.cli;

import io.newswatch.kafka.KafkaSettings;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

import java.nio.file.Path;
import java.util.Map;

/**
 * The global Kafka options. Declared once on the root command and inherited by every
 * subcommand, so they work before or after the subcommand name.
 */
public final class KafkaOptions {

    @Option(names = "--bootstrap-server", paramLabel = "HOST:PORT", scope = ScopeType.INHERIT,
            description = "Kafka bootstrap servers (env NEWSWATCH_BOOTSTRAP_SERVERS; default "
                    + KafkaSettings.DEFAULT_BOOTSTRAP + ").")
    String bootstrapServer;

    @Option(names = "--command-config", paramLabel = "FILE", scope = ScopeType.INHERIT,
            description = "Kafka client properties file (SASL, TLS, any client setting; env NEWSWATCH_COMMAND_CONFIG).")
    Path commandConfig;

    /** Resolves the settings with the real environment. */
    public KafkaSettings settings() {
        return settings(System.getenv());
    }

    KafkaSettings settings(Map<String, String> env) {
        return KafkaSettings.resolve(bootstrapServer, commandConfig, env);
    }
}
