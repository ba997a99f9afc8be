package io.newswatch.story;

import io.newswatch.match.TokenTrace;

import java.util.Arrays;

/**
 * Makes the {@link Sketch} of an article in one pass over its tokens: the matcher's tokens, read
 * once for both ({@link TokenTrace}), so both see the same words, and no string per token.
 *
 * <p>The body is sketched, not the title: a copy under another headline is still a copy. A body
 * too short to say anything ({@value #MIN_TOKENS} tokens) is sketched with its title. Only the
 * first {@value #MAX_TOKENS} tokens are read: the lead is what every copy keeps (a cut copy is its
 * lead, an extended one adds at the end, boilerplate shifts it by a few dozen words), and it bounds
 * the cost of a long article, which is also the one most likely to mention a watched name.
 */
public final class Sketcher {

    /** Most hashes kept in each of a sketch's two shingle samples. */
    static final int MAX_SAMPLES = 160;
    /** Most distinct numbers kept. */
    static final int MAX_NUMBERS = 32;
    /** A shingle is kept when its hash has these bits clear: one in four. */
    private static final int SAMPLE_MASK = 3;
    private static final int MIN_TOKENS = 12;
    /** Tokens of the body read (and of the title, when it is read too): what a {@link TokenTrace} must keep. */
    public static final int MAX_TOKENS = 800;
    private static final int ANCHOR_SALT = 0x5bd1e995;

    private Sketcher() {
    }

    /** The sketch of an article given as text: tokenizes it (the first {@value #MAX_TOKENS} tokens of each part). */
    public static Sketch sketch(String title, String body) {
        return sketch(TokenTrace.of(title, body, MAX_TOKENS));
    }

    /**
     * The sketch of an article from the tokens the matcher read ({@link TokenTrace}, kept to at
     * least {@value #MAX_TOKENS} tokens a part): the same sketch as from its text, without reading
     * the text again.
     */
    public static Sketch sketch(TokenTrace trace) {
        Pass pass = new Pass();
        trace.replayBody(pass);
        if (pass.tokens < MIN_TOKENS && trace.titleTokens() > 0) {
            pass = new Pass();
            if (trace.replayTitle(pass)) {
                trace.replayBody(pass);
            }
        }
        return new Sketch(pass.shingles.smallest(MAX_SAMPLES), pass.anchors.smallest(MAX_SAMPLES),
                pass.numbers.smallest(MAX_NUMBERS));
    }

    /** Murmur3's finaliser: spreads a token hash (a poor hash of short words) over all 32 bits. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /** The state of one pass: the last words seen and the samples so far. */
    private static final class Pass implements TokenTrace.Visitor {
        final Ints shingles = new Ints();
        final Ints anchors = new Ints();
        final Ints numbers = new Ints();
        int tokens;
        int w1;
        int w2;
        int a1;
        int a2;
        int a3;
        int anchorCount;

        @Override
        public boolean token(int hash, boolean capitalised, boolean number, int length) {
            int w = mix(hash);
            if (++tokens >= 3) {
                keepSample(shingles, mix(w2 * 31 * 31 + w1 * 31 + w));
            }
            w2 = w1;
            w1 = w;
            if (number) {
                numbers.add(w);
            }
            if (number || capitalised || length <= FunctionWords.LONGEST && FunctionWords.contains(hash)) {
                if (++anchorCount >= 4) {
                    keepSample(anchors, mix((a3 * 31 * 31 * 31 + a2 * 31 * 31 + a1 * 31 + w) ^ ANCHOR_SALT));
                }
                a3 = a2;
                a2 = a1;
                a1 = w;
            }
            return tokens < MAX_TOKENS;
        }

        private static void keepSample(Ints out, int h) {
            if ((h & SAMPLE_MASK) == 0) {
                out.add(h);
            }
        }
    }

    /** A growable int array. */
    static final class Ints {
        private int[] values = new int[64];
        private int size;

        void add(int v) {
            if (size == values.length) {
                values = Arrays.copyOf(values, size * 2);
            }
            values[size++] = v;
        }

        int size() {
            return size;
        }

        int removeLast() {
            return values[--size];
        }

        /** The values, sorted. */
        int[] sorted() {
            int[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            return sorted;
        }

        /** The {@code max} smallest distinct values, sorted. */
        int[] smallest(int max) {
            int[] sorted = Arrays.copyOf(values, size);
            Arrays.sort(sorted);
            int n = 0;
            for (int i = 0; i < sorted.length && n < max; i++) {
                if (n == 0 || sorted[n - 1] != sorted[i]) {
                    sorted[n++] = sorted[i];
                }
            }
            return Arrays.copyOf(sorted, n);
        }
    }
}
