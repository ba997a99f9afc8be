package io.newswatch.match;

import io.newswatch.testing.TestData;
import io.newswatch.watchlist.WatchlistFiles;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The starter watchlist on the seed article, a machine-paraphrased ("spun") wire story about
 * Myanmar's junta chief in Moscow: curly apostrophes, "International Wrongdoer Court" for the
 * International Criminal Court, "Minutes Aung Hlaing" for Min Aung Hlaing.
 */
class SeedArticleTest {

    private static String body;
    private static Map<String, EntityMentions> found;

    @BeforeAll
    static void matchSeed() {
        body = TestData.read("seed/myanmar-putin.txt");
        List<EntityMentions> result = Matcher.compile(WatchlistFiles.starter()).match(null, body);
        found = result.stream().collect(Collectors.toMap(EntityMentions::id, Function.identity()));
    }

    @Test
    void shouldFindMyanmarExactlyTenTimesFourWithCurlyPossessive() {
        List<Hit> hits = found.get("myanmar").hits();

        assertThat(hits).hasSize(10);
        assertThat(hits).extracting(Hit::text).containsOnly("Myanmar");
        long curlyPossessives = hits.stream()
                .filter(h -> body.startsWith("\u2019s", h.end()))
                .count();
        assertThat(curlyPossessives).isEqualTo(4);
        assertThat(hits).extracting(Hit::field).containsOnly(Hit.Field.BODY);
    }

    @Test
    void shouldFindRosatomOnce() {
        List<Hit> hits = found.get("rosatom").hits();

        assertThat(hits).hasSize(1);
        Hit h = hits.get(0);
        assertThat(h.text()).isEqualTo("Rosatom");
        assertThat(h.start()).isEqualTo(body.indexOf("Rosatom, Russia"));
    }

    @Test
    void shouldFindIccJudgesExactlyAndTwoParaphrasesAsApproximate() {
        List<Hit> hits = found.get("icc").hits();

        assertThat(hits).extracting(Hit::text, Hit::approximate).containsExactly(
                org.assertj.core.api.Assertions.tuple("worldwide criminal court", true),
                org.assertj.core.api.Assertions.tuple("International Wrongdoer Court", true),
                org.assertj.core.api.Assertions.tuple("ICC", false));
        Hit icc = hits.get(2);
        assertThat(body.substring(icc.start(), icc.start() + "ICC judges".length())).isEqualTo("ICC judges");
        assertThat(icc.start()).isEqualTo(body.indexOf("ICC judges"));
        assertThat(hits.get(0).alias()).isEqualTo("International Criminal Court");
        assertThat(hits.get(1).alias()).isEqualTo("International Criminal Court");
        assertThat(hits.get(1).start()).isEqualTo(body.indexOf("International Wrongdoer Court"));
    }

    @Test
    void shouldFindMinutesAungHlaingAsApproximateMinAungHlaing() {
        List<Hit> hits = found.get("min-aung-hlaing").hits();

        Hit minutes = hits.get(0);
        assertThat(minutes.text()).isEqualTo("Minutes Aung Hlaing");
        assertThat(minutes.alias()).isEqualTo("Min Aung Hlaing");
        assertThat(minutes.approximate()).isTrue();
        assertThat(minutes.start()).isEqualTo(body.indexOf("Minutes Aung Hlaing"));
        assertThat(hits).filteredOn(h -> !h.approximate()).extracting(Hit::text).containsOnly("General Hlaing");
        assertThat(hits).hasSize(1 + countOf("General Hlaing"));
    }

    @Test
    void shouldReportOffsetsThatPointAtTheOriginalText() {
        for (EntityMentions m : found.values()) {
            for (Hit h : m.hits()) {
                assertThat(body.substring(h.start(), h.end())).as(m.id() + " " + h).isEqualTo(h.text());
                assertThat(h.snippet()).as("snippet of " + h).contains(h.text());
            }
        }
        assertThat(found.get("myanmar").hits().get(0).start()).isEqualTo(body.indexOf("Myanmar junta chief"));
    }

    @Test
    void shouldFindTheRestOfTheStarterWorld() {
        assertThat(found).containsKeys("putin", "russia", "kremlin", "moscow", "aung-san-suu-kyi", "united-nations");
        assertThat(found.get("putin").hits()).extracting(Hit::text).startsWith("Vladimir Putin");
        // "Russian president", "Russian-made": the adjective is another word
        assertThat(found.get("russia").hits()).extracting(Hit::text).containsOnly("Russia");
        assertThat(found).doesNotContainKey("rohingya");
    }

    private static int countOf(String s) {
        int n = 0;
        for (int i = body.indexOf(s); i >= 0; i = body.indexOf(s, i + 1)) {
            n++;
        }
        return n;
    }
}
