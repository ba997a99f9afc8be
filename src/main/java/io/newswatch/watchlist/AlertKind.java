package io.newswatch.watchlist;

import java.util.Locale;

/** The kinds of alert an entity can raise; see {@link AlertSettings}. */
public enum AlertKind {
    /** One alert per new story that mentions the entity: its first article; later copies do not fire it again. */
    MENTION,
    /** At least N distinct stories (or articles) within a window; fires once per window, when crossed. */
    THRESHOLD,
    /** Volume well above the entity's own baseline (EWMA, z-score, minimum count). */
    SPIKE,
    /** The entity and another watched entity in the same story; one alert per story lists the new pairs. */
    CO_MENTION,
    /** A story that mentions the entity reached N distinct outlets: a syndication surge. Off unless asked for. */
    SPREAD;

    /** Parses {@code mention}, {@code co-mention}, {@code CO_MENTION}...; null if unknown. */
    static AlertKind parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
