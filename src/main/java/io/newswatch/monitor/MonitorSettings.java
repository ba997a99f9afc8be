package io.newswatch.monitor;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Tunables of the topology, with the defaults a deployment starts from.
 *
 * @param maxBodyBytes       articles whose body is larger (UTF-8 bytes) go to the dead-letter topic
 * @param maxTitleChars      articles whose title is longer go to the dead-letter topic
 * @param duplicateWindow    an article id seen again within this window is skipped
 * @param evidenceLimit      articles listed as evidence in one alert
 * @param spikeCheckInterval how often (wall-clock) quiet entities are judged for spikes
 * @param tagRoutes          tag → alert topic: alerts of entities with that tag also go there
 */
public record MonitorSettings(
        int maxBodyBytes,
        int maxTitleChars,
        Duration duplicateWindow,
        int evidenceLimit,
        Duration spikeCheckInterval,
        Map<String, String> tagRoutes) {

    public static final MonitorSettings DEFAULTS = new MonitorSettings(
            1024 * 1024, 2_000, Duration.ofDays(7), 5, Duration.ofSeconds(30), Map.of());

    public MonitorSettings {
        Objects.requireNonNull(duplicateWindow, "duplicateWindow");
        Objects.requireNonNull(spikeCheckInterval, "spikeCheckInterval");
        tagRoutes = Map.copyOf(tagRoutes);
        if (maxBodyBytes < 1 || maxTitleChars < 1 || evidenceLimit < 1) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    public MonitorSettings withMaxBodyBytes(int bytes) {
        return new MonitorSettings(bytes, maxTitleChars, duplicateWindow, evidenceLimit, spikeCheckInterval, tagRoutes);
    }

    public MonitorSettings withTagRoutes(Map<String, String> routes) {
        return new MonitorSettings(maxBodyBytes, maxTitleChars, duplicateWindow, evidenceLimit, spikeCheckInterval, routes);
    }

    public MonitorSettings withSpikeCheckInterval(Duration interval) {
        return new MonitorSettings(maxBodyBytes, maxTitleChars, duplicateWindow, evidenceLimit, interval, tagRoutes);
    }
}
