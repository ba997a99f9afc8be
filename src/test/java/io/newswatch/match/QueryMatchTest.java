package io.newswatch.match;

import io.newswatch.article.Article;
import io.newswatch.testing.TestData;
import io.newswatch.watchlist.WatchedEntity;
import io.newswatch.watchlist.WatchlistFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** Entities found by a boolean query: what holds where, and which words are reported as hits. */
class QueryMatchTest {

    private static final String ICC_QUERY =
            "(\"International Criminal Court\" OR ICC) AND (warrant OR judges OR court) NOT cricket";

    private static WatchedEntity query(String id, String query) {
        return WatchedEntity.builder(id).query(query).build();
    }

    /** The hits of entity "q" as the words of the body they cover, or "-" if it is not found. */
    private static String hits(String query, String body) {
        return hits(Matcher.compile(List.of(query("q", query))), null, body);
    }

    private static String hits(Matcher matcher, String title, String body) {
        return matcher.match(title, body).stream()
                .filter(m -> m.id().equals("q"))
                .map(m -> String.join(" | ", m.hits().stream().map(Hit::text).toList()))
                .findFirst().orElse("-");
    }

    @ParameterizedTest(name = "{0} on \"{1}\"")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ICC AND warrant                    | The ICC issued a warrant.                    | ICC, warrant
            ICC AND warrant                    | The ICC issued a summons.                    | -
            ICC OR warrant                     | A warrant was issued.                        | warrant
            ICC OR court                       | The ICC is a court.                          | ICC, court
            ICC NOT cricket                    | The ICC met.                                 | ICC
            ICC NOT cricket                    | The ICC cricket council met.                 | -
            ICC -cricket                       | The ICC cricket council met.                 | -
            ICC                                | the icc met                                  | -
            ICC                                | The Icc met                                  | -
            Rosatom                            | the rosatom plant                            | -
            Rosatom                            | the ROSATOM plant                            | ROSATOM
            `"Rosatom"`                        | the Rosatom plant                            | Rosatom
            {ICC}                              | The Icc met                                  | -
            {ICC}                              | The ICC met                                  | ICC
            icc                                | The ICC met                                  | ICC
            `"criminal court"`                 | a Criminal Court ruling                      | Criminal Court
            `"criminal court"`                 | a criminal and a court                       | -
            ICC NEAR/0 judges                  | ICC judges ruled                             | ICC, judges
            ICC NEAR/1 judges                  | ICC said judges ruled                        | ICC, judges
            ICC NEAR/1 judges                  | ICC said the judges ruled                    | -
            ICC NEAR/2 judges                  | judges of the ICC ruled                      | judges, ICC
            ICC ONEAR/2 judges                 | judges of the ICC ruled                      | -
            judges ONEAR/2 ICC                 | judges of the ICC ruled                      | judges, ICC
            ICC NEAR/5f judges                 | judges of the ICC ruled                      | -
            (ICC OR court) NEAR/1 (judges OR warrant) | The court said: warrant. Then, later, far away, the ICC spoke to judges | court, warrant
            court NEAR/3 court                 | a court                                      | -
            court NEAR/3 court                 | a court and a court                          | court, court
            `ICC AND ("arrest warrant" OR judges)` | ICC seeks an arrest warrant              | ICC, arrest warrant
            `ICC AND NOT (cricket OR bowler)`  | The ICC bowler                               | -
            """)
    void holdsWhereItShould(String query, String body, String expected) {
        assertThat(hits(query, body)).isEqualTo(expected.replace(", ", " | "));
    }

    @Test
    void fieldsLimitATermToTheTitleOrTheBody() {
        Matcher m = Matcher.compile(List.of(query("q", "title:Rosatom AND body:reactor")));
        assertThat(hits(m, "Rosatom builds", "A reactor in Myanmar")).isEqualTo("Rosatom | reactor");
        assertThat(hits(m, "A reactor", "Rosatom builds it")).isEqualTo("-");
        assertThat(hits(m, null, "Rosatom builds a reactor")).isEqualTo("-");
    }

    @Test
    void sourceAndLanguageAreTheArticles() {
        Matcher m = Matcher.compile(List.of(query("q", "Rosatom AND (source:reuters.com OR source:tass) AND lang:en")));
        assertThat(found(m, article("https://www.reuters.com/world/x", null, "en-GB"))).isTrue();
        assertThat(found(m, article("https://example.org/x", "TASS", "en"))).isTrue();
        assertThat(found(m, article("https://notreuters.com/x", null, "en"))).isFalse();
        assertThat(found(m, article("https://www.reuters.com/x", null, "de"))).isFalse();
        assertThat(found(m, article(null, null, null))).isFalse();
        // without an article's properties (title and body only) source: and lang: never hold
        assertThat(hits(m, null, "Rosatom builds")).isEqualTo("-");
    }

    private static Article article(String url, String source, String lang) {
        return new Article("a1", url, source, "Rosatom builds", "A reactor in Myanmar.", lang, null);
    }

    private static boolean found(Matcher m, Article a) {
        return m.match(a).stream().anyMatch(x -> x.id().equals("q"));
    }

    @Test
    void anEntityReferenceHoldsWhereThatEntityIsFoundWithItsOwnRules() {
        WatchedEntity icc = WatchedEntity.builder("icc").aliases("ICC").exclude("cricket").build();
        WatchedEntity myanmar = WatchedEntity.of("myanmar", "Myanmar", "Myanmar", "Burma");
        Matcher m = Matcher.compile(List.of(icc, myanmar, query("q", "@icc AND @myanmar")));
        assertThat(hits(m, null, "The ICC and Burma.")).isEqualTo("ICC | Burma");
        assertThat(hits(m, null, "The ICC cricket team in Burma.")).isEqualTo("-");
        assertThat(hits(m, null, "Burma alone.")).isEqualTo("-");
        // the entity referred to may come later: references are resolved at match time
        Matcher later = Matcher.compile(List.of(query("q", "@icc2 AND Burma")));
        assertThat(hits(later, null, "The ICC and Burma.")).isEqualTo("-");
        assertThat(hits(later.with(WatchedEntity.of("icc2", "ICC", "ICC")), null, "The ICC and Burma.")).isEqualTo("ICC | Burma");
    }

    @Test
    void entitiesReferringToEachOtherAreNotFoundThroughEachOther() {
        Matcher m = Matcher.compile(List.of(query("q", "@r AND court"), query("r", "@q AND court")));
        assertThat(m.match(null, "a court")).isEmpty();
    }

    @Test
    void aQueryBesideAliasesRefinesThem() {
        WatchedEntity refined = WatchedEntity.builder("q").aliases("ICC").query("warrant OR judges").build();
        Matcher m = Matcher.compile(List.of(refined));
        assertThat(hits(m, null, "The ICC issued a warrant.")).isEqualTo("ICC");
        assertThat(hits(m, null, "The ICC met.")).isEqualTo("-");
        assertThat(hits(m, null, "A warrant.")).isEqualTo("-");
    }

    @Test
    void replacingOrRemovingAQueryEntityTakesItsWordsOut() {
        Matcher m = Matcher.compile(List.of(query("q", "Rosatom AND reactor")));
        assertThat(hits(m, null, "Rosatom reactor")).isEqualTo("Rosatom | reactor");
        Matcher replaced = m.with(query("q", "Gazprom AND pipeline"));
        assertThat(hits(replaced, null, "Rosatom reactor")).isEqualTo("-");
        assertThat(hits(replaced, null, "Gazprom pipeline")).isEqualTo("Gazprom | pipeline");
        assertThat(m.without("q").match(null, "Rosatom reactor")).isEmpty();
        assertThat(hits(m, null, "Rosatom reactor")).as("the old version is untouched").isEqualTo("Rosatom | reactor");
    }

    @Test
    void iccQueryFindsTheSeedArticleAndNotACricketReport() {
        List<WatchedEntity> watchlist = new ArrayList<>(WatchlistFiles.starter());
        watchlist.removeIf(e -> e.id().equals("icc"));
        watchlist.add(WatchedEntity.builder("icc").name("International Criminal Court").query(ICC_QUERY).build());
        Matcher m = Matcher.compile(watchlist);

        String seed = TestData.read("seed/myanmar-putin.txt");
        List<Hit> seedHits = m.match(null, seed).stream().filter(x -> x.id().equals("icc")).findFirst().orElseThrow().hits();
        assertThat(seedHits).extracting(Hit::text).contains("ICC", "judges");

        String cricket = "The ICC confirmed the schedule of the cricket World Cup; the court of arbitration "
                + "for sport was not involved, and the judges of the bowling contest praised the pitch.";
        assertThat(m.match(null, cricket)).noneMatch(x -> x.id().equals("icc"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ICC AND (said OR court)                 | ICC
            (said OR court) AND ICC                 | ICC
            `"Criminal Court" AND ICC`              | Criminal Court
            ICC OR Myanmar                          | ICC, Myanmar
            said NEAR/5 Rosatom                     | Rosatom
            said AND NOT Rosatom                    | said
            `(ICC OR "Criminal Court") AND said`    | ICC, Criminal Court
            """)
    void anArticleIsLookedAtOnlyWhereTheMostSpecificPartOfAnAndOccurs(String query, String anchors) {
        Index index = new Index();
        index.add(query("q", query));
        QueryPlan plan = index.entries[0].query();
        java.util.Set<String> words = new java.util.TreeSet<>();
        for (int node : plan.triggers) {
            collect(plan.root, node, words);
        }
        assertThat(words).containsExactlyInAnyOrder(anchors.split(", "));
    }

    private static void collect(QueryPlan.Node n, int node, java.util.Set<String> out) {
        if (n instanceof QueryPlan.Term t && t.node() == node) {
            out.add(t.text());
        } else if (n instanceof QueryPlan.All a) {
            for (QueryPlan.Node c : a.children()) {
                collect(c, node, out);
            }
        } else if (n instanceof QueryPlan.Any a) {
            for (QueryPlan.Node c : a.children()) {
                collect(c, node, out);
            }
        } else if (n instanceof QueryPlan.Not x) {
            collect(x.child(), node, out);
        } else if (n instanceof QueryPlan.Near x) {
            collect(x.left(), node, out);
            collect(x.right(), node, out);
        }
    }
}
