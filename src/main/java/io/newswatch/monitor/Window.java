package io.newswatch.monitor;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.newswatch.alert.Alert;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The articles one alert rule has counted in one window (THRESHOLD, CO_MENTION), bucket (SPIKE)
 * or article (MENTION): how many, from which sources, the first few as evidence, and whether the
 * window has fired. Every rule keeps its state in these and every alert is made from one
 * ({@link AlertEmitter}). Mutable on purpose: a rule reads it from its store, changes it and
 * writes it back, one task at a time.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class Window {

    /** Distinct sources kept; beyond this the list is not extended (the count stays exact). */
    static final int MAX_SOURCES = 50;

    /** Start of the window (epoch ms), -1 before the first record. */
    long start = -1;
    /** Articles counted. */
    int count;
    /** Of those, the first of their story for this rule's entity: distinct stories. */
    int stories;
    boolean fired;
    /** A LinkedHashSet by its declared type too, so that a state read back from its store keeps the order. */
    LinkedHashSet<String> sources = new LinkedHashSet<>();
    List<Alert.Evidence> evidence = new ArrayList<>();

    /** A window of one article: what a MENTION alert is made from. */
    static Window of(long start, Alert.Evidence evidence) {
        Window window = new Window();
        window.start = start;
        window.add(evidence, 1, true);
        return window;
    }

    /** Starts over at {@code newStart}, empty and not fired. */
    void reset(long newStart) {
        start = newStart;
        count = 0;
        stories = 0;
        fired = false;
        sources = new LinkedHashSet<>();
        evidence = new ArrayList<>();
    }

    /**
     * Counts one article; keeps its source and, while there is room, its evidence — the first
     * article of each story, as a copy would show the same text again.
     */
    void add(Alert.Evidence item, int evidenceLimit, boolean newStory) {
        count++;
        if (newStory) {
            stories++;
        }
        if (item.source() != null && sources.size() < MAX_SOURCES) {
            sources.add(item.source());
        }
        if (newStory && evidence.size() < evidenceLimit) {
            evidence.add(item);
        }
    }

    /** What a rule counting stories ({@code byStories}) or articles compares with its threshold. */
    int counted(boolean byStories) {
        return byStories ? stories : count;
    }

    boolean started() {
        return start != -1;
    }
}
