package io.newswatch.monitor;

import io.newswatch.match.Matcher;
import io.newswatch.watchlist.WatchedEntity;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The watchlist as the monitor sees it right now, shared by the global-store updater (which
 * applies changes from {@code news.watchlist}) and the stream threads (which match against it).
 *
 * <p>Changes are cheap to apply; the compiled {@link Matcher} is brought up to date lazily, by
 * the first stream thread that needs it: a few changes are applied incrementally, a burst (the
 * initial load) is compiled in one go. Each stream thread always works on one immutable
 * {@link Snapshot}, so a change never pauses or tears a match in progress.
 */
public final class LiveWatchlist {

    /** Above this many pending changes a full compile is cheaper than one-by-one updates. */
    private static final int INCREMENTAL_LIMIT = 64;

    /**
     * A compiled watchlist and its version: the offset of the newest watchlist record applied;
     * {@code since} holds, per entity, the offset of the record that put its current definition.
     */
    public record Snapshot(Matcher matcher, long version, Map<String, Long> since) {

        public Snapshot(Matcher matcher, long version) {
            this(matcher, version, Map.of());
        }

        /**
         * Whether the entity's current definition was live at watchlist version {@code stamp}: an
         * article stamped with an earlier version is not matched for it (backfill covers it).
         */
        public boolean liveAt(String entityId, long stamp) {
            return since.getOrDefault(entityId, -1L) <= stamp;
        }
    }

    private final Object lock = new Object();
    private final Map<String, WatchedEntity> entities = new HashMap<>();
    private final Map<String, Long> since = new HashMap<>();
    private final Map<String, WatchedEntity> pending = new LinkedHashMap<>();
    private final List<String> pendingRemovals = new ArrayList<>();
    private long version = -1;
    private volatile Snapshot snapshot = new Snapshot(Matcher.compile(List.of()), -1);
    private volatile boolean dirty;

    /**
     * What the watchlist topic held when the monitor started: the offset of each key's newest
     * record and of the topic's last record. A global store restored without its records' offsets
     * ({@code put} with -1) keeps these, so articles are stamped with true versions after a restart.
     */
    void seed(Map<String, Long> offsets, long lastOffset) {
        synchronized (lock) {
            since.putAll(offsets);
            version = Math.max(version, lastOffset);
        }
    }

    /** Adds or replaces an entity, as of the watchlist record at {@code offset} (-1: unknown, as seeded). */
    public void put(WatchedEntity entity, long offset) {
        synchronized (lock) {
            entities.put(entity.id(), entity);
            if (offset >= 0 || !since.containsKey(entity.id())) {
                since.put(entity.id(), offset);
            }
            pendingRemovals.remove(entity.id());
            pending.put(entity.id(), entity);
            version = Math.max(version, offset);
            dirty = true;
            lock.notifyAll();
        }
    }

    /** Removes an entity (a tombstone at {@code offset}); unknown ids only advance the version. */
    public void remove(String id, long offset) {
        synchronized (lock) {
            since.remove(id);
            if (entities.remove(id) != null) {
                pending.remove(id);
                pendingRemovals.add(id);
            }
            version = Math.max(version, offset);
            dirty = true;
            lock.notifyAll();
        }
    }

    /**
     * Waits until this instance has applied watchlist version {@code wanted}, at most
     * {@code timeoutMs}: an article another instance stamped a moment ago may be matched here
     * before this instance's global store caught up. True when the version is applied.
     */
    public boolean awaitVersion(long wanted, long timeoutMs) throws InterruptedException {
        long deadline = System.nanoTime() + timeoutMs * 1_000_000;
        synchronized (lock) {
            while (version < wanted) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    return false;
                }
                lock.wait(left);
            }
            return true;
        }
    }

    /** The current compiled watchlist, compiling pending changes first. */
    public Snapshot current() {
        if (!dirty) {
            return snapshot;
        }
        synchronized (lock) {
            if (!dirty) {
                return snapshot;
            }
            Matcher matcher;
            if (pending.size() + pendingRemovals.size() > INCREMENTAL_LIMIT) {
                matcher = Matcher.compile(entities.values());
            } else {
                matcher = snapshot.matcher();
                for (String id : pendingRemovals) {
                    matcher = matcher.without(id);
                }
                for (WatchedEntity entity : pending.values()) {
                    matcher = matcher.with(entity);
                }
            }
            pending.clear();
            pendingRemovals.clear();
            snapshot = new Snapshot(matcher, version, Map.copyOf(since));
            dirty = false;
            return snapshot;
        }
    }

    /** Entities currently applied (compiled or pending). */
    public int size() {
        synchronized (lock) {
            return entities.size();
        }
    }

    /** Version of the newest record applied (compiled or pending). */
    public long version() {
        synchronized (lock) {
            return version;
        }
    }
}
