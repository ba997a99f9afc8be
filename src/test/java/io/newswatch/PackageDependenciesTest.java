package io.newswatch;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The packages depend on each other only as each {@code package-info.java} says: the sources are
 * read (imports, fully qualified names and Javadoc links alike), every arrow between two packages
 * must be allowed below, and the arrows must form no circle.
 */
class PackageDependenciesTest {

    /** Package → the packages of the product it may use. */
    static final Map<String, Set<String>> ALLOWED = Map.ofEntries(
            Map.entry("article", Set.of()),
            Map.entry("text", Set.of()),
            Map.entry("kafka", Set.of("text")),
            Map.entry("topics", Set.of()),
            Map.entry("broker", Set.of()),
            Map.entry("metrics", Set.of()),
            Map.entry("watchlist", Set.of("kafka", "topics")),
            Map.entry("match", Set.of("watchlist", "article")),
            Map.entry("story", Set.of("match")),
            Map.entry("alert", Set.of("kafka", "watchlist", "text", "story")),
            Map.entry("ingest", Set.of("kafka", "article", "topics", "text")),
            Map.entry("notify", Set.of("alert", "watchlist", "kafka", "text")),
            Map.entry("monitor", Set.of("match", "story", "watchlist", "alert", "metrics", "kafka", "topics", "article")),
            Map.entry("api", Set.of("monitor", "watchlist", "alert", "story", "kafka", "topics", "text", "notify")),
            Map.entry("demo", Set.of("broker", "monitor", "story", "metrics", "ingest", "alert", "watchlist", "topics", "kafka",
                    "article", "text", "notify", "api")),
            Map.entry("bench", Set.of("broker", "monitor", "match", "story", "metrics", "ingest", "alert", "watchlist", "topics",
                    "kafka", "article", "text")),
            Map.entry("cli", Set.of("broker", "monitor", "match", "story", "metrics", "ingest", "alert", "watchlist", "topics",
                    "kafka", "article", "text", "demo", "bench", "notify", "api")));

    private static final Path SOURCES = Path.of("src/main/java/io/newswatch");
    private static final Pattern PACKAGE = Pattern.compile("^package io\\.newswatch\\.([a-z]+);", Pattern.MULTILINE);
    /** A product class named by its package: in an import, in code, or in a Javadoc link. */
    private static final Pattern REFERENCE = Pattern.compile("io\\.newswatch\\.([a-z]+)\\.[A-Z]");

    @Test
    void shouldKeepEveryArrowBetweenPackagesAllowed() throws IOException {
        Map<String, Set<String>> arrows = arrows(sources());

        assertThat(arrows.keySet()).as("every package has its rule").isSubsetOf(ALLOWED.keySet());
        List<String> forbidden = forbidden(arrows);
        assertThat(forbidden).as("arrows no package-info allows").isEmpty();
        assertThat(circles(arrows)).as("package circles").isEmpty();
    }

    @Test
    void shouldRefuseAnArrowFromAlertToMonitorAndACircle() {
        Map<String, String> sources = Map.of(
                "alert/Alert.java", "package io.newswatch.alert;\nimport io.newswatch.monitor.Mention;\n",
                "monitor/Mention.java", "package io.newswatch.monitor;\n/** See {@link io.newswatch.alert.Alert}. */\n");

        Map<String, Set<String>> arrows = arrows(sources);

        assertThat(forbidden(arrows)).containsExactly("alert -> monitor (io/newswatch/alert/Alert.java)");
        assertThat(circles(arrows)).containsExactly("alert -> monitor -> alert");
    }

    @Test
    void shouldSayInEveryPackageInfoWhatItOwns() throws IOException {
        for (String pkg : ALLOWED.keySet()) {
            assertThat(SOURCES.resolve(pkg).resolve("package-info.java")).as(pkg).exists();
        }
    }

    /** Relative path → source text of every main source file. */
    private static Map<String, String> sources() throws IOException {
        Map<String, String> out = new TreeMap<>();
        try (Stream<Path> files = Files.walk(SOURCES)) {
            for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                out.put(SOURCES.relativize(file).toString(), Files.readString(file, StandardCharsets.UTF_8));
            }
        }
        return out;
    }

    /** Package → packages it refers to; a file's path is kept per arrow for the message. */
    private static Map<String, Set<String>> arrows(Map<String, String> sources) {
        Map<String, Set<String>> arrows = new TreeMap<>();
        ARROW_FILES.clear();
        sources.forEach((path, text) -> {
            Matcher pkg = PACKAGE.matcher(text);
            if (!pkg.find()) {
                return;
            }
            String from = pkg.group(1);
            arrows.computeIfAbsent(from, k -> new TreeSet<>());
            Matcher ref = REFERENCE.matcher(text);
            while (ref.find()) {
                String to = ref.group(1);
                if (!to.equals(from)) {
                    arrows.get(from).add(to);
                    ARROW_FILES.putIfAbsent(from + " -> " + to, "io/newswatch/" + path);
                }
            }
        });
        return arrows;
    }

    private static final Map<String, String> ARROW_FILES = new TreeMap<>();

    private static List<String> forbidden(Map<String, Set<String>> arrows) {
        List<String> out = new ArrayList<>();
        arrows.forEach((from, tos) -> {
            for (String to : tos) {
                if (!ALLOWED.getOrDefault(from, Set.of()).contains(to)) {
                    out.add(from + " -> " + to + " (" + ARROW_FILES.get(from + " -> " + to) + ")");
                }
            }
        });
        return out;
    }

    /** Each circle once, as {@code a -> b -> a}, starting from its smallest package name. */
    private static Set<String> circles(Map<String, Set<String>> arrows) {
        Set<String> out = new TreeSet<>();
        for (String start : arrows.keySet()) {
            walk(start, start, new ArrayList<>(List.of(start)), arrows, out);
        }
        return out;
    }

    private static void walk(String start, String at, List<String> path, Map<String, Set<String>> arrows, Set<String> out) {
        for (String next : arrows.getOrDefault(at, Set.of())) {
            if (next.equals(start)) {
                if (path.stream().allMatch(p -> p.compareTo(start) >= 0)) {
                    out.add(String.join(" -> ", path) + " -> " + start);
                }
            } else if (!path.contains(next)) {
                path.add(next);
                walk(start, next, path, arrows, out);
                path.remove(path.size() - 1);
            }
        }
    }
}
