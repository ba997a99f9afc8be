package io.newswatch.story;

import java.time.Duration;

/**
 * Groups articles into stories one at a time, in the order given: sketch, then place in a
 * {@link StoryIndex}. What {@code newswatch stories} runs on files; the monitor runs the same two
 * steps, sketching where the article is matched and placing where the index lives.
 */
public final class StoryGrouper {

    private final StoryIndex index;

    public StoryGrouper(Duration window) {
        this(StoryRule.DEFAULT, window, Integer.MAX_VALUE);
    }

    public StoryGrouper(StoryRule rule, Duration window, int maxSketches) {
        this.index = new StoryIndex(rule, window, maxSketches);
    }

    /** The story of the article at {@code ts} (epoch ms) among those placed before it. */
    public StoryIndex.Placement place(String articleId, String title, String body, long ts) {
        return index.place(articleId, Sketcher.sketch(title, body), ts);
    }

    public StoryIndex index() {
        return index;
    }
}
