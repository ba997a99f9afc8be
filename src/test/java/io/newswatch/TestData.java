package io.newswatch;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The shared test data ({@code ../shared/data} next to the project), found by walking up from
 * the working directory so tests run from the project root, a module or an IDE.
 */
public final class TestData {

    private TestData() {
    }

    public static Path dir() {
        Path p = Path.of("").toAbsolutePath();
        for (; p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared").resolve("data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            Path sibling = p.resolveSibling("shared").resolve("data");
            if (p.getParent() != null && Files.isDirectory(sibling)) {
                return sibling;
            }
        }
        throw new IllegalStateException("test data not found: expected ../shared/data above " + Path.of("").toAbsolutePath());
    }

    public static Path path(String relative) {
        return dir().resolve(relative);
    }

    public static String read(String relative) {
        try {
            return Files.readString(path(relative), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
