package io.newswatch.metrics;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps the {@code entity} label of per-entity meters bounded: entities named in the configured
 * set always get their own label; beyond them, the first {@code limit} distinct entities seen
 * get one, and every other entity is counted under {@code other}. A 100k-entity watchlist thus
 * makes at most {@code set + limit + 1} series per meter.
 */
public final class EntityLabels {

    public static final String OTHER = "other";

    private final Set<String> configured;
    private final int limit;
    private final Set<String> admitted = ConcurrentHashMap.newKeySet();

    public EntityLabels(Set<String> configured, int limit) {
        this.configured = Set.copyOf(configured);
        if (limit < 0) {
            throw new IllegalArgumentException("entity label limit must be >= 0");
        }
        this.limit = limit;
    }

    /** The label to use for this entity id. */
    public String label(String entityId) {
        if (configured.contains(entityId) || admitted.contains(entityId)) {
            return entityId;
        }
        synchronized (admitted) {
            if (admitted.size() < limit) {
                admitted.add(entityId);
                return entityId;
            }
        }
        return OTHER;
    }
}
