package io.newswatch.ingest;

import java.util.Locale;

/** Input formats of {@code newswatch ingest}; {@link #AUTO} detects each input's format by its content. */
public enum Format {
    /** By content: XML feeds, HTML pages and JSON by their first bytes; CSV and text by extension or header. */
    AUTO,
    /** One Article JSON object per line. */
    JSONL,
    /** One Article JSON object, an array of them, several objects one after another, or a JSON Feed (1, 1.1). */
    JSON,
    /** A header row naming the columns ({@code url}, {@code date}, {@code title}, {@code text}, …), RFC 4180 quoting. */
    CSV,
    /** One article: the first line is its title, the rest its body. */
    TXT,
    /** A feed: RSS 0.9x/2.0, RSS 1.0 (RDF) or Atom. */
    RSS,
    /** A web page: its title and main text. */
    HTML;

    @Override
    public String toString() {
        return name().toLowerCase(Locale.ROOT);
    }
}
