package io.newswatch.match;

import io.newswatch.watchlist.Alias;
import io.newswatch.watchlist.CaseMode;
import io.newswatch.watchlist.WatchedEntity;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The compiled watchlist: a trie over token ids whose nodes carry the alias patterns that end
 * there, plus the entities by slot. Mutable only while a {@link Matcher} version is being made
 * ({@link #copy()} then {@link #add}/{@link #remove}); never changed once a Matcher holds it.
 *
 * <p>An approximate alias (see {@link Approximate}) is also inserted once per <em>anchor</em>: of
 * two words, each word (but connecting words and particles) as a path of its own; of three or
 * more, its rarest word alone (WordNet's senses estimate how common a word is) and every two
 * adjacent words, since an anchor on a common word ("United", "President") would try the alias at
 * every occurrence of it. A hit there is laid over the words around it when the hit is resolved.
 * Context and exclude phrases are trie paths too; their end nodes are
 * flagged so the scan records where they occur. Removal unhooks patterns from their nodes and
 * leaves the (then inert) nodes; a fresh {@link Matcher#compile} drops them.
 */
final class Index {

    static final int ROOT = 0;

    /** One way an alias can match: its exact token path, or one anchor word of an approximate alias. */
    static final class Pattern {
        final int slot;
        final int aliasIndex;
        final int length;
        final int node;
        final CaseMode mode;
        final long upperMask;
        final String[] exactForms;
        /** The alias word by word if this pattern is one of its anchors, else null. */
        final Approximate approximate;
        /** Which word of the alias the anchor is; -1 for the exact path. */
        final int anchor;

        Pattern(int slot, int aliasIndex, int length, int node, CaseMode mode, long upperMask, String[] exactForms,
                Approximate approximate, int anchor) {
            this.slot = slot;
            this.aliasIndex = aliasIndex;
            this.length = length;
            this.node = node;
            this.mode = mode;
            this.upperMask = upperMask;
            this.exactForms = exactForms;
            this.approximate = approximate;
            this.anchor = anchor;
        }
    }

    /**
     * An approximate alias: every word may be written as a paraphrase (a WordNet synonym, similar
     * or more general word, or an inflection of it or of the word itself: {@link Thesaurus}) as long
     * as one of its anchors is written as it is. The scan finds an anchor; resolving lays the alias
     * over the tokens around it.
     *
     * @param ids         token ids of the alias's words
     * @param breakBefore the alias's own text has phrase-ending punctuation before word i
     * @param forms       per word, the sorted hashes ({@link TokenScanner#hash}) of the forms a
     *                    paraphrase of it may take; null for a word that may not be paraphrased
     *                    (one WordNet does not know, or not made of letters)
     * @param phrases     per word, its paraphrases of several words ("political party" for
     *                    "Party"), each as the hashes of its tokens, the last inflected as in
     *                    text; null if none
     * @param anchors     bit i set if word i alone is an anchor
     * @param pairs       bit i set if words i and i + 1 together are an anchor
     */
    record Approximate(int[] ids, boolean[] breakBefore, int[][] forms, Phrases[] phrases, long anchors, long pairs) {

        boolean isAnchor(int word) {
            return word < 64 && (anchors & (1L << word)) != 0;
        }

        boolean isPair(int word) {
            return word < 64 && (pairs & (1L << word)) != 0;
        }
    }

    /**
     * The paraphrases of several words of one word (each the hashes of its tokens), looked up by
     * the hash of their first token (laying an alias forwards) or of their last (backwards).
     */
    static final class Phrases {
        final int[][] byFirst;
        final int[] firsts;
        final int[][] byLast;
        final int[] lasts;

        Phrases(int[][] phrases) {
            byFirst = phrases.clone();
            Arrays.sort(byFirst, (x, y) -> Integer.compare(x[0], y[0]));
            firsts = Arrays.stream(byFirst).mapToInt(p -> p[0]).toArray();
            byLast = phrases.clone();
            Arrays.sort(byLast, (x, y) -> Integer.compare(x[x.length - 1], y[y.length - 1]));
            lasts = Arrays.stream(byLast).mapToInt(p -> p[p.length - 1]).toArray();
        }

        /** The first index of {@code hash} in the sorted {@code keys}, or {@code keys.length} if it is not there. */
        static int first(int[] keys, int hash) {
            int i = Arrays.binarySearch(keys, hash);
            if (i < 0) {
                return keys.length;
            }
            while (i > 0 && keys[i - 1] == hash) {
                i--;
            }
            return i;
        }
    }

    /** Words that never anchor an approximate alias: they occur everywhere and name nothing. */
    private static final java.util.Set<String> CONNECTING = java.util.Set.of("a", "an", "the", "of", "and", "or", "for",
            "in", "on", "at", "to", "by", "with", "from", "as", "&");

    /** Hashes of the forms of each word's paraphrases, by folded word: the same for every version and every alias. */
    private static final java.util.concurrent.ConcurrentHashMap<String, int[]> PARAPHRASE_FORMS =
            new java.util.concurrent.ConcurrentHashMap<>();
    /** The same for paraphrases of several words: per phrase form, the hashes of its tokens. */
    private static final java.util.concurrent.ConcurrentHashMap<String, Phrases> PARAPHRASE_PHRASES =
            new java.util.concurrent.ConcurrentHashMap<>();

    /**
     * A live entity with its patterns, the trie nodes of its rule phrases (the entity's, and those
     * of aliases with rules of their own, by alias index: null where the alias has none), and its
     * compiled query (or null).
     */
    record Entry(WatchedEntity entity, Pattern[] patterns, int[] contextNodes, int[] excludeNodes,
                 int[][] aliasContextNodes, int[][] aliasExcludeNodes, QueryPlan query) {

        /** The context phrases a hit of this alias must be near: the alias's own if it has them, else the entity's. */
        int[] contextNodes(int aliasIndex) {
            return aliasContextNodes != null && aliasIndex >= 0 && aliasContextNodes[aliasIndex] != null
                    ? aliasContextNodes[aliasIndex] : contextNodes;
        }

        /** The exclude phrases that veto a hit of this alias: the alias's own if it has them, else the entity's. */
        int[] excludeNodes(int aliasIndex) {
            return aliasExcludeNodes != null && aliasIndex >= 0 && aliasExcludeNodes[aliasIndex] != null
                    ? aliasExcludeNodes[aliasIndex] : excludeNodes;
        }
    }

    final TokenDictionary dict;
    EdgeTable edges;
    int[] rootChild;
    int nodeCount = 1;
    Pattern[][] outputs;
    /**
     * Per node, what the scan must know in one small load: {@link #OUT} it ends alias patterns,
     * {@link #RULE} it ends a context or exclude phrase, {@link #INNER} it has children (only such
     * nodes stay active for the next token),
     * {@link #QUERY} it ends a word of a query that makes the query worth evaluating.
     */
    byte[] flags;
    static final byte OUT = 1;
    static final byte RULE = 2;
    static final byte INNER = 4;
    static final byte QUERY = 16;
    /** A phrase may go on from this node across punctuation that ends phrases: its own text has it there ("Washington, D.C."). */
    static final byte CROSSES = 32;
    /** Per {@link #QUERY} node, the slots of the entities whose query it triggers. */
    int[][] queryOwners;
    /** Slots of the entities whose query refers to another entity: evaluated whenever an article has a hit. */
    int[] referring = new int[0];
    Entry[] entries;
    int slotCount;
    int live;
    private int[] idTable;   // slot + 1; 0 empty; -1 removed
    /** For tokenizing aliases while this index is being changed (one thread only). */
    private final TokenScanner scanner = new TokenScanner();
    private int idUsed;

    Index() {
        dict = new TokenDictionary();
        edges = new EdgeTable();
        rootChild = new int[256];
        Arrays.fill(rootChild, -1);
        outputs = new Pattern[1024][];
        flags = new byte[1024];
        queryOwners = new int[1024][];
        entries = new Entry[256];
        idTable = new int[512];
    }

    private Index(Index o) {
        dict = o.dict.copy();
        edges = o.edges.copy();
        rootChild = o.rootChild.clone();
        nodeCount = o.nodeCount;
        outputs = o.outputs.clone();
        flags = o.flags.clone();
        queryOwners = o.queryOwners.clone();
        referring = o.referring;
        entries = o.entries.clone();
        slotCount = o.slotCount;
        live = o.live;
        idTable = o.idTable.clone();
        idUsed = o.idUsed;
    }

    Index copy() {
        return new Index(this);
    }

    // ---- entities by id

    int slotOf(String id) {
        int m = idTable.length - 1;
        int i = mix(id.hashCode()) & m;
        while (true) {
            int v = idTable[i];
            if (v == 0) {
                return -1;
            }
            if (v > 0 && entries[v - 1] != null && entries[v - 1].entity().id().equals(id)) {
                return v - 1;
            }
            i = (i + 1) & m;
        }
    }

    private void putId(String id, int slot) {
        if ((idUsed + 1) * 2 > idTable.length) {
            rehashIds(live * 4 + 64 > idTable.length ? idTable.length * 2 : idTable.length);
        }
        int m = idTable.length - 1;
        int i = mix(id.hashCode()) & m;
        while (idTable[i] > 0) {
            i = (i + 1) & m;
        }
        if (idTable[i] == 0) {
            idUsed++;
        }
        idTable[i] = slot + 1;
    }

    private void removeId(String id) {
        int m = idTable.length - 1;
        int i = mix(id.hashCode()) & m;
        while (idTable[i] != 0) {
            int v = idTable[i];
            if (v > 0 && entries[v - 1].entity().id().equals(id)) {
                idTable[i] = -1;
                return;
            }
            i = (i + 1) & m;
        }
    }

    private void rehashIds(int capacity) {
        int[] t = new int[Integer.highestOneBit(Math.max(capacity, 16) - 1) << 1];
        int m = t.length - 1;
        for (int v : idTable) {
            if (v > 0) {
                int i = mix(entries[v - 1].entity().id().hashCode()) & m;
                while (t[i] != 0) {
                    i = (i + 1) & m;
                }
                t[i] = v;
            }
        }
        idTable = t;
        idUsed = live;
    }

    private static int mix(int h) {
        h *= 0x9E3779B1;
        return h ^ (h >>> 16);
    }

    // ---- changes

    /** Adds the entity, or replaces the one with its id (keeping its position). */
    void add(WatchedEntity e) {
        int slot = slotOf(e.id());
        if (slot >= 0) {
            unhook(entries[slot]);
        } else {
            slot = slotCount++;
            if (slot >= entries.length) {
                entries = Arrays.copyOf(entries, entries.length * 2);
            }
            live++;
        }
        List<Pattern> patterns = new ArrayList<>(e.aliases().size() * 2);
        TokenScanner sc = scanner;
        for (int ai = 0; ai < e.aliases().size(); ai++) {
            Alias a = e.aliases().get(ai);
            Phrase ph = phrase(sc, a.text());
            if (ph.ids.length == 0) {
                continue;
            }
            long upper = 0;
            String[] exact = null;
            if (a.caseMode() == CaseMode.EXACT) {
                exact = new String[ph.ids.length];
            }
            for (int i = 0; i < ph.ids.length; i++) {
                if (i < 64 && Cases.hasUpper(a.text(), ph.starts[i], ph.ends[i]) && !isParticleOfName(a.text(), ph, i)) {
                    upper |= 1L << i;
                }
                if (exact != null) {
                    exact[i] = Cases.exactForm(a.text(), ph.starts[i], ph.ends[i]);
                }
            }
            int node = insert(ph.ids, ph.breakBefore);
            patterns.add(addOutput(new Pattern(slot, ai, ph.ids.length, node, a.caseMode(), upper, exact, null, -1)));
            if ((a.approximate() || e.approximate()) && ph.ids.length >= Alias.APPROXIMATE_MIN_WORDS) {
                Approximate approximate = approximate(ph);
                for (int w = 0; w < ph.ids.length; w++) {
                    if (approximate.isAnchor(w)) {
                        int anchorNode = insert(new int[] {ph.ids[w]}, new boolean[1]);
                        patterns.add(addOutput(new Pattern(slot, ai, ph.ids.length, anchorNode, a.caseMode(), upper, exact,
                                approximate, w)));
                    }
                    if (approximate.isPair(w)) {
                        int pairNode = insert(new int[] {ph.ids[w], ph.ids[w + 1]}, new boolean[] {false, ph.breakBefore[w + 1]});
                        patterns.add(addOutput(new Pattern(slot, ai, ph.ids.length, pairNode, a.caseMode(), upper, exact,
                                approximate, w)));
                    }
                }
            }
        }
        int[] context = ruleNodes(sc, e.context());
        int[] exclude = ruleNodes(sc, e.exclude());
        int[][] aliasContext = null;
        int[][] aliasExclude = null;
        for (int ai = 0; ai < e.aliases().size(); ai++) {
            Alias a = e.aliases().get(ai);
            if (a.context() != null) {
                aliasContext = aliasContext == null ? new int[e.aliases().size()][] : aliasContext;
                aliasContext[ai] = ruleNodes(sc, a.context());
            }
            if (a.exclude() != null) {
                aliasExclude = aliasExclude == null ? new int[e.aliases().size()][] : aliasExclude;
                aliasExclude[ai] = ruleNodes(sc, a.exclude());
            }
        }
        QueryPlan query = e.query() == null ? null : compileQuery(sc, slot, e);
        boolean isNew = entries[slot] == null;
        entries[slot] = new Entry(e, patterns.toArray(new Pattern[0]), context, exclude, aliasContext, aliasExclude, query);
        if (isNew) {
            putId(e.id(), slot);
        }
    }

    /** Removes the entity with this id; false if there is none. */
    boolean remove(String id) {
        int slot = slotOf(id);
        if (slot < 0) {
            return false;
        }
        unhook(entries[slot]);
        removeId(id);
        entries[slot] = null;
        live--;
        return true;
    }

    private void unhook(Entry entry) {
        if (entry.query() != null && entry.entity().aliases().isEmpty()) {
            int slot = slotOf(entry.entity().id());
            for (int node : entry.query().triggers) {
                int[] owners = Arrays.stream(queryOwners[node]).filter(s -> s != slot).toArray();
                queryOwners[node] = owners.length == 0 ? null : owners;
                if (owners.length == 0) {
                    flags[node] &= ~QUERY;
                }
            }
            referring = Arrays.stream(referring).filter(s -> s != slot).toArray();
        }
        for (Pattern p : entry.patterns()) {
            Pattern[] out = outputs[p.node];
            int k = 0;
            Pattern[] kept = new Pattern[out.length - 1];
            for (Pattern q : out) {
                if (q != p) {
                    kept[k++] = q;
                }
            }
            outputs[p.node] = kept.length == 0 ? null : kept;
            if (kept.length == 0) {
                flags[p.node] &= ~OUT;
            }
        }
    }

    private Pattern addOutput(Pattern p) {
        Pattern[] out = outputs[p.node];
        flags[p.node] |= OUT;
        if (out == null) {
            outputs[p.node] = new Pattern[] {p};
        } else {
            Pattern[] more = Arrays.copyOf(out, out.length + 1);
            more[out.length] = p;
            outputs[p.node] = more;
        }
        return p;
    }

    private int[] ruleNodes(TokenScanner sc, List<String> phrases) {
        if (phrases.isEmpty()) {
            return new int[0];
        }
        int[] nodes = new int[phrases.size()];
        int k = 0;
        for (String s : phrases) {
            Phrase ph = phrase(sc, s);
            if (ph.ids.length > 0) {
                int node = insert(ph.ids, ph.breakBefore);
                flags[node] |= RULE;
                nodes[k++] = node;
            }
        }
        return Arrays.copyOf(nodes, k);
    }

    /**
     * An entity's query: each word or phrase a rule path (its occurrences recorded by the scan),
     * the query's anchors ({@link QueryPlan#triggers}) also triggering its evaluation for this
     * slot. Without aliases, a query entity is only evaluated where an anchor occurs (or, if it
     * refers to other entities, where anything is found).
     */
    private QueryPlan compileQuery(TokenScanner sc, int slot, WatchedEntity e) {
        QueryPlan plan = QueryPlan.compile(e.query(), term -> {
            Phrase ph = phrase(sc, term.text());
            if (ph.ids.length == 0) {
                return new QueryPlan.Term(-1, null, term.field(), term.text());
            }
            int node = insert(ph.ids, ph.breakBefore);
            flags[node] |= RULE;
            long upper = 0;
            String[] exact = term.mode() == CaseMode.EXACT ? new String[ph.ids.length] : null;
            for (int i = 0; i < ph.ids.length; i++) {
                if (i < 64 && Cases.hasUpper(term.text(), ph.starts[i], ph.ends[i]) && !isParticleOfName(term.text(), ph, i)) {
                    upper |= 1L << i;
                }
                if (exact != null) {
                    exact[i] = Cases.exactForm(term.text(), ph.starts[i], ph.ends[i]);
                }
            }
            Pattern p = new Pattern(slot, -1, ph.ids.length, node, term.mode(), upper, exact, null, -1);
            return new QueryPlan.Term(node, p, term.field(), term.text());
        });
        if (e.aliases().isEmpty()) {
            for (int node : plan.triggers) {
                int[] owners = queryOwners[node];
                queryOwners[node] = owners == null ? new int[] {slot} : appendSlot(owners, slot);
                flags[node] |= QUERY;
            }
            if (plan.refers) {
                referring = appendSlot(referring, slot);
            }
        }
        return plan;
    }

    /** The alias word by word, with the forms each may be paraphrased as. */
    private Approximate approximate(Phrase ph) {
        int n = ph.ids.length;
        int[][] forms = new int[n][];
        Phrases[] phrases = new Phrases[n];
        long anchors = 0;
        for (int w = 0; w < n; w++) {
            if (ph.alphabetic[w]) {
                forms[w] = PARAPHRASE_FORMS.computeIfAbsent(ph.folded[w], Index::paraphraseForms);
                forms[w] = forms[w].length == 0 ? null : forms[w];
                phrases[w] = PARAPHRASE_PHRASES.computeIfAbsent(ph.folded[w], Index::paraphrasePhrases);
                phrases[w] = phrases[w].firsts.length == 0 ? null : phrases[w];
            }
            if (w < 64 && !CONNECTING.contains(ph.folded[w]) && !isParticle(ph.folded[w])) {
                anchors |= 1L << w;
            }
        }
        if (n == 2) {
            return new Approximate(ph.ids, ph.breakBefore, forms, phrases, anchors, 0);
        }
        long pairs = 0;
        for (int w = 0; w + 1 < Math.min(n, 64); w++) {
            if ((anchors & (3L << w)) != 0) { // not two connecting words ("of the")
                pairs |= 1L << w;
            }
        }
        return new Approximate(ph.ids, ph.breakBefore, forms, phrases, rarest(anchors, ph.folded, 1), pairs);
    }

    /**
     * Of the anchor words (bits of {@code anchors}), the {@code max} rarest in text, as WordNet's
     * number of senses estimates it: names it does not know first ("Hlaing"), then words of few
     * senses ("criminal" before "court"); the earlier word on a tie.
     */
    private static long rarest(long anchors, String[] words, int max) {
        if (Long.bitCount(anchors) <= max) {
            return anchors;
        }
        Thesaurus thesaurus = Thesaurus.wordNet();
        List<Integer> candidates = new ArrayList<>();
        for (int w = 0; w < Math.min(64, words.length); w++) {
            if ((anchors & (1L << w)) != 0) {
                candidates.add(w);
            }
        }
        int[] senses = new int[words.length];
        candidates.forEach(w -> senses[w] = thesaurus.senseCount(words[w]));
        candidates.sort((x, y) -> senses[x] != senses[y] ? Integer.compare(senses[x], senses[y]) : Integer.compare(x, y));
        long kept = 0;
        for (int w : candidates.subList(0, max)) {
            kept |= 1L << w;
        }
        return kept;
    }

    /** Sorted hashes of every form of every paraphrase of a folded word (and of its own other forms); empty if WordNet does not know it. */
    private static int[] paraphraseForms(String word) {
        Thesaurus thesaurus = Thesaurus.wordNet();
        java.util.Set<String> forms = new java.util.HashSet<>();
        for (String lemma : thesaurus.lemmas(word)) {
            forms.addAll(thesaurus.forms(lemma));
            for (String p : thesaurus.paraphrases(lemma)) {
                forms.addAll(thesaurus.forms(p));
            }
        }
        forms.remove(word);
        TokenScanner sc = new TokenScanner();
        int[] hashes = new int[forms.size()];
        int n = 0;
        for (String f : forms) {
            sc.reset(f);
            if (sc.next()) {
                int h = sc.hash;
                if (!sc.next()) {
                    hashes[n++] = h;
                }
            }
        }
        return Arrays.stream(hashes, 0, n).sorted().distinct().toArray();
    }

    /** Every form of every paraphrase of several words of a folded word, as the hashes of its tokens (the last word inflected). */
    private static Phrases paraphrasePhrases(String word) {
        Thesaurus thesaurus = Thesaurus.wordNet();
        java.util.Set<String> phrases = new java.util.LinkedHashSet<>();
        for (String lemma : thesaurus.lemmas(word)) {
            for (String phrase : thesaurus.phraseParaphrases(lemma)) {
                int last = phrase.lastIndexOf(' ');
                for (String form : thesaurus.forms(phrase.substring(last + 1))) {
                    phrases.add(phrase.substring(0, last + 1) + form);
                }
            }
        }
        TokenScanner sc = new TokenScanner();
        List<int[]> out = new ArrayList<>(phrases.size());
        for (String phrase : phrases) {
            sc.reset(phrase);
            int[] hashes = new int[4];
            int k = 0;
            while (sc.next()) {
                hashes = k == hashes.length ? Arrays.copyOf(hashes, k * 2) : hashes;
                hashes[k++] = sc.hash;
            }
            if (k >= 2) {
                out.add(Arrays.copyOf(hashes, k));
            }
        }
        return new Phrases(out.toArray(new int[0][]));
    }

    private static int[] appendSlot(int[] slots, int slot) {
        int[] more = Arrays.copyOf(slots, slots.length + 1);
        more[slots.length] = slot;
        return more;
    }

    /** A phrase's tokens; {@code breakBefore[i]}: its own text has phrase-ending punctuation before token i. */
    private record Phrase(int[] ids, int[] starts, int[] ends, boolean[] alphabetic, boolean[] breakBefore, String[] folded) {
    }

    /**
     * Lower-case particles of names (Arabic, Dutch, German, French, Spanish, Portuguese, Italian):
     * written either way in news ("al-Qaida" and "Al-Qaida", "bin Laden" and "Bin Laden").
     */
    private static final java.util.Set<String> PARTICLES = java.util.Set.of("al", "el", "bin", "ibn", "van", "von", "de", "da",
            "di", "du", "la", "le", "dos", "del", "der", "den", "des");

    /**
     * Whether word {@code i} of a name of several words is a particle: smart case then lets it be
     * written in lower case, as long as the name's other words keep their capitals.
     */
    private static boolean isParticleOfName(String text, Phrase ph, int i) {
        return ph.ids.length > 1 && isParticle(text.substring(ph.starts[i], ph.ends[i]));
    }

    static boolean isParticle(String word) {
        return PARTICLES.contains(word.toLowerCase(java.util.Locale.ROOT));
    }

    private Phrase phrase(TokenScanner sc, String text) {
        sc.reset(text);
        int[] ids = new int[8];
        int[] starts = new int[8];
        int[] ends = new int[8];
        boolean[] alpha = new boolean[8];
        boolean[] breaks = new boolean[8];
        String[] folded = new String[8];
        int n = 0;
        while (sc.next()) {
            if (n == ids.length) {
                ids = Arrays.copyOf(ids, n * 2);
                starts = Arrays.copyOf(starts, n * 2);
                ends = Arrays.copyOf(ends, n * 2);
                alpha = Arrays.copyOf(alpha, n * 2);
                breaks = Arrays.copyOf(breaks, n * 2);
                folded = Arrays.copyOf(folded, n * 2);
            }
            folded[n] = new String(sc.buf, 0, sc.len);
            breaks[n] = n > 0 && Matcher.breaksPhrase(text, ends[n - 1], sc.start);
            ids[n] = dict.add(sc.buf, sc.len, sc.hash);
            starts[n] = sc.start;
            ends[n] = sc.end;
            alpha[n] = sc.alphabetic;
            n++;
        }
        if (dict.size() > rootChild.length) {
            int old = rootChild.length;
            rootChild = Arrays.copyOf(rootChild, Math.max(dict.size(), old * 2));
            Arrays.fill(rootChild, old, rootChild.length, -1);
        }
        return new Phrase(Arrays.copyOf(ids, n), Arrays.copyOf(starts, n), Arrays.copyOf(ends, n), Arrays.copyOf(alpha, n),
                Arrays.copyOf(breaks, n), Arrays.copyOf(folded, n));
    }

    /** The node at the end of the path, creating what is missing. */
    private int insert(int[] ids, boolean[] breakBefore) {
        int node = ROOT;
        for (int i = 0; i < ids.length; i++) {
            if (i > 0 && breakBefore[i]) {
                flags[node] |= CROSSES;
            }
            int tok = ids[i];
            int child = child(node, tok);
            if (child < 0) {
                child = newNode();
                flags[node] |= INNER;
                if (node == ROOT) {
                    rootChild[tok] = child;
                } else {
                    edges.put(node, tok, child);
                }
            }
            node = child;
        }
        return node;
    }

    int child(int node, int tok) {
        return node == ROOT ? rootChild[tok] : edges.get(node, tok);
    }

    private int newNode() {
        int node = nodeCount++;
        if (node >= outputs.length) {
            outputs = Arrays.copyOf(outputs, outputs.length * 2);
        }
        if (node >= flags.length) {
            flags = Arrays.copyOf(flags, flags.length * 2);
            queryOwners = Arrays.copyOf(queryOwners, flags.length);
        }
        return node;
    }
}
