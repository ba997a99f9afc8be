package io.newswatch.watchlist;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Which alerts an entity raises and how. Every part has a default, so {@code {}} (or no
 * {@code alerts} at all) means {@link #DEFAULT}: MENTION alerts only, to the default topic.
 *
 * <pre>{@code
 * "alerts": {
 *   "kinds": ["MENTION", "THRESHOLD", "SPIKE", "CO_MENTION"],
 *   "threshold": {"count": 3, "window": "PT1H"},
 *   "spike": {"window": "1h", "alpha": 0.3, "z": 3.0, "minCount": 5},
 *   "coMention": {"count": 1, "window": "1d"},
 *   "spread": {"outlets": 5},
 *   "countBy": "stories",
 *   "topic": "news.alerts.justice"
 * }
 * }</pre>
 *
 * @param kinds      the alert kinds switched on (at least one)
 * @param threshold  THRESHOLD: at least {@code count} distinct stories (or articles) within {@code window}
 * @param spike      SPIKE: counts per {@code window} bucket, baseline an EWMA with weight
 *                   {@code alpha}, fires when the z-score reaches {@code zScore} and the count
 *                   reaches {@code minCount}
 * @param coMention  CO_MENTION: a pair of entities seen together in {@code count} articles within
 *                   {@code window} (count 1: every new pair)
 * @param spread     SPREAD: a story that mentions the entity reached {@code outlets} distinct outlets
 * @param countBy    what THRESHOLD and SPIKE count: distinct stories (the default: copies of one
 *                   story count once) or articles
 * @param topic      the Kafka topic alerts of this entity go to; null means the default topic. A
 *                   Kafka internal topic ({@code __consumer_offsets}) or a Kafka Streams internal
 *                   topic ({@code …-changelog}, {@code …-repartition}) is refused; the program's own
 *                   topics other than alert topics are refused where they are known: by the
 *                   {@code watchlist} command and the monitor (see {@link WatchlistRecord})
 */
public record AlertSettings(Set<AlertKind> kinds, Threshold threshold, Spike spike,
                            CoMention coMention, Spread spread, CountBy countBy, String topic) {

    private static final Pattern TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final String KAFKA_INTERNAL_PREFIX = "__";

    /** MENTION only, default windows, default topic. */
    public static final AlertSettings DEFAULT = new AlertSettings(null, null, null, null, null);

    /** What THRESHOLD and SPIKE count. */
    public enum CountBy {
        /** Distinct stories: a syndicated story and its copies count once. */
        STORIES,
        /** Articles, each copy counted. */
        ARTICLES;

        /** Parses {@code stories} or {@code articles}, any case; null if neither. */
        public static CountBy parse(String s) {
            for (CountBy c : values()) {
                if (c.name().equalsIgnoreCase(s.strip())) {
                    return c;
                }
            }
            return null;
        }
    }

    /** The settings without SPREAD and story counting, counted by stories. */
    public AlertSettings(Set<AlertKind> kinds, Threshold threshold, Spike spike, CoMention coMention, String topic) {
        this(kinds, threshold, spike, coMention, null, null, topic);
    }

    public AlertSettings {
        List<String> problems = new ArrayList<>();
        if (kinds == null) {
            kinds = Set.of(AlertKind.MENTION);
        } else if (kinds.isEmpty()) {
            problems.add("alerts.kinds: empty (give at least one of MENTION, THRESHOLD, SPIKE, CO_MENTION, SPREAD)");
        } else if (kinds.stream().anyMatch(java.util.Objects::isNull)) {
            problems.add("alerts.kinds: null value");
        } else {
            kinds = Collections.unmodifiableSet(EnumSet.copyOf(kinds));
        }
        threshold = threshold == null ? Threshold.DEFAULT : threshold;
        spike = spike == null ? Spike.DEFAULT : spike;
        coMention = coMention == null ? CoMention.DEFAULT : coMention;
        spread = spread == null ? Spread.DEFAULT : spread;
        countBy = countBy == null ? CountBy.STORIES : countBy;
        if (topic != null) {
            topic = topic.strip();
            if (topic.isEmpty()) {
                topic = null;
            } else if (!TOPIC.matcher(topic).matches() || topic.equals(".") || topic.equals("..")) {
                problems.add("alerts.topic: '" + topic + "' is not a valid Kafka topic name");
            } else if (isInternalTopic(topic)) {
                problems.add("alerts.topic: '" + topic + "' is an internal "
                        + (topic.startsWith(KAFKA_INTERNAL_PREFIX) ? "Kafka" : "Kafka Streams") + " topic");
            }
        }
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /**
     * True for a name that only Kafka itself may write to: a Kafka internal topic (starting with
     * {@code __}, such as {@code __consumer_offsets}) or a Kafka Streams internal topic (ending in
     * {@code -changelog} or {@code -repartition}).
     */
    public static boolean isInternalTopic(String name) {
        return name.startsWith(KAFKA_INTERNAL_PREFIX) || name.endsWith("-changelog") || name.endsWith("-repartition");
    }

    /** Settings with these kinds and everything else default. */
    public static AlertSettings of(AlertKind... kinds) {
        return new AlertSettings(Set.of(kinds), null, null, null, null);
    }

    public boolean enabled(AlertKind kind) {
        return kinds.contains(kind);
    }

    public AlertSettings withKinds(Collection<AlertKind> newKinds) {
        return new AlertSettings(Set.copyOf(newKinds), threshold, spike, coMention, spread, countBy, topic);
    }

    public AlertSettings withThreshold(Threshold t) {
        return new AlertSettings(kinds, t, spike, coMention, spread, countBy, topic);
    }

    public AlertSettings withSpike(Spike s) {
        return new AlertSettings(kinds, threshold, s, coMention, spread, countBy, topic);
    }

    public AlertSettings withCoMention(CoMention c) {
        return new AlertSettings(kinds, threshold, spike, c, spread, countBy, topic);
    }

    public AlertSettings withSpread(Spread s) {
        return new AlertSettings(kinds, threshold, spike, coMention, s, countBy, topic);
    }

    public AlertSettings withCountBy(CountBy c) {
        return new AlertSettings(kinds, threshold, spike, coMention, spread, c, topic);
    }

    /** Whether THRESHOLD and SPIKE count stories rather than articles. */
    public boolean countsStories() {
        return countBy == CountBy.STORIES;
    }

    public AlertSettings withTopic(String t) {
        return new AlertSettings(kinds, threshold, spike, coMention, spread, countBy, t);
    }

    /** THRESHOLD settings: {@code count} distinct articles within {@code window}. Default 5 in 1h. */
    public record Threshold(int count, Duration window) {
        public static final Threshold DEFAULT = new Threshold(5, Duration.ofHours(1));

        public Threshold {
            List<String> problems = new ArrayList<>();
            if (count < 1) {
                problems.add("alerts.threshold.count: must be at least 1, got " + count);
            }
            window = window == null ? Duration.ofHours(1) : window;
            if (window.isNegative() || window.isZero()) {
                problems.add("alerts.threshold.window: must be positive");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
        }
    }

    /**
     * SPIKE settings. Default: 1h buckets, EWMA alpha 0.3, z-score 3.0, at least 5 articles in the
     * bucket.
     */
    public record Spike(Duration window, double alpha, double zScore, int minCount) {
        public static final Spike DEFAULT = new Spike(Duration.ofHours(1), 0.3, 3.0, 5);

        public Spike {
            List<String> problems = new ArrayList<>();
            window = window == null ? Duration.ofHours(1) : window;
            if (window.isNegative() || window.isZero()) {
                problems.add("alerts.spike.window: must be positive");
            }
            if (!(alpha > 0 && alpha <= 1)) {
                problems.add("alerts.spike.alpha: must be in (0, 1], got " + alpha);
            }
            if (!(zScore > 0) || Double.isInfinite(zScore)) {
                problems.add("alerts.spike.z: must be positive, got " + zScore);
            }
            if (minCount < 1) {
                problems.add("alerts.spike.minCount: must be at least 1, got " + minCount);
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
        }
    }

    /** CO_MENTION settings: a pair seen in {@code count} articles within {@code window}. Default 1 in 1 day. */
    public record CoMention(int count, Duration window) {
        public static final CoMention DEFAULT = new CoMention(1, Duration.ofDays(1));

        public CoMention {
            List<String> problems = new ArrayList<>();
            if (count < 1) {
                problems.add("alerts.coMention.count: must be at least 1, got " + count);
            }
            window = window == null ? Duration.ofDays(1) : window;
            if (window.isNegative() || window.isZero()) {
                problems.add("alerts.coMention.window: must be positive");
            }
            if (!problems.isEmpty()) {
                throw new IllegalArgumentException(String.join("; ", problems));
            }
        }
    }

    /** SPREAD settings: a story that mentions the entity reached {@code outlets} distinct outlets. Default 5. */
    public record Spread(int outlets) {
        public static final Spread DEFAULT = new Spread(5);

        public Spread {
            if (outlets < 2) {
                throw new IllegalArgumentException("alerts.spread.outlets: must be at least 2, got " + outlets);
            }
        }
    }
}
