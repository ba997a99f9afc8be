package io.newswatch.monitor;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

/**
 * One entity's THRESHOLD and SPIKE state, kept in a changelogged store (so it survives crashes
 * and moves with its task): the threshold windows, the current spike bucket, and the entity's
 * EWMA baseline of articles per bucket.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class EntityAlertState {

    TumblingWindows threshold = new TumblingWindows();
    Window spike = new Window();
    /** EWMA of articles per spike bucket, and of the squared deviation. */
    double mean;
    double variance;
    /** Buckets folded into the baseline so far. */
    long buckets;
    /** Wall-clock time of the last mention, to judge quiet entities on wall-clock time. */
    long lastMentionWallMs;
}
