package io.newswatch.notify;

/**
 * A notification the receiver did not acknowledge. The message is one line fit for a log and a
 * dead-letter header: the status or error, never a secret, never the body sent.
 */
public final class DeliveryException extends Exception {

    private final boolean retryable;

    public DeliveryException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public DeliveryException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    /** False for what a retry cannot fix (HTTP 4xx other than 408/429, a refused recipient). */
    public boolean retryable() {
        return retryable;
    }
}
