package io.newswatch.story;

import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/** Containment, the measure every story rule is built on, against a plain set computation. */
class StoryRuleTest {

    @Test
    void shouldMeasureContainmentAsTheSharedShareOfTheSmallerSampleBelowTheSmallerMaximum() {
        SplittableRandom random = new SplittableRandom(7);
        for (int round = 0; round < 5_000; round++) {
            // samples as the sketcher keeps them: sorted hashes, full (cut at MAX_SAMPLES) or not,
            // drawn from a small range so that they share some
            int range = 1 + random.nextInt(4_000);
            int[] a = sample(random, random.nextInt(Sketcher.MAX_SAMPLES + 1), range);
            int[] b = random.nextInt(4) == 0 ? a.clone() : sample(random, random.nextInt(Sketcher.MAX_SAMPLES + 1), range);
            boolean capped = random.nextBoolean();
            assertThat(StoryRule.containment(a, b, capped)).as("round %d", round).isEqualTo(reference(a, b, capped));
        }
    }

    @Test
    void shouldCompareFullSamplesOnlyWhereBothStillHoldEverythingTheySampled() {
        // a holds hashes 0..159 (full), b every second hash up to 318 (full): below 159, the
        // smaller maximum, b holds 80 hashes, all in a
        int[] a = IntStream.range(0, Sketcher.MAX_SAMPLES).toArray();
        int[] b = IntStream.range(0, Sketcher.MAX_SAMPLES).map(i -> 2 * i).toArray();
        assertThat(StoryRule.containment(a, b, true)).isEqualTo(1.0);
        // uncapped, all 160 of each count: 80 shared
        assertThat(StoryRule.containment(a, b, false)).isEqualTo(0.5);
        assertThat(StoryRule.containment(new int[0], b, true)).isZero();
    }

    private static int[] sample(SplittableRandom random, int size, int range) {
        return random.ints(size, -range, range).distinct().sorted().toArray();
    }

    /** The definition, with sets: shared hashes at most the limit over the smaller count at most the limit. */
    private static double reference(int[] a, int[] b, boolean capped) {
        if (a.length == 0 || b.length == 0) {
            return 0;
        }
        long limit = capped && (a.length >= Sketcher.MAX_SAMPLES || b.length >= Sketcher.MAX_SAMPLES)
                ? Math.min(a[a.length - 1], b[b.length - 1]) : Long.MAX_VALUE;
        int[] inA = Arrays.stream(a).filter(x -> x <= limit).toArray();
        int[] inB = Arrays.stream(b).filter(x -> x <= limit).toArray();
        long both = Arrays.stream(inA).filter(x -> Arrays.binarySearch(inB, x) >= 0).count();
        int smaller = Math.min(inA.length, inB.length);
        return smaller == 0 ? 0 : (double) both / smaller;
    }
}
