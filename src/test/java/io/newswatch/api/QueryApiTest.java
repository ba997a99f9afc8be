package io.newswatch.api;

import io.newswatch.monitor.StateQueries.HourCount;
import io.newswatch.watchlist.WatchedEntity;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The query API's own logic: count series, range checks, entity bodies. */
class QueryApiTest {

    private static final Instant T0 = Instant.parse("2026-12-01T00:00:00Z");
    private static final Duration HISTORY = Duration.ofDays(30);

    @Test
    void shouldSumHoursIntoStepsWithZerosWhereNothingWasCounted() {
        List<HourCount> hours = List.of(new HourCount(T0, 2, 1), new HourCount(T0.plusSeconds(3600), 3, 3),
                new HourCount(T0.plusSeconds(5 * 3600), 1, 1));

        List<CountSeries.Point> bySixHours = CountSeries.of(hours, T0, T0.plus(Duration.ofHours(12)), Duration.ofHours(6));
        List<CountSeries.Point> byHour = CountSeries.of(hours, T0.plusSeconds(1800), T0.plus(Duration.ofHours(3)), Duration.ofHours(1));

        assertThat(bySixHours).containsExactly(new CountSeries.Point(T0, 6, 5),
                new CountSeries.Point(T0.plus(Duration.ofHours(6)), 0, 0));
        assertThat(byHour).as("steps start at a multiple of the step").extracting(CountSeries.Point::articles).containsExactly(2L, 3L, 0L);
    }

    @Test
    void shouldNameWhatIsWrongWithARange() {
        assertThatThrownBy(() -> CountSeries.check(T0, T0, Duration.ofHours(1), HISTORY)).hasMessageContaining("must be before to");
        assertThatThrownBy(() -> CountSeries.check(T0, T0.plusSeconds(7200), Duration.ofMinutes(90), HISTORY))
                .hasMessageContaining("whole number of hours");
        assertThatThrownBy(() -> CountSeries.check(T0, T0.plus(Duration.ofDays(60)), Duration.ofDays(1), HISTORY))
                .hasMessageContaining("30 days of history");
        assertThatThrownBy(() -> CountSeries.check(T0, T0.plus(Duration.ofDays(365 * 2)), Duration.ofHours(1), Duration.ofDays(1000)))
                .hasMessageContaining("more than 5000 steps");
        CountSeries.check(T0, T0.plus(HISTORY), Duration.ofHours(1), HISTORY);
    }

    @Test
    void shouldReadAnEntityBodyByTheRulesOfWatchlistAdd() {
        WatchedEntity e = QueryApi.parse("rohingya", bytes("{\"name\":\"Rohingya\",\"aliases\":[\"Rohingya\"]}"), Set.of());
        assertThat(e.id()).isEqualTo("rohingya");

        assertThatThrownBy(() -> QueryApi.parse("rohingya", bytes("{\"id\":\"other\",\"aliases\":[\"X Y\"]}"), Set.of()))
                .hasMessage("the body's id 'other' is not the path's 'rohingya'");
        assertThatThrownBy(() -> QueryApi.parse("rohingya", bytes("[1]"), Set.of())).hasMessageContaining("must be a JSON object");
        assertThatThrownBy(() -> QueryApi.parse("rohingya", bytes("{\"aliases\":"), Set.of())).hasMessageStartingWith("the body is not valid JSON");
        assertThatThrownBy(() -> QueryApi.parse("rohingya", bytes("{\"aliases\":[\"R\"]}"), Set.of()))
                .isInstanceOfSatisfying(Http.Refused.class, r -> {
                    assertThat(r.status).isEqualTo(400);
                    assertThat(r.getMessage()).startsWith("invalid entity: entity 'rohingya': aliases[0]");
                    assertThat((List<?>) r.extra.get("problems")).singleElement().asString().startsWith("aliases[0]");
                });
        assertThatThrownBy(() -> QueryApi.parse("rohingya", bytes("{\"aliases\":[\"Rohingya\"],\"alerts\":{\"topic\":\"news.mentions\"}}"),
                Set.of("news.mentions"))).hasMessageContaining("alerts.topic");
    }

    @Test
    void shouldReadASilenceByTheRulesOfSilenceAdd() {
        io.newswatch.notify.Silence s = QueryApi.silence(bytes("{\"entityId\":\"myanmar\",\"for\":\"4h\",\"comment\":\"known story\"}"), T0);
        assertThat(s.entityId()).isEqualTo("myanmar");
        assertThat(s.endsAt()).isEqualTo(T0.plus(Duration.ofHours(4)));
        assertThat(s.id()).matches("s-[0-9a-f]{8}");

        assertThatThrownBy(() -> QueryApi.silence(bytes("{\"for\":\"4h\",\"comment\":\"c\"}"), T0)).hasMessageContaining("at least one matcher");
        assertThatThrownBy(() -> QueryApi.silence(bytes("{\"kind\":\"MENTION\",\"comment\":\"c\"}"), T0)).hasMessageContaining("give how long");
        assertThatThrownBy(() -> QueryApi.silence(bytes("{\"kind\":\"MENTION\",\"for\":\"4h\",\"until\":\"2027-01-01T00:00:00Z\",\"comment\":\"c\"}"), T0))
                .hasMessageContaining("one of them");
        assertThatThrownBy(() -> QueryApi.silence(bytes("{\"kind\":\"MENTION\",\"until\":\"2020-01-01T00:00:00Z\",\"comment\":\"c\"}"), T0))
                .hasMessageContaining("in the past");
        assertThatThrownBy(() -> QueryApi.silence(bytes("{\"kind\":\"SOMETIMES\",\"for\":\"4h\",\"comment\":\"c\"}"), T0))
                .hasMessageContaining("parameter kind must be one of");
        assertThatThrownBy(() -> QueryApi.silence(bytes("{\"tag\":\"asia\",\"for\":\"4h\"}"), T0)).hasMessageContaining("give a comment");
    }

    @Test
    void shouldPageLists() {
        List<Integer> items = java.util.stream.IntStream.range(0, 25).boxed().toList();
        assertThat(QueryApi.slice(items, query("offset=10&limit=5"))).containsExactly(10, 11, 12, 13, 14);
        assertThat(QueryApi.slice(items, query("offset=20&limit=10"))).containsExactly(20, 21, 22, 23, 24);
        assertThat(QueryApi.slice(items, query("offset=30"))).isEmpty();
        assertThat(QueryApi.slice(items, query(""))).hasSize(25);
        assertThatThrownBy(() -> QueryApi.slice(items, query("limit=0"))).hasMessage("parameter limit must be between 1 and 1000, got 0");
        assertThatThrownBy(() -> QueryApi.slice(items, query("offset=x"))).hasMessage("parameter offset must be a whole number, got 'x'");
    }

    private static org.eclipse.jetty.util.Fields query(String raw) {
        org.eclipse.jetty.util.Fields fields = new org.eclipse.jetty.util.Fields();
        org.eclipse.jetty.util.UrlEncoded.decodeUtf8To(raw, fields);
        return fields;
    }

    @Test
    void shouldEscapeWhatItWritesIntoPages() {
        assertThat(Http.html("<script>alert('x')</script> & \"q\"")).isEqualTo("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;q&quot;");
        assertThat(Http.shorten("a\nb" + "c".repeat(60))).doesNotContain("\n").hasSize(40);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
