package io.newswatch.match;

import io.newswatch.match.eval.GumGold;
import io.newswatch.match.eval.GumGold.Doc;
import io.newswatch.match.eval.GumGold.Mention;
import io.newswatch.testing.TestData;
import io.newswatch.watchlist.Alias;
import io.newswatch.watchlist.WatchedEntity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accuracy on the 24 GUM news documents (Wikinews texts with every entity mention annotated and
 * many linked to Wikipedia).
 *
 * <p>What counts. The gold set is every mention that is (1) typed person, organization or place,
 * (2) linked to a Wikipedia identity, and (3) written as a name: after dropping a leading
 * "the"/"The" and a trailing possessive, every word is capitalised (or a number), except
 * connecting words inside it (of, the, and, de, al, ...) and the lower-case half of a hyphenated
 * name (Kai-shek); a one-word mention must moreover not be a word the corpus also writes in lower
 * case ("He", "President", "University"). Pronouns, titles and descriptions ("the country", "a
 * group of Afghan teenagers") are not names and no watchlist would list them, so they are left out. The watchlist has one
 * entity per identity, whose aliases are the surface forms of its gold mentions, with default
 * case modes; a form linked to several identities ("New York") is an alias of the one it names
 * most often (the other uses then count as misses). A hit is correct if a gold mention of the same identity has exactly its span.
 * Hits on annotated mentions that GUM did not link to any identity are not judged (the gold
 * cannot say which entity they are). The gold is read by {@link GumGold}, which the spun-name
 * evaluation shares.
 */
class GumAccuracyTest {

    private static GumGold gum;

    @BeforeAll
    static void load() {
        gum = GumGold.load(TestData.path("gum-news"));
    }

    @Test
    void shouldFindGoldLinkedNamesWithHighRecallAndPrecision() {
        // Given a watchlist built from the gold names
        // a surface form linked to several identities ("New York": the city, the state) goes to
        // the identity it names most often, as a watchlist author would choose
        Map<String, String> idToIdentity = new HashMap<>();
        List<WatchedEntity> watchlist = new ArrayList<>();
        for (var e : gum.surfaces().entrySet()) {
            String id = entityId(e.getKey(), idToIdentity.keySet());
            idToIdentity.put(id, e.getKey());
            WatchedEntity.Builder b = WatchedEntity.builder(id).name(e.getKey());
            e.getValue().forEach(s -> b.alias(Alias.of(s)));
            watchlist.add(b.build());
        }
        Matcher matcher = Matcher.compile(watchlist);

        // When every document is matched
        Set<Mention> gold = new HashSet<>();
        Set<Mention> found = new HashSet<>();
        int unjudged = 0;
        for (Doc d : gum.docs()) {
            gold.addAll(d.gold());
            for (EntityMentions em : matcher.match(null, d.text())) {
                for (Hit h : em.hits()) {
                    Mention m = new Mention(d.name(), idToIdentity.get(em.id()), h.start(), h.end());
                    if (!d.gold().contains(m) && d.unlinkedSpans().contains(GumGold.span(h.start(), h.end()))) {
                        unjudged++;
                    } else {
                        found.add(m);
                    }
                }
            }
        }

        // Then
        Set<Mention> correct = new HashSet<>(found);
        correct.retainAll(gold);
        double recall = (double) correct.size() / gold.size();
        double precision = (double) correct.size() / found.size();
        System.out.printf(Locale.ROOT, "GUM news: %d documents, %d entities, %d gold name mentions, %d hits (%d more on unlinked mentions, not judged)%n",
                gum.docs().size(), watchlist.size(), gold.size(), found.size(), unjudged);
        System.out.printf(Locale.ROOT, "GUM news: recall %.3f, precision %.3f%n", recall, precision);
        if (Boolean.getBoolean("gum.verbose")) {
            Map<String, Doc> byName = new HashMap<>();
            gum.docs().forEach(d -> byName.put(d.name(), d));
            gold.stream().filter(m -> !correct.contains(m)).limit(40).forEach(m -> System.out.println("  missed " + m + " '"
                    + byName.get(m.doc()).text().substring(m.start(), m.end()) + "'"));
            found.stream().filter(m -> !correct.contains(m)).limit(60).forEach(m -> System.out.println("  wrong  " + m + " '"
                    + byName.get(m.doc()).text().substring(m.start(), m.end()) + "'"));
        }
        assertThat(gold).hasSizeGreaterThan(500);
        assertThat(recall).isGreaterThanOrEqualTo(0.95);
        assertThat(precision).isGreaterThanOrEqualTo(0.90);
    }

    private static String entityId(String identity, Set<String> taken) {
        String base = identity.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9._-]+", "-").replaceAll("^[^a-z0-9]+", "");
        if (base.isEmpty()) {
            base = "e";
        }
        base = base.length() > 56 ? base.substring(0, 56) : base;
        String id = base;
        for (int i = 2; taken.contains(id); i++) {
            id = base + "-" + i;
        }
        return id;
    }
}
