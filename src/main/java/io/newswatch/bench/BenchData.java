package io.newswatch.bench;

import io.newswatch.article.Article;
import io.newswatch.watchlist.Alias;
import io.newswatch.watchlist.CaseMode;
import io.newswatch.watchlist.WatchedEntity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Benchmark inputs, shared by the matcher benchmark and {@code newswatch bench}: the Wikinews
 * 2019 and 2020 articles (CC BY 2.5, Wikinews) from {@code shared/data}, any number of articles
 * varied deterministically from them, and watchlists made of real names found in them plus
 * synthetic names built from the corpus's own capitalised words, so that real names hit and
 * synthetic ones cause partial phrase matches.
 */
public final class BenchData {

    private static final Pattern MULTI = Pattern.compile("\\b[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}\\b");
    private static final Pattern SINGLE = Pattern.compile("(?<=[a-z,] )[A-Z][a-z]{3,}\\b");

    private static BenchData shared;

    private final List<Article> articles;
    private List<String> realNames;

    private BenchData(List<Article> articles) {
        this.articles = articles;
    }

    /** The data found by {@link #findDataDir()}, loaded once. */
    public static synchronized BenchData shared() {
        if (shared == null) {
            shared = load(findDataDir());
        }
        return shared;
    }

    /** {@code shared/data} (or {@code ../shared/data}) in the working directory or above it. */
    public static Path findDataDir() {
        Path dir = Path.of("").toAbsolutePath();
        while (dir != null) {
            for (String candidate : List.of("shared/data", "../shared/data")) {
                Path data = dir.resolve(candidate).normalize();
                if (Files.isDirectory(data.resolve("wikinews"))) {
                    return data;
                }
            }
            dir = dir.getParent();
        }
        throw new IllegalArgumentException("shared/data not found above " + Path.of("").toAbsolutePath() + ": give --data DIR");
    }

    /** Reads {@code wikinews/wikinews_2019.csv} and {@code _2020.csv} under {@code dataDir}. */
    public static BenchData load(Path dataDir) {
        List<Article> all = new ArrayList<>();
        for (String file : List.of("wikinews/wikinews_2019.csv", "wikinews/wikinews_2020.csv")) {
            Path path = dataDir.resolve(file);
            if (!Files.isRegularFile(path)) {
                throw new IllegalArgumentException(path + ": no such file (--data must hold wikinews/wikinews_2019.csv and _2020.csv)");
            }
            List<List<String>> rows = csv(path);
            for (List<String> row : rows.subList(1, rows.size())) {
                if (row.size() >= 4 && !row.get(3).isBlank()) {
                    all.add(new Article(null, row.get(0), "wikinews", row.get(2), row.get(3), "en", null).withDerivedId());
                }
            }
        }
        // a fixed shuffled order, so that a partial pass over them is a fair sample
        Collections.shuffle(all, new Random(42));
        return new BenchData(List.copyOf(all));
    }

    /** All articles, in a fixed shuffled order. */
    public List<Article> articles() {
        return articles;
    }

    /**
     * Article number {@code i} of an endless deterministic stream: the corpus in order, then again
     * with paragraphs shuffled by a seed of {@code i}, so that each pass differs but keeps the same
     * names and length (4.4 KB of text on average). Ids are {@code prefix + i}; URLs are distinct.
     */
    public Article variant(String prefix, int i) {
        Article base = articles.get(i % articles.size());
        String body = base.body();
        int pass = i / articles.size();
        if (pass > 0) {
            List<String> paragraphs = new ArrayList<>(List.of(body.split("\n+")));
            Collections.shuffle(paragraphs, new Random(i));
            body = String.join("\n\n", paragraphs);
        }
        String url = (base.url() == null ? "https://example.org/bench" : base.url()) + "#" + prefix + i;
        return new Article(prefix + i, url, base.source(), base.title(), body, base.language(), null);
    }

    /**
     * A watchlist of {@code n} entities: first the real names (most frequent first), then
     * synthetic ones. Aliases keep their default case modes; about 3% of three-word synthetic
     * aliases are approximate and about 2% of entities have a context rule. Dense: at 10,000
     * entities every real name of the corpus is watched, ≈ 18 per article; the matcher benchmark
     * uses it to load the matcher with hits.
     */
    public List<WatchedEntity> watchlist(int n) {
        List<String> real = realNames();
        List<WatchedEntity> out = new ArrayList<>(n);
        for (int i = 0; i < real.size() && out.size() < n; i++) {
            out.add(WatchedEntity.builder("real-" + i).name(real.get(i)).alias(real.get(i)).build());
        }
        addSynthetic(out, n);
        return out;
    }

    /**
     * A watchlist of {@code n} entities shaped like a monitoring one: {@code realNames} real names
     * of the corpus, spread evenly over its frequency ranking (the most frequent first, so common
     * and rare names alike), then synthetic names as in {@link #watchlist(int)}, which partially
     * match often but fully match rarely. With 50 real names, 44% of the Wikinews articles name at
     * least one watched entity, 1.6 on average (see BENCHMARKS.md); a real name keeps the id
     * {@code real-<rank>} it has in {@link #watchlist(int)}.
     */
    public List<WatchedEntity> monitoringWatchlist(int n, int realNames) {
        if (realNames < 0) {
            throw new IllegalArgumentException("realNames must not be negative");
        }
        List<String> real = realNames();
        int count = Math.min(Math.min(realNames, n), real.size());
        List<WatchedEntity> out = new ArrayList<>(n);
        for (int i = 0; i < count; i++) {
            int rank = (int) ((long) i * real.size() / count);
            out.add(WatchedEntity.builder("real-" + rank).name(real.get(rank)).alias(real.get(rank)).build());
        }
        addSynthetic(out, n);
        return out;
    }

