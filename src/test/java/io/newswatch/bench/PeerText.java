package io.newswatch.bench;

import io.newswatch.match.Tokenizer;
import io.newswatch.watchlist.Alias;
import io.newswatch.watchlist.WatchedEntity;

import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What the string-matching peers of the matcher ({@link AhoCorasickBaseline}, {@link
 * HyperscanBaseline}) are fed: text and aliases normalised by the matcher's own public {@link
 * Tokenizer} (NFKC, case and diacritic folding, possessives dropped, its word boundaries), as
 * lower-case tokens joined by single spaces. A literal match of an alias's token string between
 * two separators of the article's token string is then a whole-word phrase match, the same
 * question the matcher answers for a case-insensitive exact alias.
 *
 * <p>Two rules of the matcher are not in the tokens and are marked in the text instead, so the
 * peers follow them: a phrase never spans the title and the body, nor a comma, semicolon, colon,
 * bracket or an inner possessive ({@code Mexico, City}, {@code President's Bush}; see
 * docs/watchlist.md). Each such break becomes a separate {@code |} in the token string (never
 * part of a token), so {@code "Mexico, City"} gives {@code " mexico | city "}. The matcher lets an
 * alias that itself has such punctuation cross it; the peers cannot say that, so such aliases
 * are refused rather than matched differently.
 */
final class PeerText {

    /** Separates title from body and marks phrase breaks in the token string. */
    static final char BREAK = '|';

    /**
     * Written into the text where a phrase breaks, before tokenizing: one ASCII word, so the
     * tokenizer passes it through as a token of its own and nothing else changes; no alias may
     * contain it.
     */
    private static final String MARK = "zqxphrasebreakxqz";

    private PeerText() {
    }

    /**
     * Title and body as the peers see them: {@code " tok tok | tok tok "}, one space before and
     * after every token, {@code |} between title and body and at each phrase break. Either may be null.
     */
    static String article(String title, String body) {
        StringBuilder out = new StringBuilder(2 + (title == null ? 0 : title.length()) + (body == null ? 0 : body.length()));
        out.append(' ');
        if (title != null) {
            appendTokens(out, title);
            out.append(BREAK).append(' ');
        }
        if (body != null) {
            appendTokens(out, body);
        }
        return out.toString();
    }

    /**
     * An alias as the peers match it: its tokens joined by single spaces, no leading or trailing
     * space; null if it has no token (the matcher ignores those too).
     *
     * @throws IllegalArgumentException if the alias has a phrase break between two of its words
     */
    static String alias(String text) {
        List<String> tokens = Tokenizer.tokens(marked(text));
        while (!tokens.isEmpty() && tokens.get(tokens.size() - 1).equals(MARK)) {
            tokens.remove(tokens.size() - 1); // a final possessive ("President Bush's") breaks nothing
        }
        if (tokens.contains(MARK)) {
            throw new IllegalArgumentException("alias '" + text + "' has punctuation that ends a phrase inside it:"
                    + " the matcher lets it cross that, the peers cannot");
        }
        return tokens.isEmpty() ? null : String.join(" ", tokens);
    }

    /**
     * The distinct normalised aliases of the entities (in watchlist order) with the ids of the
     * entities that have each: several entities may share one once normalised.
     */
    static Map<String, String[]> keywords(List<WatchedEntity> entities) {
        Map<String, Set<String>> byAlias = new LinkedHashMap<>();
        for (WatchedEntity e : entities) {
            for (Alias a : e.aliases()) {
                String k = alias(a.text());
                if (k != null) {
                    byAlias.computeIfAbsent(k, x -> new LinkedHashSet<>(2)).add(e.id());
                }
            }
        }
        Map<String, String[]> out = new LinkedHashMap<>(byAlias.size() * 2);
        byAlias.forEach((k, ids) -> out.put(k, ids.toArray(new String[0])));
        return out;
    }

    private static void appendTokens(StringBuilder out, String text) {
        for (String t : Tokenizer.tokens(marked(text))) {
            if (t.equals(MARK)) {
                out.append(BREAK).append(' ');
            } else {
                out.append(t).append(' ');
            }
        }
    }

    /** ASCII characters that may break a phrase: the punctuation and the apostrophes. */
    private static final boolean[] ASCII_CANDIDATE = new boolean[128];

    static {
        for (char c : ",;:()[]'`".toCharArray()) {
            ASCII_CANDIDATE[c] = true;
        }
    }

    /**
     * The text with {@link #MARK} where the matcher ends a phrase (also what Lucene's monitor is fed,
     * where the word keeps phrase queries from spanning the break): instead of each comma (not one
     * inside a number such as 3,500, which the tokenizer keeps in the token), semicolon, colon or
     * bracket, and after a possessive 's that the tokenizer drops. The text itself if it has none.
     */
    static String marked(String text) {
        char[] out = null;
        int o = 0;
        int copied = 0;
        int n = text.length();
        for (int i = 0; i < n; i++) {
            char c = text.charAt(i);
            if (c < 128 ? !ASCII_CANDIDATE[c] : !isApostrophe(c) && c < '\u3001') {
                continue; // most characters: neither a break nor an apostrophe
            }
            int cut; // the break replaces text[i, cut) or, for a possessive, follows it
            boolean replace;
            switch (c) {
                case ',':
                    if (i > 0 && i + 1 < n && isDigit(text.charAt(i - 1)) && isDigit(text.charAt(i + 1))) {
                        continue;
                    }
                    cut = i + 1;
                    replace = true;
                    break;
                case ';', ':', '(', ')', '[', ']', '\uFF0C', '\u3001', '\uFF1B', '\uFF1A':
                    cut = i + 1;
                    replace = true;
                    break;
                default:
                    if (!possessiveAt(text, i)) {
                        continue;
                    }
                    cut = i + 2;
                    replace = false;
            }
            int keep = replace ? i : cut;
            int need = o + (keep - copied) + MARK.length() + 2 + (n - cut);
            if (out == null || need > out.length) {
                char[] grown = new char[Math.max(need + 256, out == null ? n + 512 : out.length * 2)];
                if (out != null) {
                    System.arraycopy(out, 0, grown, 0, o);
                }
                out = grown;
            }
            text.getChars(copied, keep, out, o);
            o += keep - copied;
            out[o++] = ' ';
            MARK.getChars(0, MARK.length(), out, o);
            o += MARK.length();
            out[o++] = ' ';
            copied = cut;
            i = cut - 1;
        }
        if (out == null) {
            return text;
        }
        text.getChars(copied, n, out, o);
        return new String(out, 0, o + n - copied);
    }

    /**
     * Whether text[i] is the apostrophe of a possessive 's that ends a word, as the matcher's
     * tokenizer reads it: after a letter (so the apostrophe is inside the word), an s, then
     * nothing that would continue the word.
     */
    private static boolean possessiveAt(String text, int i) {
        int n = text.length();
        if (i == 0 || i + 1 >= n || !isApostrophe(text.charAt(i)) || (text.charAt(i + 1) | 0x20) != 's'
                || !Character.isLetter(text.charAt(i - 1))) {
            return false;
        }
        if (i + 2 == n) {
            return true;
        }
        char next = text.charAt(i + 2);
        if (continuesWord(next)) {
            return false;
        }
        return !((isApostrophe(next) || next == '.') && i + 3 < n && Character.isLetter(text.charAt(i + 3)));
    }

    private static boolean continuesWord(char c) {
        if (Character.isLetterOrDigit(c)) {
            return true;
        }
        int t = Character.getType(c);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK || t == Character.ENCLOSING_MARK
                || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
    }

    private static boolean isDigit(char c) {
        int t = Character.getType(c);
        return t == Character.DECIMAL_DIGIT_NUMBER || t == Character.LETTER_NUMBER || t == Character.OTHER_NUMBER;
    }

    /** The apostrophes the matcher's tokenizer unifies (io.newswatch.match.TextFold). */
    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019' || c == '\u2018' || c == '\u02BC' || c == '\uFF07' || c == '\u2032'
                || c == '\u00B4' || c == '\u02B9' || c == '`';
    }
}
