package io.newswatch.ingest;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.JsonErrors;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What polling remembers across restarts, per feed URL: the validators of the last fetch whose
 * items were all delivered (ETag, Last-Modified), and the ids of the items sent, the newest
 * {@value #MAX_SEEN} of them. A small JSON file, replaced atomically on every save.
 */
final class PollState {

    static final int MAX_SEEN = 5000;

    private final Path file;
    private final Map<String, Feed> feeds;

    /** One feed's memory. */
    static final class Feed {
        String etag;
        String lastModified;
        final LinkedHashSet<String> seen = new LinkedHashSet<>();

        boolean seen(String id) {
            return seen.contains(id);
        }

        void remember(Collection<String> ids) {
            seen.addAll(ids);
            var it = seen.iterator();
            for (int excess = seen.size() - MAX_SEEN; excess > 0; excess--) {
                it.next();
                it.remove();
            }
        }
    }

    /** The file's JSON form. */
    record Stored(@JsonProperty("feeds") Map<String, StoredFeed> feeds) {
        @JsonCreator
        Stored {
            feeds = feeds == null ? Map.of() : feeds;
        }
    }

    record StoredFeed(@JsonProperty("etag") String etag, @JsonProperty("lastModified") String lastModified,
                      @JsonProperty("seen") List<String> seen) {
    }

    private PollState(Path file, Map<String, Feed> feeds) {
        this.file = file;
        this.feeds = feeds;
    }

    /** The state in {@code file}, or an empty one when it does not exist yet. */
    static PollState load(Path file) {
        Map<String, Feed> feeds = new TreeMap<>();
        if (Files.exists(file)) {
            try {
                Stored stored = Json.mapper().readValue(file.toFile(), Stored.class);
                stored.feeds().forEach((url, s) -> {
                    Feed feed = new Feed();
                    feed.etag = s.etag();
                    feed.lastModified = s.lastModified();
                    if (s.seen() != null) {
                        feed.remember(s.seen());
                    }
                    feeds.put(url, feed);
                });
            } catch (IOException e) {
                throw new IngestException("--state-file " + file + ": cannot read: " + JsonErrors.describe(e), true);
            }
        }
        return new PollState(file, feeds);
    }

    Feed feed(String url) {
        return feeds.computeIfAbsent(url, u -> new Feed());
    }

    void save() {
        Map<String, StoredFeed> stored = new TreeMap<>();
        feeds.forEach((url, f) -> stored.put(url, new StoredFeed(f.etag, f.lastModified, new ArrayList<>(f.seen))));
        try {
            Path dir = file.toAbsolutePath().getParent();
            Files.createDirectories(dir);
            Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
            Json.mapper().writeValue(tmp.toFile(), new Stored(stored));
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("--state-file " + file + ": cannot write", e);
        }
    }
}
