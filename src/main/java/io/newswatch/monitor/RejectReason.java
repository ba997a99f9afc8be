package io.newswatch.monitor;

import java.util.Locale;

/**
 * Why a record went to the dead-letter topic, chosen where the problem is found; the key is the
 * {@code newswatch.reason} header and the {@code reason} tag of {@code newswatch.articles.rejected}.
 */
public enum RejectReason {
    NULL_VALUE,
    EMPTY_VALUE,
    /** Larger than any acceptable article could be: refused before parsing. */
    VALUE_TOO_LARGE,
    INVALID_UTF8,
    MALFORMED_JSON,
    TOO_DEEP,
    WRONG_SHAPE,
    WRONG_TYPE,
    MISSING_BODY,
    BLANK_BODY,
    BODY_TOO_LARGE,
    TITLE_TOO_LARGE,
    /** The id, URL, source or language is longer than its limit. */
    FIELD_TOO_LARGE,
    /** Something the monitor would write for this article exceeds what its topic accepts. */
    OUTPUT_TOO_LARGE,
    PROCESSING_ERROR;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
