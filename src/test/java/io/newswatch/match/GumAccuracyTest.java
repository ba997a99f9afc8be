package io.newswatch.match;

import io.newswatch.testing.TestData;
import io.newswatch.watchlist.Alias;
import io.newswatch.watchlist.WatchedEntity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

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
 * cannot say which entity they are).
 */
class GumAccuracyTest {

    private static final Set<String> TYPES = Set.of("person", "organization", "place");
    private static final Set<String> CONNECTORS = Set.of("of", "the", "and", "for", "de", "del", "della", "da", "di",
            "du", "des", "la", "le", "von", "van", "der", "den", "al", "bin", "el", "y", "on", "in", "at", "&", ",", ".", "-");

    record Mention(String doc, String identity, int start, int end) {
    }

    record Doc(String name, String text, List<Mention> gold, Set<Long> unlinkedSpans) {
    }

    private static List<Doc> docs;
    /** Words written in lower case somewhere in the corpus: common words, not names. */
    private static Set<String> lowerCaseWords;

    @BeforeAll
    static void load() throws IOException {
        docs = new ArrayList<>();
        lowerCaseWords = new HashSet<>();
        List<Path> paths;
        try (Stream<Path> files = Files.list(TestData.path("gum-news/tsv"))) {
            paths = files.sorted().toList();
        }
        for (Path f : paths) {
            for (String line : Files.readAllLines(f, StandardCharsets.UTF_8)) {
                String[] cols = line.split("\t", 4);
                if (!line.startsWith("#") && cols.length > 2 && !cols[2].isEmpty() && Character.isLowerCase(cols[2].codePointAt(0))) {
                    lowerCaseWords.add(cols[2]);
                }
            }
        }
        for (Path f : paths) {
            docs.add(parse(f));
        }
    }

