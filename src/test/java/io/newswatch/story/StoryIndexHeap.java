package io.newswatch.story;

import io.newswatch.testing.TestData;

import java.time.Duration;
import java.util.List;
import java.util.Random;

/**
 * Measures the story index's heap and its cost per article over N distinct stories: articles made
 * of Wikinews text with every second word drawn at random, so that no two are copies, placed one
 * a second (well within the window). Prints the index's own estimate beside the heap measured
 * after full collections. A measurement, not a test:
 *
 * <pre>
 * mvn -q -o test-compile exec:java -Dexec.classpathScope=test \
 *     -Dexec.mainClass=io.newswatch.story.StoryIndexHeap -Dexec.args=100000
 * </pre>
 */
public final class StoryIndexHeap {

    private StoryIndexHeap() {
    }

    public static void main(String[] args) {
        int n = args.length == 0 ? 100_000 : Integer.parseInt(args[0]);
        List<TestData.WikinewsArticle> corpus = TestData.wikinews(Integer.MAX_VALUE);
        String[] words = String.join(" ", corpus.stream().map(TestData.WikinewsArticle::text).toList()).split("\\s+");
        Random random = new Random(1);
        long before = usedHeap();
        StoryIndex index = new StoryIndex(StoryRule.DEFAULT, Duration.ofHours(72), Integer.MAX_VALUE);
        long sketching = 0;
        long placing = 0;
        for (int i = 0; i < n; i++) {
            int start = random.nextInt(words.length - 700);
            StringBuilder body = new StringBuilder();
            for (int w = 0; w < 600; w++) {
                body.append(w % 2 == 0 ? words[random.nextInt(words.length)] : words[start + w]).append(' ');
            }
            long t0 = System.nanoTime();
            Sketch sketch = Sketcher.sketch("title", body.toString());
            long t1 = System.nanoTime();
            index.place("a-" + i, sketch, 1_000L * i);
            placing += System.nanoTime() - t1;
            sketching += t1 - t0;
        }
        long heap = usedHeap() - before;
        System.out.printf("StoryIndexHeap: %,d articles of 600 words -> %,d stories, %,d sketches; heap %.1f MB measured "
                        + "(%.0f bytes per sketch), %.1f MB estimated by the index; sketch %.1f us, place %.1f us per article%n",
                n, index.stories(), index.sketches(), heap / 1e6, (double) heap / index.sketches(), index.bytes() / 1e6,
                sketching / 1e3 / n, placing / 1e3 / n);
    }

    private static long usedHeap() {
        Runtime rt = Runtime.getRuntime();
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        return rt.totalMemory() - rt.freeMemory();
    }
}
