package io.newswatch.story;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A story as {@code news.stories} holds it (key = story id, compacted: the newest record is the
 * story now): its first article, its latest, how many articles and distinct outlets it has, and
 * the watched entities it mentions.
 *
 * @param outlets     the distinct outlets, the first {@value #MAX_OUTLETS} of them
 * @param outletCount distinct outlets counted, exact up to {@value #MAX_OUTLETS}
 * @param entities    ids of the watched entities its articles mention, in the order they came
 */
public record Story(String storyId, Member first, Member latest, int members, int outletCount, List<String> outlets,
                    List<String> entities, Instant updated) {

    /** Outlets a story keeps by name. */
    public static final int MAX_OUTLETS = 200;

    public Story {
        Objects.requireNonNull(storyId, "storyId");
        outlets = outlets == null ? List.of() : List.copyOf(outlets);
        entities = entities == null ? List.of() : List.copyOf(entities);
    }

    /** One article of a story: its title, where it is, who published it and when (published, else received). */
    public record Member(String articleId, String title, String url, String source, Instant time) {
    }
}
