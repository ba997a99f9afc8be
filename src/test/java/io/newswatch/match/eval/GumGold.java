package io.newswatch.match.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * The gold name mentions of the 24 GUM news documents, as {@code GumAccuracyTest} and the
 * spun-name evaluation read them: every mention typed person,
 * organization or place, linked to a Wikipedia identity and written as a name (after a leading
 * "the" and a trailing possessive are dropped, every word capitalised or a number but for
 * connecting words inside it; a one-word mention must not be a word the corpus also writes in
 * lower case). The text of a document is rebuilt at the corpus's own character offsets, so the
 * gold spans index it directly.
 */
public final class GumGold {

    private static final Set<String> TYPES = Set.of("person", "organization", "place");
    private static final Set<String> CONNECTORS = Set.of("of", "the", "and", "for", "de", "del", "della", "da", "di",
            "du", "des", "la", "le", "von", "van", "der", "den", "al", "bin", "el", "y", "on", "in", "at", "&", ",", ".", "-");

    /** A gold mention: the Wikipedia identity it names and its span in the document's text. */
    public record Mention(String doc, String identity, int start, int end) {
    }

    /**
     * One document: its text, its gold mentions and the spans of annotated names that GUM did not
     * link (or typed otherwise), which cannot be judged.
     */
    public record Doc(String name, String text, List<Mention> gold, Set<Long> unlinkedSpans) {
    }

    private final List<Doc> docs;
    private final Set<String> lowerCaseWords;

    private GumGold(Path gumDir) {
        List<Path> paths;
        try (Stream<Path> files = Files.list(gumDir.resolve("tsv"))) {
            paths = files.filter(f -> f.toString().endsWith(".tsv")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        lowerCaseWords = new HashSet<>();
        for (Path f : paths) {
            for (String line : lines(f)) {
                String[] cols = line.split("\t", 4);
                if (!line.startsWith("#") && cols.length > 2 && !cols[2].isEmpty() && Character.isLowerCase(cols[2].codePointAt(0))) {
                    lowerCaseWords.add(cols[2]);
                }
            }
        }
        List<Doc> out = new ArrayList<>();
        for (Path f : paths) {
            out.add(parse(f));
        }
        docs = List.copyOf(out);
    }

    /** Reads {@code gum-news/tsv} under {@code gumDir}. */
    public static GumGold load(Path gumDir) {
        return new GumGold(gumDir);
    }

    public List<Doc> docs() {
        return docs;
    }

    /**
     * The surface forms of the gold mentions, by the identity they are an alias of: a form linked
     * to several identities ("New York": the city, the state) goes to the one it names most often
     * (the first in identity order on a tie), as a watchlist author would choose. Sorted by identity.
     */
    public Map<String, Set<String>> surfaces() {
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
        return surfaces;
    }

    public static long span(int start, int end) {
        return ((long) start << 32) | end;
    }

    /** One WebAnno TSV 3.2 document: the text rebuilt at the annotated offsets, and its mentions. */
    private Doc parse(Path file) {
        String name = file.getFileName().toString().replaceFirst("\\.tsv$", "");
        List<String[]> rows = new ArrayList<>();
        int length = 0;
        for (String line : lines(file)) {
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split("\t", -1);
            rows.add(f);
            length = Math.max(length, Integer.parseInt(f[1].substring(f[1].indexOf('-') + 1)));
        }
        char[] text = new char[length];
        Arrays.fill(text, ' ');
        String previousSentence = null;
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
            for (String e : f[3].split("\\|")) {
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
        return new Doc(name, doc, List.copyOf(gold), Set.copyOf(unlinked));
    }

    private static String word(String doc, int[] tok) {
        return doc.substring(tok[0], tok[1]);
    }

    private boolean isName(String doc, List<int[]> toks) {
        if (toks.size() == 1) {
            String w = word(doc, toks.get(0));
            if (w.equals("I") || lowerCaseWords.contains(w.toLowerCase(java.util.Locale.ROOT))) {
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

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
