package io.newswatch.ingest;

import io.newswatch.text.Printable;

/**
 * Ingest could not run: the topic is missing, or {@code --strict} found bad records (then
 * {@link #badInput()} is true and nothing was sent). The message is one line for the user; the
 * paths and URLs it names go through {@link Printable#line(String)}.
 */
public final class IngestException extends RuntimeException {

    private final boolean badInput;

    IngestException(String message) {
        this(message, false);
    }

    IngestException(String message, boolean badInput) {
        super(Printable.line(message));
        this.badInput = badInput;
    }

    /** True when the input was at fault (exit code 2), false when the cluster was (exit code 1). */
    public boolean badInput() {
        return badInput;
    }
}
