package io.newswatch.story.eval;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.BiPredicate;

/**
 * Accuracy of a "same story" decision on an {@link EvaluationSet}: per copy kind, the share of
 * copies put with their original (recall); over all pairs put together, the share that are truly
 * one story (pairwise precision); and how many hard-negative pairs were put together.
 */
public final class Scores {

    /** Counts of one system. */
    public record Counts(Map<CopyKind, int[]> byKind, long pairs, long truePairs, long allTruePairs,
                         int templateGrouped, int sameTopicGrouped, long otherOriginalsGrouped) {

        /** Share of the copies of {@code kind} put with their original. */
        public double recall(CopyKind kind) {
            int[] c = byKind.get(kind);
            return c == null || c[0] == 0 ? Double.NaN : (double) c[1] / c[0];
        }

        public int copies(CopyKind kind) {
            int[] c = byKind.get(kind);
            return c == null ? 0 : c[0];
        }

        /** Of the pairs put in one story, the share that are one story. */
        public double precision() {
            return pairs == 0 ? 1 : (double) truePairs / pairs;
        }

        /** Of the pairs that are one story, the share put in one story. */
        public double pairRecall() {
            return allTruePairs == 0 ? 1 : (double) truePairs / allTruePairs;
        }
    }

    private Scores() {
    }

    /** Scores a grouping: {@code storyOf} maps every item id to the story it was put in. */
    public static Counts ofGrouping(EvaluationSet set, Map<String, String> storyOf) {
        Map<String, Map<String, Integer>> groups = new HashMap<>();
        for (EvaluationSet.Item item : set.items()) {
            groups.computeIfAbsent(storyOf.get(item.id()), k -> new HashMap<>()).merge(item.story(), 1, Integer::sum);
        }
        long pairs = 0;
        long truePairs = 0;
        for (Map<String, Integer> group : groups.values()) {
            int size = group.values().stream().mapToInt(Integer::intValue).sum();
            pairs += pairs(size);
            for (int c : group.values()) {
                truePairs += pairs(c);
            }
        }
        Counts partial = common(set, (a, b) -> storyOf.get(a.id()).equals(storyOf.get(b.id())));
        return new Counts(partial.byKind(), pairs, truePairs, allTruePairs(set), partial.templateGrouped(),
                partial.sameTopicGrouped(), partial.otherOriginalsGrouped());
    }

    /** Scores a pairwise decision taken on every pair (not closed transitively), as the Jaccard baseline is. */
    public static Counts ofPairs(EvaluationSet set, BiPredicate<Integer, Integer> same) {
        List<EvaluationSet.Item> items = set.items();
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < items.size(); i++) {
            index.put(items.get(i).id(), i);
        }
        long pairs = 0;
        long truePairs = 0;
        for (int i = 0; i < items.size(); i++) {
            for (int j = i + 1; j < items.size(); j++) {
                if (same.test(i, j)) {
                    pairs++;
                    truePairs += items.get(i).story().equals(items.get(j).story()) ? 1 : 0;
                }
            }
        }
        Counts partial = common(set, (a, b) -> same.test(index.get(a.id()), index.get(b.id())));
        return new Counts(partial.byKind(), pairs, truePairs, allTruePairs(set), partial.templateGrouped(),
                partial.sameTopicGrouped(), partial.otherOriginalsGrouped());
    }

    private static Counts common(EvaluationSet set, BiPredicate<EvaluationSet.Item, EvaluationSet.Item> together) {
        Map<CopyKind, int[]> byKind = new EnumMap<>(CopyKind.class);
        List<EvaluationSet.Item> originals = new ArrayList<>();
        for (EvaluationSet.Item item : set.items()) {
            if (item.kind() == CopyKind.ORIGINAL) {
                originals.add(item);
                continue;
            }
            int[] c = byKind.computeIfAbsent(item.kind(), k -> new int[2]);
            c[0]++;
            c[1] += together.test(item, set.item(item.story())) ? 1 : 0;
        }
        int templates = 0;
        for (EvaluationSet.Pair p : set.templatePairs()) {
            templates += together.test(set.item(p.a()), set.item(p.b())) ? 1 : 0;
        }
        int sameTopic = 0;
        for (EvaluationSet.Pair p : set.sameTopicPairs()) {
            sameTopic += together.test(set.item(p.a()), set.item(p.b())) ? 1 : 0;
        }
        long others = 0;
        for (int i = 0; i < originals.size(); i++) {
            for (int j = i + 1; j < originals.size(); j++) {
                others += together.test(originals.get(i), originals.get(j)) ? 1 : 0;
            }
        }
        return new Counts(byKind, 0, 0, 0, templates, sameTopic, others);
    }

    private static long allTruePairs(EvaluationSet set) {
        Map<String, Integer> sizes = new HashMap<>();
        set.items().forEach(i -> sizes.merge(i.story(), 1, Integer::sum));
        return sizes.values().stream().mapToLong(Scores::pairs).sum();
    }

    private static long pairs(long n) {
        return n * (n - 1) / 2;
    }

    /** The comparison as two markdown tables: recall per kind of copy, then pairs. */
    public static String table(EvaluationSet set, Counts newswatch, Counts baseline) {
        StringBuilder out = new StringBuilder();
        out.append("| copy kind | copies | newswatch recall | Jaccard ≥ 0.3 recall |\n|---|---:|---:|---:|\n");
        for (CopyKind kind : CopyKind.values()) {
            if (kind == CopyKind.ORIGINAL || newswatch.copies(kind) == 0) {
                continue;
            }
            out.append(String.format(Locale.ROOT, "| %s | %d | %.3f | %.3f |%n", kind.label(), newswatch.copies(kind),
                    newswatch.recall(kind), baseline.recall(kind)));
        }
        out.append("\n| pairs | of | newswatch | Jaccard ≥ 0.3 |\n|---|---:|---:|---:|\n");
        out.append(String.format(Locale.ROOT, "| put together | %,d | %,d | %,d |%n", pairs(set.items().size()),
                newswatch.pairs(), baseline.pairs()));
        out.append(String.format(Locale.ROOT, "| **pairwise precision** | | **%.4f** | **%.4f** |%n", newswatch.precision(),
                baseline.precision()));
        out.append(String.format(Locale.ROOT, "| pairwise recall | %,d | %.4f | %.4f |%n", newswatch.allTruePairs(),
                newswatch.pairRecall(), baseline.pairRecall()));
        out.append(String.format(Locale.ROOT, "| template issues put together | %d | %d | %d |%n", set.templatePairs().size(),
                newswatch.templateGrouped(), baseline.templateGrouped()));
        out.append(String.format(Locale.ROOT, "| same-topic Wikinews pairs put together | %d | %d | %d |%n",
                set.sameTopicPairs().size(), newswatch.sameTopicGrouped(), baseline.sameTopicGrouped()));
        long originals = set.items().stream().filter(i -> i.kind() == CopyKind.ORIGINAL).count();
        out.append(String.format(Locale.ROOT, "| two originals put together | %,d | %d | %d |%n", pairs(originals),
                newswatch.otherOriginalsGrouped(), baseline.otherOriginalsGrouped()));
        return out.toString();
    }
}
