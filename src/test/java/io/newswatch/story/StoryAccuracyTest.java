package io.newswatch.story;

import io.newswatch.story.eval.CopyKind;
import io.newswatch.story.eval.EvaluationSet;
import io.newswatch.story.eval.JaccardBaseline;
import io.newswatch.story.eval.Scores;
import io.newswatch.story.eval.Thesaurus;
import io.newswatch.testing.TestData;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Accuracy of story grouping on the evaluation set of {@code EVALUATION.md}: originals and their
 * copies, shuffled, fed to a {@link StoryGrouper} within one 72-hour window; recall per kind of
 * copy and pairwise precision against the floors, and the all-pairs Jaccard baseline beside them.
 * Prints the table of {@code EVALUATION.md}, then what was missed and what was merged.
 *
 * <p>{@code mvn -q -o test -Dtest=StoryAccuracyTest}
 */
class StoryAccuracyTest {

    /** Another draw of copies and order: {@code -Deval.seed=7 -Deval.order=73}. */
    private static final long SET_SEED = Long.getLong("eval.seed", EvaluationSet.SEED);
    private static final long ORDER_SEED = Long.getLong("eval.order", 72);
    private static final Duration WINDOW = Duration.ofHours(72);
    private static final double JACCARD = 0.3;

    private static EvaluationSet set;
    private static final Map<String, String> storyOf = new HashMap<>();
    private static final Map<String, Boolean> founded = new HashMap<>();
    private static final Map<String, Integer> position = new HashMap<>();
    private static Scores.Counts newswatch;
    private static Scores.Counts baseline;
    private static JaccardBaseline jaccard;

    @BeforeAll
    static void groupTheSet() {
        // Given the evaluation set (the thesaurus missing fails here: apt-get install mythes-en-us)
        set = EvaluationSet.build(TestData.dir(), Thesaurus.system(), SET_SEED);

        // When every article, shuffled, is placed within 72 hours of event time
        StoryGrouper grouper = new StoryGrouper(WINDOW);
        List<EvaluationSet.Item> order = set.shuffled(ORDER_SEED);
        long start = Instant.parse("2020-03-02T00:00:00Z").toEpochMilli();
        long step = WINDOW.toMillis() / order.size();
        for (int i = 0; i < order.size(); i++) {
            EvaluationSet.Item item = order.get(i);
            StoryIndex.Placement p = grouper.place(item.id(), item.title(), item.body(), start + i * step);
            storyOf.put(item.id(), p.storyId());
            founded.put(item.id(), p.founded());
            position.put(item.id(), i);
        }
        newswatch = Scores.ofGrouping(set, storyOf);
        jaccard = JaccardBaseline.of(set.items().stream().map(EvaluationSet.Item::body).toList());
        baseline = Scores.ofPairs(set, (a, b) -> jaccard.jaccard(a, b) >= JACCARD);

        System.out.println(describeSet());
        System.out.println(Scores.table(set, newswatch, baseline));
        System.out.println(misses());
        System.out.println(merges());
    }

    @Test
    void shouldKeepPairwisePrecisionAtOrAbove99Percent() {
        assertThat(newswatch.precision()).as("pairwise precision over all pairs").isGreaterThanOrEqualTo(0.99);
    }

    @ParameterizedTest
    @EnumSource(value = CopyKind.class, names = {"EXACT", "HEADLINE", "BOILERPLATE_ADDED", "BOILERPLATE_REMOVED", "CUT"})
    void shouldGroupPlainCopiesWithTheirOriginal(CopyKind kind) {
        assertThat(newswatch.copies(kind)).isGreaterThan(100);
        assertThat(newswatch.recall(kind)).as(kind.label()).isGreaterThanOrEqualTo(0.98);
    }

    @Test
    void shouldGroupCopiesSpunAt30PercentWithTheirOriginal() {
        assertThat(newswatch.recall(CopyKind.SPUN30)).as("spun 30%").isGreaterThanOrEqualTo(0.95);
    }

    @Test
    void shouldGroupNineInTenCopiesSpunAt40PercentWithTheirOriginal() {
        // the goal, not a floor: 40% of the replaceable words is 17.5% of all words replaced
        assertThat(newswatch.recall(CopyKind.SPUN40)).as("spun 40%").isGreaterThanOrEqualTo(0.90);
    }

    @Test
    void shouldNotGroupIssuesOfOneTemplate() {
        assertThat(set.templatePairs()).hasSize(4 * EvaluationSet.TEMPLATE_ISSUES * (EvaluationSet.TEMPLATE_ISSUES - 1) / 2);
        assertThat(newswatch.templateGrouped()).as("template pairs put together").isZero();
    }

    @Test
    void shouldNotGroupOtherReportsOnTheSameTopic() {
        assertThat(set.sameTopicPairs()).isNotEmpty();
        assertThat(newswatch.sameTopicGrouped()).as("same-topic pairs put together").isZero();
    }

