package io.newswatch.ingest;

/** Why a record was rejected; {@link #key()} names it in messages and in the summary. */
enum Reason {
    /** A JSON line or document that does not parse. */
    INVALID_JSON("invalid-json"),
    /** Parses, but is not an article: not an object, a field of the wrong type, a date that is not one. */
    INVALID_RECORD("invalid-record"),
    /** No body, or only white space. */
    BLANK_BODY("blank-body"),
    /** A body over {@code --max-body-bytes} (UTF-8). */
    BODY_TOO_LARGE("body-too-large"),
    /** A whole input that could not be read: missing, not a feed, HTTP error, I/O error. */
    UNREADABLE("unreadable");

    private final String key;

    Reason(String key) {
        this.key = key;
    }

    String key() {
        return key;
    }
}
