package io.newswatch.story.eval;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A WordNet-derived thesaurus in the MyThes {@code .dat} format of LibreOffice (Debian package
 * {@code mythes-en-us}): an encoding line, then per headword a line {@code word|n} followed by
 * {@code n} sense lines {@code (pos)|syn1|syn2...}. A synonym may be marked
 * {@code (similar term)}, {@code (related term)}, {@code (generic term)} or {@code (antonym)}; a
 * spinner takes plain and similar terms, not hypernyms, related words or antonyms.
 */
public final class Thesaurus {

    public static final Path DEFAULT = Path.of("/usr/share/mythes/th_en_US_v2.dat");

    private static Thesaurus cached;
    private static Thesaurus cachedCommon;

    private final Map<String, List<String>> synonyms;

    private Thesaurus(Map<String, List<String>> synonyms) {
        this.synonyms = synonyms;
    }

    /** The system thesaurus, read once per JVM; fails with how to install it when it is missing. */
    public static synchronized Thesaurus system() {
        if (cached == null) {
            if (!Files.isReadable(DEFAULT)) {
                throw new IllegalStateException(DEFAULT + " is missing: apt-get install mythes-en-us");
            }
            cached = load(DEFAULT);
        }
        return cached;
    }

    /**
     * The system thesaurus without proper names: no capitalised headword ("Moscow", "York",
     * "Harris") and no capitalised synonym. A spinner with it leaves names that are only names
     * alone and never writes one, as the paraphrased seed article does: it spins "Min" into
     * "Minutes" and "Criminal" into "Wrongdoer" but leaves all 35 occurrences of Myanmar, Putin,
     * Russia, Moscow, Kremlin, Ukraine, China, Germany, Argentina and the months as they were.
     */
    public static synchronized Thesaurus systemCommonSenses() {
        if (cachedCommon == null) {
            system();
            cachedCommon = load(DEFAULT, true);
        }
        return cachedCommon;
    }

    public static Thesaurus load(Path file) {
        return load(file, false);
    }

    private static Thesaurus load(Path file, boolean commonOnly) {
        Map<String, List<String>> out = new HashMap<>(200_000);
        try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            in.readLine(); // the encoding
            String header;
            while ((header = in.readLine()) != null) {
                int bar = header.lastIndexOf('|');
                if (bar <= 0) {
                    continue;
                }
                String word = header.substring(0, bar);
                int senses = Integer.parseInt(header.substring(bar + 1).trim());
                boolean skip = commonOnly && !word.equals(word.toLowerCase(Locale.ROOT));
                Set<String> words = new LinkedHashSet<>();
                for (int i = 0; i < senses; i++) {
                    String sense = in.readLine();
                    if (sense == null) {
                        break;
                    }
                    String[] parts = sense.split("\\|");
                    for (int p = 1; p < parts.length && !skip; p++) {
                        String synonym = plain(parts[p]);
                        if (commonOnly && synonym != null && !synonym.equals(synonym.toLowerCase(Locale.ROOT))) {
                            continue;
                        }
                        if (synonym != null && !synonym.equalsIgnoreCase(word)) {
                            words.add(synonym);
                        }
                    }
                }
                if (!words.isEmpty()) {
                    out.merge(word.toLowerCase(Locale.ROOT), List.copyOf(words), Thesaurus::concat);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return new Thesaurus(out);
    }

    /** The synonyms of a headword (lower case), all senses together; empty when it has none. */
    public List<String> synonyms(String headword) {
        return synonyms.getOrDefault(headword, List.of());
    }

    public int headwords() {
        return synonyms.size();
    }

    private static String plain(String entry) {
        String s = entry.trim();
        if (s.endsWith("(antonym)") || s.endsWith("(generic term)") || s.endsWith("(related term)")) {
            return null;
        }
        if (s.endsWith("(similar term)")) {
            s = s.substring(0, s.length() - "(similar term)".length()).trim();
        }
        return s.isEmpty() ? null : s;
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> out = new ArrayList<>(a);
        out.addAll(b);
        return List.copyOf(new LinkedHashSet<>(out));
    }
}
