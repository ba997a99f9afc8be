package io.newswatch.bench;

import io.newswatch.testing.TestData;
import io.newswatch.article.Article;
import io.newswatch.watchlist.Alias;
import io.newswatch.watchlist.CaseMode;
import io.newswatch.watchlist.WatchedEntity;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
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
 * Benchmark inputs: the Wikinews 2019 and 2020 articles (CC BY 2.5, Wikinews) and watchlists
 * made of real names found in them plus synthetic names built from the corpus's own capitalised
 * words, so that real names hit and synthetic ones cause partial phrase matches.
 */
final class BenchData {

    private static final Pattern MULTI = Pattern.compile("\\b[A-Z][a-z]+(?: [A-Z][a-z]+){1,2}\\b");
    private static final Pattern SINGLE = Pattern.compile("(?<=[a-z,] )[A-Z][a-z]{3,}\\b");

    private static List<Article> articles;

    private BenchData() {
    }

    /** All articles, in a fixed shuffled order (so a partial pass over them is a fair sample). */
    static synchronized List<Article> articles() {
        if (articles == null) {
            List<Article> all = new ArrayList<>();
            for (String file : List.of("wikinews/wikinews_2019.csv", "wikinews/wikinews_2020.csv")) {
                List<List<String>> rows = csv(TestData.path(file));
                for (List<String> row : rows.subList(1, rows.size())) {
                    if (row.size() >= 4 && !row.get(3).isBlank()) {
                        all.add(new Article(null, row.get(0), "wikinews", row.get(2), row.get(3), "en", null).withDerivedId());
                    }
                }
            }
            Collections.shuffle(all, new Random(42));
            articles = List.copyOf(all);
        }
        return articles;
    }

    /**
     * A watchlist of {@code n} entities: first the real names (most frequent first), then
     * synthetic ones. Aliases keep their default case modes; about 3% of three-word synthetic
     * aliases are approximate and about 2% of entities have a context rule.
     */
    static List<WatchedEntity> watchlist(int n) {
        List<String> real = realNames();
        List<String> vocabulary = vocabulary(real);
        Random random = new Random(7);
        List<WatchedEntity> out = new ArrayList<>(n);
        Set<String> used = new HashSet<>();
        for (int i = 0; i < real.size() && out.size() < n; i++) {
            String name = real.get(i);
            used.add(name.toLowerCase());
            out.add(WatchedEntity.builder("real-" + i).name(name).alias(name).build());
        }
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
        return out;
    }

    /** The same entities with every alias case-insensitive and exact: what Lucene's monitor can express. */
    static List<WatchedEntity> comparable(List<WatchedEntity> entities) {
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
    private static List<String> realNames() {
        Map<String, Integer> counts = new HashMap<>();
        Map<String, Integer> singles = new HashMap<>();
        Set<String> lowerCase = new HashSet<>();
        for (Article a : articles()) {
            for (String w : a.body().split("[^\\p{L}]+")) {
                if (!w.isEmpty() && Character.isLowerCase(w.charAt(0))) {
                    lowerCase.add(w);
                }
            }
        }
        for (Article a : articles()) {
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
    static List<List<String>> csv(java.nio.file.Path file) {
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