    @Test
    void shouldFindGoldLinkedNamesWithHighRecallAndPrecision() {
        // Given a watchlist built from the gold names
        // a surface form linked to several identities ("New York": the city, the state) goes to
        // the identity it names most often, as a watchlist author would choose
        Map<String, Map<String, Integer>> formCounts = new TreeMap<>();
        for (Doc d : docs) {
            for (Mention m : d.gold()) {
                formCounts.computeIfAbsent(d.text().substring(m.start(), m.end()), k -> new TreeMap<>())
                        .merge(m.identity(), 1, Integer::sum);
            }
        }
        Map<String, Set<String>> surfaces = new TreeMap<>();
        formCounts.forEach((form, counts) -> {
            String owner = counts.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            surfaces.computeIfAbsent(owner, k -> new LinkedHashSet<>()).add(form);
        });
        Map<String, String> idToIdentity = new HashMap<>();
        List<WatchedEntity> watchlist = new ArrayList<>();
        for (var e : surfaces.entrySet()) {
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
        for (Doc d : docs) {
            gold.addAll(d.gold());
            for (EntityMentions em : matcher.match(null, d.text())) {
                for (Hit h : em.hits()) {
                    Mention m = new Mention(d.name(), idToIdentity.get(em.id()), h.start(), h.end());
                    if (!d.gold().contains(m) && d.unlinkedSpans().contains(span(h.start(), h.end()))) {
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
                docs.size(), watchlist.size(), gold.size(), found.size(), unjudged);
        System.out.printf(Locale.ROOT, "GUM news: recall %.3f, precision %.3f%n", recall, precision);
        if (Boolean.getBoolean("gum.verbose")) {
            Map<String, Doc> byName = new HashMap<>();
            docs.forEach(d -> byName.put(d.name(), d));
            gold.stream().filter(m -> !correct.contains(m)).limit(40).forEach(m -> System.out.println("  missed " + m + " '"
                    + byName.get(m.doc()).text().substring(m.start(), m.end()) + "'"));
            found.stream().filter(m -> !correct.contains(m)).limit(60).forEach(m -> System.out.println("  wrong  " + m + " '"
                    + byName.get(m.doc()).text().substring(m.start(), m.end()) + "'"));
        }
        assertThat(gold).hasSizeGreaterThan(500);
        assertThat(recall).isGreaterThanOrEqualTo(0.95);
        assertThat(precision).isGreaterThanOrEqualTo(0.90);
    }

    private static long span(int start, int end) {
        return ((long) start << 32) | end;
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

    /** One WebAnno TSV 3.2 document: the text rebuilt at the annotated offsets, and its mentions. */
    private static Doc parse(Path file) throws IOException {
        String name = file.getFileName().toString().replaceFirst("\\.tsv$", "");
        List<String[]> rows = new ArrayList<>();
        int length = 0;
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            rows.add(f);
            length = Math.max(length, Integer.parseInt(f[1].substring(f[1].indexOf('-') + 1)));
        }
        char[] text = new char[length];
        java.util.Arrays.fill(text, ' ');
        String previousSentence = null;
        // mention number → (type, identity, token rows)
        Map<String, String> types = new HashMap<>();
        Map<String, String> identities = new HashMap<>();
        Map<String, List<int[]>> tokens = new LinkedHashMap<>();
        for (String[] f : rows) {
            int dash = f[1].indexOf('-');
            int start = Integer.parseInt(f[1].substring(0, dash));
            int end = Integer.parseInt(f[1].substring(dash + 1));
            String token = f[2];
            if (token.length() == end - start) {
                token.getChars(0, token.length(), text, start);
            }
            String sentence = f[0].substring(0, f[0].indexOf('-'));
            if (previousSentence != null && !sentence.equals(previousSentence) && start > 0) {
                text[start - 1] = '\n';
            }
            previousSentence = sentence;
            String[] ents = f[3].split("\\|");
            for (String e : ents) {
                if (e.equals("_")) {
                    continue;
                }
                String n = e.contains("[") ? e.substring(e.indexOf('[') + 1, e.length() - 1) : "t" + start;
                types.put(n, e.contains("[") ? e.substring(0, e.indexOf('[')) : e);
                tokens.computeIfAbsent(n, k -> new ArrayList<>()).add(new int[] {start, end});
            }
            for (String idn : f[6].split("\\|")) {
                if (idn.equals("_") || !idn.contains("[")) {
                    continue;
                }
                identities.put(idn.substring(idn.lastIndexOf('[') + 1, idn.length() - 1),
                        URLDecoder.decode(idn.substring(0, idn.lastIndexOf('[')), StandardCharsets.UTF_8));
            }
        }
        String doc = new String(text);
        List<Mention> gold = new ArrayList<>();
        Set<Long> unlinked = new HashSet<>();
        for (var e : tokens.entrySet()) {
            String type = types.get(e.getKey());
            List<int[]> toks = new ArrayList<>(e.getValue());
            String identity = identities.get(e.getKey());
            // trim a leading article and a trailing possessive
            while (!toks.isEmpty() && List.of("the", "The", "THE").contains(word(doc, toks.get(0)))) {
                toks.remove(0);
            }
            while (!toks.isEmpty() && List.of("'s", "’s", "'", "’").contains(word(doc, toks.get(toks.size() - 1)))) {
                toks.remove(toks.size() - 1);
            }
            if (toks.isEmpty() || !isName(doc, toks)) {
                continue;
            }
            int start = toks.get(0)[0];
            int end = toks.get(toks.size() - 1)[1];
            if (identity == null || !TYPES.contains(type)) {
                unlinked.add(span(start, end));
            } else {
                gold.add(new Mention(name, identity, start, end));
            }
        }
        return new Doc(name, doc, gold, unlinked);
    }

    private static String word(String doc, int[] tok) {
        return doc.substring(tok[0], tok[1]);
    }

    private static boolean isName(String doc, List<int[]> toks) {
        if (toks.size() == 1) {
            String w = word(doc, toks.get(0));
            // "I", "He", "President", "University": a pronoun or a common word, not a name
            if (w.equals("I") || lowerCaseWords.contains(w.toLowerCase(Locale.ROOT))) {
                return false;
            }
        }
        for (int i = 0; i < toks.size(); i++) {
            String w = word(doc, toks.get(i));
            int first = w.codePointAt(0);
            boolean capital = Character.isUpperCase(first) || Character.isDigit(first);
            boolean afterHyphen = i > 0 && word(doc, toks.get(i - 1)).equals("-");
            boolean edge = i == 0 || i == toks.size() - 1;
            if (capital || afterHyphen && Character.isLetter(first)) {
                continue;
            }
            if (!edge && CONNECTORS.contains(w)) {
                continue;
            }
            return false;
        }
        return true;
    }
}
