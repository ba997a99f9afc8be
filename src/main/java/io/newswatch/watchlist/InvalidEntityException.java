package io.newswatch.watchlist;

import java.util.List;

/**
 * One entity was refused. The message reads like
 * {@code entity 'x y': id must match [a-z0-9][a-z0-9._-]{0,63}; aliases: none given}.
 */
public class InvalidEntityException extends WatchlistException {

    private final String entityId;

    public InvalidEntityException(String entityId, List<String> problems) {
        super(prefix(entityId, problems));
        this.entityId = entityId;
    }

    /** The id as given (possibly invalid or null). */
    public String entityId() {
        return entityId;
    }

    private static List<String> prefix(String id, List<String> problems) {
        String who = id == null ? "entity without id" : "entity '" + id + "'";
        if (problems.isEmpty()) {
            return List.of(who + ": invalid");
        }
        var out = new java.util.ArrayList<String>(problems.size());
        out.add(who + ": " + problems.get(0));
        out.addAll(problems.subList(1, problems.size()));
        return out;
    }
}
