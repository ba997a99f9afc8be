package io.newswatch.watchlist;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as users write them: ISO-8601 ({@code PT1H}, {@code P1D}) or short ({@code 90s}, {@code 1h30m}, {@code 2d}). */
final class Durations {

    private static final Pattern SHORT = Pattern.compile("(?:(\\d+)d)?(?:(\\d+)h)?(?:(\\d+)m)?(?:(\\d+)s)?(?:(\\d+)ms)?");

    private Durations() {
    }

    /** The duration, or null if the text is neither form. */
    static Duration parse(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        if (s.isEmpty()) {
            return null;
        }
        if (s.startsWith("p")) {
            try {
                return Duration.parse(s.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                return null;
            }
        }
        Matcher m = SHORT.matcher(s);
        if (!m.matches()) {
            return null;
        }
        Duration d = Duration.ZERO;
        d = d.plusDays(num(m.group(1))).plusHours(num(m.group(2))).plusMinutes(num(m.group(3)))
                .plusSeconds(num(m.group(4))).plusMillis(num(m.group(5)));
        return d;
    }

    private static long num(String g) {
        return g == null ? 0 : Long.parseLong(g);
    }

    /** ISO-8601, as {@link Duration#toString()}; days are written as hours ({@code PT24H}). */
    static String format(Duration d) {
        return d.toString();
    }
}
