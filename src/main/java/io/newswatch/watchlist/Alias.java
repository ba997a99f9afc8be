package io.newswatch.watchlist;

import java.util.ArrayList;
import java.util.List;

/**
 * One phrase that names an entity: {@code ICC}, {@code International Criminal Court},
 * {@code Росатом}, {@code မြန်မာ}.
 *
 * <p>{@code caseMode} null means the default of {@link CaseMode#defaultFor(String)}.
 * {@code approximate} lets a run of the same number of words with exactly one alphabetic word
 * replaced match too ("International Wrongdoer Court"); it needs an alias of 3 or more words, and
 * such hits are flagged approximate.
 *
 * <p>In JSON and YAML an alias is a plain string, or an object
 * {@code {"text": "International Criminal Court", "case": "insensitive", "approximate": true}}.
 *
 * @throws IllegalArgumentException listing every problem: blank text, more than
 *     {@link #MAX_CHARS} characters, no letter or digit, approximate on fewer than 3 words
 */
public record Alias(String text, CaseMode caseMode, boolean approximate) {

    /** Aliases of at least this many words may be approximate. */
    public static final int APPROXIMATE_MIN_WORDS = 3;
    /**
     * Longest alias, in characters (Unicode code points): aliases are copied into every mention and
     * alert record, which must stay far below Kafka's record size limit.
     */
    public static final int MAX_CHARS = 200;

    public Alias {
        List<String> problems = problems(text, approximate);
        if (!problems.isEmpty()) {
            throw new IllegalArgumentException(String.join("; ", problems));
        }
        text = text.strip();
        if (caseMode == null) {
            caseMode = CaseMode.defaultFor(text);
        }
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
        return new Alias(text, mode, approximate);
    }

    /** True if the case mode is the one the text would get anyway (it is then not written out). */
    public boolean hasDefaultCaseMode() {
        return caseMode == CaseMode.defaultFor(text);
    }

    /** Number of words: runs of letters, digits and combining marks. */
    public int wordCount() {
        return wordCount(text);
    }

    static List<String> problems(String text, boolean approximate) {
        List<String> problems = new ArrayList<>(2);
        if (text == null || text.isBlank()) {
            problems.add("alias is blank");
            return problems;
        }
        int length = text.strip().codePointCount(0, text.strip().length());
        if (length > MAX_CHARS) {
            problems.add("alias is " + length + " characters long, at most " + MAX_CHARS);
            return problems;
        }
        String quoted = "alias '" + text.strip() + "'";
        int words = wordCount(text);
        if (words == 0) {
            problems.add(quoted + " has no letter or digit");
        } else if (approximate && words < APPROXIMATE_MIN_WORDS) {
            problems.add(quoted + ": approximate needs " + APPROXIMATE_MIN_WORDS + " or more words");
        }
        return problems;
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
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER;
    }
}
