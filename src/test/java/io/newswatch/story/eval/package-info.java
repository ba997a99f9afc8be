/**
 * The story-grouping evaluation set of {@code EVALUATION.md}, made from the shared real news data
 * with fixed seeds: originals ({@link io.newswatch.story.eval.EvaluationSet}), their copies of each
 * {@link io.newswatch.story.eval.CopyKind} — boilerplate from made-up outlets, cuts, follow-ups and
 * a thesaurus spinner ({@link io.newswatch.story.eval.Spinner} on
 * {@link io.newswatch.story.eval.Thesaurus}) — and hard negatives: issues of one template and
 * other Wikinews reports on the same topic. {@link io.newswatch.story.eval.Scores} measures a
 * grouping on it; {@link io.newswatch.story.eval.JaccardBaseline} is the all-pairs baseline.
 * Nothing here knows how the story package decides: the spinner keeps its own stop words.
 */
package io.newswatch.story.eval;
