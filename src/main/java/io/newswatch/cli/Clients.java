package io.newswatch.cli;

import org.apache.kafka.clients.admin.AdminClientConfig;

import java.util.Map;

/** Defaults for the clients the CLI creates; user settings from {@code --command-config} win. */
final class Clients {
    /** Fail in seconds, not minutes, when the cluster is unreachable or refuses us. */
    static final Map<String, Object> ADMIN_DEFAULTS = Map.of(
            AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000,
            AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 30_000,
            AdminClientConfig.CLIENT_ID_CONFIG, "newswatch-admin");

    private Clients() {
    }
}
