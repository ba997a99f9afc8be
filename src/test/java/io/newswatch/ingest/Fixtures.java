package io.newswatch.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Reading the feed and page fixtures under {@code src/test/resources/ingest/}. */
final class Fixtures {

    private Fixtures() {
    }

    static Path path(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/ingest/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Everything a reader hands out for the fixture, in the given format. */
    static List<Parsed> read(String name, Format format) {
        return read(Input.file(path(name)), format);
    }

    static List<Parsed> read(Input input, Format format) {
        List<Parsed> out = new ArrayList<>();
        try {
            ArticleReader.of(format).read(input, out::add);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }

    static List<Parsed.Draft> drafts(List<Parsed> parsed) {
        return parsed.stream().map(p -> (Parsed.Draft) p).toList();
    }
}
