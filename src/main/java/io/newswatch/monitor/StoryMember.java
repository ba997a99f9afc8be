package io.newswatch.monitor;

import io.newswatch.story.Story;

import java.util.List;

/**
 * One article placed in its story by the {@link StoryAssigner}, with what is new about it there —
 * the facts the story rules fire on. Passed between processors of one task, never serialised.
 *
 * @param mentions      the article's mentions, each with the story id and whether it is the first
 *                      of the story for its entity
 * @param newPairs      pairs of watched entities this article brings into the story, each as
 *                      {@code [first, second]} in the article's order
 * @param spreadReached entities whose SPREAD outlet count the story reached with this article
 * @param backfill      whether backfill brought the article in: what it fires is flagged so
 */
record StoryMember(String storyId, boolean founded, Story story, List<Mention> mentions, List<List<String>> newPairs,
                   List<String> spreadReached, long watchlistVersion, boolean backfill) {
}
