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
