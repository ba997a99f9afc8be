package io.newswatch.story.eval;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The 24 news documents of the GUM corpus (Wikinews texts, CC BY 2.5): their text rebuilt from
 * the tokenised sentences of {@code tsv/} (the first sentence is the headline), and the names of
 * the people, places and organisations linked to a Wikipedia title in {@code conll/}.
 */
final class GumNews {

    record Doc(String name, String title, String body) {
    }

    private static final Pattern LINKED = Pattern.compile("\\((person|place|organization)-\\d+-([^()\\s|]+)");

    private GumNews() {
    }

    static List<Doc> docs(Path gumDir) {
        List<Doc> out = new ArrayList<>();
        for (Path file : files(gumDir.resolve("tsv"), ".tsv")) {
            List<String> sentences = new ArrayList<>();
            for (String line : lines(file)) {
                if (line.startsWith("#Text=")) {
                    sentences.add(detokenize(line.substring("#Text=".length())));
                }
            }
            if (sentences.size() < 3) {
                continue;
            }
            String name = file.getFileName().toString().replace(".tsv", "");
            StringBuilder body = new StringBuilder(sentences.get(1)).append("\n\n");
            for (int i = 2; i < sentences.size(); i++) {
                body.append(sentences.get(i)).append(i % 4 == 1 ? "\n\n" : " ");
            }
            out.add(new Doc(name, sentences.get(0), body.toString().strip()));
        }
        return out;
    }

    /** Linked names by type ({@code person}, {@code place}, {@code organization}), sorted, without the Wikipedia disambiguation. */
    static Map<String, List<String>> names(Path gumDir) {
        Map<String, TreeSet<String>> names = new TreeMap<>();
        for (Path file : files(gumDir.resolve("conll"), ".conll")) {
            for (String line : lines(file)) {
                Matcher m = LINKED.matcher(line);
                while (m.find()) {
                    String title = URLDecoder.decode(m.group(2).replace("+", "%2B"), StandardCharsets.UTF_8)
                            .replace('_', ' ').replaceAll("\\s*\\(.*\\)$", "").strip();
                    if (!title.isEmpty()) {
                        names.computeIfAbsent(m.group(1), k -> new TreeSet<>()).add(title);
                    }
                }
            }
        }
        Map<String, List<String>> out = new TreeMap<>();
        names.forEach((type, set) -> out.put(type, List.copyOf(set)));
        return out;
    }

    /** Undoes the corpus tokenisation well enough to read: no space before punctuation, paired quotes. */
    static String detokenize(String tokens) {
        String s = " " + tokens + " ";
        s = s.replaceAll(" ([,.;:!?%)\\]])(?= )", "$1");
        s = s.replaceAll(" (['’](?:s|re|ve|ll|d|m)|n't) ", "$1 ");
        s = s.replaceAll(" ([(\\[$]) ", " $1");
        s = s.replaceAll("(\\w) - (\\w)", "$1-$2");
        StringBuilder out = new StringBuilder();
        boolean open = false;
        String[] parts = s.strip().split(" ");
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i];
            if (p.equals("\"")) {
                if (!open) {
                    out.append(out.length() > 0 ? " " : "").append('"');
                    open = true;
                    continue;
                }
                out.append('"');
                open = false;
                continue;
            }
            boolean glue = out.length() > 0 && out.charAt(out.length() - 1) == '"' && open;
            if (out.length() > 0 && !glue) {
                out.append(' ');
            }
            out.append(p);
        }
        return out.toString().replaceAll(" \"([,.;:])", "\"$1");
    }

    private static List<Path> files(Path dir, String suffix) {
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(suffix)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static List<String> lines(Path file) {
        try {
            return Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
