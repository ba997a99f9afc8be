package io.newswatch.watchlist;

import java.util.Locale;

/** The kinds of alert an entity can raise; see {@link AlertSettings}. */
public enum AlertKind {
    /** One alert per new article that mentions the entity. */
    MENTION,
    /** At least N distinct articles within a window; fires once per window, when crossed. */
    THRESHOLD,
    /** Volume well above the entity's own baseline (EWMA, z-score, minimum count). */
    SPIKE,
    /** The entity and another watched entity in the same article. */
    CO_MENTION;

    /** Parses {@code mention}, {@code co-mention}, {@code CO_MENTION}...; null if unknown. */
    static AlertKind parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT).replace('-', '_'));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
