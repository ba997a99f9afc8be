/**
 * The name-matching evaluation set of {@code EVALUATION.md} ("Name matching on spun copies"),
 * made from the shared real news data with fixed seeds ({@link io.newswatch.match.eval.NameSet}):
 * a watchlist of about 1,000 names — GUM's linked identities with their gold mentions
 * ({@link io.newswatch.match.eval.GumGold}) and multi-word names mined from Wikinews
 * ({@link io.newswatch.match.eval.WikinewsNames}) — over the Wikinews articles and GUM documents,
 * and copies of them spun by the story evaluation's thesaurus spinner, traced word by word
 * ({@link io.newswatch.match.eval.SpinTrace}) so that a mention is looked for where it went.
 * Nothing here knows how the matcher decides: which aliases are approximate follows
 * {@link io.newswatch.watchlist.Alias#APPROXIMATE_MIN_WORDS}.
 */
package io.newswatch.match.eval;
