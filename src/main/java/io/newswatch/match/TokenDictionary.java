package io.newswatch.match;

import java.util.Arrays;

/**
 * Normalised token → dense int id, looked up straight from the scanner's buffer (no String per
 * token). Open addressing over an int table; token characters live in one shared char pool.
 * Append-only; {@link #copy()} gives an independent copy for the next watchlist version.
 */
final class TokenDictionary {

    private int[] table;     // slot → id + 1, 0 = empty
    private int mask;
    private char[] pool;
    private int poolSize;
    private int[] offsets;   // id → start in pool; offsets[size] = poolSize
    private int[] hashes;    // id → hash
    private int size;

    TokenDictionary() {
        table = new int[1024];
        mask = table.length - 1;
        pool = new char[4096];
        offsets = new int[257];
        hashes = new int[256];
    }

    private TokenDictionary(TokenDictionary o) {
        table = o.table.clone();
        mask = o.mask;
        pool = o.pool.clone();
        poolSize = o.poolSize;
        offsets = o.offsets.clone();
        hashes = o.hashes.clone();
        size = o.size;
    }

    TokenDictionary copy() {
        return new TokenDictionary(this);
    }

    int size() {
        return size;
    }

    private static int slot(int hash) {
        int h = hash * 0x9E3779B1;
        return h ^ (h >>> 15);
    }

    /** The id of the token, or -1 if no alias or rule uses it. */
    int find(char[] buf, int len, int hash) {
        final int[] t = table;
        final int m = mask;
        int i = slot(hash) & m;
        while (true) {
            int e = t[i];
            if (e == 0) {
                return -1;
            }
            int id = e - 1;
            if (hashes[id] == hash && equalsAt(id, buf, len)) {
                return id;
            }
            i = (i + 1) & m;
        }
    }

    private boolean equalsAt(int id, char[] buf, int len) {
        int from = offsets[id];
        if (offsets[id + 1] - from != len) {
            return false;
        }
        final char[] p = pool;
        for (int k = 0; k < len; k++) {
            if (p[from + k] != buf[k]) {
                return false;
            }
        }
        return true;
    }

    /** The id of the token, adding it if new. */
    int add(char[] buf, int len, int hash) {
        int id = find(buf, len, hash);
        if (id >= 0) {
            return id;
        }
        if ((size + 1) * 2 > table.length) {
            rehash(table.length * 2);
        }
        id = size++;
        if (poolSize + len > pool.length) {
            pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolSize + len));
        }
        System.arraycopy(buf, 0, pool, poolSize, len);
        if (id + 1 >= offsets.length) {
            offsets = Arrays.copyOf(offsets, offsets.length * 2);
        }
        if (id >= hashes.length) {
            hashes = Arrays.copyOf(hashes, hashes.length * 2);
        }
        offsets[id] = poolSize;
        poolSize += len;
        offsets[id + 1] = poolSize;
        hashes[id] = hash;
        int i = slot(hash) & mask;
        while (table[i] != 0) {
            i = (i + 1) & mask;
        }
        table[i] = id + 1;
        return id;
    }

    private void rehash(int capacity) {
        int[] t = new int[capacity];
        int m = capacity - 1;
        for (int id = 0; id < size; id++) {
            int i = slot(hashes[id]) & m;
            while (t[i] != 0) {
                i = (i + 1) & m;
            }
            t[i] = id + 1;
        }
        table = t;
        mask = m;
    }
}
