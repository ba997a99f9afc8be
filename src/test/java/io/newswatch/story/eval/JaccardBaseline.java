package io.newswatch.story.eval;

import io.newswatch.match.Tokenizer;

import java.util.Arrays;
import java.util.List;

/**
 * The baseline: every pair of bodies compared by the Jaccard similarity of their sets of word
 * 3-shingles (the matcher's tokens, all shingles, no sampling). Quadratic in the number of
 * articles, so not something a stream can run; computed here through an inverted index, with the
 * intersection of every pair in a triangular matrix.
 */
public final class JaccardBaseline {

    private final int n;
    private final int[] sizes;
    private final int[] intersections;

    private JaccardBaseline(int n, int[] sizes, int[] intersections) {
        this.n = n;
        this.sizes = sizes;
        this.intersections = intersections;
    }

    public static JaccardBaseline of(List<String> bodies) {
        int n = bodies.size();
        if (n >= 1 << 20) {
            throw new IllegalArgumentException("too many documents: " + n);
        }
        int[] sizes = new int[n];
        long[][] sets = new long[n][];
        int total = 0;
        for (int d = 0; d < n; d++) {
            sets[d] = shingles(bodies.get(d));
            sizes[d] = sets[d].length;
            total += sizes[d];
        }
        // (44 bits of shingle hash, 20 bits of document), sorted: each run of one hash lists its documents
        long[] postings = new long[total];
        int at = 0;
        for (int d = 0; d < n; d++) {
            for (long h : sets[d]) {
                postings[at++] = (h >>> 20) << 20 | d;
            }
        }
        Arrays.sort(postings);
        int[] intersections = new int[(int) ((long) n * (n - 1) / 2)];
        int[] run = new int[n];
        for (int i = 0; i < postings.length; ) {
            long key = postings[i] >>> 20;
            int size = 0;
            int j = i;
            while (j < postings.length && postings[j] >>> 20 == key) {
                run[size++] = (int) (postings[j] & 0xFFFFF);
                j++;
            }
            for (int a = 0; a < size; a++) {
                for (int b = a + 1; b < size; b++) {
                    if (run[a] != run[b]) {
                        intersections[index(n, run[a], run[b])]++;
                    }
                }
            }
            i = j;
        }
        return new JaccardBaseline(n, sizes, intersections);
    }

    /** Jaccard similarity of the 3-shingle sets of documents {@code a} and {@code b}. */
    public double jaccard(int a, int b) {
        if (a == b) {
            return 1;
        }
        int both = intersections[index(n, Math.min(a, b), Math.max(a, b))];
        int union = sizes[a] + sizes[b] - both;
        return union == 0 ? 0 : (double) both / union;
    }

    /** Containment of the smaller set in the larger: what the Jaccard similarity misses on a cut copy. */
    public double containment(int a, int b) {
        if (a == b) {
            return 1;
        }
        int both = intersections[index(n, Math.min(a, b), Math.max(a, b))];
        int smaller = Math.min(sizes[a], sizes[b]);
        return smaller == 0 ? 0 : (double) both / smaller;
    }

    public int size() {
        return n;
    }

    private static int index(int n, int a, int b) {
        // row a (a < b) of the strict upper triangle
        return (int) ((long) a * (2L * n - a - 1) / 2 + (b - a - 1));
    }

    static long[] shingles(String body) {
        List<String> tokens = Tokenizer.tokens(body);
        long[] out = new long[Math.max(0, tokens.size() - 2)];
        for (int i = 0; i + 2 < tokens.size(); i++) {
            long h = tokens.get(i).hashCode() * 0x9E3779B97F4A7C15L;
            h = Long.rotateLeft(h, 23) ^ tokens.get(i + 1).hashCode() * 0xC2B2AE3D27D4EB4FL;
            h = Long.rotateLeft(h, 23) ^ tokens.get(i + 2).hashCode() * 0x165667B19E3779F9L;
            h ^= h >>> 33;
            h *= 0xFF51AFD7ED558CCDL;
            h ^= h >>> 33;
            out[i] = h;
        }
        return Arrays.stream(out).map(h -> h >>> 20 << 20).sorted().distinct().toArray();
    }
}
