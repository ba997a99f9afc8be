package io.newswatch.match;

import io.newswatch.watchlist.Query;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * An entity's {@link Query} compiled into the one-pass engine: each word or phrase is a trie path
 * whose occurrences the scan records (like context phrases), so a query costs the scan nothing
 * more; the tree is evaluated only in articles where one of its anchors occurs ({@link #triggers}).
 *
 * <p>Evaluation gives, for each node, whether it holds and the hits that make it hold (token
 * spans): a word's occurrences that pass its case and field; AND and OR the hits of their true
 * children; NOT and {@code source:}/{@code lang:} hold without hits; NEAR the hits of either side
 * that have a hit of the other side within the distance (words between them, the two not
 * overlapping; ONEAR: left first). The entity's hits are the root's: every hit of an anchor (the
 * names the query is about) and the first of each other word (enough to show why it held).
 */
final class QueryPlan {

    /** A compiled node. */
    sealed interface Node permits Term, Is, Ref, All, Any, Not, Near {
    }

    /** A word or phrase: its trie node (or -1 if it has no token) and the pattern its case is checked with. */
    record Term(int node, Index.Pattern pattern, Query.Field field, String text) implements Node {
    }

    record Is(Query.Property property, String value) implements Node {
    }

    record Ref(String entityId) implements Node {
    }

    record All(Node[] children) implements Node {
    }

    record Any(Node[] children) implements Node {
    }

    record Not(Node child) implements Node {
    }

    record Near(Node left, Node right, int distance, boolean ordered) implements Node {
    }

    final Node root;
    /**
     * Trie nodes of the words that make the query worth evaluating: a set of words one of which
     * every article that satisfies the query contains (the anchors: of an AND, the most specific
     * child's, so that {@code ICC AND (said OR court)} waits for ICC rather than for every "said").
     */
    final int[] triggers;
    /** Whether an anchor is another entity (then any article with a hit may satisfy it). */
    final boolean refers;
    /** The anchors' words and phrases as written: all their hits are reported, of other words only the first. */
    final Set<String> anchorTexts;

    private QueryPlan(Node root, int[] triggers, boolean refers, Set<String> anchorTexts) {
        this.root = root;
        this.triggers = triggers;
        this.refers = refers;
        this.anchorTexts = anchorTexts;
    }

    /** Compiles a query, {@code term} making the trie path and case pattern of each word or phrase. */
    static QueryPlan compile(Query query, Function<Query.Term, Term> term) {
        Node root = compile(query.root(), term);
        List<Node> anchors = anchors(root);
        if (anchors == null) {
            throw new IllegalArgumentException("query has no anchor: " + query); // the parser refuses such queries
        }
        int[] triggers = anchors.stream().filter(a -> a instanceof Term).mapToInt(a -> ((Term) a).node())
                .filter(n -> n >= 0).distinct().toArray();
        Set<String> texts = anchors.stream().filter(a -> a instanceof Term).map(a -> ((Term) a).text()).collect(Collectors.toSet());
        return new QueryPlan(root, triggers, anchors.stream().anyMatch(a -> a instanceof Ref), texts);
    }

    private static Node compile(Query.Node n, Function<Query.Term, Term> term) {
        if (n instanceof Query.Term t) {
            return term.apply(t);
        }
        if (n instanceof Query.Is is) {
            return new Is(is.property(), is.value());
        }
        if (n instanceof Query.Ref r) {
            return new Ref(r.entityId());
        }
        if (n instanceof Query.And a) {
            return new All(a.children().stream().map(c -> compile(c, term)).toArray(Node[]::new));
        }
        if (n instanceof Query.Or o) {
            return new Any(o.children().stream().map(c -> compile(c, term)).toArray(Node[]::new));
        }
        if (n instanceof Query.Not x) {
            return new Not(compile(x.child(), term));
        }
        Query.Near near = (Query.Near) n;
        return new Near(compile(near.left(), term), compile(near.right(), term), near.distance(), near.ordered());
    }

    /**
     * Words and entity references one of which occurs wherever the node holds, or null if it can
     * hold without any (NOT, source:, lang:, or an OR with such a branch).
     */
    private static List<Node> anchors(Node n) {
        if (n instanceof Term || n instanceof Ref) {
            return List.of(n);
        }
        if (n instanceof Any any) {
            List<Node> out = new ArrayList<>();
            for (Node c : any.children()) {
                List<Node> a = anchors(c);
                if (a == null) {
                    return null;
                }
                out.addAll(a);
            }
            return out;
        }
        Node[] conjuncts = n instanceof All all ? all.children()
                : n instanceof Near near ? new Node[] {near.left(), near.right()} : new Node[0];
        List<Node> best = null;
        for (Node c : conjuncts) {
            List<Node> a = anchors(c);
            if (a != null && (best == null || specificity(a) > specificity(best))) {
                best = a;
            }
        }
        return best;
    }

    /**
     * How rarely a set of anchors is likely to occur, by its least specific member: a word that
     * is never found (not in the trie) beats all, then phrases by their length, capitalised words
     * (names) and long words; an entity reference is evaluated on any hit, so it comes last.
     */
    private static int specificity(List<Node> anchors) {
        int min = Integer.MAX_VALUE;
        for (Node a : anchors) {
            int s;
            if (a instanceof Term t) {
                s = t.node() < 0 ? Integer.MAX_VALUE
                        : t.pattern().length * 100 + (t.pattern().upperMask != 0 ? 50 : 0) + Math.min(t.text().length(), 20);
            } else {
                s = 0;
            }
            min = Math.min(min, s);
        }
        return min;
    }

    /** What evaluation reads from the article being matched. */
    interface Article {
        /** The occurrences of the term that pass its case and field; empty if none. */
        Spans occurrences(Term term);

        boolean is(Query.Property property, String value);

        /** The hits of the entity with this id, or null if it is not found (or not watched). */
        Spans hits(String entityId);
    }

    /** The hits that make the query hold, or null if it does not hold. */
    Spans evaluate(Article article) {
        return evaluate(root, article);
    }

    private static Spans evaluate(Node n, Article article) {
        if (n instanceof Term t) {
            Spans s = article.occurrences(t);
            return s.size() > 0 ? s : null;
        }
        if (n instanceof Is is) {
            return article.is(is.property(), is.value()) ? Spans.NONE : null;
        }
        if (n instanceof Ref r) {
            Spans s = article.hits(r.entityId());
            return s != null && s.size() > 0 ? s : null;
        }
        if (n instanceof All all) {
            Spans out = new Spans();
            for (Node c : all.children()) {
                Spans s = evaluate(c, article);
                if (s == null) {
                    return null;
                }
                out.addAll(s);
            }
            return out;
        }
        if (n instanceof Any any) {
            Spans out = null;
            for (Node c : any.children()) {
                Spans s = evaluate(c, article);
                if (s != null) {
                    out = out == null ? new Spans() : out;
                    out.addAll(s);
                }
            }
            return out;
        }
        if (n instanceof Not not) {
            return evaluate(not.child(), article) == null ? Spans.NONE : null;
        }
        Near near = (Near) n;
        Spans l = evaluate(near.left(), article);
        Spans r = l == null ? null : evaluate(near.right(), article);
        return r == null ? null : near(l, r, near.distance(), near.ordered());
    }

    private static Spans near(Spans l, Spans r, int distance, boolean ordered) {
        boolean[] lUsed = new boolean[l.size()];
        boolean[] rUsed = new boolean[r.size()];
        boolean any = false;
        for (int i = 0; i < l.size(); i++) {
            for (int j = 0; j < r.size(); j++) {
                int gap;
                if (r.from[j] >= l.to[i]) {
                    gap = r.from[j] - l.to[i];
                } else if (!ordered && l.from[i] >= r.to[j]) {
                    gap = l.from[i] - r.to[j];
                } else {
                    continue; // overlapping, or in the wrong order
                }
                if (gap <= distance) {
                    lUsed[i] = true;
                    rUsed[j] = true;
                    any = true;
                }
            }
        }
        if (!any) {
            return null;
        }
        Spans out = new Spans();
        for (int i = 0; i < l.size(); i++) {
            if (lUsed[i]) {
                out.add(l.from[i], l.to[i], l.label[i], l.substituted[i], l.words[i]);
            }
        }
        for (int j = 0; j < r.size(); j++) {
            if (rUsed[j]) {
                out.add(r.from[j], r.to[j], r.label[j], r.substituted[j], r.words[j]);
            }
        }
        return out;
    }

    /** Token spans [from, to) with the term or alias each matched; arrays made at the first span. */
    static final class Spans {
        /** No hits: what a true NOT, source: or lang: gives, and a word that does not occur. Never added to. */
        static final Spans NONE = new Spans();

        int[] from;
        int[] to;
        String[] label;
        /** Per span, bit i set if word i of its alias is written as a paraphrase (approximate hits). */
        long[] substituted;
        /** Per span, the first token of each word of its alias where a word was written as several; null if one token each. */
        int[][] words;
        private int size;

        int size() {
            return size;
        }

        void add(int f, int t, String l, long substitutedWords, int[] wordStarts) {
            if (from == null) {
                from = new int[4];
                to = new int[4];
                label = new String[4];
                substituted = new long[4];
                words = new int[4][];
            } else if (size == from.length) {
                from = Arrays.copyOf(from, size * 2);
                to = Arrays.copyOf(to, size * 2);
                label = Arrays.copyOf(label, size * 2);
                substituted = Arrays.copyOf(substituted, size * 2);
                words = Arrays.copyOf(words, size * 2);
            }
            from[size] = f;
            to[size] = t;
            label[size] = l;
            substituted[size] = substitutedWords;
            words[size] = wordStarts;
            size++;
        }

        void addAll(Spans s) {
            for (int i = 0; i < s.size; i++) {
                add(s.from[i], s.to[i], s.label[i], s.substituted[i], s.words[i]);
            }
        }

        /**
         * The spans to report: no two overlapping (the longer wins, then the earlier), each once,
         * in text order.
         */
        int[] reported() {
            Integer[] order = new Integer[size];
            for (int i = 0; i < size; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> {
                int la = to[a] - from[a];
                int lb = to[b] - from[b];
                return la != lb ? Integer.compare(lb, la) : Integer.compare(from[a], from[b]);
            });
            int[] kept = new int[size];
            int k = 0;
            for (int c : order) {
                boolean overlaps = false;
                for (int j = 0; j < k && !overlaps; j++) {
                    overlaps = from[c] < to[kept[j]] && from[kept[j]] < to[c];
                }
                if (!overlaps) {
                    kept[k++] = c;
                }
            }
            int[] out = Arrays.copyOf(kept, k);
            Integer[] boxed = Arrays.stream(out).boxed().toArray(Integer[]::new);
            Arrays.sort(boxed, (a, b) -> Integer.compare(from[a], from[b]));
            return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
        }
    }
}
