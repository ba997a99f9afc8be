package io.newswatch.monitor;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.newswatch.story.Story;

import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * One story as the story stage keeps it (changelogged store {@code story-state}, key = story id):
 * what {@link Story} publishes, plus what the story rules must remember to fire once — the pairs of
 * watched entities it has brought together and the entities it has fired SPREAD for. Removed
 * when the story's last sketch leaves the index.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
        isGetterVisibility = JsonAutoDetect.Visibility.NONE)
final class StoryState {

    /** Pairs a story remembers; a story with more watched names than this covers is rare and gets no more CO_MENTION. */
    static final int MAX_PAIRS = 2_000;

    Story.Member first;
    Story.Member latest;
    int members;
    int outletCount;
    LinkedHashSet<String> outlets = new LinkedHashSet<>();
    LinkedHashSet<String> entities = new LinkedHashSet<>();
    LinkedHashSet<String> pairs = new LinkedHashSet<>();
    LinkedHashSet<String> spread = new LinkedHashSet<>();

    /** Counts a member; true when it is from an outlet the story did not have. */
    boolean add(Story.Member member) {
        if (first == null) {
            first = member;
        }
        latest = member;
        members++;
        String outlet = member.source();
        if (outlet == null || outlets.contains(outlet)) {
            return false;
        }
        outletCount++;
        if (outlets.size() < Story.MAX_OUTLETS) {
            outlets.add(outlet);
        }
        return true;
    }

    /** Whether the pair is new to the story; remembers it. */
    boolean newPair(String a, String b) {
        String key = a.compareTo(b) < 0 ? a + "+" + b : b + "+" + a;
        return !pairs.contains(key) && pairs.size() < MAX_PAIRS && pairs.add(key);
    }

    Story story(String storyId, Instant updated) {
        return new Story(storyId, first, latest, members, outletCount, List.copyOf(outlets), new ArrayList<>(entities), updated);
    }
}
