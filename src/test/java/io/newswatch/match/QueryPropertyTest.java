package io.newswatch.match;

import io.newswatch.testing.TestData;
import io.newswatch.watchlist.Query;
import io.newswatch.watchlist.QueryException;
import io.newswatch.watchlist.WatchedEntity;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The compiled queries against a slow reference: random queries over random Wikinews articles
 * (words and phrases drawn from the article itself, so that most terms occur, and from others),
 * each evaluated by the matcher (trie, recorded occurrences, {@link QueryPlan}) and by a direct
 * walk of the parsed tree over the article's token list. Same verdict, same hits.
 */
class QueryPropertyTest {

    private static final int ARTICLES = 60;
    private static final int QUERIES_PER_ARTICLE = 40;
    private static List<TestData.WikinewsArticle> articles;

    @BeforeAll
    static void load() {
        articles = TestData.wikinews(ARTICLES);
    }

    @Test
    void matcherAndReferenceAgreeOnRandomQueries() {
        Random random = new Random(20261206);
        int compared = 0;
        int held = 0;
        for (TestData.WikinewsArticle a : articles) {
            Text text = new Text(a.title(), a.text());
            Text other = new Text(null, articles.get(random.nextInt(articles.size())).text());
            for (int q = 0; q < QUERIES_PER_ARTICLE; q++) {
                String query = new Generator(random, text, other).query(3);
                Query parsed;
                try {
                    parsed = Query.parse(query);
                } catch (QueryException e) {
                    continue; // e.g. only negated words: refused, nothing to compare
                }
                WatchedEntity entity = WatchedEntity.builder("q").query(query).build();
                Matcher matcher = Matcher.compile(List.of(entity));
                Index index = new Index();
                index.add(entity);
                java.util.Set<String> anchors = index.entries[0].query().anchorTexts;
                TreeSet<String> expected = reference(parsed.root(), text);
                TreeSet<String> actual = matcher.match(a.title(), a.text()).stream()
                        .filter(m -> m.id().equals("q")).findFirst()
                        .map(m -> hits(m.hits())).orElse(null);
                assertThat(actual).as("%s on %s", query, a.url()).isEqualTo(expected == null ? null : reported(expected, anchors));
                compared++;
                held += expected == null ? 0 : 1;
            }
        }
        assertThat(compared).isGreaterThan(ARTICLES * QUERIES_PER_ARTICLE / 2);
        assertThat(held).as("queries that held, of %d", compared).isBetween(compared / 10, compared * 9 / 10);
    }

    private static TreeSet<String> hits(List<Hit> hits) {
        TreeSet<String> out = new TreeSet<>();
        for (Hit h : hits) {
            out.add(key(h.field() == Hit.Field.TITLE, h.start(), h.end()));
        }
        return out;
    }

    private static String key(boolean title, int start, int end) {
        return (title ? "T" : "B") + String.format("%07d-%07d", start, end);
    }

    // ---- the reference: the tree walked over the token list

    /** Title and body as one list of tokens: normalised form, offsets, field. */
    static final class Text {
        final List<String> norm = new ArrayList<>();
        final List<int[]> offsets = new ArrayList<>();
        final List<Boolean> inTitle = new ArrayList<>();
        final String title;
        final String body;

        Text(String title, String body) {
            this.title = title == null ? "" : title;
            this.body = body == null ? "" : body;
            add(this.title, true);
            add(this.body, false);
        }

        private void add(String s, boolean title) {
            TokenScanner sc = new TokenScanner().reset(s);
            while (sc.next()) {
                norm.add(sc.token());
                offsets.add(new int[] {sc.start, sc.end});
                inTitle.add(title);
            }
        }

        String raw(int t) {
            return (inTitle.get(t) ? title : body).substring(offsets.get(t)[0], offsets.get(t)[1]);
        }

        /** Whether punctuation between token t-1 and t (of one field) ends a phrase there. */
        boolean breakBefore(int t) {
            return t > 0 && inTitle.get(t - 1).equals(inTitle.get(t))
                    && Matcher.breaksPhrase(inTitle.get(t) ? title : body, offsets.get(t - 1)[1], offsets.get(t)[0]);
        }

