package io.newswatch.match;

import io.newswatch.watchlist.Alias;
import io.newswatch.watchlist.WatchedEntity;
import io.newswatch.watchlist.WatchlistFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/** Hits inside hyphenated compounds, and context and exclude rules given per alias. */
class CompoundsAndAliasRulesTest {

    private static final WatchedEntity US = WatchedEntity.of("us", "United States", "U.S.", "United States");
    private static final WatchedEntity NATO = WatchedEntity.of("nato", "NATO", "NATO");
    private static final WatchedEntity LONDON = WatchedEntity.of("london", "London", "London");

    @ParameterizedTest(name = "\"{0}\": {1} compound={2}")
    @CsvSource(delimiter = '|', textBlock = """
            the U.S.-led coalition          | U.S.   | true
            a NATO-led mission              | NATO   | true
            a London-based firm             | London | true
            a pro-NATO rally                | NATO   | true
            the U.S. led the coalition      | U.S.   | false
            NATO - the alliance - met       | NATO   | false
            London, Paris and Rome          | London | false
            in London-                      | London | false
            NATO’s mission                  | NATO   | false
            """)
    void hitsInCompoundsAreFoundAndFlagged(String text, String hit, boolean compound) {
        Matcher m = Matcher.compile(List.of(US, NATO, LONDON));

        List<Hit> hits = m.match(null, text).get(0).hits();

        assertThat(hits).extracting(Hit::text, Hit::compound).containsExactly(tuple(hit, compound));
    }

    @Test
    void anEntityMayCountOnlyStandaloneNames() {
        WatchedEntity standalone = NATO.toBuilder().compounds(false).build();
        Matcher m = Matcher.compile(List.of(standalone));

        assertThat(m.match(null, "a NATO-led mission")).isEmpty();
        assertThat(m.match(null, "a pro-NATO rally")).isEmpty();
        assertThat(m.match(null, "NATO led the mission")).hasSize(1);
        assertThat(m.match(null, "NATO-led, then NATO alone")).singleElement()
                .satisfies(e -> assertThat(e.hits()).extracting(Hit::start).containsExactly(15));
    }

    /** The case: "exclude: cricket" meant for ICC must not veto the court's full name. */
    private static final WatchedEntity ICC = WatchedEntity.builder("icc").name("International Criminal Court")
            .alias(Alias.of("ICC").withRules(List.of("court", "judges", "Hague"), List.of("cricket", "wicket")))
            .alias("International Criminal Court")
            .build();

    @Test
    void rulesOfAnAliasApplyToItsHitsOnly() {
        Matcher m = Matcher.compile(List.of(ICC));
        String cricket = "The ICC cricket council met. " + "Filler words here. ".repeat(8)
                + "The International Criminal Court issued a warrant.";

        assertThat(texts(m, cricket)).containsExactly("International Criminal Court");
        assertThat(texts(m, "ICC judges issued a warrant.")).containsExactly("ICC");
        assertThat(texts(m, "The ICC said so.")).isEmpty(); // no context term near the short form
        assertThat(texts(m, "The International Criminal Court said so.")).containsExactly("International Criminal Court");
    }

    @Test
    void anAliasWithRulesReplacesTheEntitysRulesOfThatKind() {
        WatchedEntity e = WatchedEntity.builder("icc")
                .alias(Alias.of("ICC").withRules(null, List.of("cricket")))
                .alias("International Criminal Court")
                .context("court", "judges")
                .exclude("football")
                .build();
        Matcher m = Matcher.compile(List.of(e));

        // ICC: the entity's context, its own exclude (football does not veto it, cricket does)
        assertThat(texts(m, "ICC judges at the football match")).containsExactly("ICC");
        assertThat(texts(m, "ICC judges at the cricket match")).isEmpty();
        assertThat(texts(m, "ICC at the match")).isEmpty();
        // the full name: the entity's rules
        assertThat(texts(m, "International Criminal Court judges at the football match")).isEmpty();
        // an empty list frees the alias of the entity's rule
        WatchedEntity free = e.toBuilder().clearAliases().alias("ICC")
                .alias(Alias.of("International Criminal Court").withRules(List.of(), List.of())).build();
        assertThat(texts(Matcher.compile(List.of(free)), "The International Criminal Court at the football match"))
                .containsExactly("International Criminal Court");
    }

    @Test
    void aliasRulesAndEntitySwitchesAreReadAndWrittenInWatchlistFiles() {
        String yaml = """
                - id: icc
                  approximate: true
                  compounds: false
                  aliases:
                    - text: ICC
                      context: [court, judges]
                      exclude: [cricket]
                    - International Criminal Court
                """;
        WatchedEntity e = WatchlistFiles.read(yaml.getBytes(java.nio.charset.StandardCharsets.UTF_8),
                WatchlistFiles.Format.YAML, "test.yaml").get(0);

        assertThat(e.approximate()).isTrue();
        assertThat(e.compounds()).isFalse();
        assertThat(e.aliases().get(0).context()).containsExactly("court", "judges");
        assertThat(e.aliases().get(0).exclude()).containsExactly("cricket");
        assertThat(e.aliases().get(1).context()).isNull();
        assertThat(WatchlistFiles.parse(WatchlistFiles.toJson(e))).isEqualTo(e);
    }

    private static List<String> texts(Matcher m, String body) {
        return m.match(null, body).stream().flatMap(x -> x.hits().stream()).map(Hit::text).toList();
    }
}
