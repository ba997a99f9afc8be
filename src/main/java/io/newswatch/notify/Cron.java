package io.newswatch.notify;

import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.Month;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.time.zone.ZoneRules;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A five-field cron schedule, as in crontab(5): {@code minute hour day-of-month month day-of-week}.
 *
 * <pre>
 * 0 8 * * MON-FRI      08:00 on weekdays
 * *&#47;15 8-18 * * *     every 15 minutes from 08:00 to 18:45
 * 0 8-18/2 1,15 * *    08:00, 10:00, … 18:00 on the 1st and the 15th
 * 30 6 * JAN,JUL SUN   06:30 on the Sundays of January and July
 * </pre>
 *
 * <p>Each field is {@code *}, a number, a range {@code 1-5}, a step {@code *&#47;15}, {@code 8-18/2}
 * or {@code 5/15} (from 5 to the field's end), or a comma-separated list of these. Ranges run from
 * low to high. Months may be named {@code JAN}–{@code DEC} and days of the week {@code SUN}–{@code SAT},
 * in any case; day of the week 0 and 7 are both Sunday ({@code FRI-SUN} is Friday to Sunday).
 *
 * <p>Days, as in Vixie cron and cronie: when day-of-month and day-of-week are both restricted (neither
 * starts with {@code *}), a day matches when <em>either</em> matches ({@code 0 0 13 * FRI} fires on
 * every 13th and every Friday); otherwise both must ({@code 0 0 *&#47;2 * MON} fires on the Mondays
 * that are odd days of the month). An expression whose days never occur ({@code 0 0 30 2 *}) is refused.
 *
 * <p>Times are wall-clock times of the zone of the time {@link #next} is given. Across a daylight
 * saving change: a time skipped by the spring-forward gap fires at the first instant after the gap
 * (02:30 on the morning clocks jump from 02:00 to 03:00 fires at 03:00, once, however many skipped
 * times match); a time that occurs twice when clocks fall back fires at its first occurrence only (so
 * an every-15-minutes schedule pauses during the repeated hour).
 *
 * <p>Immutable and thread-safe.
 */
public final class Cron {

    /** Every date with a matching day comes within this long; a Gregorian calendar repeats every 400 years. */
    private static final int SEARCH_YEARS = 401;
    private static final String[] MONTH_NAMES = {"JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"};
    private static final String[] DAY_NAMES = {"SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"};

    private enum Field {
        MINUTE("minute", 0, 59), HOUR("hour", 0, 23), DAY_OF_MONTH("day-of-month", 1, 31), MONTH("month", 1, 12),
        DAY_OF_WEEK("day-of-week", 0, 7);

        final String label;
        final int min;
        final int max;

        Field(String label, int min, int max) {
            this.label = label;
            this.min = min;
            this.max = max;
        }
    }

    private final String expression;
    private final long minutes;
    private final long hours;
    private final long daysOfMonth;
    private final long months;
    /** Bits 0 (Sunday) to 6 (Saturday); a 7 in the expression sets bit 0. */
    private final long daysOfWeek;
    private final boolean anyDayOfMonth;
    private final boolean anyDayOfWeek;

    private Cron(String expression, long[] masks, boolean anyDayOfMonth, boolean anyDayOfWeek) {
        this.expression = expression;
        this.minutes = masks[0];
        this.hours = masks[1];
        this.daysOfMonth = masks[2];
        this.months = masks[3];
        long dow = masks[4];
        this.daysOfWeek = (dow | (dow >>> 7)) & 0x7f;
        this.anyDayOfMonth = anyDayOfMonth;
        this.anyDayOfWeek = anyDayOfWeek;
    }

    /**
     * Parses an expression of five fields separated by spaces.
     *
     * @throws IllegalArgumentException with a one-line message that names the field and the bad
     *                                  part, e.g. {@code cron "0 25 * * *": hour 25 is out of range 0-23}
     */
    public static Cron parse(String expression) {
        Objects.requireNonNull(expression, "expression");
        String text = expression.strip();
        String[] parts = text.isEmpty() ? new String[0] : text.split("\\s+");
        if (parts.length != 5) {
            throw new IllegalArgumentException(prefix(text) + "expected 5 fields (minute hour day-of-month month day-of-week), got "
                    + parts.length);
        }
        Field[] fields = Field.values();
        long[] masks = new long[5];
        for (int i = 0; i < 5; i++) {
            masks[i] = parseField(text, fields[i], parts[i]);
        }
        Cron cron = new Cron(text, masks, parts[2].startsWith("*"), parts[4].startsWith("*"));
        cron.checkDaysOccur(parts[2]);
        return cron;
    }

    /**
     * The first matching minute strictly after {@code after}, in its zone (see the class comment
     * for daylight saving changes).
     */
    public ZonedDateTime next(ZonedDateTime after) {
        ZoneId zone = after.getZone();
        ZoneRules rules = zone.getRules();
        LocalDate date = after.toLocalDate();
        LocalDate last = date.plusYears(SEARCH_YEARS);
        // Local times map to instants in order (a gap's times to the gap's end, a repeated time to its
        // first occurrence), so the first match whose instant is after `after` is the answer; no time
        // on an earlier date can be.
        while (!date.isAfter(last)) {
            if (!has(months, date.getMonthValue())) {
                date = date.withDayOfMonth(1).plusMonths(1);
                continue;
            }
            if (dayMatches(date)) {
                for (int hour = Long.numberOfTrailingZeros(hours); hour < 24; hour = nextBit(hours, hour)) {
                    for (int minute = Long.numberOfTrailingZeros(minutes); minute < 60; minute = nextBit(minutes, minute)) {
                        ZonedDateTime candidate = resolve(date.atTime(hour, minute), zone, rules);
                        if (candidate.toInstant().isAfter(after.toInstant())) {
                            return candidate;
                        }
                    }
                }
            }
            date = date.plusDays(1);
        }
        throw new IllegalStateException("cron \"" + expression + "\" has no time within " + SEARCH_YEARS + " years of " + after);
    }

    /** The expression as parsed (surrounding spaces removed). */
    @Override
    public String toString() {
        return expression;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Cron other && other.expression.equals(expression);
    }

    @Override
    public int hashCode() {
        return expression.hashCode();
    }

    private boolean dayMatches(LocalDate date) {
        boolean dom = has(daysOfMonth, date.getDayOfMonth());
        boolean dow = has(daysOfWeek, date.getDayOfWeek().getValue() % 7);
        return anyDayOfMonth || anyDayOfWeek ? dom && dow : dom || dow;
    }

    /** The minute as it is on the clock: a skipped one at the end of its gap, a repeated one at its first occurrence. */
    private static ZonedDateTime resolve(LocalDateTime local, ZoneId zone, ZoneRules rules) {
        List<ZoneOffset> offsets = rules.getValidOffsets(local);
        if (offsets.size() == 1) {
            return ZonedDateTime.ofLocal(local, zone, offsets.get(0));
        }
        ZoneOffsetTransition transition = rules.getTransition(local);
        if (offsets.isEmpty()) {
            return ZonedDateTime.ofInstant(transition.getInstant(), zone);
        }
        return ZonedDateTime.ofLocal(local, zone, transition.getOffsetBefore());
    }

    /**
     * Refuses days that never come: with both day fields needed (one starts with {@code *}), some
     * chosen month must have some chosen day of the month (a 29th counts for February).
     */
    private void checkDaysOccur(String dayOfMonthText) {
        if (!(anyDayOfMonth || anyDayOfWeek)) {
            return; // either day field may match, and every day of the week comes in every month
        }
        List<String> monthsWithout = new ArrayList<>();
        for (int m = 1; m <= 12; m++) {
            if (has(months, m)) {
                int length = Month.of(m).maxLength();
                if (Long.numberOfTrailingZeros(daysOfMonth) > length) {
                    monthsWithout.add(MONTH_NAMES[m - 1]);
                } else {
                    return;
                }
            }
        }
        throw new IllegalArgumentException(prefix(expression) + "day-of-month " + dayOfMonthText + " never occurs in "
                + String.join(", ", monthsWithout));
    }

    private static long parseField(String expression, Field field, String text) {
        long mask = 0;
        for (String item : text.split(",", -1)) {
            if (item.isEmpty()) {
                throw new IllegalArgumentException(prefix(expression) + field.label + " " + text + " has an empty list item");
            }
            mask |= parseItem(expression, field, item);
        }
        return mask;
    }

    /** {@code *}, {@code N}, {@code A-B}, each optionally {@code /STEP}. */
    private static long parseItem(String expression, Field field, String item) {
        String[] rangeAndStep = item.split("/", -1);
        if (rangeAndStep.length > 2) {
            throw notAnItem(expression, field, item);
        }
        String range = rangeAndStep[0];
        int low;
        int high;
        if (range.equals("*")) {
            low = field.min;
            high = field.max;
        } else {
            String[] ends = range.split("-", -1);
            if (ends.length > 2 || ends[0].isEmpty()) {
                throw notAnItem(expression, field, item);
            }
            low = value(expression, field, ends[0], false);
            if (ends.length == 2) {
                high = value(expression, field, ends[1], low > 0);
                if (high < low) {
                    throw new IllegalArgumentException(prefix(expression) + field.label + " " + range + " runs backwards: write "
                            + low + "-" + (field == Field.DAY_OF_WEEK ? 6 : field.max) + "," + field.min + "-" + high);
                }
            } else {
                // "5/15" is 5 to the end in steps of 15
                high = rangeAndStep.length == 2 ? field.max : low;
            }
        }
        int step = 1;
        if (rangeAndStep.length == 2) {
            String stepText = rangeAndStep[1];
            if (!stepText.matches("\\d{1,9}")) {
                throw new IllegalArgumentException(prefix(expression) + field.label + " " + item + " has step '" + stepText
                        + "', not a number");
            }
            step = Integer.parseInt(stepText);
            if (step == 0) {
                throw new IllegalArgumentException(prefix(expression) + field.label + " " + item + " has step 0: a step is at least 1");
            }
        }
        long mask = 0;
        for (int v = low; v <= high; v += step) {
            mask |= 1L << v;
        }
        return mask;
    }

    /**
     * A number or, for months and days of the week, a name. {@code sundayIsSeven}: Sunday written as a
     * name at the end of a range that starts later in the week is 7 ({@code FRI-SUN}).
     */
    private static int value(String expression, Field field, String text, boolean sundayIsSeven) {
        int v;
        if (text.matches("\\d{1,9}")) {
            v = Integer.parseInt(text);
        } else if (field == Field.MONTH && index(MONTH_NAMES, text) >= 0) {
            v = index(MONTH_NAMES, text) + 1;
        } else if (field == Field.DAY_OF_WEEK && index(DAY_NAMES, text) >= 0) {
            v = index(DAY_NAMES, text);
            v = v == 0 && sundayIsSeven ? 7 : v;
        } else {
            String names = field == Field.MONTH ? " or a month name (JAN-DEC)" : field == Field.DAY_OF_WEEK ? " or a day name (SUN-SAT)" : "";
            throw new IllegalArgumentException(prefix(expression) + field.label + " " + text + " is not a number" + names);
        }
        if (v < field.min || v > field.max) {
            throw new IllegalArgumentException(prefix(expression) + field.label + " " + text + " is out of range "
                    + field.min + "-" + field.max);
        }
        return v;
    }

    private static IllegalArgumentException notAnItem(String expression, Field field, String item) {
        return new IllegalArgumentException(prefix(expression) + field.label + " " + item
                + " is not a number, a range such as 1-5 or a step such as */15");
    }

    private static int index(String[] names, String text) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equalsIgnoreCase(text)) {
                return i;
            }
        }
        return -1;
    }

    private static String prefix(String expression) {
        return "cron \"" + expression + "\": ";
    }

    private static boolean has(long mask, int bit) {
        return (mask & (1L << bit)) != 0;
    }

    /** The next set bit after {@code bit}, or 64 when there is none. */
    private static int nextBit(long mask, int bit) {
        long rest = bit >= 63 ? 0 : mask & (-1L << (bit + 1));
        return rest == 0 ? 64 : Long.numberOfTrailingZeros(rest);
    }
}
