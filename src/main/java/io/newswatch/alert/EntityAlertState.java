package io.newswatch.alert;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Per-entity alerting state, kept in a changelogged store (so it survives crashes and moves with
 * the task): the current THRESHOLD window and the current SPIKE bucket with the entity's EWMA
 * baseline. Mutable on purpose: it is read, changed and written back by one task at a time.
 */
public final class EntityAlertState {

    /** Distinct sources kept per window; beyond this the list is not extended (counts stay exact). */
    static final int MAX_SOURCES = 50;

    public Window threshold = new Window();
    /** THRESHOLD windows before the current one, so that a late mention never repeats an alert. */
    public EarlierWindows earlierThresholds = new EarlierWindows();
    public Window spike = new Window();
    /** EWMA of articles per spike bucket, and of the squared deviation. */
    public double mean;
    public double variance;
    /** Buckets folded into the baseline so far. */
    public long buckets;
    /** Wall-clock time of the last mention, to judge quiet entities on wall-clock time. */
    public long lastMentionWallMs;

    /** One window (THRESHOLD) or bucket (SPIKE) of mentions. */
    public static final class Window {
        public long start = -1;
        public int count;
        public boolean fired;
        public Set<String> sources = new LinkedHashSet<>();
        public List<Alert.Evidence> evidence = new ArrayList<>();

        void reset(long newStart) {
            start = newStart;
            count = 0;
            fired = false;
            sources = new LinkedHashSet<>();
            evidence = new ArrayList<>();
        }

        void add(Alert.Evidence item, String source, int evidenceLimit) {
            count++;
            if (source != null && sources.size() < MAX_SOURCES) {
                sources.add(source);
            }
            if (evidence.size() < evidenceLimit) {
                evidence.add(item);
            }
        }
    }
}
