package io.newswatch.story;

import java.util.Arrays;

/**
 * The story index's inverted index: for each key (a sampled hash), the representatives holding
 * it. Primitive arrays only — an open-addressing table of keys, each heading a linked list of
 * nodes — because a boxed map would cost several times the sketches it indexes.
 */
final class KeyPostings {

    private static final int NEVER_USED = -2;
    private static final int NONE = -1;

    private int[] keys;
    private int[] heads;
    private int[] counts;
    /** Table places taken, including keys whose list has emptied. */
    private int taken;
    private int liveKeys;

    private int[] nodeSlot = new int[1024];
    private int[] nodeNext = new int[1024];
    private int nodesUsed;
    private int freeNode = NONE;

    KeyPostings() {
        allocate(1024);
    }

    void add(int key, int slot) {
        if ((taken + 1) * 10 > keys.length * 6) {
            rehash();
        }
        int at = place(key);
        if (heads[at] == NEVER_USED) {
            keys[at] = key;
            heads[at] = NONE;
            taken++;
        }
        if (counts[at] == 0) {
            liveKeys++;
        }
        int node = newNode();
        nodeSlot[node] = slot;
        nodeNext[node] = heads[at];
        heads[at] = node;
        counts[at]++;
    }

    void remove(int key, int slot) {
        int at = place(key);
        if (heads[at] < 0) {
            return;
        }
        int previous = NONE;
        for (int node = heads[at]; node != NONE; previous = node, node = nodeNext[node]) {
            if (nodeSlot[node] == slot) {
                if (previous == NONE) {
                    heads[at] = nodeNext[node];
                } else {
                    nodeNext[previous] = nodeNext[node];
                }
                nodeNext[node] = freeNode;
                freeNode = node;
                if (--counts[at] == 0) {
                    liveKeys--;
                }
                return;
            }
        }
    }

    /** How many representatives hold {@code key}. */
    int count(int key) {
        int at = place(key);
        return heads[at] == NEVER_USED ? 0 : counts[at];
    }

    /** Appends the representatives holding {@code key} to {@code out}. */
    void collect(int key, Sketcher.Ints out) {
        int at = place(key);
        if (heads[at] == NEVER_USED) {
            return;
        }
        for (int node = heads[at]; node != NONE; node = nodeNext[node]) {
            out.add(nodeSlot[node]);
        }
    }

    /** Bytes of the arrays behind the index. */
    long bytes() {
        return 12L * keys.length + 8L * nodeSlot.length;
    }

    /** The place of {@code key} in the table, or the never-used place where it would go. */
    private int place(int key) {
        int mask = keys.length - 1;
        int at = Sketcher.mix(key) & mask;
        while (heads[at] != NEVER_USED && keys[at] != key) {
            at = (at + 1) & mask;
        }
        return at;
    }

    private int newNode() {
        if (freeNode != NONE) {
            int node = freeNode;
            freeNode = nodeNext[node];
            return node;
        }
        if (nodesUsed == nodeSlot.length) {
            nodeSlot = Arrays.copyOf(nodeSlot, nodesUsed * 2);
            nodeNext = Arrays.copyOf(nodeNext, nodesUsed * 2);
        }
        return nodesUsed++;
    }

    /** Rebuilds the table without the keys whose lists have emptied, twice as large as the live keys need. */
    private void rehash() {
        int[] oldKeys = keys;
        int[] oldHeads = heads;
        int[] oldCounts = counts;
        int size = 1024;
        while (liveKeys * 2 * 10 > size * 6) {
            size *= 2;
        }
        allocate(size);
        for (int i = 0; i < oldKeys.length; i++) {
            if (oldHeads[i] >= 0) {
                int at = place(oldKeys[i]);
                keys[at] = oldKeys[i];
                heads[at] = oldHeads[i];
                counts[at] = oldCounts[i];
                taken++;
            }
        }
    }

    private void allocate(int size) {
        keys = new int[size];
        heads = new int[size];
        counts = new int[size];
        Arrays.fill(heads, NEVER_USED);
        taken = 0;
    }
}