        int size() {
            return norm.size();
        }
    }

    /** Spans [from, to) of tokens, or null where the node does not hold. */
    private static List<int[]> eval(Query.Node n, Text text) {
        if (n instanceof Query.Term t) {
            List<int[]> out = occurrences(t, text);
            return out.isEmpty() ? null : out;
        }
        if (n instanceof Query.Is) {
            return null; // no article properties in this test
        }
        if (n instanceof Query.Ref) {
            return null; // no other entities in this test
        }
        if (n instanceof Query.And and) {
            List<int[]> out = new ArrayList<>();
            for (Query.Node c : and.children()) {
                List<int[]> s = eval(c, text);
                if (s == null) {
                    return null;
                }
                out.addAll(s);
            }
            return out;
        }
        if (n instanceof Query.Or or) {
            List<int[]> out = null;
            for (Query.Node c : or.children()) {
                List<int[]> s = eval(c, text);
                if (s != null) {
                    out = out == null ? new ArrayList<>() : out;
                    out.addAll(s);
                }
            }
            return out;
        }
        if (n instanceof Query.Not not) {
            return eval(not.child(), text) == null ? List.of() : null;
        }
        Query.Near near = (Query.Near) n;
        List<int[]> l = eval(near.left(), text);
        List<int[]> r = eval(near.right(), text);
        if (l == null || r == null) {
            return null;
        }
        List<int[]> out = new ArrayList<>();
        for (int[] a : l) {
            if (r.stream().anyMatch(b -> near(a, b, near.distance(), near.ordered()))) {
                out.add(a);
            }
        }
        for (int[] b : r) {
            if (l.stream().anyMatch(a -> near(a, b, near.distance(), near.ordered()))) {
                out.add(b);
            }
        }
        return out.isEmpty() ? null : out;
    }

    private static boolean near(int[] a, int[] b, int distance, boolean ordered) {
        if (b[0] >= a[1]) {
            return b[0] - a[1] <= distance;
        }
        return !ordered && a[0] >= b[1] && a[0] - b[1] <= distance;
    }

    private static List<int[]> occurrences(Query.Term t, Text text) {
        Text term = new Text(null, t.text());
        List<int[]> out = new ArrayList<>();
        int k = term.size();
        for (int i = 0; i + k <= text.size(); i++) {
            boolean title = text.inTitle.get(i);
            if (t.field() == Query.Field.TITLE && !title || t.field() == Query.Field.BODY && title
                    || text.inTitle.get(i + k - 1) != title) {
                continue;
            }
            boolean same = true;
            for (int j = 0; j < k && same; j++) {
                String word = text.raw(i + j);
                String want = term.raw(j);
                boolean particle = k > 1 && Index.isParticle(want);
                same = text.norm.get(i + j).equals(term.norm.get(j))
                        && (j == 0 || !text.breakBefore(i + j) || term.breakBefore(j))
                        && switch (t.mode()) {
                            case EXACT -> Cases.exactForm(word, 0, word.length()).equals(Cases.exactForm(want, 0, want.length()));
                            case SMART -> particle || !(Cases.hasUpper(want, 0, want.length()) && Cases.isLowerCaseWord(word, 0, word.length()));
                            case INSENSITIVE -> true;
                        };
            }
            if (same) {
                out.add(new int[] {i, i + k});
            }
        }
        return out;
    }

    /** The reference's hits as character offsets, or null where the query does not hold. */
    private TreeSet<String> reference(Query.Node root, Text text) {
        List<int[]> spans = eval(root, text);
        if (spans == null || spans.isEmpty()) {
            return null;
        }
        TreeSet<String> out = new TreeSet<>();
        for (int[] s : spans) {
            out.add(s[0] + "," + s[1] + "," + key(text.inTitle.get(s[0]), text.offsets.get(s[0])[0], text.offsets.get(s[1] - 1)[1])
                    + "," + label(root, text, s));
        }
        return out;
    }

