package io.newswatch.story.eval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A thesaurus spinner as cheap article rewriters work: it replaces a given share of the
 * <em>replaceable</em> words with a synonym drawn at random from any sense of the word, so it
 * also produces wrong-sense replacements ("Criminal Court" becomes "Wrongdoer Court").
 *
 * <p>A word is replaceable when it is made of letters only, has four letters or more, is not one
 * of the few pronouns and determiners in {@link #STOPWORDS}, and has a synonym in the thesaurus —
 * found as written or, for a crude inflection ({@code -s}, {@code -es}, {@code -ies}, {@code -ed},
 * {@code -ing}), as its stem, the synonym then given the same ending. Capitalised words and
 * common words ("about", "after", "over", "court", "said") are spun like any other; numbers,
 * words with digits or apostrophes, and words of three letters or fewer are left alone. A
 * synonym may be several words ("just about"); it takes the case of the word it replaces.
 */
public final class Spinner {

    /** Pronouns and determiners of four letters or more: a thesaurus offers nothing sensible for them. */
    static final Set<String> STOPWORDS = Set.of("this", "that", "these", "those", "they", "them", "their", "theirs",
            "there", "what", "which", "whom", "whose", "your", "yours", "ours", "itself", "himself", "herself",
            "themselves", "myself", "yourself", "ourselves", "each", "every", "either", "neither", "some", "such");

    private static final Pattern WORD = Pattern.compile("\\p{L}+(?:['’]\\p{L}+)*");

    private final Thesaurus thesaurus;

    public Spinner(Thesaurus thesaurus) {
        this.thesaurus = thesaurus;
    }

    /** A spun text and what was done. */
    public record Spun(String text, int replaceable, int replaced) {
    }

    /** Replaces {@code share} (0 to 1) of the replaceable words of {@code text}, chosen by {@code seed}. */
    public Spun spin(String text, double share, long seed) {
        Random random = new Random(seed);
        List<int[]> spans = new ArrayList<>();
        List<Candidate> candidates = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            Candidate c = candidate(m.group());
            if (c != null) {
                spans.add(new int[] {m.start(), m.end()});
                candidates.add(c);
            }
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < candidates.size(); i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        int count = (int) Math.round(share * candidates.size());
        boolean[] chosen = new boolean[candidates.size()];
        for (int i = 0; i < count; i++) {
            chosen[order.get(i)] = true;
        }
        StringBuilder out = new StringBuilder(text.length() + 64);
        int last = 0;
        for (int i = 0; i < candidates.size(); i++) {
            if (!chosen[i]) {
                continue;
            }
            int[] span = spans.get(i);
            Candidate c = candidates.get(i);
            String synonym = c.synonyms.get(random.nextInt(c.synonyms.size()));
            out.append(text, last, span[0]).append(matchCase(text.substring(span[0], span[1]), inflect(synonym, c.ending)));
            last = span[1];
        }
        out.append(text, last, text.length());
        return new Spun(out.toString(), candidates.size(), count);
    }

    /** Whether the spinner would replace {@code word}. */
    public boolean replaceable(String word) {
        return candidate(word) != null;
    }

    private record Candidate(List<String> synonyms, String ending) {
    }

    private Candidate candidate(String word) {
        if (word.length() <= 3 || word.indexOf('\'') >= 0 || word.indexOf('’') >= 0) {
            return null;
        }
        String lower = word.toLowerCase(Locale.ROOT);
        if (STOPWORDS.contains(lower)) {
            return null;
        }
        List<String> direct = thesaurus.synonyms(lower);
        if (!direct.isEmpty()) {
            return new Candidate(direct, "");
        }
        for (String[] rule : ENDINGS) {
            if (lower.endsWith(rule[0]) && lower.length() > rule[0].length() + 2) {
                String stem = lower.substring(0, lower.length() - rule[0].length()) + rule[1];
                List<String> synonyms = thesaurus.synonyms(stem);
                if (!synonyms.isEmpty()) {
                    return new Candidate(synonyms, rule[2]);
                }
            }
        }
        return null;
    }

    /** Ending as written, what the stem ends with instead, and the ending to give the synonym. */
    private static final String[][] ENDINGS = {
            {"ies", "y", "s"}, {"es", "", "s"}, {"s", "", "s"}, {"ied", "y", "ed"}, {"ed", "", "ed"}, {"ed", "e", "ed"},
            {"ing", "", "ing"}, {"ing", "e", "ing"}};

    private static String inflect(String synonym, String ending) {
        if (ending.isEmpty()) {
            return synonym;
        }
        // the last word of a phrase takes the ending, as a cheap spinner does it: "carry outs" and all
        int space = synonym.lastIndexOf(' ');
        String head = synonym.substring(0, space + 1);
        String last = synonym.substring(space + 1);
        String inflected = switch (ending) {
            case "s" -> last.endsWith("s") || last.endsWith("x") || last.endsWith("ch") || last.endsWith("sh") ? last + "es"
                    : last.endsWith("y") && last.length() > 1 && "aeiou".indexOf(last.charAt(last.length() - 2)) < 0
                    ? last.substring(0, last.length() - 1) + "ies" : last + "s";
            case "ed" -> last.endsWith("e") ? last + "d" : last + "ed";
            default -> last.endsWith("e") && last.length() > 2 ? last.substring(0, last.length() - 1) + "ing" : last + "ing";
        };
        return head + inflected;
    }

    private static String matchCase(String original, String synonym) {
        if (original.length() > 1 && original.equals(original.toUpperCase(Locale.ROOT))) {
            return synonym.toUpperCase(Locale.ROOT);
        }
        if (Character.isUpperCase(original.charAt(0))) {
            return Character.toUpperCase(synonym.charAt(0)) + synonym.substring(1);
        }
        return synonym;
    }
}
