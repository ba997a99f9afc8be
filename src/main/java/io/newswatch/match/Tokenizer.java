package io.newswatch.match;

import java.util.ArrayList;
import java.util.List;

/**
 * The matcher's tokenizer, exposed to show what the matcher sees and to measure its cost alone.
 * See the package documentation for the rules.
 */
public final class Tokenizer {

    private static final ThreadLocal<TokenScanner> SCANNERS = ThreadLocal.withInitial(TokenScanner::new);

    private Tokenizer() {
    }

    /** The normalised tokens of a text: {@code "Myanmar’s Naypyidaw-based ICC"} gives {@code [myanmar, naypyidaw, based, icc]}. */
    public static List<String> tokens(String text) {
        List<String> out = new ArrayList<>();
        TokenScanner sc = new TokenScanner().reset(text);
        while (sc.next()) {
            out.add(sc.token());
        }
        return out;
    }

    /** What {@link #scan(String, TokenVisitor)} reports of each token, in text order. */
    @FunctionalInterface
    public interface TokenVisitor {
        /**
         * @param hash        {@link String#hashCode()} of the normalised token
         * @param capitalised whether the token is written with an upper-case first letter
         * @param number      whether it starts with a digit
         * @param length      its normalised length in chars
         * @return whether to go on: false ends the scan
         */
        boolean token(int hash, boolean capitalised, boolean number, int length);
    }

    /**
     * Reports every token of {@code text} to {@code visitor} without building strings. The
     * thread's scanner, unless a visitor tokenizes again from inside: then one of its own.
     */
    public static void scan(String text, TokenVisitor visitor) {
        if (text == null) {
            return;
        }
        TokenScanner shared = SCANNERS.get();
        TokenScanner sc = shared.busy ? new TokenScanner() : shared;
        sc.busy = true;
        try {
            sc.reset(text);
            boolean more = true;
            while (more && sc.next()) {
                char first = sc.buf[0];
                more = visitor.token(sc.hash, Character.isUpperCase(text.charAt(sc.start)), first >= '0' && first <= '9', sc.len);
            }
        } finally {
            sc.busy = false;
        }
    }

    /**
     * Tokenizes and normalises the text without matching anything: the floor every matcher pays.
     * Returns a checksum of the tokens so that the work cannot be optimised away.
     */
    public static int scan(String text) {
        TokenScanner sc = SCANNERS.get().reset(text);
        int sum = 0;
        while (sc.next()) {
            sum += sc.hash;
        }
        return sum;
    }
}
