package io.newswatch.story;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The stories of the last window, in memory: each story by up to {@value #MAX_REPRESENTATIVES}
 * of its articles' sketches (its founder and members that add something, such as a cut or a spun
 * copy), found again through an inverted index on each sketch's smallest hashes.
 *
 * <p>{@link #place} finds the story an article belongs to or founds a new one. Candidates are the
 * representatives that share {@value #MIN_SHARED_KEYS} or more keys with the article — the
 * {@value #KEYS_PER_SAMPLE} smallest hashes of each of its samples, a bottom-k MinHash signature —
 * ignoring keys held by more than {@value #COMMON_KEY} representatives (boilerplate, common
 * phrases); each candidate is then judged by the {@link StoryRule} on the whole sketches, and the
 * best wins (ties: the oldest representative). So the cost of an article is its keys' postings,
 * not the number of stories.
 *
 * <p>Bounded twice: a representative leaves when it is older than the window (in event time: the
 * newest time seen minus the window; an article already older than that is placed but not kept) or when the index holds {@code maxSketches} and a newer one
 * comes in (oldest first). Not thread-safe: one caller at a time.
 */
public final class StoryIndex {

    static final int MAX_REPRESENTATIVES = 4;
    static final int KEYS_PER_SAMPLE = 12;
    static final int COMMON_KEY = 64;
    static final int MIN_SHARED_KEYS = 2;
    /** A member this alike to its story's best representative adds nothing to it. */
    static final double ADDS_NOTHING = 0.9;
    private static final int ANCHOR_KEY_SALT = 0x27d4eb2f;
    /** Rough bytes of one representative's objects besides its hashes and postings. */
    private static final int ENTRY_OVERHEAD = 160;

    /**
     * Where an article went.
     *
     * @param score          how alike it is to the representative it was matched with (1 when it founded the story)
     * @param representative whether the index keeps its sketch (it founded the story or adds to it)
     */
    public record Placement(String storyId, boolean founded, double score, boolean representative) {
    }

    /** Told about every representative that leaves the index. */
    @FunctionalInterface
    public interface EvictionListener {
        /** @param storyGone whether it was its story's last representative */
        void evicted(String articleId, String storyId, boolean storyGone);
    }

    private final StoryRule rule;
    private final long windowMs;
    private final int maxSketches;
    private final KeyPostings postings = new KeyPostings();
    private final ArrayDeque<Entry> byAge = new ArrayDeque<>();
    private final Map<String, Integer> representatives = new HashMap<>();
    private Entry[] slots = new Entry[1024];
    private final Sketcher.Ints freeSlots = new Sketcher.Ints();
    private int nextSlot;
    private long sequence;
    private long newest = Long.MIN_VALUE;
    private long hashBytes;
    private EvictionListener listener = (articleId, storyId, gone) -> { };

    public StoryIndex(StoryRule rule, Duration window, int maxSketches) {
        this.rule = Objects.requireNonNull(rule, "rule");
        this.windowMs = window.toMillis();
        if (maxSketches < 1) {
            throw new IllegalArgumentException("maxSketches must be at least 1, not " + maxSketches);
        }
        this.maxSketches = maxSketches;
    }

    public void onEviction(EvictionListener listener) {
        this.listener = Objects.requireNonNull(listener, "listener");
    }

    /**
     * The story of the article at {@code ts}: the one it belongs to, which it then joins (as a
     * representative if it adds something), or a new one it founds, named by {@link StoryIds}.
     */
    public Placement place(String articleId, Sketch sketch, long ts) {
        Entry best = best(sketch, ts);
        boolean inWindow = newest == Long.MIN_VALUE || ts >= newest - windowMs;
        if (best == null) {
            String storyId = StoryIds.of(articleId);
            if (inWindow) {
                add(storyId, articleId, sketch, ts);
            }
            return new Placement(storyId, true, 1.0, inWindow);
        }
        double score = best.score;
        String storyId = best.storyId;
        boolean kept = inWindow && score < ADDS_NOTHING && representatives.getOrDefault(storyId, 0) < MAX_REPRESENTATIVES;
        if (kept) {
            add(storyId, articleId, sketch, ts);
        }
        return new Placement(storyId, false, score, kept);
    }

    /** Keeps {@code sketch} as a representative of {@code storyId}: how a restored index is rebuilt. */
    public void add(String storyId, String articleId, Sketch sketch, long ts) {
        Entry entry = new Entry(slot(), sequence++, storyId, articleId, sketch, ts, keys(sketch));
        slots[entry.slot] = entry;
        byAge.addLast(entry);
        representatives.merge(storyId, 1, Integer::sum);
        for (int key : entry.keys) {
            postings.add(key, entry.slot);
        }
        hashBytes += sketch.hashBytes() + 4L * entry.keys.length;
        newest = Math.max(newest, ts);
        evict();
    }

    /** Whether a representative of the story is held. */
    public boolean holds(String storyId) {
        return representatives.containsKey(storyId);
    }

    /** Representatives held. */
    public int sketches() {
        return byAge.size();
    }

    /** Stories with a representative held. */
    public int stories() {
        return representatives.size();
    }

    /** Estimated bytes of heap the index holds. */
    public long bytes() {
        return hashBytes + (long) ENTRY_OVERHEAD * byAge.size() + postings.bytes() + 4L * slots.length;
    }

    private Entry best(Sketch sketch, long ts) {
        int[] keys = keys(sketch);
        Sketcher.Ints found = new Sketcher.Ints();
        for (int key : keys) {
            if (postings.count(key) <= COMMON_KEY) {
                postings.collect(key, found);
            }
        }
        int[] hits = found.sorted();
        int needed = Math.min(MIN_SHARED_KEYS, keys.length);
        // candidates with the keys they share, most shared first: a copy is usually found first
        Sketcher.Ints candidates = new Sketcher.Ints();
        for (int i = 0; i < hits.length; ) {
            int j = i;
            while (j < hits.length && hits[j] == hits[i]) {
                j++;
            }
            if (j - i >= needed) {
                candidates.add((j - i) << 24 | hits[i]); // slots stay below 2^24: the index holds fewer sketches
            }
            i = j;
        }
        int[] ordered = candidates.sorted();
        Entry best = null;
        for (int c = ordered.length - 1; c >= 0; c--) {
            Entry candidate = slots[ordered[c] & 0xFFFFFF];
            if (Math.abs(candidate.ts - ts) > windowMs) {
                continue;
            }
            double score = rule.score(sketch, candidate.sketch);
            if (score >= 0 && (best == null || score > best.score
                    || score == best.score && candidate.sequence < best.sequence)) {
                candidate.score = score;
                best = candidate;
                if (score >= ADDS_NOTHING && c > 0 && ordered[c - 1] >>> 24 < ordered[c] >>> 24) {
                    break; // a near copy, and no other candidate shares as many keys
                }
            }
        }
        return best;
    }

    private void evict() {
        while (!byAge.isEmpty() && (byAge.size() > maxSketches || byAge.peekFirst().ts < newest - windowMs)) {
            Entry old = byAge.removeFirst();
            for (int key : old.keys) {
                postings.remove(key, old.slot);
            }
            slots[old.slot] = null;
            freeSlots.add(old.slot);
            hashBytes -= old.sketch.hashBytes() + 4L * old.keys.length;
            boolean gone = representatives.merge(old.storyId, -1, Integer::sum) == 0;
            if (gone) {
                representatives.remove(old.storyId);
            }
            listener.evicted(old.articleId, old.storyId, gone);
        }
    }

    private int slot() {
        if (freeSlots.size() > 0) {
            return freeSlots.removeLast();
        }
        if (nextSlot == slots.length) {
            slots = Arrays.copyOf(slots, slots.length * 2);
        }
        return nextSlot++;
    }

    /** The index keys of a sketch: the smallest hashes of each sample, each sample salted apart. */
    static int[] keys(Sketch sketch) {
        int s = Math.min(KEYS_PER_SAMPLE, sketch.shingles().length);
        int a = Math.min(KEYS_PER_SAMPLE, sketch.anchors().length);
        int[] keys = new int[s + a];
        System.arraycopy(sketch.shingles(), 0, keys, 0, s);
        for (int i = 0; i < a; i++) {
            keys[s + i] = sketch.anchors()[i] ^ ANCHOR_KEY_SALT;
        }
        return keys;
    }

    /** Every story held with its representatives' article ids, oldest first: for tests and inspection. */
    public Map<String, List<String>> snapshot() {
        Map<String, List<String>> out = new java.util.LinkedHashMap<>();
        for (Entry e : byAge) {
            out.computeIfAbsent(e.storyId, k -> new ArrayList<>()).add(e.articleId);
        }
        return out;
    }

    private static final class Entry {
        final int slot;
        final long sequence;
        final String storyId;
        final String articleId;
        final Sketch sketch;
        final long ts;
        final int[] keys;
        /** The score of the lookup in progress. */
        double score;

        Entry(int slot, long sequence, String storyId, String articleId, Sketch sketch, long ts, int[] keys) {
            this.slot = slot;
            this.sequence = sequence;
            this.storyId = storyId;
            this.articleId = articleId;
            this.sketch = sketch;
            this.ts = ts;
            this.keys = keys;
        }
    }
}
