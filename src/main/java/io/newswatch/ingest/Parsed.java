package io.newswatch.ingest;

import io.newswatch.text.Printable;

import java.time.OffsetDateTime;

/** What a reader finds in an input: an article draft, not yet validated, or a bad record. */
sealed interface Parsed {

    /** Where in the input: {@code file:line}, {@code feed.xml:12 (item 3)}, a URL. */
    String where();

    /** An article as read; {@link Pipeline} validates it and derives its id. */
    record Draft(String id, String url, String source, String title, String body, String language,
                 OffsetDateTime publishedAt, String where) implements Parsed {
    }

    /** A record that cannot become an article. {@code detail} never quotes the record's text. */
    record Bad(String where, Reason reason, String detail) implements Parsed {
        /**
         * One line for the user: {@code data/a.jsonl:3: blank-body: no body}. File names, URLs and
         * details go through {@link Printable#line(String)}.
         */
        String describe() {
            return Printable.line(where + ": " + reason.key() + (detail == null || detail.isBlank() ? "" : ": " + detail));
        }
    }
}
