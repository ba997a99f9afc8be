package io.newswatch.monitor;

import com.fasterxml.jackson.annotation.JsonAutoDetect;

import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The windows before the current one of a THRESHOLD or CO_MENTION state: how many records each
 * saw and whether it fired. Records reach a rule out of time order (several input partitions,
 * replays, restarts), so a record may belong to a window the state has already moved past; with
 * this it is counted in its own window, and a window never fires twice — an alert id is never
 * repeated. Windows more than {@link #HORIZON} windows behind the newest are forgotten, and
 * records for them are ignored.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class EarlierWindows {

    /** How many windows behind the newest one late records are still counted. */
    static final int HORIZON = 64;

    TreeMap<Long, Integer> counts = new TreeMap<>();
    TreeSet<Long> fired = new TreeSet<>();

    /** The current window {@code start} is being replaced by the newer {@code newStart}. */
    void archive(long start, int count, boolean wasFired, long newStart, long size) {
        counts.put(start, count);
        if (wasFired) {
            fired.add(start);
        }
        long oldest = newStart - HORIZON * size;
        counts.headMap(oldest).clear();
        fired.headSet(oldest).clear();
    }

    /** Whether a record of window {@code start} is too late to count, the newest window being {@code current}. */
    boolean tooLate(long start, long current, long size) {
        return start < current - HORIZON * size;
    }

    /** Counts a late record of window {@code start}; true when that window now reaches {@code threshold} for the first time. */
    boolean addLate(long start, int threshold) {
        int count = counts.merge(start, 1, Integer::sum);
        if (count >= Math.max(1, threshold) && !fired.contains(start)) {
            fired.add(start);
            return true;
        }
        return false;
    }

    int count(long start) {
        return counts.getOrDefault(start, 0);
    }
}
