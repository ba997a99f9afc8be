package io.newswatch.match;

import io.newswatch.watchlist.Alias;
import io.newswatch.watchlist.CaseMode;
import io.newswatch.watchlist.WatchedEntity;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** {@link Matcher#explain}: each rule that makes a mention, and each that rejects a near-miss, in exact words. */
class ExplainTest {

    private static final Matcher MATCHER = Matcher.compile(List.of(
            WatchedEntity.builder("icc").alias("ICC")
                    .alias(new Alias("International Criminal Court", CaseMode.INSENSITIVE, true))
                    .context("court", "judges", "warrant", "prosecutor").exclude("cricket").build(),
            WatchedEntity.of("rosatom", "Rosatom", "Rosatom"),
            WatchedEntity.of("myanmar", "Myanmar", "Myanmar"),
            WatchedEntity.of("nato", "NATO", "NATO"),
            WatchedEntity.builder("london").alias("London").compounds(false).build(),
            WatchedEntity.of("suu-kyi", "Aung San Suu Kyi", "Aung San Suu Kyi", "Suu Kyi"),
            WatchedEntity.builder("supreme-court").alias(Alias.approximate("Supreme Court")).build(),
            WatchedEntity.of("supreme-tribunal", "Supreme Tribunal", "Supreme Tribunal"),
            WatchedEntity.builder("cna").alias(Alias.approximate("Central News Agency")).build(),
            WatchedEntity.builder("putin").alias("Putin").query("Kremlin").build()));

    @ParameterizedTest(name = "{0}: {1}")
    @CsvSource(delimiter = '|', textBlock = """
            ICC judges ruled.                          | ICC                          | ✓ alias 'ICC', exact case, context 'judges' right after
            the icc judges ruled.                      | icc                          | ✗ case rule: 'ICC' is exact case, the text writes 'icc'
            rosatom staff                              | rosatom                      | ✗ case rule: 'Rosatom' is smart case (its capitals must be there), the text writes 'rosatom'
            ICC said so.                               | ICC                          | ✗ no context term within 30 words (court, judges, warrant, prosecutor)
            ICC judges at the cricket                  | ICC                          | ✗ exclude term 'cricket' 3 words after
            The International Wrongdoer Court ruled.   | International Wrongdoer Court | ✓ alias 'International Criminal Court', insensitive case, approximate: Criminal → Wrongdoer (WordNet), context 'Court' in the hit itself
            The International Banana Court ruled.      | International Banana Court   | ✗ approximate, but 'Banana' is no paraphrase of 'Criminal' (WordNet)
            The International 42 Court ruled.          | International 42 Court       | ✗ approximate, but '42' is not a word to stand for 'Criminal'
            The Supreme Tribunal ruled.                | Supreme Tribunal             | ✗ approximate, but supreme-tribunal's exact hit 'Supreme Tribunal' is there
            the Central Intelligence Agency said       | Central Intelligence Agency  | ✗ approximate, but 'Central Intelligence Agency' is a name of its own (WordNet)
            a NATO-led mission                         | NATO                         | ✓ alias 'NATO', exact case, in a hyphenated compound
            a London-based firm                        | London                       | ✗ in a hyphenated compound, and the entity counts standalone names only (compounds: false)
            Myanmar’s army                             | Myanmar                      | ✓ alias 'Myanmar', smart case, possessive ’s left out
            Aung San Suu Kyi spoke.                    | Suu Kyi                      | ✗ inside the longer hit 'Aung San Suu Kyi' of the same entity
            Putin spoke in Minsk.                      | Putin                        | ✗ alias 'Putin' found, but the entity's query does not hold here
            Putin spoke at the Kremlin.                | Putin                        | ✓ alias 'Putin', smart case
            """)
    void eachRuleInWords(String body, String text, String expected) {
        List<String> lines = MATCHER.explain(null, body).stream()
                .filter(d -> d.text().equals(text))
                .map(d -> (d.counts() ? "✓ " : "✗ ") + d.why())
                .toList();

        assertThat(lines).contains(expected);
    }
}
