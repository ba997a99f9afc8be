/**
 * Text from outside the program, made safe to show.
 *
 * <p>Titles, sources, snippets and names come from whoever published an article or wrote a
 * watchlist record. Printed raw, a line break in a title forges a whole alert line of its own, an
 * escape sequence clears or rewrites the analyst's terminal, and a bidirectional override makes
 * text read differently from what it is. {@link io.newswatch.text.Printable#line(String)} turns
 * any string into something that stays inside one terminal line and shows every control
 * character it had, while leaving ordinary text of every script untouched. Every human-readable
 * output (alert lines, {@code match}, {@code watchlist list}, ingest reports) passes the text it
 * takes from a record through it; JSON output needs nothing, JSON escapes control characters
 * itself.
 *
 * <p>This package owns that one rule and imports nothing of the product, so any package may use
 * it.
 */
package io.newswatch.text;
