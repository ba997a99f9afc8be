package io.newswatch.api;

import io.newswatch.monitor.StateQueries.HourCount;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Hourly counts as a series of steps: every step from {@code from} to {@code to} (zeros where
 * nothing was counted), each the sum of the hours it covers. Steps are whole hours and start at a
 * multiple of the step since 1970 UTC (a day at midnight UTC, 6 h at 00, 06, 12, 18), the first
 * one at or before {@code from}.
 */
final class CountSeries {

    /** Most points one answer holds. */
    static final int MAX_POINTS = 5_000;

    record Point(Instant start, long articles, long stories) {
    }

    private CountSeries() {
    }

    /** Checks the range and step, naming what is wrong. */
    static void check(Instant from, Instant to, Duration step, Duration history) {
        if (!to.isAfter(from)) {
            throw new Http.Refused(400, "from (" + from + ") must be before to (" + to + ")");
        }
        if (step.isNegative() || step.isZero() || step.toMillis() % Duration.ofHours(1).toMillis() != 0) {
            throw new Http.Refused(400, "step must be a whole number of hours (1h, 6h, 1d), got " + step);
        }
        if (Duration.between(from, to).compareTo(history.plusHours(1)) > 0) {
            throw new Http.Refused(400, "from-to spans more than the " + history.toDays() + " days of history kept");
        }
        if (Duration.between(from, to).toMillis() / step.toMillis() >= MAX_POINTS) {
            throw new Http.Refused(400, "from-to holds more than " + MAX_POINTS + " steps of " + step + ": take a larger step");
        }
    }

    static List<Point> of(List<HourCount> hours, Instant from, Instant to, Duration step) {
        long size = step.toMillis();
        long start = from.toEpochMilli() - Math.floorMod(from.toEpochMilli(), size);
        int n = (int) ((to.toEpochMilli() - start + size - 1) / size);
        long[] articles = new long[n];
        long[] stories = new long[n];
        for (HourCount h : hours) {
            long at = h.hour().toEpochMilli();
            if (at < start || at >= to.toEpochMilli()) {
                continue;
            }
            int i = (int) ((at - start) / size);
            articles[i] += h.articles();
            stories[i] += h.stories();
        }
        List<Point> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(new Point(Instant.ofEpochMilli(start + i * size), articles[i], stories[i]));
        }
        return out;
    }
}
