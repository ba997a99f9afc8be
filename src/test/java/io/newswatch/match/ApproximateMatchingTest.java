package io.newswatch.match;

import io.newswatch.watchlist.Alias;
import io.newswatch.watchlist.WatchedEntity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

/**
 * Approximate aliases: paraphrased words are found ("International Wrongdoer Court"), other
 * entities' names are not ("President Mahmoud Abbas" is no approximate "President Mahmoud
 * Ahmadinejad").
 */
class ApproximateMatchingTest {

    private static WatchedEntity approximate(String id, String alias) {
        return WatchedEntity.builder(id).alias(Alias.approximate(alias)).build();
    }

    /** The approximate hits of a watchlist of one approximate alias, as "text ≈ alias". */
    private static List<String> approximateHits(String alias, String text) {
        List<String> out = new ArrayList<>();
        for (EntityMentions m : Matcher.compile(List.of(approximate("x", alias))).match(null, text)) {
            m.hits().stream().filter(Hit::approximate).forEach(h -> out.add(h.text()));
        }
        return out;
    }

    @ParameterizedTest(name = "{0} in \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            International Criminal Court | The International Wrongdoer Court ruled.      | International Wrongdoer Court
            International Criminal Court | a Worldwide Criminal Court said               | Worldwide Criminal Court
            International Criminal Court | The International Criminal Courts of the past | International Criminal Courts
            International Criminal Court | The International Wrongdoer Tribunal ruled.   | International Wrongdoer Tribunal
            Min Aung Hlaing              | Senior General Minutes Aung Hlaing arrived.   | Minutes Aung Hlaing
            Supreme Court                | The Supreme Tribunal ruled.                   | Supreme Tribunal
            National Unity Government    | the National Unity Authorities said           | National Unity Authorities
            United Nations               | the Joined Nations said                       | Joined Nations
            Democratic Party             | the Democratic Political party said           | Democratic Political party
            New York                     | flights to New House of York today            | New House of York
            Kamala Harris                | Senator Kamala Sir Arthur Travers Harris said | Kamala Sir Arthur Travers Harris
            Nizhny Novgorod Stadium      | at the Nizhny Novgorod Sports stadiums        | Nizhny Novgorod Sports stadiums
            """)
    void paraphrasesAreFound(String alias, String text, String hit) {
        assertThat(approximateHits(alias, text)).containsExactly(hit);
    }

    @ParameterizedTest(name = "{0} not in \"{1}\"")
    @CsvSource(delimiter = '|', textBlock = """
            President Mahmoud Ahmadinejad | President Mahmoud Abbas spoke.
            President Mahmoud Abbas       | President Mahmoud Ahmadinejad spoke.
            U.S. Defense Department       | the U.S. State Department said
            New York City                 | the New York Times reported
            World Health Organization     | the World Trade Organization ruled
            Gulf of Aden                  | in the Gulf of Mexico
            President Raul Castro         | President Fidel Castro spoke.
            Central News Agency           | the Central Intelligence Agency said
            United States                 | the United Nations said
            International Criminal Court  | The International Banana Court ruled.
            International Criminal Court  | The Worldwide Wrongdoer Tribunal ruled.
            International Criminal Court  | The International 42 Court ruled.
            Supreme Court                 | the supreme tribunal ruled
            Supreme Court                 | the Supreme, Tribunal of it
            Democratic Party              | the Democratic Political, party said
            New York                      | flights to New House of Lancaster today
            Kamala Harris                 | Senator Kamala Frank Sinatra said
            """)
    void otherNamesAndOtherWordsAreNot(String alias, String text) {
        assertThat(approximateHits(alias, text)).isEmpty();
    }

    @Test
    void theCaseRuleOfTheAliasHoldsForParaphrasesToo() {
        WatchedEntity smart = approximate("icc", "International Criminal Court");
        WatchedEntity insensitive = WatchedEntity.builder("icc")
                .alias(new Alias("International Criminal Court", io.newswatch.watchlist.CaseMode.INSENSITIVE, true)).build();

        assertThat(ids(Matcher.compile(List.of(smart)), "a worldwide criminal court said")).isEmpty();
        assertThat(ids(Matcher.compile(List.of(insensitive)), "a worldwide criminal court said")).containsExactly("icc");
    }

    @Test
    void anExactHitOfAnotherEntityWinsOverAnApproximateOne() {
        WatchedEntity court = approximate("supreme-court", "Supreme Court");
        WatchedEntity tribunal = WatchedEntity.of("supreme-tribunal", "Supreme Tribunal", "Supreme Tribunal");

        assertThat(ids(Matcher.compile(List.of(court)), "The Supreme Tribunal ruled.")).containsExactly("supreme-court");
        assertThat(ids(Matcher.compile(List.of(court, tribunal)), "The Supreme Tribunal ruled."))
                .containsExactly("supreme-tribunal");
        // an exact hit of a word the approximate hit does not substitute leaves it alone
        WatchedEntity unsc = approximate("unsc", "United Nations Security Council");
        WatchedEntity un = WatchedEntity.of("un", "United Nations", "United Nations");
        assertThat(ids(Matcher.compile(List.of(unsc, un)), "The United Nations Safety Council met."))
                .containsExactlyInAnyOrder("unsc", "un");
    }

    @Test
    void hitsSayWhichWordsWereSubstituted() {
        Matcher m = Matcher.compile(List.of(approximate("icc", "International Criminal Court")));

        Hit h = m.match(null, "The International Wrongdoer Tribunal ruled.").get(0).hits().get(0);

        assertThat(h.substitutions()).extracting(Hit.Substitution::aliasWord, Hit.Substitution::textWord)
                .containsExactly(tuple("Criminal", "Wrongdoer"), tuple("Court", "Tribunal"));
        assertThat(m.match(null, "The International Criminal Court ruled.").get(0).hits().get(0).substitutions()).isEmpty();
        Matcher party = Matcher.compile(List.of(approximate("dem", "Democratic Party")));
        assertThat(party.match(null, "The Democratic Political party met.").get(0).hits().get(0).substitutions())
                .extracting(Hit.Substitution::aliasWord, Hit.Substitution::textWord).containsExactly(tuple("Party", "Political party"));
    }

    @Test
    void anEntityMayMakeAllItsAliasesApproximate() {
        WatchedEntity perAlias = WatchedEntity.of("court", "Supreme Court", "Supreme Court", "SCOTUS");
        WatchedEntity all = perAlias.toBuilder().approximate(true).build();

        assertThat(ids(Matcher.compile(List.of(perAlias)), "The Supreme Tribunal ruled.")).isEmpty();
        assertThat(ids(Matcher.compile(List.of(all)), "The Supreme Tribunal ruled.")).containsExactly("court");
        assertThat(ids(Matcher.compile(List.of(all)), "SCOTUS ruled.")).containsExactly("court");
    }

    private static List<String> ids(Matcher m, String body) {
        return m.match(null, body).stream().map(e -> e.entity().id()).toList();
    }
}
