package io.newswatch.match;

/**
 * The trie's edges: (parent node, token id) → child node, in one open-addressing table of
 * primitive longs and ints (no object per node or edge).
 */
final class EdgeTable {

    private long[] keys;   // 0 = empty
    /**
     * One bit per (parent, token) hash, 16 bits per edge: most probes are misses, and this small
     * filter answers them from cache instead of a miss into the multi-megabyte key array.
     */
    private long[] filter;
    private int filterShift;
    private int[] values;
    private int mask;
    private int shift;
    private int size;

    EdgeTable() {
        keys = new long[1024];
        values = new int[1024];
        mask = 1023;
        shift = 64 - 10;
        filter = new long[256];
        filterShift = 64 - 14;
    }

    private EdgeTable(EdgeTable o) {
        keys = o.keys.clone();
        values = o.values.clone();
        mask = o.mask;
        shift = o.shift;
        size = o.size;
        filter = o.filter.clone();
        filterShift = o.filterShift;
    }

    EdgeTable copy() {
        return new EdgeTable(this);
    }

    private static long key(int parent, int token) {
        return ((long) (parent + 1) << 32) | (token & 0xFFFFFFFFL);
    }

    /** The child, or -1. */
    int get(int parent, int token) {
        long k = key(parent, token);
        int bit = (int) ((k * 0xC2B2AE3D27D4EB4FL) >>> filterShift);
        if ((filter[bit >>> 6] & (1L << bit)) == 0) {
            return -1;
        }
        final long[] ks = keys;
        int i = (int) ((k * 0x9E3779B97F4A7C15L) >>> shift);
        while (true) {
            long e = ks[i];
            if (e == k) {
                return values[i];
            }
            if (e == 0) {
                return -1;
            }
            i = (i + 1) & mask;
        }
    }

    void put(int parent, int token, int child) {
        if ((size + 1) * 2 > keys.length) {
            rehash(keys.length * 2);
        }
        long k = key(parent, token);
        int i = (int) ((k * 0x9E3779B97F4A7C15L) >>> shift);
        while (keys[i] != 0 && keys[i] != k) {
            i = (i + 1) & mask;
        }
        if (keys[i] == 0) {
            size++;
        }
        keys[i] = k;
        values[i] = child;
        int bit = (int) ((k * 0xC2B2AE3D27D4EB4FL) >>> filterShift);
        filter[bit >>> 6] |= 1L << bit;
    }

    private void rehash(int capacity) {
        long[] oldK = keys;
        int[] oldV = values;
        keys = new long[capacity];
        values = new int[capacity];
        mask = capacity - 1;
        shift = 64 - Integer.numberOfTrailingZeros(capacity);
        int filterBits = capacity * 8; // capacity is at least twice the edges: 16 bits per edge
        filter = new long[filterBits >>> 6];
        filterShift = 64 - Integer.numberOfTrailingZeros(filterBits);
        for (int j = 0; j < oldK.length; j++) {
            long k = oldK[j];
            if (k != 0) {
                int bit = (int) ((k * 0xC2B2AE3D27D4EB4FL) >>> filterShift);
                filter[bit >>> 6] |= 1L << bit;
                int i = (int) ((k * 0x9E3779B97F4A7C15L) >>> shift);
                while (keys[i] != 0) {
                    i = (i + 1) & mask;
                }
                keys[i] = k;
                values[i] = oldV[j];
            }
        }
    }

    int size() {
        return size;
    }
}