    /**
     * Appends synthetic entities to {@code out} until it holds {@code n}: 2-3 words drawn from the
     * corpus's capitalised words, never one of its real names; the same sequence whatever came before.
     */
    private void addSynthetic(List<WatchedEntity> out, int n) {
        List<String> real = realNames();
        List<String> vocabulary = vocabulary(real);
        Random random = new Random(7);
        Set<String> used = new HashSet<>();
        real.forEach(name -> used.add(name.toLowerCase()));
        int k = 0;
        while (out.size() < n) {
            int words = random.nextInt(10) < 6 ? 2 : 3;
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < words; w++) {
                if (w > 0) {
                    sb.append(' ');
                }
                sb.append(vocabulary.get(random.nextInt(vocabulary.size())));
            }
            String name = sb.toString();
            if (!used.add(name.toLowerCase())) {
                continue;
            }
            WatchedEntity.Builder b = WatchedEntity.builder("syn-" + k++).name(name);
            b.alias(words == 3 && random.nextInt(100) < 3 ? Alias.approximate(name) : Alias.of(name));
            if (random.nextInt(5) == 0) {
                String second = name.substring(name.lastIndexOf(' ') + 1) + " " + vocabulary.get(random.nextInt(vocabulary.size()));
                b.alias(second);
            }
            if (random.nextInt(50) == 0) {
                b.context("government", "police", "said");
            }
            out.add(b.build());
        }
    }

    /** The same entities with every alias case-insensitive and exact: what Lucene's monitor can express. */
    public static List<WatchedEntity> comparable(List<WatchedEntity> entities) {
        List<WatchedEntity> out = new ArrayList<>(entities.size());
        for (WatchedEntity e : entities) {
            WatchedEntity.Builder b = WatchedEntity.builder(e.id()).name(e.name());
            for (Alias a : e.aliases()) {
                b.alias(new Alias(a.text(), CaseMode.INSENSITIVE, false));
            }
            out.add(b.build());
        }
        return out;
    }

    private static final Set<String> CALENDAR = Set.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
            "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July", "August",
            "September", "October", "November", "December");

    /**
     * Capitalised phrases of 2-3 words seen at least twice, and capitalised words seen mid-sentence
     * at least 3 times that the corpus never writes in lower case (so "Trump" and "Melbourne", not
     * "President" or "House"); no weekday or month names.
     */
    private synchronized List<String> realNames() {
        if (realNames == null) {
            realNames = List.copyOf(findRealNames());
        }
        return realNames;
    }

    private List<String> findRealNames() {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Integer> singles = new HashMap<>();
        Set<String> lowerCase = new HashSet<>();
        for (Article a : articles) {
            for (String w : a.body().split("[^\\p{L}]+")) {
                if (!w.isEmpty() && Character.isLowerCase(w.charAt(0))) {
                    lowerCase.add(w);
                }
            }
        }
        for (Article a : articles) {
            Matcher m = MULTI.matcher(a.body());
            while (m.find()) {
                counts.merge(m.group(), 1, Integer::sum);
            }
            Matcher s = SINGLE.matcher(a.body());
            while (s.find()) {
                singles.merge(s.group(), 1, Integer::sum);
            }
        }
        List<Map.Entry<String, Integer>> all = new ArrayList<>();
        counts.entrySet().stream().filter(e -> e.getValue() >= 2)
                .filter(e -> CALENDAR.stream().noneMatch(c -> e.getKey().startsWith(c + " ") || e.getKey().endsWith(" " + c)))
                .forEach(all::add);
        singles.entrySet().stream().filter(e -> e.getValue() >= 3)
                .filter(e -> !CALENDAR.contains(e.getKey()) && !lowerCase.contains(e.getKey().toLowerCase()))
                .forEach(all::add);
        all.sort(Map.Entry.<String, Integer>comparingByValue().reversed().thenComparing(Map.Entry.comparingByKey()));
        List<String> names = new ArrayList<>(all.size());
        all.forEach(e -> names.add(e.getKey()));
        return names;
    }

    private static List<String> vocabulary(List<String> names) {
        Set<String> words = new LinkedHashSet<>();
        for (String n : names) {
            Collections.addAll(words, n.split(" "));
        }
        return new ArrayList<>(words);
    }

    /** RFC 4180 CSV with quoted multi-line fields. */
    private static List<List<String>> csv(Path file) {
        String s;
        try {
            s = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<List<String>> rows = new ArrayList<>();
        List<String> row = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (quoted) {
                if (c == '"') {
                    if (i + 1 < s.length() && s.charAt(i + 1) == '"') {
                        field.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    field.append(c);
                }
            } else if (c == '"') {
                quoted = true;
            } else if (c == ',') {
                row.add(field.toString());
                field.setLength(0);
            } else if (c == '\n' || c == '\r') {
                if (c == '\r' && i + 1 < s.length() && s.charAt(i + 1) == '\n') {
                    i++;
                }
                row.add(field.toString());
                field.setLength(0);
                rows.add(row);
                row = new ArrayList<>();
            } else {
                field.append(c);
            }
        }
        if (field.length() > 0 || !row.isEmpty()) {
            row.add(field.toString());
            rows.add(row);
        }
        return rows;
    }
}
