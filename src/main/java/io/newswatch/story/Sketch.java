package io.newswatch.story;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * What the story index keeps of one article: three sorted sets of 32-bit hashes, each a
 * consistent sample, so that "how much of the smaller one is in the other" can be estimated from
 * the samples alone ({@link StoryRule}).
 *
 * @param shingles hashes of word 3-shingles of the text, the quarter whose hash ends in two zero
 *                 bits, at most {@value Sketcher#MAX_SAMPLES} (the smallest): what survives
 *                 copying, cutting, extending and boilerplate
 * @param anchors  hashes of 4-shingles of the text's anchor words — function words, numbers and
 *                 capitalised words, the words a synonym spinner leaves alone — sampled the same
 *                 way: what survives spinning
 * @param numbers  hashes of the distinct numbers in the text, at most
 *                 {@value Sketcher#MAX_NUMBERS}: what tells two issues of one template apart
 */
public record Sketch(int[] shingles, int[] anchors, int[] numbers) {

    public Sketch {
        shingles = shingles == null ? new int[0] : shingles;
        anchors = anchors == null ? new int[0] : anchors;
        numbers = numbers == null ? new int[0] : numbers;
    }

    /**
     * The sketch as bytes: three counts, then the hashes, big-endian. What travels to the story
     * stage and into its store, a quarter of the size of the hashes written as JSON numbers.
     */
    public byte[] toBytes() {
        ByteBuffer out = ByteBuffer.allocate(12 + hashBytes());
        out.putInt(shingles.length).putInt(anchors.length).putInt(numbers.length);
        for (int[] part : new int[][] {shingles, anchors, numbers}) {
            for (int h : part) {
                out.putInt(h);
            }
        }
        return out.array();
    }

    /** The sketch {@link #toBytes()} wrote. */
    public static Sketch fromBytes(byte[] bytes) {
        ByteBuffer in = ByteBuffer.wrap(bytes);
        int[][] parts = {new int[in.getInt()], new int[in.getInt()], new int[in.getInt()]};
        for (int[] part : parts) {
            for (int i = 0; i < part.length; i++) {
                part[i] = in.getInt();
            }
        }
        return new Sketch(parts[0], parts[1], parts[2]);
    }

    /** Bytes of hashes held: what one representative costs the index, before its postings. */
    int hashBytes() {
        return 4 * (shingles.length + anchors.length + numbers.length);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Sketch s && Arrays.equals(shingles, s.shingles) && Arrays.equals(anchors, s.anchors)
                && Arrays.equals(numbers, s.numbers);
    }

    @Override
    public int hashCode() {
        return 31 * (31 * Arrays.hashCode(shingles) + Arrays.hashCode(anchors)) + Arrays.hashCode(numbers);
    }

    @Override
    public String toString() {
        return "Sketch[" + shingles.length + " shingles, " + anchors.length + " anchors, " + numbers.length + " numbers]";
    }
}
