package io.newswatch.notify;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.time.ZoneId;
import java.time.ZonedDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CronTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    /** {@code 2026-03-29T01:00+01:00} in Berlin (the offset decides which of a repeated time is meant). */
    private static ZonedDateTime berlin(String offsetDateTime) {
        return ZonedDateTime.parse(offsetDateTime + "[Europe/Berlin]");
    }

    private static ZonedDateTime utc(String offsetDateTime) {
        return ZonedDateTime.parse(offsetDateTime);
    }

    @ParameterizedTest(name = "{0} after {1} is {2}")
    @CsvSource(delimiter = '|', textBlock = """
            * * * * *          | 2026-03-02T10:00:30Z | 2026-03-02T10:01Z
            * * * * *          | 2026-03-02T10:00Z    | 2026-03-02T10:01Z
            */15 * * * *       | 2026-03-02T10:07Z    | 2026-03-02T10:15Z
            */15 * * * *       | 2026-03-02T23:50Z    | 2026-03-03T00:00Z
            5/20 * * * *       | 2026-03-02T10:00Z    | 2026-03-02T10:05Z
            5/20 * * * *       | 2026-03-02T10:45Z    | 2026-03-02T11:05Z
            0 8-18/2 * * *     | 2026-03-02T11:00Z    | 2026-03-02T12:00Z
            0 8-18/2 * * *     | 2026-03-02T18:00Z    | 2026-03-03T08:00Z
            0 9 1,15 * *       | 2026-03-02T00:00Z    | 2026-03-15T09:00Z
            30 6 * * MON-FRI   | 2026-03-06T07:00Z    | 2026-03-09T06:30Z
            30 6 * * mon-fri   | 2026-03-04T06:00Z    | 2026-03-04T06:30Z
            0 0 * * 7          | 2026-03-02T00:00Z    | 2026-03-08T00:00Z
            0 0 * * 0          | 2026-03-02T00:00Z    | 2026-03-08T00:00Z
            0 12 * * FRI-SUN   | 2026-03-02T00:00Z    | 2026-03-06T12:00Z
            0 12 * * FRI-SUN   | 2026-03-07T13:00Z    | 2026-03-08T12:00Z
            0 12 * * 5-7       | 2026-03-07T13:00Z    | 2026-03-08T12:00Z
            0 0 1 jan *        | 2026-06-01T00:00Z    | 2027-01-01T00:00Z
            0 9 * Jul,DEC sun  | 2026-03-02T00:00Z    | 2026-07-05T09:00Z
            59 23 31 12 *      | 2026-12-31T23:59Z    | 2027-12-31T23:59Z
            0 0 13 * FRI       | 2026-03-02T00:00Z    | 2026-03-06T00:00Z
            0 0 13 * FRI       | 2026-03-06T00:00Z    | 2026-03-13T00:00Z
            0 0 13 * FRI       | 2026-03-13T00:00Z    | 2026-03-20T00:00Z
            0 0 13 * FRI       | 2026-04-10T00:00Z    | 2026-04-13T00:00Z
            0 0 30 2 MON       | 2026-01-01T00:00Z    | 2026-02-02T00:00Z
            0 0 */2 * MON      | 2026-03-01T00:00Z    | 2026-03-09T00:00Z
            0 0 1-31 * MON     | 2026-03-02T12:00Z    | 2026-03-03T00:00Z
            """)
    void shouldGiveTheFirstMatchingMinuteStrictlyAfter(String expression, String after, String expected) {
        assertThat(Cron.parse(expression).next(utc(after))).isEqualTo(utc(expected));
    }

    @Test
    void shouldFireOnFebruary29thOnlyInLeapYears() {
        Cron cron = Cron.parse("0 0 29 2 *");

        assertThat(cron.next(utc("2026-01-01T00:00Z"))).isEqualTo(utc("2028-02-29T00:00Z"));
        assertThat(cron.next(utc("2028-02-29T00:00Z"))).isEqualTo(utc("2032-02-29T00:00Z"));
        assertThat(cron.next(utc("2096-03-01T00:00Z"))).as("2100 is not a leap year").isEqualTo(utc("2104-02-29T00:00Z"));
    }

    @Test
    void shouldSkipMonthsWithoutThe31st() {
        Cron cron = Cron.parse("0 9 31 * *");

        assertThat(cron.next(utc("2026-04-01T00:00Z"))).isEqualTo(utc("2026-05-31T09:00Z"));
        assertThat(cron.next(utc("2026-01-31T09:00Z"))).isEqualTo(utc("2026-03-31T09:00Z"));
        assertThat(Cron.parse("0 0 30 * *").next(utc("2026-02-01T00:00Z"))).isEqualTo(utc("2026-03-30T00:00Z"));
    }

    @Test
    void shouldKeepTheWallClockOfTheZoneItIsGiven() {
        Cron cron = Cron.parse("0 9 * * *");

        assertThat(cron.next(berlin("2026-03-02T12:00+01:00"))).isEqualTo(berlin("2026-03-03T09:00+01:00"));
        assertThat(cron.next(berlin("2026-06-01T12:00+02:00"))).isEqualTo(berlin("2026-06-02T09:00+02:00"));
        assertThat(cron.next(berlin("2026-06-01T12:00+02:00")).getZone()).isEqualTo(BERLIN);
    }

    @Test
    void shouldFireATimeSkippedBySpringForwardAtTheEndOfTheGap() {
        // Berlin, 2026-03-29: at 02:00 CET the clocks jump to 03:00 CEST
        Cron daily = Cron.parse("30 2 * * *");

        ZonedDateTime skipped = daily.next(berlin("2026-03-29T01:00+01:00"));

        assertThat(skipped).isEqualTo(berlin("2026-03-29T03:00+02:00"));
        assertThat(daily.next(skipped)).isEqualTo(berlin("2026-03-30T02:30+02:00"));
    }

    @Test
    void shouldFireOnceForEveryTimeSkippedBySpringForward() {
        Cron everyQuarter = Cron.parse("*/15 2 * * *");
        Cron withThree = Cron.parse("0,30 2,3 * * *");
        Cron hourly = Cron.parse("0 * * * *");

        assertThat(everyQuarter.next(berlin("2026-03-29T00:00+01:00"))).isEqualTo(berlin("2026-03-29T03:00+02:00"));
        assertThat(everyQuarter.next(berlin("2026-03-29T03:00+02:00"))).isEqualTo(berlin("2026-03-30T02:00+02:00"));
        assertThat(withThree.next(berlin("2026-03-29T01:00+01:00"))).isEqualTo(berlin("2026-03-29T03:00+02:00"));
        assertThat(withThree.next(berlin("2026-03-29T03:00+02:00"))).isEqualTo(berlin("2026-03-29T03:30+02:00"));
        assertThat(hourly.next(berlin("2026-03-29T01:30+01:00"))).isEqualTo(berlin("2026-03-29T03:00+02:00"));
        assertThat(hourly.next(berlin("2026-03-29T03:00+02:00"))).isEqualTo(berlin("2026-03-29T04:00+02:00"));
    }

    @Test
    void shouldNotFireTwiceWhenClocksFallBack() {
        // Berlin, 2026-10-25: at 03:00 CEST the clocks go back to 02:00 CET; 02:00-02:59 happens twice
        Cron daily = Cron.parse("30 2 * * *");
        Cron hourly = Cron.parse("0 * * * *");

        ZonedDateTime first = daily.next(berlin("2026-10-25T00:00+02:00"));

        assertThat(first).isEqualTo(berlin("2026-10-25T02:30+02:00"));
        assertThat(daily.next(first)).isEqualTo(berlin("2026-10-26T02:30+01:00"));
        assertThat(hourly.next(berlin("2026-10-25T01:30+02:00"))).isEqualTo(berlin("2026-10-25T02:00+02:00"));
        assertThat(hourly.next(berlin("2026-10-25T02:00+02:00"))).isEqualTo(berlin("2026-10-25T03:00+01:00"));
        assertThat(Cron.parse("*/15 * * * *").next(berlin("2026-10-25T02:10+01:00")))
                .as("from within the repeated hour").isEqualTo(berlin("2026-10-25T03:00+01:00"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            0 25 * * *       | hour 25 is out of range 0-23
            60 * * * *       | minute 60 is out of range 0-59
            0 0 0 * *        | day-of-month 0 is out of range 1-31
            0 0 32 * *       | day-of-month 32 is out of range 1-31
            0 0 * 13 *       | month 13 is out of range 1-12
            0 0 * * 8        | day-of-week 8 is out of range 0-7
            0 0 * *          | expected 5 fields (minute hour day-of-month month day-of-week), got 4
            0 0 * * * *      | expected 5 fields (minute hour day-of-month month day-of-week), got 6
            @daily           | expected 5 fields (minute hour day-of-month month day-of-week), got 1
            x * * * *        | minute x is not a number
            0 0 * FOO *      | month FOO is not a number or a month name (JAN-DEC)
            0 0 * MON *      | month MON is not a number or a month name (JAN-DEC)
            0 0 * * FUN      | day-of-week FUN is not a number or a day name (SUN-SAT)
            0 22-2 * * *     | hour 22-2 runs backwards: write 22-23,0-2
            0 0 * * FRI-MON  | day-of-week FRI-MON runs backwards: write 5-6,0-1
            */0 * * * *      | minute */0 has step 0: a step is at least 1
            */x * * * *      | minute */x has step 'x', not a number
            1,,2 * * * *     | minute 1,,2 has an empty list item
            1-2-3 * * * *    | minute 1-2-3 is not a number, a range such as 1-5 or a step such as */15
            -1 * * * *       | minute -1 is not a number, a range such as 1-5 or a step such as */15
            0 0 30 2 *       | day-of-month 30 never occurs in FEB
            0 0 31 2,4,jun * | day-of-month 31 never occurs in FEB, APR, JUN
            """)
    void shouldRefuseABadExpressionNamingTheFieldAndThePart(String expression, String problem) {
        assertThatThrownBy(() -> Cron.parse(expression))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("cron \"" + expression + "\": " + problem);
    }

    @Test
    void shouldRefuseAnEmptyExpression() {
        assertThatThrownBy(() -> Cron.parse("  "))
                .hasMessage("cron \"\": expected 5 fields (minute hour day-of-month month day-of-week), got 0");
    }

    @Test
    void shouldGiveTheExpressionAsItsText() {
        Cron cron = Cron.parse("  0  8 * *   MON-FRI ");

        assertThat(cron).hasToString("0  8 * *   MON-FRI").isEqualTo(Cron.parse("0  8 * *   MON-FRI"));
        assertThat(cron.next(utc("2026-03-07T00:00Z"))).isEqualTo(utc("2026-03-09T08:00Z"));
    }
}
