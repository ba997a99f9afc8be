package io.newswatch.monitor;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.newswatch.alert.Alert;

/**
 * Counting articles in tumbling windows until a threshold, once per window: the state of a
 * THRESHOLD rule (per entity) and of a CO_MENTION rule (per pair). Windows before the current one
 * keep one count: of stories or of articles, as the rule counts. A window fires as soon as it
 * reaches the threshold, not when it closes; an article of a window already left behind is
 * counted in its own window ({@link EarlierWindows}), which also fires at most once.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class TumblingWindows {

    Window current = new Window();
    EarlierWindows earlier = new EarlierWindows();

    /**
     * Counts an article at {@code ts} in its window of {@code size} ms.
     *
     * @param newStory  whether the article is the first of its story for this rule
     * @param byStories whether the threshold is on distinct stories rather than articles
     * @return the window to alert on when this article makes it reach {@code threshold} for the
     *         first time, else null
     */
    Window count(long ts, long size, int threshold, Alert.Evidence evidence, int evidenceLimit, boolean newStory,
                 boolean byStories) {
        long start = ts - Math.floorMod(ts, size);
        if (current.started() && start < current.start) {
            if (byStories && !newStory) {
                return null; // a late copy of a story already counted
            }
            if (earlier.tooLate(start, current.start, size) || !earlier.addLate(start, threshold)) {
                return null;
            }
            Window late = Window.of(start, evidence);
            late.count = earlier.count(start);
            late.stories = late.count;
            return late;
        }
        if (current.start != start) {
            if (current.started()) {
                earlier.archive(current.start, current.counted(byStories), current.fired, start, size);
            }
            current.reset(start);
        }
        current.add(evidence, evidenceLimit, newStory);
        if (!current.fired && current.counted(byStories) >= Math.max(1, threshold)) {
            current.fired = true;
            return current;
        }
        return null;
    }
}
