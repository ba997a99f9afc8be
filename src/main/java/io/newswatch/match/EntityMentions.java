package io.newswatch.match;

import io.newswatch.watchlist.WatchedEntity;

import java.util.List;
import java.util.Objects;

/**
 * All mentions of one entity in one article, in text order (title first).
 *
 * @param entity the watched entity, as in the watchlist version that matched
 * @param hits   at least one; overlapping aliases of the entity count once (the longest wins)
 */
public record EntityMentions(WatchedEntity entity, List<Hit> hits) {

    public EntityMentions {
        Objects.requireNonNull(entity, "entity");
        hits = List.copyOf(hits);
        if (hits.isEmpty()) {
            throw new IllegalArgumentException("no hits");
        }
    }

    /** The entity's id. */
    public String id() {
        return entity.id();
    }

    /** Number of mentions. */
    public int count() {
        return hits.size();
    }
}
