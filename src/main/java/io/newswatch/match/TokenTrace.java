package io.newswatch.match;

import java.util.Arrays;

/**
 * The tokens of one article as the matcher read them, kept for a reader that needs them again in
 * order (a story sketch) without tokenizing the text a second time: per token its hash, normalised
 * length and two flags — the title's tokens, and the body's, each up to a limit. {@link
 * Matcher#match(String, String, TokenTrace)} fills one as it matches; {@link #of} fills one from
 * text alone. Reused, not shared: one per thread.
 */
public final class TokenTrace {

    /** What {@link #replayTitle} and {@link #replayBody} report of each token, in text order. */
    @FunctionalInterface
    public interface Visitor {
        /**
         * @param hash        {@link String#hashCode()} of the normalised token
         * @param capitalised whether the token is written with an upper-case first letter
         * @param number      whether it starts with a digit
         * @param length      its normalised length in chars
         * @return whether to go on: false ends the replay
         */
        boolean token(int hash, boolean capitalised, boolean number, int length);
    }

    private static final int CAPITALISED = 1 << 30;
    private static final int NUMBER = 1 << 29;
    private static final int LENGTH = NUMBER - 1;

    private final int limit;
    private int[] hashes = new int[256];
    private int[] shapes = new int[256];
    private int size;
    /** Where the part being recorded (title, then body) starts. */
    private int partStart;
    private int titleTokens;

    /** A trace that keeps at most {@code limit} tokens of the title and of the body. */
    public TokenTrace(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be positive: " + limit);
        }
        this.limit = limit;
    }

    /** The trace of a title and a body (either may be null), read by the matcher's tokenizer alone. */
    public static TokenTrace of(String title, String body, int limit) {
        TokenTrace trace = new TokenTrace(limit);
        TokenScanner sc = new TokenScanner();
        trace.clear();
        trace.record(sc, title);
        trace.bodyStarts();
        trace.record(sc, body);
        return trace;
    }

    private void record(TokenScanner sc, String text) {
        if (text == null) {
            return;
        }
        sc.reset(text);
        while (!full() && sc.next()) {
            add(sc, text);
        }
    }

    void clear() {
        size = 0;
        partStart = 0;
        titleTokens = 0;
    }

    /** The title's tokens are all recorded; the body's follow. */
    void bodyStarts() {
        titleTokens = size;
        partStart = size;
    }

    boolean full() {
        return size - partStart >= limit;
    }

    /** Records the scanner's current token of {@code text}. */
    void add(TokenScanner sc, String text) {
        if (size == hashes.length) {
            hashes = Arrays.copyOf(hashes, size * 2);
            shapes = Arrays.copyOf(shapes, size * 2);
        }
        char first = sc.buf[0];
        int shape = Math.min(sc.len, LENGTH);
        if (Character.isUpperCase(text.charAt(sc.start))) {
            shape |= CAPITALISED;
        }
        if (first >= '0' && first <= '9') {
            shape |= NUMBER;
        }
        hashes[size] = sc.hash;
        shapes[size] = shape;
        size++;
    }

    public int titleTokens() {
        return titleTokens;
    }

    public int bodyTokens() {
        return size - titleTokens;
    }

    /** Replays the title's tokens; returns false if the visitor stopped. */
    public boolean replayTitle(Visitor visitor) {
        return replay(0, titleTokens, visitor);
    }

    /** Replays the body's tokens (up to the limit); returns false if the visitor stopped. */
    public boolean replayBody(Visitor visitor) {
        return replay(titleTokens, size, visitor);
    }

    private boolean replay(int from, int to, Visitor visitor) {
        for (int i = from; i < to; i++) {
            int shape = shapes[i];
            if (!visitor.token(hashes[i], (shape & CAPITALISED) != 0, (shape & NUMBER) != 0, shape & LENGTH)) {
                return false;
            }
        }
        return true;
    }
}
