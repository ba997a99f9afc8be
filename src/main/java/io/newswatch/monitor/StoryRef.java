package io.newswatch.monitor;

import java.time.Instant;
import java.util.List;

/**
 * One of an entity's latest stories as the query API lists it: its first article's title and
 * link, when the entity's first and latest article of it came, how many articles of it named the
 * entity, and their outlets.
 */
public record StoryRef(String storyId, String title, String url, Instant first, Instant latest, int articles,
                       List<String> outlets) {

    /** Outlets listed per story. */
    static final int MAX_OUTLETS = 50;

    public StoryRef {
        outlets = outlets == null ? List.of() : List.copyOf(outlets);
    }
}