    private static String describeSet() {
        Map<String, Integer> sources = new TreeMap<>();
        set.items().stream().filter(i -> i.kind() == CopyKind.ORIGINAL).forEach(i -> sources.merge(i.source(), 1, Integer::sum));
        StringBuilder out = new StringBuilder();
        out.append(String.format(Locale.ROOT, "%d articles; originals by source %s; %d Wikinews articles under %d words skipped;"
                        + " %d template pairs, %d same-topic pairs%n", set.items().size(), sources, set.skippedShort(),
                EvaluationSet.MIN_WORDS, set.templatePairs().size(), set.sameTopicPairs().size()));
        set.spinCounts().forEach((kind, c) -> out.append(String.format(Locale.ROOT,
                "%s: %d words, %d replaceable (%.0f%%), %d replaced (%.1f%% of all words)%n", kind.label(), c[0], c[1],
                100.0 * c[1] / c[0], c[2], 100.0 * c[2] / c[0])));
        out.append(jaccardOfCopies(CopyKind.CUT)).append(jaccardOfCopies(CopyKind.SPUN40));
        for (EvaluationSet.Pair p : set.sameTopicPairs()) {
            out.append("same topic: ").append(set.item(p.a()).title()).append(" | ").append(set.item(p.b()).title())
                    .append(" [").append(p.why()).append("]\n");
        }
        return out.toString();
    }

    /** How the copies of a kind compare with their original by the baseline's measure and by containment. */
    private static String jaccardOfCopies(CopyKind kind) {
        Map<String, Integer> index = new HashMap<>();
        for (int i = 0; i < set.items().size(); i++) {
            index.put(set.items().get(i).id(), i);
        }
        List<double[]> values = new ArrayList<>();
        for (EvaluationSet.Item item : set.items()) {
            if (item.kind() == kind) {
                int a = index.get(item.id());
                int b = index.get(item.story());
                values.add(new double[] {jaccard.jaccard(a, b), jaccard.containment(a, b)});
            }
        }
        double[] j = values.stream().mapToDouble(v -> v[0]).sorted().toArray();
        double[] c = values.stream().mapToDouble(v -> v[1]).sorted().toArray();
        return String.format(Locale.ROOT, "%s vs original, all 3-shingles: Jaccard min %.2f median %.2f, containment min %.2f"
                + " median %.2f%n", kind.label(), j[0], j[j.length / 2], c[0], c[c.length / 2]);
    }

    /**
     * Copies not put with their original: with the rule's score of the pair (negative: refused),
     * and whether the copy came before its original and founded a story (else the index's keys
     * missed the original, or an earlier copy founded another story that the original then joined).
     */
    private static String misses() {
        StringBuilder out = new StringBuilder("Misses:\n");
        List<String> lines = new ArrayList<>();
        for (EvaluationSet.Item item : set.items()) {
            if (item.kind() == CopyKind.ORIGINAL) {
                continue;
            }
            EvaluationSet.Item original = set.item(item.story());
            if (!storyOf.get(item.id()).equals(storyOf.get(original.id()))) {
                Sketch a = Sketcher.sketch(item.title(), item.body());
                Sketch b = Sketcher.sketch(original.title(), original.body());
                lines.add(String.format(Locale.ROOT, "  %-20s %-28s %-6s %-7s rule %5.2f shingles %.2f anchors %.2f"
                                + " numbers %.2f (%d/%d) words %d/%d  %s", item.kind().label(), item.id(),
                        position.get(item.id()) < position.get(original.id()) ? "before" : "after",
                        founded.get(item.id()) ? "founded" : "joined", StoryRule.DEFAULT.score(a, b),
                        StoryRule.containment(a.shingles(), b.shingles(), true),
                        StoryRule.containment(a.anchors(), b.anchors(), true),
                        StoryRule.containment(a.numbers(), b.numbers(), false), a.numbers().length, b.numbers().length,
                        EvaluationSet.words(item.body()), EvaluationSet.words(original.body()), original.title()));
            }
        }
        lines.sort(null);
        lines.forEach(l -> out.append(l).append('\n'));
        return out.toString();
    }

    /** Predicted stories holding more than one true story. */
    private static String merges() {
        Map<String, Map<String, Integer>> groups = new TreeMap<>();
        for (EvaluationSet.Item item : set.items()) {
            groups.computeIfAbsent(storyOf.get(item.id()), k -> new TreeMap<>()).merge(item.story(), 1, Integer::sum);
        }
        StringBuilder out = new StringBuilder("Merged stories:\n");
        groups.forEach((story, members) -> {
            if (members.size() > 1) {
                out.append("  ").append(story).append(':');
                members.forEach((truth, count) -> out.append(String.format(Locale.ROOT, " [%s x%d: %s]", truth, count,
                        set.item(truth).title())));
                out.append('\n');
            }
        });
        return out.toString();
    }
}
