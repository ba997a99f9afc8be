package io.newswatch.monitor;

import java.util.Locale;

/** Why a record went to the dead-letter topic; the key is the {@code reason} header and metric tag. */
public enum RejectReason {
    NULL_VALUE,
    EMPTY_VALUE,
    INVALID_UTF8,
    MALFORMED_JSON,
    TOO_DEEP,
    WRONG_SHAPE,
    WRONG_TYPE,
    MISSING_BODY,
    BLANK_BODY,
    BODY_TOO_LARGE,
    TITLE_TOO_LARGE,
    PROCESSING_ERROR;

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