    /** The term whose occurrence the span is (the first such term in the tree). */
    private static String label(Query.Node n, Text text, int[] span) {
        if (n instanceof Query.Term t) {
            return occurrences(t, text).stream().anyMatch(o -> o[0] == span[0] && o[1] == span[1]) ? t.text() : null;
        }
        List<Query.Node> children = n instanceof Query.And a ? a.children() : n instanceof Query.Or o ? o.children()
                : n instanceof Query.Near near ? List.of(near.left(), near.right()) : List.of();
        for (Query.Node c : children) {
            String l = label(c, text, span);
            if (l != null) {
                return l;
            }
        }
        return null;
    }

    /**
     * The reported hits: no two overlapping, the longer (then the earlier) first; then, in text
     * order, every hit of an anchor and the first of each other word.
     */
    private static TreeSet<String> reported(TreeSet<String> spans, java.util.Set<String> anchors) {
        List<String[]> all = spans.stream().map(s -> s.split(",")).sorted((a, b) -> {
            int la = Integer.parseInt(a[1]) - Integer.parseInt(a[0]);
            int lb = Integer.parseInt(b[1]) - Integer.parseInt(b[0]);
            return la != lb ? Integer.compare(lb, la) : Integer.compare(Integer.parseInt(a[0]), Integer.parseInt(b[0]));
        }).toList();
        List<int[]> kept = new ArrayList<>();
        List<String[]> keptSpans = new ArrayList<>();
        for (String[] s : all) {
            int f = Integer.parseInt(s[0]);
            int t = Integer.parseInt(s[1]);
            if (kept.stream().noneMatch(k -> f < k[1] && k[0] < t)) {
                kept.add(new int[] {f, t});
                keptSpans.add(s);
            }
        }
        keptSpans.sort((a, b) -> Integer.compare(Integer.parseInt(a[0]), Integer.parseInt(b[0])));
        TreeSet<String> out = new TreeSet<>();
        java.util.Set<String> shown = new java.util.HashSet<>();
        for (String[] s : keptSpans) {
            if (shown.add(s[3]) || anchors.contains(s[3])) {
                out.add(s[2]);
            }
        }
        return out;
    }

    // ---- random queries

    private static final class Generator {
        private final Random random;
        private final Text text;
        private final Text other;

        Generator(Random random, Text text, Text other) {
            this.random = random;
            this.text = text;
            this.other = other;
        }

        String query(int depth) {
            if (depth == 0 || random.nextInt(3) == 0) {
                return term();
            }
            int kind = random.nextInt(5);
            String a = group(depth - 1);
            String b = group(depth - 1);
            return switch (kind) {
                case 0 -> a + " AND " + b;
                case 1 -> a + " OR " + b;
                case 2 -> a + " NOT " + b;
                case 3 -> a + (random.nextBoolean() ? " NEAR/" : " ONEAR/") + random.nextInt(12) + " " + b;
                default -> a + " " + b;
            };
        }

        private String group(int depth) {
            String q = query(depth);
            return q.contains(" ") ? "(" + q + ")" : q;
        }

        private String term() {
            Text from = random.nextInt(4) == 0 ? other : text;
            if (from.size() == 0) {
                return "news";
            }
            int i = random.nextInt(from.size());
            int len = random.nextInt(4) == 0 ? Math.min(2, from.size() - i) : 1;
            StringBuilder sb = new StringBuilder();
            for (int j = 0; j < len; j++) {
                String w = from.raw(i + j);
                if (random.nextInt(3) == 0) {
                    w = w.toLowerCase();
                }
                sb.append(j == 0 ? "" : " ").append(w);
            }
            String t = sb.toString().replace("\"", "").replace("{", "").replace("}", "");
            String field = switch (random.nextInt(8)) {
                case 0 -> "title:";
                case 1 -> "body:";
                default -> "";
            };
            boolean exact = random.nextInt(6) == 0;
            return field + (exact ? "{" + t + "}" : "\"" + t + "\"");
        }
    }
}
