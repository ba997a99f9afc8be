package io.newswatch.match;

import io.newswatch.match.eval.GumGold;
import io.newswatch.match.eval.NameSet;
import io.newswatch.match.eval.SpinTrace;
import io.newswatch.story.eval.Thesaurus;
import io.newswatch.testing.TestData;
import io.newswatch.watchlist.Alias;
import io.newswatch.watchlist.WatchedEntity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Name matching on spun copies, on the set of {@code EVALUATION.md} ("Name matching on spun
 * copies", {@link NameSet}): a watchlist of about 1,000 names (GUM's linked identities and names
 * mined from Wikinews) over the Wikinews articles and GUM documents and their copies spun at 20%,
 * 30% and 40%, matched with approximate matching off, then on for every alias of
 * {@link Alias#APPROXIMATE_MIN_WORDS} words or more.
 *
 * <p><b>Kept</b>: each mention of an alias of two words or more found in an unspun text is looked
 * for in each spun copy where the spinner put it ({@link SpinTrace}): it is kept when the copy has
 * a hit of the same entity, in the same field, overlapping that place. <b>Touched</b> mentions
 * are those with at least one word written otherwise in the copy. <b>Wrong pairs added</b>: on the unspun texts, each
 * (text, entity) pair found with approximate on and not with it off is right when one of its hits
 * overlaps a GUM gold mention of the entity's identity, is written as one of the entity's aliases,
 * or differs from its alias only in spelling variants (British and American spellings, a plural
 * -s, diacritics, case); otherwise wrong.
 *
 * <p>Prints the tables of {@code EVALUATION.md} and every wrong pair.
 * {@code mvn -q -o test -Dtest=SpunNamesAccuracyTest}; another draw: {@code -Dnames.seed=7}; the
 * spinner drawing from every sense, proper names included: {@code -Dnames.spinner=all-senses}.
 */
class SpunNamesAccuracyTest {

    private static final long SEED = Long.getLong("names.seed", NameSet.SEED);
    /**
     * Which senses the spinner draws from: {@code seed-like} (default) the common senses only, as
     * the paraphrased seed article was spun ({@link Thesaurus#systemCommonSenses()}); {@code
     * all-senses} every sense, proper names included, as the story evaluation spins.
     */
    private static final String SPINNER = System.getProperty("names.spinner", "seed-like");
    /**
     * The floor for names kept at 30%, with the seed-like spinner. Spun from every sense
     * ({@code -Dnames.spinner=all-senses}) names turn into other names, which approximate matching
     * must not take; 0.918 is kept then (EVALUATION.md says what the rest is) and this guard
     * holds it.
     */
    private static final double KEPT_AT_30_FLOOR = 0.95;
    private static final double KEPT_AT_30_ALL_SENSES_GUARD = 0.90;
    /** The ceiling. */
    private static final double WRONG_ADDED_CEILING = 0.01;

    /** One hit, flattened. */
    record Found(String entity, Hit.Field field, int start, int end, boolean approximate, String alias, String text) {
        boolean overlaps(Hit.Field f, int s, int e) {
            return field == f && start < e && s < end;
        }
    }

    /** Mentions of one kind in the copies of one spin. */
    static final class Tally {
        int mentions;
        int keptOff;
        int keptOn;

        void add(boolean off, boolean on) {
            mentions++;
            keptOff += off ? 1 : 0;
            keptOn += on ? 1 : 0;
        }

        double off() {
            return mentions == 0 ? Double.NaN : (double) keptOff / mentions;
        }

        double on() {
            return mentions == 0 ? Double.NaN : (double) keptOn / mentions;
        }
    }

    /** An added pair and whether it is right. */
    record Added(String text, String entity, List<Found> hits, boolean right) {
    }

    private static final List<String> GROUPS = List.of("2+", "2", "3+");

    private static NameSet set;
    private static long buildMillis;
    private static long matchMillis;
    /** Tallies by spin percent, then group, then all / touched. */
    private static final Map<Integer, Map<String, Tally[]>> tallies = new TreeMap<>();
    private static int mentions;
    private static final Map<String, Integer> mentionsByGroup = new TreeMap<>();
    private static int pairsOff;
    private static int pairsOn;
    private static int approximateAliases;
    private static final List<Added> added = new ArrayList<>();
    private static final List<String> lost = new ArrayList<>();
    /** Mentions no word of which was replaced, and those of them not found as they were where the trace puts them. */
    private static int untouched;
    private static int untouchedKept;
    private static final List<String> misplaced = new ArrayList<>();
    private static double[] gumOff;
    private static double[] gumOn;

    @BeforeAll
    static void measure() {
        // Given the set (the thesaurus missing fails here: apt-get install mythes-en-us)
        long t0 = System.nanoTime();
        Thesaurus thesaurus = switch (SPINNER) {
            case "seed-like" -> Thesaurus.systemCommonSenses();
            case "all-senses" -> Thesaurus.system();
            default -> throw new IllegalArgumentException("names.spinner: seed-like or all-senses, not " + SPINNER);
        };
        set = NameSet.build(TestData.dir(), thesaurus, SEED);
        List<WatchedEntity> approximateList = set.watchlist(true);
        approximateAliases = (int) approximateList.stream().flatMap(e -> e.aliases().stream()).filter(Alias::approximate).count();
        Matcher exact = Matcher.compile(set.watchlist(false));
        Matcher approximate = Matcher.compile(approximateList);
        Map<String, Integer> words = new HashMap<>();
        set.names().forEach(n -> n.entity().aliases().forEach(a -> words.put(a.text(), a.wordCount())));
        long t1 = System.nanoTime();
        buildMillis = (t1 - t0) / 1_000_000;
        for (int percent : NameSet.SPINS) {
            Map<String, Tally[]> byGroup = new TreeMap<>();
            GROUPS.forEach(g -> byGroup.put(g, new Tally[] {new Tally(), new Tally()}));
            tallies.put(percent, byGroup);
        }

        // When every text and its copies are matched with approximate off and on
        for (NameSet.Text text : set.texts()) {
            List<Found> off = found(exact, text.title(), text.body());
            List<Found> on = found(approximate, text.title(), text.body());
            Set<String> offIds = entities(off);
            Set<String> onIds = entities(on);
            pairsOff += offIds.size();
            pairsOn += onIds.size();
            for (String id : onIds) {
                if (!offIds.contains(id)) {
                    List<Found> hits = on.stream().filter(f -> f.entity().equals(id)).toList();
                    added.add(new Added(text.id(), id, hits, right(text, id, hits)));
                }
            }
            for (String id : offIds) {
                if (!onIds.contains(id)) {
                    lost.add(text.id() + " " + id);
                }
            }
            List<Found> multiWord = off.stream().filter(f -> wordsOf(words, f.alias()) >= 2).toList();
            mentions += multiWord.size();
            multiWord.forEach(f -> mentionsByGroup.merge(wordsOf(words, f.alias()) >= 3 ? "3+" : "2", 1, Integer::sum));
            for (NameSet.Copy copy : text.copies().values()) {
                List<Found> spunOff = found(exact, copy.title().text(), copy.body().text());
                List<Found> spunOn = found(approximate, copy.title().text(), copy.body().text());
                Map<String, Tally[]> byGroup = tallies.get(copy.percent());
                for (Found m : multiWord) {
                    SpinTrace trace = m.field() == Hit.Field.TITLE ? copy.title() : copy.body();
                    int[] place = trace.map(m.start(), m.end());
                    boolean keptOff = spunOff.stream().anyMatch(f -> f.entity().equals(m.entity()) && f.overlaps(m.field(), place[0], place[1]));
                    boolean keptOn = spunOn.stream().anyMatch(f -> f.entity().equals(m.entity()) && f.overlaps(m.field(), place[0], place[1]));
                    boolean touched = trace.touches(m.start(), m.end());
                    if (!touched) {
                        untouched++;
                        untouchedKept += keptOff ? 1 : 0;
                        if (!trace.text().substring(place[0], place[1]).equals(trace.original().substring(m.start(), m.end()))) {
                            misplaced.add(text.id() + " " + copy.percent() + "% '" + m.text() + "'");
                        }
                    }
                    for (String g : List.of("2+", wordsOf(words, m.alias()) >= 3 ? "3+" : "2")) {
                        byGroup.get(g)[0].add(keptOff, keptOn);
                        if (touched) {
                            byGroup.get(g)[1].add(keptOff, keptOn);
                        }
                    }
                }
            }
        }
        gumOff = gumAccuracy(Matcher.compile(set.gumWatchlist(false)));
        gumOn = gumAccuracy(Matcher.compile(set.gumWatchlist(true)));
        matchMillis = (System.nanoTime() - t1) / 1_000_000;

        System.out.println(describe());
        System.out.println(keptTable());
        System.out.println(pairsTable());
        System.out.println(addedPairs());
    }

    @Test
    void shouldKeepMultiWordNameMentionsOfCopiesSpunAt30PercentWithApproximateOn() {
        assertThat(mentions).as("multi-word name mentions in the unspun texts").isGreaterThan(1_000);
        double kept = tallies.get(30).get("2+")[0].on();
        double floor = SPINNER.equals("seed-like") ? KEPT_AT_30_FLOOR : KEPT_AT_30_ALL_SENSES_GUARD;
        assertThat(kept).as("share of multi-word name mentions kept in 30%% spun copies (%s spinner) with approximate on:"
                + " %.3f, floor %.2f", SPINNER, kept, floor).isGreaterThanOrEqualTo(floor);
    }

    @Test
    void shouldAddFewWrongPairsOnUnspunTextWithApproximateOn() {
        assertThat(pairsOn).isGreaterThan(1_000);
        long wrong = added.stream().filter(a -> !a.right()).count();
        double share = (double) wrong / pairsOn;
        assertThat(share).as("wrong (text, entity) pairs approximate adds on unspun texts: %d of %d pairs, %.4f,"
                + " ceiling %.2f", wrong, pairsOn, share, WRONG_ADDED_CEILING).isLessThanOrEqualTo(WRONG_ADDED_CEILING);
    }

    @Test
    void shouldFindEveryUntouchedMentionWhereTheTracePutsIt() {
        // the alignment itself: a mention the spinner left alone is, letter for letter, where the trace says
        assertThat(untouched).isGreaterThan(1_000);
        assertThat(misplaced).as("untouched mentions misplaced by the trace").isEmpty();
    }

    // ---- matching

    private static List<Found> found(Matcher matcher, String title, String body) {
        List<Found> out = new ArrayList<>();
        for (EntityMentions em : matcher.match(title, body)) {
            for (Hit h : em.hits()) {
                out.add(new Found(em.id(), h.field(), h.start(), h.end(), h.approximate(), h.alias(), h.text()));
            }
        }
        return out;
    }

    /** The words of the alias a hit names, as the watchlist counts them (counted afresh should a hit spell its alias otherwise). */
    private static int wordsOf(Map<String, Integer> words, String alias) {
        Integer n = words.get(alias);
        return n != null ? n : (int) WORDS.splitAsStream(alias.strip()).filter(w -> !w.isEmpty()).count();
    }

    private static Set<String> entities(List<Found> found) {
        Set<String> out = new LinkedHashSet<>();
        found.forEach(f -> out.add(f.entity()));
        return out;
    }

    // ---- judging an added pair

    private static final Pattern WORDS = Pattern.compile("[^\\p{L}\\p{M}\\p{Nd}]+");

    /**
     * Whether the text names the entity: a hit overlaps a GUM gold mention of its identity, is
     * written as one of its aliases, or differs from the alias it hit only by spelling variants.
     */
    static boolean right(NameSet.Text text, String entityId, List<Found> hits) {
        NameSet.Name name = set.name(entityId);
        for (Found h : hits) {
            if (text.gold() != null && name.fromGum() && h.field() == Hit.Field.BODY) {
                for (GumGold.Mention m : text.gold().gold()) {
                    if (m.identity().equals(name.identity()) && m.start() < h.end() && h.start() < m.end()) {
                        return true;
                    }
                }
            }
            for (Alias a : name.entity().aliases()) {
                if (fold(a.text()).equals(fold(h.text()))) {
                    return true;
                }
            }
            if (spellingVariant(h.text(), h.alias())) {
                return true;
            }
        }
        return false;
    }

    /** Same words but for spelling: case, diacritics, British and American endings, a plural -s or -es. */
    static boolean spellingVariant(String text, String alias) {
        String[] a = WORDS.split(fold(text).strip());
        String[] b = WORDS.split(fold(alias).strip());
        if (a.length != b.length) {
            return false;
        }
        for (int i = 0; i < a.length; i++) {
            String x = american(a[i]);
            String y = american(b[i]);
            if (!(x.equals(y) || x.equals(y + "s") || y.equals(x + "s") || x.equals(y + "es") || y.equals(x + "es"))) {
                return false;
            }
        }
        return true;
    }

    private static String american(String w) {
        return w.replaceAll("isation(s?)$", "ization$1").replaceAll("is(e|ed|es|ing)$", "iz$1").replaceAll("ence$", "ense")
                .replaceAll("our(s?)$", "or$1").replaceAll("tre(s?)$", "ter$1").replaceAll("ogue(s?)$", "og$1");
    }

    private static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
    }

    // ---- GUM precision and recall, as GumAccuracyTest counts them

    /** Recall and precision on the GUM gold with a watchlist of the GUM identities alone. */
    private static double[] gumAccuracy(Matcher matcher) {
        Map<String, String> identityOf = new HashMap<>();
        set.names().stream().filter(NameSet.Name::fromGum).forEach(n -> identityOf.put(n.entity().id(), n.identity()));
        Set<GumGold.Mention> gold = new HashSet<>();
        Set<GumGold.Mention> found = new HashSet<>();
        for (NameSet.Text t : set.texts()) {
            if (t.gold() == null) {
                continue;
            }
            GumGold.Doc d = t.gold();
            gold.addAll(d.gold());
            for (EntityMentions em : matcher.match(null, d.text())) {
                for (Hit h : em.hits()) {
                    GumGold.Mention m = new GumGold.Mention(d.name(), identityOf.get(em.id()), h.start(), h.end());
                    if (d.gold().contains(m) || !d.unlinkedSpans().contains(GumGold.span(h.start(), h.end()))) {
                        found.add(m);
                    }
                }
            }
        }
        Set<GumGold.Mention> correct = new HashSet<>(found);
        correct.retainAll(gold);
        return new double[] {(double) correct.size() / gold.size(), (double) correct.size() / found.size()};
    }

    // ---- reports

    private static String describe() {
        long gum = set.names().stream().filter(NameSet.Name::fromGum).count();
        long multi = set.names().stream().flatMap(n -> n.entity().aliases().stream()).filter(a -> a.wordCount() >= 2).count();
        long aliases = set.names().stream().mapToLong(n -> n.entity().aliases().size()).sum();
        long wikinews = set.texts().stream().filter(t -> t.gold() == null).count();
        StringBuilder out = new StringBuilder("Spinner: " + SPINNER + ", seed " + SEED + "\n");
        out.append(String.format(Locale.ROOT, "Names: %d entities (%d GUM identities, %d mined from Wikinews of %d mined"
                        + " and %d already GUM aliases), %d aliases, %d of 2+ words, %d approximate when on"
                        + " (APPROXIMATE_MIN_WORDS %d)%n", set.names().size(), gum, set.names().size() - gum,
                set.minedNames(), set.minedDuplicates(), aliases, multi, approximateAliases, Alias.APPROXIMATE_MIN_WORDS));
        out.append(String.format(Locale.ROOT, "Texts: %d (%d Wikinews articles, %d GUM documents); multi-word name"
                + " mentions found exactly: %d %s%n", set.texts().size(), wikinews, set.texts().size() - wikinews, mentions,
                mentionsByGroup));
        for (int percent : NameSet.SPINS) {
            long words = 0;
            long replaceable = 0;
            long replaced = 0;
            for (NameSet.Text t : set.texts()) {
                NameSet.Copy c = t.copies().get(percent);
                words += t.body().split("\\s+").length + (t.title().isBlank() ? 0 : t.title().split("\\s+").length);
                replaceable += c.body().replaceable() + c.title().replaceable();
                replaced += c.body().replaced() + c.title().replaced();
            }
            out.append(String.format(Locale.ROOT, "spun %d%%: %d words, %d replaceable, %d replaced (%.1f%% of all words)%n",
                    percent, words, replaceable, replaced, 100.0 * replaced / words));
        }
        out.append(String.format(Locale.ROOT, "Untouched mentions (all copies): %d, kept with approximate off: %d%n",
                untouched, untouchedKept));
        out.append(String.format(Locale.ROOT, "GUM gold, GUM identities alone: approximate off recall %.3f precision %.3f;"
                + " on recall %.3f precision %.3f%n", gumOff[0], gumOff[1], gumOn[0], gumOn[1]));
        out.append(String.format(Locale.ROOT, "Time: set and matchers %.1f s, matching %.1f s%n", buildMillis / 1000.0,
                matchMillis / 1000.0));
        return out.toString();
    }

    private static String keptTable() {
        StringBuilder out = new StringBuilder();
        out.append("| copy | alias words | mentions | kept, approximate off | kept, approximate on | touched | touched kept, off | touched kept, on |\n");
        out.append("|---|---|---:|---:|---:|---:|---:|---:|\n");
        tallies.forEach((percent, byGroup) -> {
            for (String g : GROUPS) {
                Tally all = byGroup.get(g)[0];
                Tally touched = byGroup.get(g)[1];
                out.append(String.format(Locale.ROOT, "| %s | %s | %,d | %.3f | %.3f | %,d | %.3f | %.3f |%n",
                        g.equals("2+") ? "spun " + percent + "%" : "", g, all.mentions, all.off(), all.on(), touched.mentions,
                        touched.off(), touched.on()));
            }
        });
        return out.toString();
    }

    private static String pairsTable() {
        long wrong = added.stream().filter(a -> !a.right()).count();
        return String.format(Locale.ROOT, "| unspun texts | pairs |%n|---|---:|%n| found, approximate off | %,d |%n"
                        + "| found, approximate on | %,d |%n| added by approximate | %,d |%n| added, right | %,d |%n"
                        + "| added, wrong | %,d |%n| **wrong added / all pairs found (on)** | **%.4f** |%n"
                        + "| found off, not on | %,d |%n", pairsOff, pairsOn, added.size(), added.size() - wrong, wrong,
                (double) wrong / pairsOn, lost.size());
    }

    /** Every added pair, wrong ones first, grouped by alias and text hit: how often, and in which texts. */
    private static String addedPairs() {
        StringBuilder out = new StringBuilder();
        for (boolean right : new boolean[] {false, true}) {
            Map<String, List<String>> byConfusion = new TreeMap<>();
            added.stream().filter(a -> a.right() == right).forEach(a -> {
                Found h = a.hits().stream().filter(Found::approximate).findFirst().orElse(a.hits().get(0));
                byConfusion.computeIfAbsent(String.format(Locale.ROOT, "'%s' on '%s'", h.alias(), oneLine(h.text())),
                        k -> new ArrayList<>()).add(a.text() + (a.hits().size() > 1 ? "(+" + (a.hits().size() - 1) + ")" : ""));
            });
            out.append(String.format(Locale.ROOT, "%s pairs added by approximate matching on unspun texts: %d, as alias on"
                    + " text hit, pairs, texts (+ more hits of the entity in that text):%n", right ? "Right" : "Wrong",
                    byConfusion.values().stream().mapToInt(List::size).sum()));
            byConfusion.entrySet().stream()
                    .sorted((x, y) -> x.getValue().size() != y.getValue().size()
                            ? Integer.compare(y.getValue().size(), x.getValue().size()) : x.getKey().compareTo(y.getKey()))
                    .forEach(e -> out.append(String.format(Locale.ROOT, "  %-70s %3d  %s%n", e.getKey(), e.getValue().size(),
                            String.join(" ", e.getValue()))));
        }
        if (!lost.isEmpty()) {
            out.append("Pairs found with approximate off, not on: ").append(lost).append('\n');
        }
        return out.toString();
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s*\\R\\s*", " ⏎ ");
    }
}
