package io.newswatch.notify;

import io.newswatch.alert.Alert;
import io.newswatch.kafka.JsonSerde;
import io.newswatch.watchlist.AlertKind;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SilenceTest {

    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant END = Instant.parse("2026-03-01T14:00:00Z");
    private static final Instant DURING = Instant.parse("2026-03-01T12:00:00Z");
    private static final JsonSerde<Silence> SERDE = JsonSerde.of(Silence.class);

    /** A silence from 10:00 to 14:00 with these matchers ("-" for none). */
    private static Silence silence(String id, String entity, String tag, String kind) {
        return new Silence(id, none(entity), none(tag), none(kind) == null ? null : AlertKind.valueOf(kind), START, END,
                "hearing today", "alice", START);
    }

    private static String none(String s) {
        return s == null || s.equals("-") ? null : s;
    }

    /** An alert about {@code entity} (and {@code coEntity}, "-" for none) of {@code kind}, its entity tagged {@code tags}. */
    private static Alert alert(String kind, String entity, String coEntity, String... tags) {
        return new Alert("a-1", AlertKind.valueOf(kind), entity, entity, none(coEntity), none(coEntity), DURING, DURING, 1,
                List.of("Reuters"), null, null, List.of(), List.of(tags), 1, null, 0, List.of());
    }

    @ParameterizedTest(name = "silence {0}/{1}/{2} vs {3} alert on {4}+{5} tagged {6}: {7}")
    @CsvSource(delimiter = '|', textBlock = """
            # entity | tag  | kind       | alert kind | entity | co-entity | tags       | matches
            icc      | -    | -          | MENTION    | icc    | -         | -          | true
            icc      | -    | -          | SPIKE      | icc    | -         | justice    | true
            icc      | -    | -          | MENTION    | un     | -         | -          | false
            icc      | -    | -          | CO_MENTION | un     | icc       | -          | true
            icc      | -    | -          | CO_MENTION | un     | who       | -          | false
            -        | asia | -          | MENTION    | un     | -         | asia       | true
            -        | asia | -          | MENTION    | un     | -         | europe;asia | true
            -        | asia | -          | MENTION    | un     | -         | Asia       | false
            -        | asia | -          | MENTION    | un     | -         | -          | false
            -        | -    | SPIKE      | SPIKE      | un     | -         | -          | true
            -        | -    | SPIKE      | MENTION    | un     | -         | -          | false
            icc      | -    | SPIKE      | SPIKE      | icc    | -         | -          | true
            icc      | -    | SPIKE      | MENTION    | icc    | -         | -          | false
            icc      | -    | SPIKE      | SPIKE      | un     | -         | -          | false
            icc      | law  | MENTION    | MENTION    | icc    | -         | law        | true
            icc      | law  | MENTION    | MENTION    | icc    | -         | -          | false
            -        | law  | CO_MENTION | CO_MENTION | un     | icc       | law        | true
            """)
    void shouldMatchWhenEveryMatcherThatIsSetHolds(String entity, String tag, String kind, String alertKind, String alertEntity,
                                                   String coEntity, String tags, boolean matches) {
        Silence silence = silence("s-1", entity, tag, kind);
        Alert alert = alert(alertKind, alertEntity, coEntity, tags.equals("-") ? new String[0] : tags.split(";"));

        assertThat(silence.matches(alert)).isEqualTo(matches);
    }

    @ParameterizedTest(name = "at {0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            2026-03-01T09:59:59.999Z | false
            2026-03-01T10:00:00Z     | true
            2026-03-01T12:00:00Z     | true
            2026-03-01T13:59:59.999Z | true
            2026-03-01T14:00:00Z     | false
            2026-03-02T00:00:00Z     | false
            """)
    void shouldBeActiveFromItsStartUntilJustBeforeItsEnd(Instant t, boolean active) {
        assertThat(silence("s-1", "icc", "-", "-").activeAt(t)).isEqualTo(active);
    }

    @Test
    void shouldEndAtOnceWhenExpiredAndNeverStartWhenExpiredEarly() {
        Silence running = silence("s-1", "icc", "-", "-");

        Silence expired = running.expiredAt(DURING);
        Silence notStarted = running.expiredAt(Instant.parse("2026-03-01T09:00:00Z"));

        assertThat(expired.endsAt()).isEqualTo(DURING);
        assertThat(expired.startsAt()).isEqualTo(START);
        assertThat(expired.activeAt(DURING)).isFalse();
        assertThat(notStarted.startsAt()).isEqualTo(notStarted.endsAt()).isEqualTo(Instant.parse("2026-03-01T09:00:00Z"));
        assertThat(notStarted.activeAt(START)).isFalse();
    }

    @Test
    void shouldRoundTripThroughJson() {
        Silence full = new Silence("s-1f2e3d4c", "icc", "justice", AlertKind.SPIKE, START, END, "hearing today", "alice", START);
        Silence minimal = new Silence("s-2", null, null, AlertKind.MENTION, START, END, "too many", null, null);

        byte[] json = SERDE.serialize("news.silences", full);

        assertThat(new String(json, StandardCharsets.UTF_8)).isEqualTo("{\"id\":\"s-1f2e3d4c\",\"entityId\":\"icc\",\"tag\":\"justice\","
                + "\"kind\":\"SPIKE\",\"startsAt\":\"2026-03-01T10:00:00Z\",\"endsAt\":\"2026-03-01T14:00:00Z\","
                + "\"comment\":\"hearing today\",\"createdBy\":\"alice\",\"createdAt\":\"2026-03-01T10:00:00Z\"}");
        assertThat(SERDE.deserialize("news.silences", json)).isEqualTo(full);
        assertThat(SERDE.deserialize("news.silences", SERDE.serialize("news.silences", minimal))).isEqualTo(minimal);
    }

    @Test
    void shouldRefuseJsonThatIsNotASilenceWithoutQuotingIt() {
        String noMatcher = "{\"id\":\"s-1\",\"startsAt\":\"2026-03-01T10:00:00Z\",\"endsAt\":\"2026-03-01T14:00:00Z\",\"comment\":\"secret-1234\"}";
        String badKind = "{\"id\":\"s-1\",\"kind\":\"secret-1234\",\"startsAt\":\"2026-03-01T10:00:00Z\",\"endsAt\":\"2026-03-01T14:00:00Z\","
                + "\"comment\":\"x\"}";
        String noEnd = "{\"id\":\"s-1\",\"kind\":\"SPIKE\",\"startsAt\":\"2026-03-01T10:00:00Z\",\"comment\":\"secret-1234\"}";

        assertThatThrownBy(() -> SERDE.deserialize("t", noMatcher.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessage("not a valid Silence: a silence needs at least one matcher: entityId, tag or kind");
        assertThatThrownBy(() -> SERDE.deserialize("t", badKind.getBytes(StandardCharsets.UTF_8)))
                .hasMessage("not a valid Silence: field kind: must be one of MENTION, THRESHOLD, SPIKE, CO_MENTION, SPREAD");
        assertThatThrownBy(() -> SERDE.deserialize("t", noEnd.getBytes(StandardCharsets.UTF_8)))
                .hasMessage("not a valid Silence: field endsAt: missing");
    }

    @Test
    void shouldRefuseASilenceWithoutMatcherOrWithItsEndBeforeItsStart() {
        assertThatThrownBy(() -> new Silence("s-1", null, null, null, START, END, "c", null, null))
                .hasMessage("a silence needs at least one matcher: entityId, tag or kind");
        assertThatThrownBy(() -> new Silence("s-1", " ", null, null, START, END, "c", null, null))
                .hasMessage("entityId is blank");
        assertThatThrownBy(() -> new Silence("s-1", "icc", null, null, END, START, "c", null, null))
                .hasMessage("endsAt is before startsAt");
        assertThatThrownBy(() -> new Silence("s-1", "icc", null, null, START, END, "  ", null, null))
                .hasMessage("comment is blank");
        assertThatThrownBy(() -> new Silence("s-1", null, "t".repeat(65), null, START, END, "c", null, null))
                .hasMessage("tag: 65 characters, at most 64");
    }

    @Test
    void shouldDescribeItsMatchersInOneOrder() {
        assertThat(silence("s-1", "icc", "law", "SPIKE").describeMatchers()).isEqualTo("entity=icc tag=law kind=SPIKE");
        assertThat(silence("s-1", "-", "law", "-").describeMatchers()).isEqualTo("tag=law");
    }

    @Test
    void shouldAnswerWithAnActiveMatchingSilenceOnly() {
        Silence entity = silence("s-entity", "icc", "-", "-");
        Silence kind = new Silence("s-kind", null, null, AlertKind.SPIKE, START, END.plusSeconds(3600), "spiky", null, null);
        Silence later = new Silence("s-later", "un", null, null, END, END.plusSeconds(3600), "later", null, null);
        Silences silences = Silences.of(List.of(entity, kind, later));

        assertThat(silences.silencing(alert("MENTION", "icc", "-"), DURING)).contains(entity);
        assertThat(silences.silencing(alert("SPIKE", "icc", "-"), DURING)).as("the longest of two").contains(kind);
        assertThat(silences.silencing(alert("MENTION", "who", "-"), DURING)).isEmpty();
        assertThat(silences.silencing(alert("MENTION", "un", "-"), DURING)).as("not started").isEqualTo(Optional.empty());
        assertThat(silences.silencing(alert("MENTION", "un", "-"), END)).contains(later);
        assertThat(silences.all()).extracting(Silence::id).containsExactly("s-entity", "s-kind", "s-later");
    }
}
