/**
 * Stories: copies of one article — word for word under another id, under another headline, cut,
 * extended, wrapped in boilerplate, or spun with a thesaurus — grouped under one story id, so
 * that alerts count stories, not copies.
 *
 * <p>An article becomes a {@link io.newswatch.story.Sketch} ({@link io.newswatch.story.Sketcher}):
 * consistent samples of its word 3-shingles (what survives copying and cutting), of 4-shingles of
 * its anchor words — function words, numbers, capitalised words, which a spinner leaves in place
 * ({@link io.newswatch.story.FunctionWords}) — and its numbers. A
 * {@link io.newswatch.story.StoryIndex} finds the candidates sharing its smallest hashes and the
 * {@link io.newswatch.story.StoryRule} judges them by containment. Accuracy per kind of copy is
 * measured in {@code EVALUATION.md}. No Kafka here: the monitor and {@code newswatch stories}
 * both use these classes.
 */
package io.newswatch.story;
