package io.newswatch.bench;

import com.gliwka.hyperscan.jni.hs_compile_error_t;
import com.gliwka.hyperscan.jni.hs_database_t;
import com.gliwka.hyperscan.jni.hs_scratch_t;
import com.gliwka.hyperscan.jni.hyperscan;
import com.gliwka.hyperscan.jni.match_event_handler;
import io.newswatch.watchlist.WatchedEntity;
import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.IntPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.javacpp.PointerPointer;
import org.bytedeco.javacpp.SizeTPointer;

import java.io.Closeable;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A peer of the matcher: Intel's Hyperscan 5.4 ({@code com.gliwka.hyperscan:hyperscan}, native)
 * with one database for every alias of the watchlist normalised by {@link PeerText}: one pattern
 * per distinct normalised alias, compiled in literal mode ({@code hs_compile_lit_multi}, from
 * the binding's JNI layer: its wrapper has no literal mode) as the alias's token string between
 * two spaces, so it matches whole words only, with {@code HS_FLAG_SINGLEMATCH} (only the set of
 * entities is wanted). Pattern id = index into the table of entity ids.
 *
 * <p>Why spaces and not {@code \b}: the text is a token string with spaces (and {@code |}) between
 * tokens, so a space on each side is exactly a token boundary; Hyperscan's {@code \b} is
 * ASCII-only without {@code HS_FLAG_UCP} (it would find no boundary before {@code москва}) and,
 * with it, would also break inside tokens at their apostrophes and periods ({@code o'brien}).
 *
 * <p>Scanning needs a {@link Scratch} per thread ({@link #newScratch}), which also keeps the
 * native text buffer and the match callback, so a scan allocates nothing native. Close the
 * scratches and this (the database) when done.
 */
final class HyperscanBaseline implements Closeable {

    private final hs_database_t database;
    private final String[][] ids;

    HyperscanBaseline(List<WatchedEntity> entities) {
        Map<String, String[]> byAlias = PeerText.keywords(entities);
        int n = byAlias.size();
        ids = new String[n][];
        String[] literals = new String[n];
        int[] lengths = new int[n];
        int i = 0;
        for (Map.Entry<String, String[]> e : byAlias.entrySet()) {
            literals[i] = " " + e.getKey() + " ";
            lengths[i] = literals[i].getBytes(StandardCharsets.UTF_8).length;
            ids[i] = e.getValue();
            i++;
        }
        int[] flags = new int[n];
        int[] patternIds = new int[n];
        for (int p = 0; p < n; p++) {
            flags[p] = hyperscan.HS_FLAG_SINGLEMATCH;
            patternIds[p] = p;
        }
        try (PointerPointer<?> expressions = new PointerPointer<>(n).putString(literals, StandardCharsets.UTF_8);
             IntPointer flagPointer = new IntPointer(flags);
             IntPointer idPointer = new IntPointer(patternIds);
             SizeTPointer lengthPointer = new SizeTPointer(n);
             PointerPointer<hs_database_t> databaseOut = new PointerPointer<>(1);
             PointerPointer<hs_compile_error_t> errorOut = new PointerPointer<>(1)) {
            for (int p = 0; p < n; p++) {
                lengthPointer.put(p, lengths[p]);
            }
            int rc = hyperscan.hs_compile_lit_multi(expressions, flagPointer, idPointer, lengthPointer, n,
                    hyperscan.HS_MODE_BLOCK, null, databaseOut, errorOut);
            if (rc != 0) {
                hs_compile_error_t error = errorOut.get(hs_compile_error_t.class);
                String message = error.isNull() ? "error " + rc
                        : error.message().getString() + " (pattern " + error.expression() + ")";
                if (!error.isNull()) {
                    hyperscan.hs_free_compile_error(error);
                }
                throw new IllegalStateException("hyperscan compile failed: " + message);
            }
            database = databaseOut.get(hs_database_t.class);
        }
    }

    /** Size of the compiled database, in bytes (native memory, off the Java heap). */
    long databaseBytes() {
        try (SizeTPointer size = new SizeTPointer(1)) {
            check(hyperscan.hs_database_size(database, size), "hs_database_size");
            return size.get();
        }
    }

    /** Scratch space, text buffer and callback for one thread. */
    Scratch newScratch() {
        return new Scratch();
    }

    final class Scratch implements Closeable {
        private final hs_scratch_t scratch = new hs_scratch_t();
        private BytePointer text = new BytePointer(16_384);
        private final int[] found = new int[ids.length == 0 ? 1 : Math.min(ids.length, 4096)];
        private int foundCount;
        private boolean overflow;
        private final match_event_handler handler = new match_event_handler() {
            @Override
            public int call(int id, long from, long to, int flags, Pointer context) {
                if (foundCount < found.length) {
                    found[foundCount++] = id;
                } else {
                    overflow = true;
                }
                return 0;
            }
        };

        private Scratch() {
            check(hyperscan.hs_alloc_scratch(database, scratch), "hs_alloc_scratch");
        }

        /** Size of the scratch space, in bytes (native). */
        long bytes() {
            try (SizeTPointer size = new SizeTPointer(1)) {
                check(hyperscan.hs_scratch_size(scratch, size), "hs_scratch_size");
                return size.get();
            }
        }

        /** Ids of the entities an alias of which is in the title or the body (either may be null). */
        Set<String> match(String title, String body) {
            byte[] bytes = PeerText.article(title, body).getBytes(StandardCharsets.UTF_8);
            if (bytes.length > text.capacity()) {
                text.close();
                text = new BytePointer(Math.max(bytes.length, text.capacity() * 2));
            }
            text.put(bytes, 0, bytes.length);
            foundCount = 0;
            overflow = false;
            check(hyperscan.hs_scan(database, text, bytes.length, 0, scratch, handler, null), "hs_scan");
            if (overflow) {
                throw new IllegalStateException("more than " + found.length + " aliases in one article");
            }
            Set<String> out = new HashSet<>();
            for (int k = 0; k < foundCount; k++) {
                for (String id : ids[found[k]]) {
                    out.add(id);
                }
            }
            return out;
        }

        @Override
        public void close() {
            hyperscan.hs_free_scratch(scratch);
            handler.close();
            text.close();
        }
    }

    private static void check(int rc, String call) {
        if (rc != 0) {
            throw new IllegalStateException(call + " failed: error " + rc);
        }
    }

    @Override
    public void close() {
        hyperscan.hs_free_database(database);
    }

    @Override
    public String toString() {
        return "Hyperscan[" + ids.length + " literals]";
    }
}
