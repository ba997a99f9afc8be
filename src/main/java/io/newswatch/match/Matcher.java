package io.newswatch.match;

import io.newswatch.article.Article;
import io.newswatch.watchlist.Alias;
import io.newswatch.watchlist.CaseMode;
import io.newswatch.watchlist.Query;
import io.newswatch.watchlist.WatchedEntity;

import java.net.URI;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * A compiled watchlist: finds every mention of every watched entity in an article in one pass
 * over its tokens, whatever the size of the watchlist.
 *
 * <pre>{@code
 * Matcher matcher = Matcher.compile(WatchlistFiles.starter());
 * for (EntityMentions m : matcher.match(article)) {
 *     System.out.println(m.entity().name() + ": " + m.hits().size());
 * }
 * matcher = matcher.with(newEntity);        // a new version; the old one keeps working
 * }</pre>
 *
 * <p>Immutable and thread-safe: any number of threads may call {@link #match} on the same
 * instance. {@link #with} and {@link #without} return a new Matcher and leave this one as it was,
 * so the caller swaps versions atomically (a {@code volatile} field or an
 * {@code AtomicReference}). A change copies the compiled arrays and patches them; it costs a few
 * milliseconds at 100,000 entities (see BENCHMARKS.md), not a rebuild. Nodes of removed aliases
 * stay in the trie, inert, until the next {@link #compile}.
 */
public final class Matcher {

    private final Index index;

    private Matcher(Index index) {
        this.index = index;
    }

    /**
     * Compiles a watchlist.
     *
     * @throws IllegalArgumentException if two entities have the same id
     */
    public static Matcher compile(Collection<WatchedEntity> entities) {
        Index index = new Index();
        for (WatchedEntity e : entities) {
            Objects.requireNonNull(e, "entity");
            if (index.slotOf(e.id()) >= 0) {
                throw new IllegalArgumentException("duplicate entity id '" + e.id() + "'");
            }
            index.add(e);
        }
        return new Matcher(index);
    }

    /** A matcher of an empty watchlist. */
    public static Matcher empty() {
        return compile(List.of());
    }

    /** A new version with this entity added, or replacing the entity of the same id (which keeps its place in {@link #entities()}). */
    public Matcher with(WatchedEntity entity) {
        Objects.requireNonNull(entity, "entity");
        Index next = index.copy();
        next.add(entity);
        return new Matcher(next);
    }

    /** A new version with all these entities added or replaced, for the price of one change. */
    public Matcher withAll(Collection<WatchedEntity> entities) {
        Index next = index.copy();
        entities.forEach(e -> next.add(Objects.requireNonNull(e, "entity")));
        return new Matcher(next);
    }

    /** A new version without the entity of this id; this matcher itself if there is none. */
    public Matcher without(String entityId) {
        if (index.slotOf(entityId) < 0) {
            return this;
        }
        Index next = index.copy();
        next.remove(entityId);
        return new Matcher(next);
    }

    /** Number of entities. */
    public int size() {
        return index.live;
    }

    /** The entity with this id. */
    public Optional<WatchedEntity> entity(String id) {
        int slot = index.slotOf(id);
        return slot < 0 ? Optional.empty() : Optional.of(index.entries[slot].entity());
    }

    /** All entities, in the order they were added (a replaced entity keeps its place). A fresh, unmodifiable list. */
    public Collection<WatchedEntity> entities() {
        List<WatchedEntity> out = new ArrayList<>(index.live);
        for (int s = 0; s < index.slotCount; s++) {
            Index.Entry e = index.entries[s];
            if (e != null) {
                out.add(e.entity());
            }
        }
        return Collections.unmodifiableList(out);
    }

    /** Matches an article: its title and body, and its source, URL and language for queries' {@code source:} and {@code lang:}. */
    public List<EntityMentions> match(Article article) {
        return match(article, null);
    }

    /** {@link #match(Article)}, recording the tokens it reads in {@code trace} (if not null). */
    public List<EntityMentions> match(Article article, TokenTrace trace) {
        return match(article.title(), article.body(), new Properties(article.source(), article.url(), article.language()), trace);
    }

    /**
     * Finds every entity mentioned in an article. Title and body are one token stream (title
     * first), so context and exclude windows reach across them, but no alias spans the two.
     *
     * @param title may be null
     * @param body  may be null
     * @return one entry per entity found, in the order of each entity's first hit; empty if none
     */
    public List<EntityMentions> match(String title, String body) {
        return match(title, body, null);
    }

    /**
     * {@link #match(String, String)}, recording the tokens it reads in {@code trace} (if not null)
     * for a reader that needs them too: they are read once for both.
     */
    public List<EntityMentions> match(String title, String body, TokenTrace trace) {
        return match(title, body, Properties.NONE, trace);
    }

    /**
     * Why each candidate mention in an article counted or not, in text order: every hit
     * {@link #match} gives, with its alias, case rule, paraphrased words, the context term that
     * satisfied the rule and compound or possessive; and every near-miss with the rule that
     * rejected it (the case rule, a context term absent, an exclude term present, a compound the
     * entity does not count, a longer hit of the same entity, a word that is no paraphrase, a
     * name of its own). Entities found by a query alone are not explained. Slower than
     * {@link #match}: for a user asking, not for the stream.
     */
    public List<Decision> explain(String title, String body) {
        Run run = new Run();
        run.decisions = new ArrayList<>();
        run.reset(index, title == null ? "" : title, body == null ? "" : body);
        run.scan(run.title, null);
        run.bodyFrom = run.tokenCount;
        run.scan(run.body, null);
        run.resolve();
        List<Decision> out = new ArrayList<>(new java.util.LinkedHashSet<>(run.decisions));
        out.sort(java.util.Comparator.comparing(Decision::field).thenComparingInt(Decision::start)
                .thenComparing(d -> !d.counts()).thenComparing(Decision::entityId));
        return out;
    }

    /** What queries' {@code source:} and {@code lang:} clauses test; null where unknown. */
    private record Properties(String source, String url, String language) {
        static final Properties NONE = new Properties(null, null, null);

        boolean is(Query.Property property, String value) {
            if (property == Query.Property.LANG) {
                String l = language == null ? "" : language.toLowerCase(Locale.ROOT);
                return l.equals(value) || l.startsWith(value + "-") || l.startsWith(value + "_");
            }
            if (source != null && source.strip().equalsIgnoreCase(value)) {
                return true;
            }
            String host = host(url);
            return host != null && (host.equals(value) || host.endsWith("." + value));
        }

        private static String host(String url) {
            if (url == null) {
                return null;
            }
            try {
                String h = URI.create(url.strip()).getHost();
                return h == null ? null : h.toLowerCase(Locale.ROOT);
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
    }

    private List<EntityMentions> match(String title, String body, Properties properties, TokenTrace trace) {
        Run run = RUNS.get();
        run.reset(index, title == null ? "" : title, body == null ? "" : body);
        run.properties = properties;
        if (trace != null) {
            trace.clear();
        }
        try {
            run.scan(run.title, trace);
            run.bodyFrom = run.tokenCount;
            if (trace != null) {
                trace.bodyStarts();
            }
            run.scan(run.body, trace);
            return run.resolve();
        } finally {
            run.reset(null, "", "");
        }
    }

    /** Scratch space per thread, so a match call allocates little beyond its results. */
    private static final ThreadLocal<Run> RUNS = ThreadLocal.withInitial(Run::new);

    /**
     * Whether the text between two tokens ends a phrase: a comma, semicolon, colon or bracket
     * ("Mexico, City" is not Mexico City), or a possessive of the first ("President's Bush").
     * A sentence's full stop does not: abbreviations ("St. Louis") have one.
     */
    static boolean breaksPhrase(String text, int from, int to) {
        if (to - from >= 2 && TextFold.isApostrophe(text.charAt(from)) && (text.charAt(from + 1) | 0x20) == 's') {
            return true;
        }
        for (int i = from; i < to; i++) {
            switch (text.charAt(i)) {
                case ',', ';', ':', '(', ')', '[', ']', '\uFF0C', '\u3001', '\uFF1B', '\uFF1A' -> {
                    return true;
                }
                default -> {
                }
            }
        }
        return false;
    }

    /** Number of trie nodes and dictionary tokens, for diagnostics. */
    @Override
    public String toString() {
        return "Matcher[" + index.live + " entities, " + index.nodeCount + " nodes, " + index.dict.size() + " tokens]";
    }

    /** One match call: the token stream and what it hit. Not shared between threads. */
    private static final class Run {
        Index index;
        String title;
        String body;
        Properties properties = Properties.NONE;
        int bodyFrom;
        /** Whether the scan met a word that triggers some entity's query. */
        boolean queryHit;
        /** Why candidates counted or not, when {@link #explain} asks; null when matching. */
        List<Decision> decisions;

        int tokenCount;
        int[] tStart = new int[1024];
        int[] tEnd = new int[1024];
        int[] tId = new int[1024];
        /** Per token, the hash of its normalised form ({@link TokenScanner#hash}): what a paraphrase is looked up by. */
        int[] tHash = new int[1024];
        boolean[] tAlpha = new boolean[1024];
        /** Per token, whether it starts a sentence, once asked: 0 not yet, {@link #NEW_SENTENCE} or {@link #SAME_SENTENCE}. */
        byte[] tSentence = new byte[1024];
        boolean sentencesCleared;
        /** Snippets already made, by sentence: its start offset (bit-inverted in the title) and the snippet. */
        int snippetCount;
        int[] snippetKey = new int[8];
        String[] snippetText = new String[8];

        int[] aNode = new int[16];
        int[] aFrom = new int[16];
        int[] bNode = new int[16];
        int[] bFrom = new int[16];

        int candCount;
        Index.Pattern[] cPattern = new Index.Pattern[16];
        int[] cFrom = new int[16];
        int[] cTo = new int[16];
        /** Per candidate, bit i set if word i of its alias is written as a paraphrase. */
        long[] cSub = new long[16];
        /** Per candidate, the first token of each word of its alias where some word was written as several; else null. */
        int[][] cWords = new int[16][];
        /** Where the words of an approximate alias being laid over the text start and end (exclusive), and which are paraphrased. */
        int[] wStart = new int[8];
        int[] wEnd = new int[8];
        long wSub;

        int occCount;
        int[] oNode = new int[8];
        int[] oFrom = new int[8];
        int[] oTo = new int[8];

        final TokenScanner scanner = new TokenScanner();

        void reset(Index index, String title, String body) {
            this.index = index;
            this.title = title;
            this.body = body;
            bodyFrom = 0;
            tokenCount = 0;
            Arrays.fill(cPattern, 0, candCount, null);
            candCount = 0;
            occCount = 0;
            queryHit = false;
            properties = Properties.NONE;
            Arrays.fill(snippetText, 0, snippetCount, null);
            snippetCount = 0;
            sentencesCleared = false;
        }

        void scan(String text, TokenTrace trace) {
            final TokenScanner sc = scanner.reset(text);
            final TokenDictionary dict = index.dict;
            final EdgeTable edges = index.edges;
            final int[] rootChild = index.rootChild;
            final byte[] flags = index.flags;
            final int first = tokenCount;
            int active = 0;
            while (sc.next()) {
                int t = tokenCount;
                if (t == tStart.length) {
                    grow();
                }
                if (active > 0 && t > first && breaksPhrase(text, tEnd[t - 1], sc.start)) {
                    // "Mexico, City", "President's Bush": only a phrase whose own text has the break goes on
                    int kept = 0;
                    for (int k = 0; k < active; k++) {
                        if ((flags[aNode[k]] & Index.CROSSES) != 0) {
                            aNode[kept] = aNode[k];
                            aFrom[kept++] = aFrom[k];
                        }
                    }
                    active = kept;
                }
                tStart[t] = sc.start;
                tEnd[t] = sc.end;
                if (trace != null && !trace.full()) {
                    trace.add(sc, text);
                }
                int id = dict.find(sc.buf, sc.len, sc.hash);
                tId[t] = id;
                tHash[t] = sc.hash;
                tAlpha[t] = sc.alphabetic;
                int next = 0;
                if (id >= 0) {
                    for (int k = 0; k < active; k++) {
                        int c = edges.get(aNode[k], id);
                        if (c > 0) {
                            next = push(next, c, aFrom[k], t);
                        }
                    }
                }
                if (id >= 0) {
                    int c = rootChild[id];
                    if (c > 0) {
                        next = push(next, c, t, t);
                    }
                }
                int[] swap = aNode;
                aNode = bNode;
                bNode = swap;
                swap = aFrom;
                aFrom = bFrom;
                bFrom = swap;
                active = next;
                tokenCount = t + 1;
            }
        }

        private int push(int next, int node, int from, int t) {
            int f = index.flags[node];
            if ((f & Index.OUT) != 0) {
                for (Index.Pattern p : index.outputs[node]) {
                    if (candCount == cPattern.length) {
                        cPattern = Arrays.copyOf(cPattern, candCount * 2);
                        cFrom = Arrays.copyOf(cFrom, candCount * 2);
                        cTo = Arrays.copyOf(cTo, candCount * 2);
                        cSub = Arrays.copyOf(cSub, candCount * 2);
                        cWords = Arrays.copyOf(cWords, candCount * 2);
                    }
                    cPattern[candCount] = p;
                    cFrom[candCount] = from;
                    cTo[candCount] = t + 1;
                    cSub[candCount] = 0;
                    cWords[candCount] = null;
                    candCount++;
                }
            }
            if ((f & Index.RULE) != 0) {
                queryHit |= (f & Index.QUERY) != 0;
                if (occCount == oNode.length) {
                    oNode = Arrays.copyOf(oNode, occCount * 2);
                    oFrom = Arrays.copyOf(oFrom, occCount * 2);
                    oTo = Arrays.copyOf(oTo, occCount * 2);
                }
                oNode[occCount] = node;
                oFrom[occCount] = from;
                oTo[occCount] = t + 1;
                occCount++;
            }
            if ((f & Index.INNER) == 0) {
                return next; // a leaf: no longer phrase can continue from here
            }
            if (next == bNode.length) {
                bNode = Arrays.copyOf(bNode, next * 2);
                bFrom = Arrays.copyOf(bFrom, next * 2);
                aNode = Arrays.copyOf(aNode, next * 2);
                aFrom = Arrays.copyOf(aFrom, next * 2);
            }
            bNode[next] = node;
            bFrom[next] = from;
            return next + 1;
        }

        private void grow() {
            int n = tStart.length * 2;
            tStart = Arrays.copyOf(tStart, n);
            tEnd = Arrays.copyOf(tEnd, n);
            tId = Arrays.copyOf(tId, n);
            tHash = Arrays.copyOf(tHash, n);
            tAlpha = Arrays.copyOf(tAlpha, n);
            tSentence = Arrays.copyOf(tSentence, n);
        }

        List<EntityMentions> resolve() {
            if (candCount == 0 && !queryHit) {
                return List.of();
            }
            // accepted candidates, chained per entity slot in order of first acceptance
            int[] slots = new int[8];
            int[][] perSlot = new int[8][];
            int[] perCount = new int[8];
            int groups = 0;
            boolean[] ok = accepted();
            for (int c = 0; c < candCount; c++) {
                if (!ok[c]) {
                    continue;
                }
                Index.Pattern p = cPattern[c];
                int g = 0;
                while (g < groups && slots[g] != p.slot) {
                    g++;
                }
                if (g == groups) {
                    if (groups == slots.length) {
                        slots = Arrays.copyOf(slots, groups * 2);
                        perSlot = Arrays.copyOf(perSlot, groups * 2);
                        perCount = Arrays.copyOf(perCount, groups * 2);
                    }
                    slots[g] = p.slot;
                    perSlot[g] = new int[4];
                    groups++;
                }
                if (perCount[g] == perSlot[g].length) {
                    perSlot[g] = Arrays.copyOf(perSlot[g], perCount[g] * 2);
                }
                perSlot[g][perCount[g]++] = c;
            }
            int[][] kept = new int[groups][];
            boolean queries = queryHit || groups > 0 && index.referring.length > 0;
            for (int g = 0; g < groups; g++) {
                kept[g] = longestFirst(perSlot[g], perCount[g]);
                queries |= index.entries[slots[g]].query() != null;
                if (decisions != null) {
                    explainOverlaps(perSlot[g], perCount[g], kept[g]);
                }
            }
            Found found = new Found(groups);
            QueryEvaluation evaluation = queries ? new QueryEvaluation(slots, kept, groups) : null;
            for (int g = 0; g < groups; g++) {
                Index.Entry entry = index.entries[slots[g]];
                if (entry.query() != null && evaluation.hits(slots[g]) == null) {
                    if (decisions != null) {
                        for (int c : kept[g]) {
                            decide(c, false, "alias '" + aliasText(c) + "' found, but the entity's query does not hold here");
                        }
                    }
                    continue; // its aliases were found, its query does not hold
                }
                if (decisions != null) {
                    for (int c : kept[g]) {
                        decide(c, true, why(cPattern[c], entry, c));
                    }
                }
                List<Hit> hits = new ArrayList<>(kept[g].length);
                for (int c : kept[g]) {
                    hits.add(hit(cPattern[c], entry, entry.entity().aliases().get(cPattern[c].aliasIndex).text(), cSub[c], cWords[c], cFrom[c], cTo[c]));
                }
                found.add(new EntityMentions(entry.entity(), hits), cFrom[kept[g][0]], cTo[kept[g][0]]);
            }
            if (evaluation != null) {
                for (int slot : evaluation.queryEntities()) {
                    QueryPlan.Spans spans = evaluation.hits(slot);
                    if (spans == null || spans.size() == 0) {
                        continue;
                    }
                    int[] reported = spans.reported();
                    List<Hit> hits = new ArrayList<>(reported.length);
                    Set<String> anchors = index.entries[slot].query().anchorTexts;
                    Set<String> shown = new HashSet<>();
                    for (int i : reported) {
                        if (shown.add(spans.label[i]) || anchors.contains(spans.label[i])) {
                            hits.add(hit(null, null, spans.label[i], spans.substituted[i], spans.words[i], spans.from[i], spans.to[i]));
                        }
                    }
                    found.add(new EntityMentions(index.entries[slot].entity(), hits), spans.from[reported[0]], spans.to[reported[0]]);
                }
            }
            return found.inTextOrder();
        }

        /** Entities found, with their first hit's tokens. */
        private static final class Found {
            final List<EntityMentions> mentions;
            int[] firstToken;
            int[] firstEnd;

            Found(int expected) {
                mentions = new ArrayList<>(expected);
                firstToken = new int[Math.max(expected, 4)];
                firstEnd = new int[Math.max(expected, 4)];
            }

            void add(EntityMentions m, int from, int to) {
                int n = mentions.size();
                if (n == firstToken.length) {
                    firstToken = Arrays.copyOf(firstToken, n * 2);
                    firstEnd = Arrays.copyOf(firstEnd, n * 2);
                }
                firstToken[n] = from;
                firstEnd[n] = to;
                mentions.add(m);
            }

            /** In order of each entity's first hit (the longer first where two start together). */
            List<EntityMentions> inTextOrder() {
                int n = mentions.size();
                if (n == 0) {
                    return List.of();
                }
                Integer[] order = new Integer[n];
                for (int g = 0; g < n; g++) {
                    order[g] = g;
                }
                Arrays.sort(order, (x, y) -> firstToken[x] != firstToken[y]
                        ? Integer.compare(firstToken[x], firstToken[y]) : Integer.compare(firstEnd[y], firstEnd[x]));
                List<EntityMentions> sorted = new ArrayList<>(n);
                for (Integer g : order) {
                    sorted.add(mentions.get(g));
                }
                return Collections.unmodifiableList(sorted);
            }
        }

        /**
         * The queries of one article: each entity's hits worked out once, on demand (an entity's
         * query may refer to another entity); a query reached again while it is being worked out
         * (entities that refer to each other) does not hold there.
         */
        private final class QueryEvaluation implements QueryPlan.Article {
            private final int[] groupSlots;
            private final int[][] kept;
            private final int groups;
            private final Map<Integer, QueryPlan.Spans> done = new HashMap<>(8);
            private final Set<Integer> working = new HashSet<>(8);

            QueryEvaluation(int[] groupSlots, int[][] kept, int groups) {
                this.groupSlots = groupSlots;
                this.kept = kept;
                this.groups = groups;
            }

            /** Slots of the entities found by a query alone that this article may satisfy, each once, in slot order. */
            int[] queryEntities() {
                int[] out = new int[8];
                int n = 0;
                for (int o = 0; o < occCount; o++) {
                    int[] owners = index.queryOwners[oNode[o]];
                    if (owners != null) {
                        for (int slot : owners) {
                            if (n == out.length) {
                                out = Arrays.copyOf(out, n * 2);
                            }
                            out[n++] = slot;
                        }
                    }
                }
                if (groups > 0 || n > 0) {
                    for (int slot : index.referring) {
                        if (n == out.length) {
                            out = Arrays.copyOf(out, n * 2);
                        }
                        out[n++] = slot;
                    }
                }
                return Arrays.stream(out, 0, n).sorted().distinct().toArray();
            }

            /** The entity's hits in this article, or null if it is not found. */
            QueryPlan.Spans hits(int slot) {
                if (done.containsKey(slot)) {
                    return done.get(slot);
                }
                Index.Entry entry = index.entries[slot];
                if (entry == null || !working.add(slot)) {
                    return null;
                }
                QueryPlan.Spans spans;
                if (entry.entity().aliases().isEmpty()) {
                    spans = entry.query().evaluate(this);
                } else {
                    spans = aliasHits(slot);
                    if (spans != null && entry.query() != null && entry.query().evaluate(this) == null) {
                        spans = null;
                    }
                }
                working.remove(slot);
                done.put(slot, spans);
                return spans;
            }

            private QueryPlan.Spans aliasHits(int slot) {
                for (int g = 0; g < groups; g++) {
                    if (groupSlots[g] == slot) {
                        QueryPlan.Spans s = new QueryPlan.Spans();
                        Index.Entry entry = index.entries[slot];
                        for (int c : kept[g]) {
                            s.add(cFrom[c], cTo[c], entry.entity().aliases().get(cPattern[c].aliasIndex).text(), cSub[c], cWords[c]);
                        }
                        return s;
                    }
                }
                return null;
            }

            @Override
            public QueryPlan.Spans occurrences(QueryPlan.Term term) {
                QueryPlan.Spans s = QueryPlan.Spans.NONE;
                if (term.node() < 0) {
                    return s;
                }
                for (int o = 0; o < occCount; o++) {
                    if (oNode[o] != term.node()) {
                        continue;
                    }
                    int from = oFrom[o];
                    boolean inTitle = from < bodyFrom;
                    if (term.field() == Query.Field.TITLE && !inTitle
                            || term.field() == Query.Field.BODY && inTitle) {
                        continue;
                    }
                    if (caseMatches(term.pattern(), from, 0, null)) {
                        s = s == QueryPlan.Spans.NONE ? new QueryPlan.Spans() : s;
                        s.add(from, oTo[o], term.text(), 0, null);
                    }
                }
                return s;
            }

            @Override
            public boolean is(Query.Property property, String value) {
                return properties.is(property, value);
            }

            @Override
            public QueryPlan.Spans hits(String entityId) {
                int slot = index.slotOf(entityId);
                return slot < 0 ? null : hits(slot);
            }
        }

        /**
         * Which candidates count: an approximate one laid over its words, then each checked for
         * case, compounds and rules; an approximate hit then gives way where another entity's exact
         * hit covers a word it substitutes ("President Mahmoud Abbas" is Abbas, not an approximate
         * Ahmadinejad), and where its words are themselves a name WordNet knows ("Central
         * Intelligence Agency" is no "Central News Agency").
         */
        private boolean[] accepted() {
            boolean[] ok = new boolean[candCount];
            boolean approximate = false;
            for (int c = 0; c < candCount; c++) {
                Index.Pattern p = cPattern[c];
                if (p.approximate != null && !place(c, p)) { // most are no hit: decided before the entity is looked at
                    if (decisions != null) {
                        explainApproximateMiss(c, p);
                    }
                    continue;
                }
                Index.Entry entry = index.entries[p.slot];
                if (entry == null) {
                    continue;
                }
                ok[c] = accept(p, entry, c);
                approximate |= ok[c] && p.approximate != null;
                if (!ok[c] && decisions != null) {
                    decide(c, false, whyNot(p, entry, c));
                }
            }
            if (approximate) {
                for (int c = 0; c < candCount; c++) {
                    if (ok[c] && cPattern[c].approximate != null) {
                        int covering = coveredByExactHit(c, ok);
                        if (covering >= 0 || namesSomethingElse(c)) {
                            ok[c] = false;
                            if (decisions != null) {
                                decide(c, false, covering >= 0
                                        ? "approximate, but " + index.entries[cPattern[covering].slot].entity().id()
                                                + "'s exact hit '" + spanText(cFrom[covering], cTo[covering]) + "' is there"
                                        : "approximate, but '" + spanText(cFrom[c], cTo[c]) + "' is a name of its own (WordNet)");
                            }
                        }
                    }
                }
            }
            return ok;
        }

        /**
         * Lays an approximate alias over the tokens around the anchor it was found by: every other
         * word must be written as it is, or as one of its paraphrases (a phrase of several words
         * tried before a single word, "business firm" before "firm"), in the same field, with no phrase-ending punctuation between, and at least one
         * word paraphrased (else the exact path reports the hit). Of the anchors written as they
         * are, only the first reports the hit.
         */
        private boolean place(int c, Index.Pattern p) {
            Index.Approximate a = p.approximate;
            int n = p.length;
            if (wStart.length < n) {
                wStart = new int[n];
                wEnd = new int[n];
            }
            int anchor = cFrom[c];
            boolean inBody = anchor >= bodyFrom;
            String text = inBody ? body : title;
            wStart[p.anchor] = anchor;
            wEnd[p.anchor] = anchor + 1;
            wSub = 0;
            if (!after(a, p.anchor + 1, anchor + 1, inBody ? tokenCount : bodyFrom, text)
                    || !before(a, p.anchor - 1, anchor - 1, inBody ? bodyFrom : 0, text) || wSub == 0) {
                return false;
            }
            cFrom[c] = wStart[0];
            cTo[c] = wEnd[n - 1];
            cSub[c] = wSub;
            cWords[c] = cTo[c] - cFrom[c] == n ? null : Arrays.copyOf(wStart, n);
            return true;
        }

        /** Lays words {@code j..} of the alias from token {@code t} on. */
        private boolean after(Index.Approximate a, int j, int t, int end, String text) {
            if (j == a.ids().length) {
                return true;
            }
            if (t >= end || !a.breakBefore()[j] && breaksPhrase(text, tEnd[t - 1], tStart[t])) {
                return false;
            }
            wStart[j] = t;
            if (tId[t] == a.ids()[j]) {
                wEnd[j] = t + 1;
                return after(a, j + 1, t + 1, end, text);
            }
            if (j >= 64) {
                return false;
            }
            long bit = 1L << j;
            Index.Phrases phrases = a.phrases()[j];
            for (int k = phrases == null ? 0 : Index.Phrases.first(phrases.firsts, tHash[t]);
                 phrases != null && k < phrases.firsts.length && phrases.firsts[k] == tHash[t]; k++) {
                int[] phrase = phrases.byFirst[k];
                if (t + phrase.length <= end && tokensAre(phrase, t, text)) {
                    wStart[j] = t;
                    wEnd[j] = t + phrase.length;
                    wSub |= bit;
                    if (after(a, j + 1, t + phrase.length, end, text)) {
                        return true;
                    }
                    wSub &= ~bit;
                }
            }
            int[] forms = a.forms()[j];
            if (forms != null && tAlpha[t] && Arrays.binarySearch(forms, tHash[t]) >= 0) {
                wEnd[j] = t + 1;
                wSub |= bit;
                if (after(a, j + 1, t + 1, end, text)) {
                    return true;
                }
                wSub &= ~bit;
            }
            return false;
        }

        /** Lays words {@code j} down to 0 of the alias, word {@code j} ending at token {@code t}. */
        private boolean before(Index.Approximate a, int j, int t, int start, String text) {
            if (j < 0) {
                return true;
            }
            if (t < start || !a.breakBefore()[j + 1] && breaksPhrase(text, tEnd[t], tStart[t + 1])) {
                return false;
            }
            long bit = j < 64 ? 1L << j : 0;
            // a phrase first: one that ends in the word itself ("due west" for West) is written before it
            Index.Phrases phrases = bit == 0 ? null : a.phrases()[j];
            for (int k = phrases == null ? 0 : Index.Phrases.first(phrases.lasts, tHash[t]);
                 phrases != null && k < phrases.lasts.length && phrases.lasts[k] == tHash[t]; k++) {
                int[] phrase = phrases.byLast[k];
                int first = t - phrase.length + 1;
                if (first >= start && tokensAre(phrase, first, text)) {
                    wStart[j] = first;
                    wEnd[j] = t + 1;
                    wSub |= bit;
                    if (before(a, j - 1, first - 1, start, text)) {
                        return true;
                    }
                    wSub &= ~bit;
                }
            }
            if (tId[t] == a.ids()[j]) {
                if (a.isAnchor(j) || a.isPair(j) && (wSub & (1L << (j + 1))) == 0 && wEnd[j + 1] - wStart[j + 1] == 1) {
                    return false; // the pattern of this earlier anchor, written as it is, reports the hit
                }
                wStart[j] = t;
                wEnd[j] = t + 1;
                return before(a, j - 1, t - 1, start, text);
            }
            if (bit == 0) {
                return false;
            }
            int[] forms = a.forms()[j];
            if (forms != null && tAlpha[t] && Arrays.binarySearch(forms, tHash[t]) >= 0) {
                wStart[j] = t;
                wEnd[j] = t + 1;
                wSub |= bit;
                if (before(a, j - 1, t - 1, start, text)) {
                    return true;
                }
                wSub &= ~bit;
            }
            return false;
        }

        /** Whether the tokens from {@code t} on are this phrase, with no phrase-ending punctuation inside. */
        private boolean tokensAre(int[] phrase, int t, String text) {
            for (int i = 0; i < phrase.length; i++) {
                if (tHash[t + i] != phrase[i] || i > 0 && breaksPhrase(text, tEnd[t + i - 1], tStart[t + i])) {
                    return false;
                }
            }
            return true;
        }

        private boolean accept(Index.Pattern p, Index.Entry entry, int c) {
            int from = cFrom[c];
            int to = cTo[c];
            if (!caseMatches(p, from, cSub[c], cWords[c])) {
                return false;
            }
            WatchedEntity e = entry.entity();
            if (!e.compounds() && isCompound(from, to)) {
                return false;
            }
            int[] context = entry.contextNodes(p.aliasIndex);
            if (context.length > 0 && !near(context, e.contextWindow(), from, to)) {
                return false;
            }
            int[] exclude = entry.excludeNodes(p.aliasIndex);
            return exclude.length == 0 || !near(exclude, e.excludeWindow(), from, to);
        }

        /** An exact hit of another entity that covers a word approximate candidate {@code c} substitutes, or -1. */
        private int coveredByExactHit(int c, boolean[] ok) {
            for (int x = 0; x < candCount; x++) {
                if (!ok[x] || cPattern[x].approximate != null || cPattern[x].slot == cPattern[c].slot) {
                    continue;
                }
                for (int j = 0; j < cPattern[c].length && j < 64; j++) {
                    int first = wordStart(c, j);
                    int last = j + 1 < cPattern[c].length ? wordStart(c, j + 1) : cTo[c];
                    if ((cSub[c] & (1L << j)) != 0 && first < cTo[x] && cFrom[x] < last) {
                        return x;
                    }
                }
            }
            return -1;
        }

        /** The first token of word {@code j} of candidate {@code c}'s alias. */
        private int wordStart(int c, int j) {
            return cWords[c] == null ? cFrom[c] + j : cWords[c][j];
        }

        /** Whether the words of candidate {@code c}, as written, are a proper name of several words in WordNet. */
        private boolean namesSomethingElse(int c) {
            StringBuilder words = new StringBuilder(32);
            for (int t = cFrom[c]; t < cTo[c]; t++) {
                String text = t < bodyFrom ? title : body;
                words.append(t > cFrom[c] ? " " : "").append(TextFold.fold(text.substring(tStart[t], tEnd[t]), true));
            }
            return Thesaurus.wordNet().isProperName(words.toString());
        }

        // ---- explain: the words of each decision (only when explain asks)

        private void decide(int c, boolean counts, String why) {
            boolean inTitle = cFrom[c] < bodyFrom;
            String text = inTitle ? title : body;
            int start = tStart[cFrom[c]];
            int end = tEnd[cTo[c] - 1];
            decisions.add(new Decision(index.entries[cPattern[c].slot].entity().id(), inTitle ? Hit.Field.TITLE : Hit.Field.BODY,
                    start, end, text.substring(start, end), aliasText(c), counts, why));
        }

        private String aliasText(int c) {
            return index.entries[cPattern[c].slot].entity().aliases().get(cPattern[c].aliasIndex).text();
        }

        private String spanText(int from, int to) {
            String text = from < bodyFrom ? title : body;
            return text.substring(tStart[from], tEnd[to - 1]);
        }

        /** Why a hit counts: what its {@link Hit#why()} says. */
        private String why(Index.Pattern p, Index.Entry entry, int c) {
            return hit(p, entry, aliasText(c), cSub[c], cWords[c], cFrom[c], cTo[c]).why();
        }

        /** The rule that rejected candidate {@code c} (placed, if approximate). */
        private String whyNot(Index.Pattern p, Index.Entry entry, int c) {
            int from = cFrom[c];
            int to = cTo[c];
            WatchedEntity e = entry.entity();
            if (!caseMatches(p, from, cSub[c], cWords[c])) {
                return p.mode == CaseMode.EXACT
                        ? "case rule: '" + aliasText(c) + "' is exact case, the text writes '" + spanText(from, to) + "'"
                        : "case rule: '" + aliasText(c) + "' is smart case (its capitals must be there), the text writes '"
                        + spanText(from, to) + "'";
            }
            if (!e.compounds() && isCompound(from, to)) {
                return "in a hyphenated compound, and the entity counts standalone names only (compounds: false)";
            }
            Alias alias = e.aliases().get(p.aliasIndex);
            int[] context = entry.contextNodes(p.aliasIndex);
            if (context.length > 0 && !near(context, e.contextWindow(), from, to)) {
                List<String> terms = alias.context() != null ? alias.context() : e.context();
                return "no context term " + window(e.contextWindow()) + " (" + String.join(", ", terms.subList(0, Math.min(5, terms.size())))
                        + (terms.size() > 5 ? ", …" : "") + ")";
            }
            int[] exclude = entry.excludeNodes(p.aliasIndex);
            int o = nearest(exclude, from, to);
            return "exclude term '" + spanText(oFrom[o], oTo[o]) + "' " + where(o, from, to);
        }

        private static String window(int window) {
            return window == WatchedEntity.ANYWHERE ? "in the article" : "within " + window + " words";
        }

        /** The occurrence of one of these rule phrases nearest to tokens [from, to), or -1. */
        private int nearest(int[] nodes, int from, int to) {
            int best = -1;
            int bestGap = Integer.MAX_VALUE;
            for (int o = 0; o < occCount; o++) {
                for (int n : nodes) {
                    if (n == oNode[o]) {
                        int gap = oFrom[o] >= to ? oFrom[o] - to : (from >= oTo[o] ? from - oTo[o] : 0);
                        if (gap < bestGap) {
                            best = o;
                            bestGap = gap;
                        }
                    }
                }
            }
            return best;
        }

        /** Where occurrence {@code o} is against tokens [from, to): "2 words after", "right before", "in the hit itself". */
        private String where(int o, int from, int to) {
            if (oFrom[o] >= to) {
                int gap = oFrom[o] - to;
                return gap == 0 ? "right after" : gap + (gap == 1 ? " word" : " words") + " after";
            }
            if (from >= oTo[o]) {
                int gap = from - oTo[o];
                return gap == 0 ? "right before" : gap + (gap == 1 ? " word" : " words") + " before";
            }
            return "in the hit itself";
        }

        /** Candidates of one entity dropped because a longer hit of it overlaps them. */
        private void explainOverlaps(int[] cands, int n, int[] kept) {
            for (int i = 0; i < n; i++) {
                int c = cands[i];
                boolean isKept = false;
                int over = -1;
                for (int k : kept) {
                    isKept |= k == c;
                    if (k != c && cFrom[c] < cTo[k] && cFrom[k] < cTo[c]) {
                        over = k;
                    }
                }
                if (!isKept && over >= 0) {
                    decide(c, false, "inside the longer hit '" + spanText(cFrom[over], cTo[over]) + "' of the same entity");
                }
            }
        }

        /**
         * A near-miss of an approximate alias: laid word for word around its anchor, exactly one
         * word is neither the alias's nor a paraphrase of it (anything less close is no candidate
         * worth a line).
         */
        private void explainApproximateMiss(int c, Index.Pattern p) {
            Index.Approximate a = p.approximate;
            int anchor = cFrom[c];
            boolean inBody = anchor >= bodyFrom;
            int from = anchor - p.anchor;
            int to = from + p.length;
            if (from < (inBody ? bodyFrom : 0) || to > (inBody ? tokenCount : bodyFrom)) {
                return;
            }
            String text = inBody ? body : title;
            int failing = -1;
            for (int j = 0; j < p.length; j++) {
                int t = from + j;
                boolean fits = tId[t] == a.ids()[j] || j < 64 && a.forms()[j] != null && tAlpha[t]
                        && Arrays.binarySearch(a.forms()[j], tHash[t]) >= 0;
                if (j > 0 && !a.breakBefore()[j] && breaksPhrase(text, tEnd[t - 1], tStart[t])) {
                    return;
                }
                if (!fits) {
                    if (failing >= 0) {
                        return;
                    }
                    failing = j;
                }
            }
            if (failing < 0) {
                return; // written as it is, or reported from another anchor
            }
            int savedFrom = cFrom[c];
            int savedTo = cTo[c];
            cFrom[c] = from;
            cTo[c] = to;
            TokenScanner sc = scanner.reset(aliasText(c));
            String aliasWord = "";
            for (int j = 0; sc.next(); j++) {
                if (j == failing) {
                    aliasWord = aliasText(c).substring(sc.start, sc.end);
                }
            }
            String written = text.substring(tStart[from + failing], tEnd[from + failing]);
            decide(c, false, tAlpha[from + failing]
                    ? "approximate, but '" + written + "' is no paraphrase of '" + aliasWord + "' (WordNet)"
                    : "approximate, but '" + written + "' is not a word to stand for '" + aliasWord + "'");
            cFrom[c] = savedFrom;
            cTo[c] = savedTo;
        }

        /**
         * Whether tokens [from, to) are joined by a hyphen to a word before or after them:
         * {@code U.S.-led}, {@code London-based}, {@code pro-NATO}.
         */
        private boolean isCompound(int from, int to) {
            String text = from < bodyFrom ? title : body;
            int start = tStart[from];
            int end = tEnd[to - 1];
            return end + 1 < text.length() && isHyphen(text.charAt(end)) && Character.isLetterOrDigit(text.charAt(end + 1))
                    || start >= 2 && isHyphen(text.charAt(start - 1)) && Character.isLetterOrDigit(text.charAt(start - 2));
        }

        private static boolean isHyphen(char c) {
            return c == '-' || c == '\u2010' || c == '\u2011';
        }

        /**
         * Whether the words match the case rule; a paraphrased word (bit set in {@code substituted})
         * keeps at least the alias's capital on its first word. {@code words}: the first token of
         * each word, or null if they are one token each from {@code from}.
         */
        private boolean caseMatches(Index.Pattern p, int from, long substituted, int[] words) {
            if (p.mode == CaseMode.INSENSITIVE) {
                return true;
            }
            for (int i = 0; i < p.length; i++) {
                int t = words == null ? from + i : words[i];
                String text = t < bodyFrom ? title : body;
                boolean upper = i < 64 && (p.upperMask & (1L << i)) != 0;
                if (i < 64 && (substituted & (1L << i)) != 0 || p.mode == CaseMode.SMART) {
                    if (upper && Cases.isLowerCaseWord(text, tStart[t], tEnd[t])) {
                        return false;
                    }
                } else if (!Cases.exactForm(text, tStart[t], tEnd[t]).equals(p.exactForms[i])) {
                    return false;
                }
            }
            return true;
        }

        private boolean near(int[] nodes, int window, int from, int to) {
            for (int o = 0; o < occCount; o++) {
                int node = oNode[o];
                boolean wanted = false;
                for (int n : nodes) {
                    if (n == node) {
                        wanted = true;
                        break;
                    }
                }
                if (!wanted) {
                    continue;
                }
                if (window == WatchedEntity.ANYWHERE) {
                    return true;
                }
                int gap = oFrom[o] >= to ? oFrom[o] - to : (from >= oTo[o] ? from - oTo[o] : 0);
                if (gap <= window) {
                    return true;
                }
            }
            return false;
        }

        /** Non-overlapping hits of one entity: longest first, exact before approximate, then earliest. */
        private int[] longestFirst(int[] cands, int n) {
            boolean simple = true;
            for (int i = 1; i < n && simple; i++) {
                simple = cFrom[cands[i]] >= cTo[cands[i - 1]];
            }
            if (simple) {
                return Arrays.copyOf(cands, n); // already in text order, nothing overlaps
            }
            Integer[] byPriority = new Integer[n];
            for (int i = 0; i < n; i++) {
                byPriority[i] = cands[i];
            }
            Arrays.sort(byPriority, (a, b) -> {
                int la = cTo[a] - cFrom[a];
                int lb = cTo[b] - cFrom[b];
                if (la != lb) {
                    return Integer.compare(lb, la);
                }
                boolean xa = cSub[a] != 0;
                boolean xb = cSub[b] != 0;
                if (xa != xb) {
                    return xa ? 1 : -1;
                }
                return Integer.compare(cFrom[a], cFrom[b]);
            });
            int[] kept = new int[n];
            int k = 0;
            for (int c : byPriority) {
                boolean overlaps = false;
                for (int j = 0; j < k; j++) {
                    if (cFrom[c] < cTo[kept[j]] && cFrom[kept[j]] < cTo[c]) {
                        overlaps = true;
                        break;
                    }
                }
                if (!overlaps) {
                    kept[k++] = c;
                }
            }
            int[] out = Arrays.copyOf(kept, k);
            // back to text order
            Integer[] boxed = new Integer[k];
            for (int i = 0; i < k; i++) {
                boxed[i] = out[i];
            }
            Arrays.sort(boxed, (a, b) -> Integer.compare(cFrom[a], cFrom[b]));
            for (int i = 0; i < k; i++) {
                out[i] = boxed[i];
            }
            return out;
        }

        private static final byte NEW_SENTENCE = 1;
        private static final byte SAME_SENTENCE = 2;

        /**
         * Whether token {@code t} starts a sentence, from the gap before it (already found by the
         * scan): a line break, or a terminator followed by white space. Most gaps are one space and
         * are passed over at once; each gap is judged once per article, however many hits share it.
         */
        private boolean startsSentence(String text, int t) {
            if (!sentencesCleared) {
                Arrays.fill(tSentence, 0, tokenCount, (byte) 0);
                sentencesCleared = true;
            }
            byte known = tSentence[t];
            if (known != 0) {
                return known == NEW_SENTENCE;
            }
            int a = tEnd[t - 1];
            int b = tStart[t];
            boolean starts = (b - a != 1 || text.charAt(a) != ' ') && Snippets.breaksSentence(text, a, b);
            tSentence[t] = starts ? NEW_SENTENCE : SAME_SENTENCE;
            return starts;
        }

        /**
         * Start of the sentence holding token {@code t}, found by walking back from it, or -1 if it
         * is more than {@link Snippets#REACH} characters before {@code start} (no snippet shows it).
         * The field's first sentence starts at offset 0.
         */
        private int sentenceStart(String text, int fieldFirst, int t, int start) {
            for (; t > fieldFirst; t--) {
                if (start - tStart[t] > Snippets.REACH) {
                    return -1;
                }
                if (startsSentence(text, t)) {
                    return tStart[t];
                }
            }
            return start <= Snippets.REACH ? 0 : -1;
        }

        /**
         * Start of the first sentence after token {@code last} (the field's end if none), found by
         * walking forward, or -1 if it is more than {@link Snippets#REACH} characters after {@code end}.
         */
        private int sentenceEnd(String text, int fieldEnd, int last, int end) {
            for (int t = last + 1; t < fieldEnd; t++) {
                if (tStart[t] - end > Snippets.REACH) {
                    return -1;
                }
                if (startsSentence(text, t)) {
                    return tStart[t];
                }
            }
            return text.length() - end <= Snippets.REACH ? text.length() : -1;
        }

        /**
         * The snippet of a hit on tokens [from, to): its sentence when that is short enough to show
         * whole (hits in one sentence share it), else the text around the hit. Only the sentences
         * around the hit are looked for, not every sentence of a long article.
         */
        private String snippet(boolean inTitle, String text, int from, int to) {
            int fieldFirst = inTitle ? 0 : bodyFrom;
            int fieldEnd = inTitle ? bodyFrom : tokenCount;
            int start = tStart[from];
            int end = tEnd[to - 1];
            int sentenceFrom = sentenceStart(text, fieldFirst, from, start);
            int sentenceTo = sentenceEnd(text, fieldEnd, to - 1, end);
            boolean whole = sentenceFrom >= 0 && sentenceTo >= 0;
            for (int t = from + 1; t < to && whole; t++) {
                whole = !startsSentence(text, t); // a hit across two sentences shows the text around it
            }
            if (!whole) {
                return Snippets.around(text, start, end, sentenceFrom, sentenceTo);
            }
            int key = inTitle ? ~sentenceFrom : sentenceFrom;
            for (int i = 0; i < snippetCount; i++) {
                if (snippetKey[i] == key) {
                    return snippetText[i];
                }
            }
            String s = Snippets.around(text, start, end, sentenceFrom, sentenceTo);
            if (snippetCount == snippetKey.length) {
                snippetKey = Arrays.copyOf(snippetKey, snippetCount * 2);
                snippetText = Arrays.copyOf(snippetText, snippetCount * 2);
            }
            snippetKey[snippetCount] = key;
            snippetText[snippetCount++] = s;
            return s;
        }

        /**
         * A hit on tokens [from, to) of what {@code alias} (an alias, or a query's word or phrase)
         * names; {@code words}: the first token of each alias word if some word was written as
         * several, else null.
         */
        private Hit hit(Index.Pattern p, Index.Entry entry, String alias, long substituted, int[] words, int from, int to) {
            boolean inTitle = from < bodyFrom;
            String text = inTitle ? title : body;
            int start = tStart[from];
            int end = tEnd[to - 1];
            Hit.Context context = null;
            if (entry != null && entry.contextNodes(p.aliasIndex).length > 0) {
                int o = nearest(entry.contextNodes(p.aliasIndex), from, to);
                context = o < 0 ? null : new Hit.Context(spanText(oFrom[o], oTo[o]), oFrom[o] >= to ? oFrom[o] - to
                        : from >= oTo[o] ? from - oTo[o] : 0,
                        oFrom[o] >= to ? Hit.Context.Side.AFTER : from >= oTo[o] ? Hit.Context.Side.BEFORE : Hit.Context.Side.INSIDE);
            }
            boolean possessive = end + 1 < text.length() && TextFold.isApostrophe(text.charAt(end)) && (text.charAt(end + 1) | 0x20) == 's';
            return new Hit(inTitle ? Hit.Field.TITLE : Hit.Field.BODY, start, end, text.substring(start, end),
                    alias, snippet(inTitle, text, from, to), substitutions(alias, substituted, words, text, from, to),
                    isCompound(from, to), p == null ? null : p.mode, context, possessive);
        }

        /** The alias's words written as paraphrases, with what the text wrote (the scan is over: its scanner is free). */
        private List<Hit.Substitution> substitutions(String alias, long substituted, int[] words, String text, int from, int to) {
            if (substituted == 0) {
                return List.of();
            }
            List<Hit.Substitution> out = new ArrayList<>(2);
            TokenScanner sc = scanner.reset(alias);
            int n = 0;
            int[] starts = new int[8];
            int[] ends = new int[8];
            while (sc.next()) {
                if (n == starts.length) {
                    starts = Arrays.copyOf(starts, n * 2);
                    ends = Arrays.copyOf(ends, n * 2);
                }
                starts[n] = sc.start;
                ends[n++] = sc.end;
            }
            for (int j = 0; j < n && j < 64; j++) {
                if ((substituted & (1L << j)) != 0) {
                    int first = words == null ? from + j : words[j];
                    int last = (j + 1 < n ? (words == null ? from + j + 1 : words[j + 1]) : to) - 1;
                    out.add(new Hit.Substitution(alias.substring(starts[j], ends[j]), text.substring(tStart[first], tEnd[last])));
                }
            }
            return out;
        }
    }
}
