package io.newswatch.monitor;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * Tunables of the topology, with the defaults a deployment starts from.
 *
 * @param maxBodyBytes       articles whose body is larger (UTF-8 bytes) go to the dead-letter topic;
 *                           values over {@link #maxValueBytes()} are refused before parsing
 * @param maxTitleChars      articles whose title is longer go to the dead-letter topic
 * @param duplicateWindow    an article id seen again within this long (of the monitor's clock) is skipped
 * @param evidenceLimit      articles listed as evidence in one alert
 * @param spikeCheckInterval how often (wall-clock) quiet entities are judged for spikes
 * @param tagRoutes          tag → alert topic: alerts of entities with that tag also go to it
 * @param maxDeadLetterBytes bytes of the original value a dead letter keeps at most
 * @param storyWindow        copies are grouped with a story seen within this long (event time)
 * @param maxStorySketches   sketches the story index holds at most (oldest leave first)
 * @param history            how long per-entity counts per hour are kept for the query API
 */
public record MonitorSettings(
        int maxBodyBytes,
        int maxTitleChars,
        Duration duplicateWindow,
        int evidenceLimit,
        Duration spikeCheckInterval,
        Map<String, String> tagRoutes,
        int maxDeadLetterBytes,
        Duration storyWindow,
        int maxStorySketches,
        Duration history) {

    public static final MonitorSettings DEFAULTS = new MonitorSettings(
            1024 * 1024, 2_000, Duration.ofDays(7), 5, Duration.ofSeconds(30), Map.of(), 1024 * 1024,
            Duration.ofHours(72), 100_000, Duration.ofDays(30));

    public MonitorSettings {
        Objects.requireNonNull(duplicateWindow, "duplicateWindow");
        Objects.requireNonNull(spikeCheckInterval, "spikeCheckInterval");
        Objects.requireNonNull(storyWindow, "storyWindow");
        Objects.requireNonNull(history, "history");
        tagRoutes = Map.copyOf(tagRoutes);
        if (maxBodyBytes < 1 || maxTitleChars < 1 || evidenceLimit < 1 || maxDeadLetterBytes < 0 || maxStorySketches < 1
                || storyWindow.isNegative() || storyWindow.isZero() || history.compareTo(Duration.ofHours(1)) < 0) {
            throw new IllegalArgumentException("limits must be positive");
        }
    }

    /**
     * Records larger than this cannot hold an acceptable article and are refused unparsed: a body
     * at the limit written entirely as JSON escapes (an escaped control character is six bytes for one), and
     * title, id, URL, source and language at their limits, escaped likewise.
     */
    public int maxValueBytes() {
        return (int) Math.min(Integer.MAX_VALUE, 6L * maxBodyBytes + 128 * 1024);
    }

    public MonitorSettings withMaxBodyBytes(int bytes) {
        return new MonitorSettings(bytes, maxTitleChars, duplicateWindow, evidenceLimit, spikeCheckInterval, tagRoutes,
                maxDeadLetterBytes, storyWindow, maxStorySketches, history);
    }

    public MonitorSettings withTagRoutes(Map<String, String> routes) {
        return new MonitorSettings(maxBodyBytes, maxTitleChars, duplicateWindow, evidenceLimit, spikeCheckInterval, routes,
                maxDeadLetterBytes, storyWindow, maxStorySketches, history);
    }

    public MonitorSettings withSpikeCheckInterval(Duration interval) {
        return new MonitorSettings(maxBodyBytes, maxTitleChars, duplicateWindow, evidenceLimit, interval, tagRoutes,
                maxDeadLetterBytes, storyWindow, maxStorySketches, history);
    }

    public MonitorSettings withMaxDeadLetterBytes(int bytes) {
        return new MonitorSettings(maxBodyBytes, maxTitleChars, duplicateWindow, evidenceLimit, spikeCheckInterval, tagRoutes,
                bytes, storyWindow, maxStorySketches, history);
    }

    public MonitorSettings withStories(Duration window, int maxSketches) {
        return new MonitorSettings(maxBodyBytes, maxTitleChars, duplicateWindow, evidenceLimit, spikeCheckInterval, tagRoutes,
                maxDeadLetterBytes, window, maxSketches, history);
    }

    public MonitorSettings withHistory(Duration kept) {
        return new MonitorSettings(maxBodyBytes, maxTitleChars, duplicateWindow, evidenceLimit, spikeCheckInterval, tagRoutes,
                maxDeadLetterBytes, storyWindow, maxStorySketches, kept);
    }
}
