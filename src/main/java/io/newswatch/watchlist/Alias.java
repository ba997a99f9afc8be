package io.newswatch.watchlist;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One phrase that names an entity: {@code ICC}, {@code International Criminal Court},
 * {@code Росатом}, {@code မြန်မာ}.
 *
 * <p>{@code caseMode} null means the default of {@link CaseMode#defaultFor(String)}.
 * {@code approximate} lets a run of the same number of words match with some words written as a
 * paraphrase ("International Wrongdoer Court", "Minutes Aung Hlaing"): a WordNet synonym, similar
 * or more general word, or an inflection, never another proper name, with at least one word
 * other than a connecting word written as it is; it needs an alias of 2 or more words, and such
 * hits are flagged approximate and say which words were substituted.
 *
 * <p>{@code context} and {@code exclude}, when given (even empty), replace the entity's rules of
 * that kind for this alias: the ambiguous short form ({@code ICC}) needs them, the full name does
 * not. Null means the entity's.
 *
 * <p>An alias of a single character after normalisation ({@code a}, {@code Ω}, {@code 中}, or
 * {@code (a+)+$}, whose only word character is {@code a}: punctuation is not part of a word)
 * would match any stray letter, so it is refused unless it has {@code case: exact} and
 * {@code singleCharacter: true}, which says the single character is meant.
 *
 * <p>In JSON and YAML an alias is a plain string, or an object
 * {@code {"text": "International Criminal Court", "case": "insensitive", "approximate": true}}
 * (and {@code "singleCharacter": true}, written out only when true; {@code "context"} and
 * {@code "exclude"}, lists of phrases, when given).
 *
 * @throws IllegalArgumentException listing every problem: blank text, more than
 *     {@link #MAX_CHARS} characters, no letter or digit, approximate on fewer than 2 words, a
 *     single character not allowed as above, a bad context or exclude phrase
 */
public record Alias(String text, CaseMode caseMode, boolean approximate, boolean singleCharacter,
                    List<String> context, List<String> exclude) {

    /** Aliases of at least this many words may be approximate. */
    public static final int APPROXIMATE_MIN_WORDS = 2;
    /**
     * Longest alias, in characters (Unicode code points): aliases are copied into every mention and
     * alert record, which must stay far below Kafka's record size limit.
     */
    public static final int MAX_CHARS = 200;

    public Alias {
        List<String> problems = new ArrayList<>(2);
        if (text == null || text.isBlank()) {
            problems.add("alias is blank");
        } else {
            text = text.strip();
            if (caseMode == null) {
                caseMode = CaseMode.defaultFor(text);
            }
            problems(text, caseMode, approximate, singleCharacter, problems);
        }
        context = context == null ? null : WatchedEntity.phrases("context", context, problems);
        exclude = exclude == null ? null : WatchedEntity.phrases("exclude", exclude, problems);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
    }

    /** An alias with the entity's context and exclude rules. */
    public Alias(String text, CaseMode caseMode, boolean approximate, boolean singleCharacter) {
        this(text, caseMode, approximate, singleCharacter, null, null);
    }

    /** An alias that is not a deliberate single character, with the entity's rules. */
    public Alias(String text, CaseMode caseMode, boolean approximate) {
        this(text, caseMode, approximate, false);
    }

    /** This alias with context and exclude rules of its own (null: the entity's). */
    public Alias withRules(List<String> context, List<String> exclude) {
        return new Alias(text, caseMode, approximate, singleCharacter, context, exclude);
    }

    /** Whether this alias has context or exclude rules of its own. */
    public boolean hasOwnRules() {
        return context != null || exclude != null;
    }

    /** An alias with the default case mode, not approximate. */
    public static Alias of(String text) {
        return new Alias(text, null, false);
    }

    /** An approximate alias with the default case mode. */
    public static Alias approximate(String text) {
        return new Alias(text, null, true);
    }

    /** This alias with another case mode. */
    public Alias withCaseMode(CaseMode mode) {
        return new Alias(text, mode, approximate, singleCharacter, context, exclude);
    }

    /** True if the case mode is the one the text would get anyway (it is then not written out). */
    public boolean hasDefaultCaseMode() {
        return caseMode == CaseMode.defaultFor(text);
    }

    /** Number of words: runs of letters, digits and combining marks. */
    public int wordCount() {
        return wordCount(text);
    }

    private static void problems(String text, CaseMode mode, boolean approximate, boolean singleCharacter,
                                 List<String> problems) {
        int length = text.codePointCount(0, text.length());
        if (length > MAX_CHARS) {
            problems.add("alias is " + length + " characters long, at most " + MAX_CHARS);
            return;
        }
        String quoted = "alias '" + text + "'";
        int words = wordCount(text);
        if (words == 0) {
            problems.add(quoted + " has no letter or digit");
            return;
        }
        if (approximate && words < APPROXIMATE_MIN_WORDS) {
            problems.add(quoted + ": approximate needs " + APPROXIMATE_MIN_WORDS + " or more words");
        }
        String characters = wordCharacters(text);
        boolean single = characters.codePointCount(0, characters.length()) == 1;
        if (single && !(singleCharacter && mode == CaseMode.EXACT)) {
            problems.add(quoted + " is a single character after normalisation ('" + characters.toLowerCase(Locale.ROOT)
                    + "'): it would match any stray letter; to watch it anyway give it case: exact and singleCharacter: true");
        } else if (!single && singleCharacter) {
            problems.add(quoted + ": singleCharacter is only for an alias of one character");
        }
    }

    /**
     * The letters and digits of the text after NFKC normalisation, as the matcher sees it; combining
     * marks belong to the character before them and are left out.
     */
    static String wordCharacters(String text) {
        String normalised = Normalizer.normalize(text, Normalizer.Form.NFKC);
        StringBuilder out = new StringBuilder(normalised.length());
        for (int i = 0; i < normalised.length(); ) {
            int cp = normalised.codePointAt(i);
            i += Character.charCount(cp);
            if (isWordChar(cp) && !isMark(cp)) {
                out.appendCodePoint(cp);
            }
        }
        return out.toString();
    }

    static int wordCount(String text) {
        int words = 0;
        boolean inWord = false;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            boolean w = isWordChar(cp);
            if (w && !inWord) {
                words++;
            }
            inWord = w;
        }
        return words;
    }

    static boolean isWordChar(int cp) {
        if (Character.isLetterOrDigit(cp)) {
            return true;
        }
        int type = Character.getType(cp);
        return isMark(cp) || type == Character.LETTER_NUMBER || type == Character.OTHER_NUMBER;
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
