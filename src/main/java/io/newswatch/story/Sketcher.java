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
        Pass pass = PASSES.get().reset();
        trace.replayBody(pass);
        if (pass.tokens < MIN_TOKENS && trace.titleTokens() > 0) {
            pass.reset();
            if (trace.replayTitle(pass)) {
                trace.replayBody(pass);
            }
        }
        return new Sketch(pass.shingles.smallest(MAX_SAMPLES), pass.anchors.smallest(MAX_SAMPLES),
                pass.numbers.smallest(MAX_NUMBERS));
    }

    /** One pass per thread, reused: its arrays hold a value per token read, so they never grow. */
    private static final ThreadLocal<Pass> PASSES = ThreadLocal.withInitial(Pass::new);

    /** Murmur3's finaliser: spreads a token hash (a poor hash of short words) over all 32 bits. */
    static int mix(int h) {
        h ^= h >>> 16;
        h *= 0x85ebca6b;
        h ^= h >>> 13;
        h *= 0xc2b2ae35;
        h ^= h >>> 16;
        return h;
    }

    /**
     * The state of one pass: the last words seen and the samples so far. A sample is written and
     * kept or not by its hash, without a branch: which one is kept is a coin toss the processor
     * cannot predict.
     */
    private static final class Pass implements TokenTrace.Visitor {
        final Ints shingles = new Ints(MAX_TOKENS + 1);
        final Ints anchors = new Ints(MAX_TOKENS + 1);
        final Ints numbers = new Ints(MAX_TOKENS + 1);
        int tokens;
        int w1;
        int w2;
        int a1;
        int a2;
        int a3;
        int anchorCount;

        Pass reset() {
            shingles.clear();
            anchors.clear();
            numbers.clear();
            tokens = 0;
            w1 = 0;
            w2 = 0;
            a1 = 0;
            a2 = 0;
            a3 = 0;
            anchorCount = 0;
            return this;
        }

        @Override
        public boolean token(int hash, boolean capitalised, boolean number, int length) {
            int w = mix(hash);
            int t = ++tokens;
            int shingle = mix(w2 * 31 * 31 + w1 * 31 + w);
            shingles.addIf(shingle, t >= 3 & (shingle & SAMPLE_MASK) == 0);
            w2 = w1;
            w1 = w;
            if (number) {
                numbers.add(w);
            }
            if (number || capitalised || length <= FunctionWords.LONGEST && FunctionWords.contains(hash)) {
                int anchor = mix((a3 * 31 * 31 * 31 + a2 * 31 * 31 + a1 * 31 + w) ^ ANCHOR_SALT);
                anchors.addIf(anchor, ++anchorCount >= 4 & (anchor & SAMPLE_MASK) == 0);
                a3 = a2;
                a2 = a1;
                a1 = w;
            }
            return t < MAX_TOKENS;
        }
    }

    /** A growable int array. */
    static final class Ints {
        private int[] values;
        private int size;

        Ints() {
            this(64);
        }

        Ints(int capacity) {
            values = new int[capacity];
        }

        void clear() {
            size = 0;
        }

        /** Adds {@code v} if {@code keep}, without a branch: there must be room for it (as in a {@link Pass}). */
        void addIf(int v, boolean keep) {
            values[size] = v;
            size += keep ? 1 : 0;
        }

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

        /** The {@code max} smallest distinct values, sorted; sorts the values in place. */
        int[] smallest(int max) {
            radixSort();
            int n = 0;
            for (int i = 0; i < size && n < max; i++) {
                if (n == 0 || values[n - 1] != values[i]) {
                    values[n++] = values[i];
                }
            }
            size = n;
            return Arrays.copyOf(values, n);
        }

        /** Below this many values, four passes over 256 counters cost more than they save. */
        private static final int RADIX_FROM = 64;
        private int[] scratch;
        private int[] counts;

        /**
         * Sorts the values in place, a byte at a time from the lowest (least significant digit
         * radix sort): hashes are random, and a comparison sort of random values mispredicts a
         * branch at every other comparison, which made sorting two fifths of a sketch's time.
         */
        private void radixSort() {
            if (size < RADIX_FROM) {
                Arrays.sort(values, 0, size);
                return;
            }
            if (scratch == null || scratch.length < values.length) {
                scratch = new int[values.length];
                counts = new int[256];
            }
            int[] from = values;
            int[] to = scratch;
            for (int shift = 0; shift < 32; shift += 8) {
                int[] c = counts;
                Arrays.fill(c, 0);
                int flip = shift == 24 ? 0x80 : 0; // the top byte carries the sign
                for (int i = 0; i < size; i++) {
                    c[((from[i] >>> shift) & 0xff) ^ flip]++;
                }
                int sum = 0;
                for (int b = 0; b < 256; b++) {
                    int k = c[b];
                    c[b] = sum;
                    sum += k;
                }
                for (int i = 0; i < size; i++) {
                    int v = from[i];
                    to[c[((v >>> shift) & 0xff) ^ flip]++] = v;
                }
                int[] t = from;
                from = to;
                to = t;
            }
            // four passes: the sorted values are back in the array they started in
        }
    }
}
