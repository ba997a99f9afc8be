package io.newswatch.story;

import io.newswatch.testing.TestData;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The story index on its own: what it keeps, for how long, under which id. Most sketches here are
 * made by hand — a sample is a sorted set of hashes, so {@code hashes(1, 100)} against
 * {@code hashes(1, 80)} plus twenty others is a copy holding 80% of the text — with a rule of its
 * own, so that tuning {@link StoryRule#DEFAULT} does not change what these tests mean.
 */
class StoryIndexTest {

    private static final long HOUR = Duration.ofHours(1).toMillis();
    /** Word shingles alone decide from 0.5; no anchors, no numbers in the hand-made sketches. */
    private static final StoryRule RULE = new StoryRule(0.5, 0.6, 0.1, 0.5, 3);

    private final List<String> evicted = new ArrayList<>();

    private StoryIndex index(Duration window, int maxSketches) {
        StoryIndex index = new StoryIndex(RULE, window, maxSketches);
        index.onEviction((articleId, storyId, gone) -> evicted.add(articleId + (gone ? " (story gone)" : "")));
        return index;
    }

    @Test
    void shouldNameAStoryAfterItsFounderAndPutACopyInIt() {
        // Given an index holding one article
        StoryIndex index = index(Duration.ofHours(24), 1_000);
        StoryIndex.Placement founder = index.place("a-1", story(1), 0);

        // When a copy holding 80% of its text comes
        StoryIndex.Placement copy = index.place("a-2", copyOf(1, 80, 1), HOUR);

        // Then the founder named the story, and the copy joined it with its score
        assertThat(founder.founded()).isTrue();
        assertThat(founder.storyId()).isEqualTo(StoryIds.of("a-1"));
        assertThat(copy.founded()).isFalse();
        assertThat(copy.storyId()).isEqualTo(founder.storyId());
        assertThat(copy.score()).isEqualTo(0.8);
    }

    @Test
    void shouldGiveTheSameIdsOnAReRun() {
        // Given three real articles and a copy of the first under another headline
        List<TestData.WikinewsArticle> articles = TestData.wikinews(3);
        List<String> first = new ArrayList<>();
        List<String> second = new ArrayList<>();

        // When they are grouped twice, by two indexes
        for (List<String> run : List.of(first, second)) {
            StoryGrouper grouper = new StoryGrouper(Duration.ofHours(72));
            for (int i = 0; i < articles.size(); i++) {
                run.add(grouper.place("wn-" + i, articles.get(i).title(), articles.get(i).text(), i * HOUR).storyId());
            }
            run.add(grouper.place("copy", "Another headline", articles.get(0).text(), 4 * HOUR).storyId());
        }

        // Then each run names the stories after their founders, the copy's after the first article
        assertThat(second).isEqualTo(first)
                .containsExactly(StoryIds.of("wn-0"), StoryIds.of("wn-1"), StoryIds.of("wn-2"), StoryIds.of("wn-0"));
    }

    @Test
    void shouldNotJoinADifferentStory() {
        // Given two unrelated real articles
        List<TestData.WikinewsArticle> articles = TestData.wikinews(2);
        StoryIndex index = index(Duration.ofHours(72), 1_000);

        // When both are placed
        StoryIndex.Placement a = index.place("a", sketch(articles.get(0)), 0);
        StoryIndex.Placement b = index.place("b", sketch(articles.get(1)), HOUR);

        // Then each founds its own story
        assertThat(a.founded()).isTrue();
        assertThat(b.founded()).isTrue();
        assertThat(b.storyId()).isNotEqualTo(a.storyId());
        assertThat(index.stories()).isEqualTo(2);
    }

    @Test
    void shouldNotJoinAStoryThatSharesLessThanTheRuleAsks() {
        // Given an article, and another sharing 40% of its text (its keys find the first, the rule refuses it)
        StoryIndex index = index(Duration.ofHours(24), 1_000);
        StoryIndex.Placement a = index.place("a", story(1), 0);

        // When it is placed
        StoryIndex.Placement b = index.place("b", copyOf(1, 40, 2), HOUR);

        // Then it founds a story of its own
        assertThat(b.founded()).isTrue();
        assertThat(b.storyId()).isNotEqualTo(a.storyId());
    }

    @Test
    void shouldEvictByEventTimeNotByTheClock() {
        // Given a one-hour window and an article of 1970 (by the clock, long gone)
        StoryIndex index = index(Duration.ofHours(1), 1_000);
        StoryIndex.Placement old = index.place("old", story(1), 0);

        // When an unrelated article comes 59 minutes later in event time
        index.place("other", story(2), 59 * 60_000L);

        // Then the first is still held and a copy still finds it
        assertThat(evicted).isEmpty();
        assertThat(index.place("copy", copyOf(1, 80, 1), 59 * 60_000L).storyId()).isEqualTo(old.storyId());
    }

    @Test
    void shouldForgetAStoryOnceItsArticlesAreOlderThanTheWindow() {
        // Given a one-hour window and an article at noon
        StoryIndex index = index(Duration.ofHours(1), 1_000);
        long noon = 12 * HOUR;
        StoryIndex.Placement first = index.place("first", story(1), noon);

        // When an unrelated article comes two hours later
        index.place("later", story(2), noon + 2 * HOUR);

        // Then the first left with its story, and a copy of it founds a new story
        assertThat(evicted).containsExactly("first (story gone)");
        assertThat(index.snapshot()).containsOnlyKeys(StoryIds.of("later"));
        StoryIndex.Placement copy = index.place("copy", copyOf(1, 80, 1), noon + 2 * HOUR);
        assertThat(copy.founded()).isTrue();
        assertThat(copy.storyId()).isNotEqualTo(first.storyId());
    }

    @Test
    void shouldKeepAtMostMaxSketchesAndTellTheListenerOldestFirst() {
        // Given room for three sketches
        StoryIndex index = index(Duration.ofHours(24), 3);

        // When five unrelated articles come
        for (int i = 1; i <= 5; i++) {
            index.place("a-" + i, story(i), i * 60_000L);
        }

        // Then the two oldest left, each taking its story with it
        assertThat(index.sketches()).isEqualTo(3);
        assertThat(index.stories()).isEqualTo(3);
        assertThat(evicted).containsExactly("a-1 (story gone)", "a-2 (story gone)");
        assertThat(index.snapshot()).containsOnlyKeys(StoryIds.of("a-3"), StoryIds.of("a-4"), StoryIds.of("a-5"));
    }

    @Test
    void shouldSayAStoryIsNotGoneWhileAnotherOfItsArticlesIsHeld() {
        // Given room for two sketches: a story's founder and a copy that adds to it
        StoryIndex index = index(Duration.ofHours(24), 2);
        StoryIndex.Placement founder = index.place("founder", story(1), 0);
        index.place("copy", copyOf(1, 80, 1), 1);

        // When an unrelated article pushes the founder out
        index.place("other", story(2), 2);

        // Then the founder left but its story stays, held by the copy, which still draws the next copy
        assertThat(evicted).containsExactly("founder");
        assertThat(index.snapshot().get(founder.storyId())).containsExactly("copy");
        assertThat(index.place("copy-2", copyOf(1, 80, 3), 3).storyId()).isEqualTo(founder.storyId());
    }

    @Test
    void shouldKeepAtMostFourRepresentativesOfAStory() {
        // Given a story
        StoryIndex index = index(Duration.ofHours(24), 1_000);
        StoryIndex.Placement founder = index.place("founder", story(1), 0);

        // When six copies come, each holding 80% of the text and a tail of its own
        List<StoryIndex.Placement> copies = new ArrayList<>();
        for (int i = 1; i <= 6; i++) {
            copies.add(index.place("copy-" + i, copyOf(1, 80, i), i));
        }

        // Then all are in the story, but only the founder and the first three copies are kept
        assertThat(copies).extracting(StoryIndex.Placement::storyId).containsOnly(founder.storyId());
        assertThat(index.snapshot().get(founder.storyId())).containsExactly("founder", "copy-1", "copy-2", "copy-3");
        assertThat(index.sketches()).isEqualTo(StoryIndex.MAX_REPRESENTATIVES);
    }

    @Test
    void shouldNotKeepACopyThatAddsNothing() {
        // Given a story
        StoryIndex index = index(Duration.ofHours(24), 1_000);
        index.place("founder", story(1), 0);

        // When an exact copy comes
        StoryIndex.Placement copy = index.place("exact", story(1), 1);

        // Then it is in the story, scored 1, and not kept
        assertThat(copy.founded()).isFalse();
        assertThat(copy.score()).isEqualTo(1.0);
        assertThat(index.sketches()).isEqualTo(1);
    }

    @Test
    void shouldFindACopyThroughSharedKeysUntilTooManyArticlesHoldThem() {
        // Given pages of one outlet whose smallest hashes are all its boilerplate, and a copy of the first page
        Sketch copyOfFirstPage = page(0);

        // When COMMON_KEY pages hold the boilerplate, and when one more does
        StoryIndex.Placement amongFew = placeAfterPages(StoryIndex.COMMON_KEY, copyOfFirstPage);
        StoryIndex.Placement amongMany = placeAfterPages(StoryIndex.COMMON_KEY + 1, copyOfFirstPage);

        // Then the keys find the first page while few hold them, and are ignored once too many do
        assertThat(amongFew.founded()).isFalse();
        assertThat(amongFew.storyId()).isEqualTo(StoryIds.of("page-0"));
        assertThat(amongMany.founded()).isTrue();
    }

    private StoryIndex.Placement placeAfterPages(int pages, Sketch sketch) {
        StoryIndex index = index(Duration.ofHours(24), 1_000);
        for (int i = 0; i < pages; i++) {
            index.place("page-" + i, page(i), i);
        }
        return index.place("copy", sketch, pages);
    }

    /** Page {@code i} of an outlet: 20 hashes of boilerplate, smaller than any other, and 100 of its own. */
    private static Sketch page(int i) {
        return new Sketch(concat(hashes(-20, -1), hashes(1_000 * (i + 1), 1_000 * (i + 1) + 99)), null, null);
    }

    @Test
    void shouldGrowItsBytesWithItsSketchesAndShrinkThemOnEviction() {
        // Given an empty index with a one-hour window
        StoryIndex index = index(Duration.ofHours(1), 100_000);
        long empty = index.bytes();

        // When 2,000 unrelated articles come within the hour
        for (int i = 0; i < 2_000; i++) {
            index.place("a-" + i, story(i + 1), i);
        }
        long full = index.bytes();

        // And one comes two hours later, so that all the others leave
        index.place("late", story(9_999), 2 * HOUR);
        long after = index.bytes();

        // Then the bytes grew with the sketches and fell when they left
        assertThat(full).isGreaterThan(empty + 2_000L * 100 * 4);
        assertThat(index.sketches()).isEqualTo(1);
        assertThat(after).isLessThan(full - 2_000L * 100 * 4);
    }

    // ---- hand-made sketches

    /** The sketch of story {@code n}: 100 shingle hashes of its own. */
    private static Sketch story(int n) {
        return new Sketch(hashes(n * 10_000, n * 10_000 + 99), null, null);
    }

    /**
     * A copy of story {@code n} holding its first {@code kept} of 100 hashes and {@code 100 - kept}
     * of its own, a tail numbered {@code tail}: it shares {@code kept}% of its text with the story.
     */
    private static Sketch copyOf(int n, int kept, int tail) {
        int from = n * 10_000;
        int tailFrom = from + 5_000 + tail * 100;
        return new Sketch(concat(hashes(from, from + kept - 1), hashes(tailFrom, tailFrom + 99 - kept)), null, null);
    }

    private static int[] hashes(int from, int to) {
        return IntStream.rangeClosed(from, to).toArray();
    }

    private static int[] concat(int[] a, int[] b) {
        return IntStream.concat(IntStream.of(a), IntStream.of(b)).sorted().toArray();
    }

    private static Sketch sketch(TestData.WikinewsArticle article) {
        return Sketcher.sketch(article.title(), article.text());
    }
}
