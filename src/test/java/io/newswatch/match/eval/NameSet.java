package io.newswatch.match.eval;

import io.newswatch.story.eval.Spinner;
import io.newswatch.story.eval.Thesaurus;
import io.newswatch.testing.TestData;
import io.newswatch.watchlist.Alias;
import io.newswatch.watchlist.WatchedEntity;

import java.nio.file.Path;
import java.text.Normalizer;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * The name-matching set of {@code EVALUATION.md} ("Name matching on spun copies"), made
 * deterministically from the shared data and a seed.
 *
 * <p><b>Watchlist</b>, about {@value #NAMES} names, one entity per name, default case modes: every
 * GUM identity linked from a gold name mention ({@link GumGold}), its aliases the surface forms of
 * those mentions; then multi-word names mined from the Wikinews articles ({@link WikinewsNames}),
 * one alias each, less those already an alias of a GUM identity, drawn at random (by the seed)
 * to fill the watchlist up to {@value #NAMES} when there are more. {@link #watchlist(boolean)}
 * gives it with approximate matching off, or on for every alias of
 * {@link Alias#APPROXIMATE_MIN_WORDS} words or more (read when called, so the set follows the
 * matcher compiled with it).
 *
 * <p><b>Texts</b>: the Wikinews articles of 2019 and 2020 (title and text) and the 24 GUM news
 * documents (text rebuilt at the corpus's offsets, with the gold mentions); each spun at 20%, 30%
 * and 40% of its replaceable words by the story evaluation's {@link Spinner} (title and body
 * separately), with seeds drawn from the set's seed and the text's id, and traced
 * ({@link SpinTrace}).
 */
public final class NameSet {

    public static final long SEED = 20_200_302L;
    public static final int NAMES = 1_000;
    /** Shares of the replaceable words the spinner replaces, in percent. */
    public static final List<Integer> SPINS = List.of(20, 30, 40);

    /** One watched name: its entity (exact aliases) and, for a GUM identity, the identity. */
    public record Name(WatchedEntity entity, String identity, int count) {
        public boolean fromGum() {
            return identity != null;
        }
    }

    /** A text and its spun copies by percent; {@code gold} only for GUM documents. */
    public record Text(String id, String source, String url, String title, String body, GumGold.Doc gold,
                       Map<Integer, Copy> copies) {
    }

    /** A spun copy: title and body, each traced. */
    public record Copy(int percent, SpinTrace title, SpinTrace body) {
    }

    private final List<Name> names = new ArrayList<>();
    private final Map<String, Name> byId = new HashMap<>();
    private final List<Text> texts = new ArrayList<>();
    private int mined;
    private int minedDuplicates;

    private NameSet() {
    }

    /** Builds the set from {@code dataDir} ({@code ../shared/data}). */
    public static NameSet build(Path dataDir, Thesaurus thesaurus, long seed) {
        NameSet set = new NameSet();
        set.make(dataDir, new Spinner(thesaurus), seed);
        return set;
    }

    private void make(Path dataDir, Spinner spinner, long seed) {
        GumGold gum = GumGold.load(dataDir.resolve("gum-news"));
        Set<String> ids = new HashSet<>();
        Set<String> folded = new HashSet<>();
        Map<String, Integer> mentionsOf = new HashMap<>();
        gum.docs().forEach(d -> d.gold().forEach(m -> mentionsOf.merge(m.identity(), 1, Integer::sum)));
        gum.surfaces().forEach((identity, forms) -> {
            WatchedEntity.Builder b = WatchedEntity.builder(id("gum", identity, ids)).name(identity);
            forms.forEach(f -> {
                b.alias(Alias.of(f));
                folded.add(fold(f));
            });
            add(new Name(b.build(), identity, mentionsOf.get(identity)));
        });
        List<TestData.WikinewsArticle> articles = TestData.wikinews(Integer.MAX_VALUE);
        List<WikinewsNames.Name> candidates = new ArrayList<>();
        for (WikinewsNames.Name n : WikinewsNames.mine(articles.stream().map(TestData.WikinewsArticle::text).toList())) {
            if (folded.add(fold(n.text()))) {
                candidates.add(n);
            } else {
                minedDuplicates++;
            }
        }
        mined = candidates.size();
        int room = Math.max(0, NAMES - names.size());
        if (candidates.size() > room) {
            Collections.shuffle(candidates, new Random(seed));
            candidates = new ArrayList<>(candidates.subList(0, room));
            candidates.sort((a, b) -> a.count() != b.count() ? Integer.compare(b.count(), a.count()) : a.text().compareTo(b.text()));
        }
        for (WikinewsNames.Name n : candidates) {
            add(new Name(WatchedEntity.builder(id("wn", n.text(), ids)).name(n.text()).alias(Alias.of(n.text())).build(),
                    null, n.count()));
        }

        int i = 0;
        for (TestData.WikinewsArticle a : articles) {
            i++;
            texts.add(text(String.format(Locale.ROOT, "wn-%03d", i), "wikinews", a.url(), a.title(), a.text(), null, spinner, seed));
        }
        for (GumGold.Doc d : gum.docs()) {
            texts.add(text("gum-" + d.name().replace("GUM_news_", ""), "gum", "https://en.wikinews.org/wiki/" + d.name(), "",
                    d.text(), d, spinner, seed));
        }
    }

    private static Text text(String id, String source, String url, String title, String body, GumGold.Doc gold,
                             Spinner spinner, long seed) {
        Random r = new Random(seed ^ id.hashCode() * 0x9E3779B97F4A7C15L);
        Map<Integer, Copy> copies = new LinkedHashMap<>();
        for (int percent : SPINS) {
            long s = r.nextLong();
            copies.put(percent, new Copy(percent, SpinTrace.spin(spinner, title, percent / 100.0, s + 1),
                    SpinTrace.spin(spinner, body, percent / 100.0, s)));
        }
        return new Text(id, source, url, title, body, gold, Collections.unmodifiableMap(copies));
    }

    private void add(Name n) {
        names.add(n);
        byId.put(n.entity().id(), n);
    }

    /** Entity ids: a prefix, then the name in lower case letters and digits. */
    private static String id(String prefix, String name, Set<String> taken) {
        String base = prefix + "-" + fold(name).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        base = base.length() > 56 ? base.substring(0, 56) : base;
        String id = base;
        for (int i = 2; !taken.add(id); i++) {
            id = base + "-" + i;
        }
        return id;
    }

    /** Lower case without diacritics: two names the same after this are one name. */
    static String fold(String s) {
        return Normalizer.normalize(s, Normalizer.Form.NFKD).replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT).strip();
    }

    public List<Name> names() {
        return Collections.unmodifiableList(names);
    }

    public Name name(String entityId) {
        return byId.get(entityId);
    }

    public List<Text> texts() {
        return Collections.unmodifiableList(texts);
    }

    /** Wikinews names mined (seen twice or more), after dropping those already a GUM alias. */
    public int minedNames() {
        return mined;
    }

    /** Wikinews names mined that were already an alias of a GUM identity. */
    public int minedDuplicates() {
        return minedDuplicates;
    }

    /**
     * The watchlist: with {@code approximate}, every alias of {@link Alias#APPROXIMATE_MIN_WORDS}
     * words or more is approximate (an alias the {@link Alias} refuses as approximate stays exact).
     */
    public List<WatchedEntity> watchlist(boolean approximate) {
        List<WatchedEntity> out = new ArrayList<>(names.size());
        for (Name n : names) {
            if (!approximate) {
                out.add(n.entity());
                continue;
            }
            WatchedEntity.Builder b = n.entity().toBuilder().clearAliases();
            for (Alias a : n.entity().aliases()) {
                b.alias(approximate(a));
            }
            out.add(b.build());
        }
        return out;
    }

    /** The watchlist of the GUM identities alone, as {@code GumAccuracyTest} builds it. */
    public List<WatchedEntity> gumWatchlist(boolean approximate) {
        Set<String> gumIds = new HashSet<>();
        names.stream().filter(Name::fromGum).forEach(n -> gumIds.add(n.entity().id()));
        return watchlist(approximate).stream().filter(e -> gumIds.contains(e.id())).toList();
    }

    private static Alias approximate(Alias a) {
        if (a.wordCount() < Alias.APPROXIMATE_MIN_WORDS) {
            return a;
        }
        try {
            return new Alias(a.text(), a.caseMode(), true);
        } catch (IllegalArgumentException refused) {
            return a;
        }
    }
}
