/**
 * The article: the {@link io.newswatch.article.Article} record (the value of every record on
 * {@code news.articles}), its validation, and stable ids derived from a canonical URL or the
 * content ({@link io.newswatch.article.ArticleIds}). Imports nothing of the product.
 */
package io.newswatch.article;
