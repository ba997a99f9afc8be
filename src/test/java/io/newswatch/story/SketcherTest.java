package io.newswatch.story;

import io.newswatch.match.Matcher;
import io.newswatch.match.TokenTrace;
import io.newswatch.testing.TestData;
import io.newswatch.watchlist.WatchedEntity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor sketches an article from the tokens its matcher read ({@link TokenTrace}), the CLI
 * and the evaluation from the text: both must give the same sketch, or a story's members would
 * depend on where they were sketched.
 */
class SketcherTest {

    private static final Matcher MATCHER = Matcher.compile(List.of(
            WatchedEntity.of("myanmar", "Myanmar", "Myanmar"),
            WatchedEntity.of("icc", "International Criminal Court", "International Criminal Court", "ICC")));

    @Test
    void shouldSketchTheMatchersTokensAsTheText() {
        // Given real articles, the seed (a spun copy) and one longer than the tokens sketched
        List<TestData.WikinewsArticle> articles = TestData.wikinews(295);
        String seed = TestData.seedArticle();
        String longest = articles.stream().map(TestData.WikinewsArticle::text).reduce("", (a, b) -> a + "\n" + b);
        TokenTrace trace = new TokenTrace(Sketcher.MAX_TOKENS);

        // When each is matched with a trace, then sketched from it
        // Then the sketch is the one its text gives
        for (TestData.WikinewsArticle a : articles) {
            MATCHER.match(a.title(), a.text(), trace);
            assertThat(Sketcher.sketch(trace)).as(a.url()).isEqualTo(Sketcher.sketch(a.title(), a.text()));
        }
        MATCHER.match("Myanmar", seed, trace);
        assertThat(Sketcher.sketch(trace)).isEqualTo(Sketcher.sketch("Myanmar", seed));
        MATCHER.match(null, longest, trace);
        assertThat(trace.bodyTokens()).isEqualTo(Sketcher.MAX_TOKENS);
        assertThat(Sketcher.sketch(trace)).isEqualTo(Sketcher.sketch(null, longest));
        assertThat(Sketcher.sketch(trace).shingles()).hasSize(Sketcher.MAX_SAMPLES);
    }

    @Test
    void shouldSketchAShortBodyWithItsTitle() {
        // Given two articles of four words each, with other headlines
        String body = "Myanmar leader visits Moscow";
        TokenTrace trace = new TokenTrace(Sketcher.MAX_TOKENS);

        // When they are sketched from the matcher's tokens
        MATCHER.match("Min Aung Hlaing meets Putin to talk about a nuclear plant", body, trace);
        Sketch first = Sketcher.sketch(trace);
        MATCHER.match("Junta chief in Russia for talks on Rosatom reactor deal", body, trace);
        Sketch second = Sketcher.sketch(trace);

        // Then the headlines are in the sketches: the bodies alone are too short to tell stories apart
        assertThat(first).isNotEqualTo(second);
        assertThat(first).isEqualTo(Sketcher.sketch("Min Aung Hlaing meets Putin to talk about a nuclear plant", body));
    }

    @Test
    void shouldKeepTheSmallestDistinctHashesInOrder() {
        // Given hashes of both signs, with repeats, more than a comparison sort is used for and fewer
        Random random = new Random(7);
        for (int n : new int[] {0, 5, 63, 64, 200, 801}) {
            int[] hashes = IntStream.range(0, n).map(i -> i % 7 == 0 ? 42 : random.nextInt()).toArray();
            Sketcher.Ints ints = new Sketcher.Ints(n + 1);
            for (int h : hashes) {
                ints.add(h);
            }

            // When the smallest 160 are taken
            int[] smallest = ints.smallest(Sketcher.MAX_SAMPLES);

            // Then they are the smallest distinct values, ascending
            assertThat(smallest).as("n=%d", n)
                    .containsExactly(IntStream.of(hashes).sorted().distinct().limit(Sketcher.MAX_SAMPLES).toArray());
        }
    }
}
