package io.newswatch.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/** The shared real-news data ({@code ../shared/data} from the project root), found by walking up. */
public final class TestData {

    private TestData() {
    }

    public static Path dir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            Path candidate = dir.resolve("shared/data");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            candidate = dir.resolve("../shared/data").normalize();
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
            dir = dir.getParent();
        }
        throw new IllegalStateException("shared/data not found above " + Path.of("").toAbsolutePath());
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

    /** One Wikinews article (CC BY 2.5, attribute "Wikinews" with the article URL). */
    public record WikinewsArticle(String url, String date, String title, String text) {
    }

    /** The first {@code limit} articles of {@code wikinews/wikinews_2019.csv} then {@code _2020.csv}. */
    public static java.util.List<WikinewsArticle> wikinews(int limit) {
        java.util.List<WikinewsArticle> out = new java.util.ArrayList<>();
        for (String file : java.util.List.of("wikinews/wikinews_2019.csv", "wikinews/wikinews_2020.csv")) {
            try {
                java.util.List<java.util.List<String>> rows = csv(Files.readString(path(file), StandardCharsets.UTF_8));
                for (java.util.List<String> row : rows.subList(1, rows.size())) {
                    if (out.size() == limit) {
                        return out;
                    }
                    out.add(new WikinewsArticle(row.get(0), row.get(1), row.get(2), row.get(3)));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /** RFC 4180: quoted fields may hold commas, doubled quotes and line breaks. */
    private static java.util.List<java.util.List<String>> csv(String text) {
        java.util.List<java.util.List<String>> rows = new java.util.ArrayList<>();
        java.util.List<String> row = new java.util.ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (quoted) {
                if (c == '"' && i + 1 < text.length() && text.charAt(i + 1) == '"') {
                    field.append('"');
                    i++;
                } else if (c == '"') {
                    quoted = false;
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n') {
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new java.util.ArrayList<>();
            } else if (c != '\r') {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }

    /** The seed article: a spun wire story about Myanmar's junta chief in Moscow. */
    public static String seedArticle() {
        try {
            return Files.readString(path("seed/myanmar-putin.txt"), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
