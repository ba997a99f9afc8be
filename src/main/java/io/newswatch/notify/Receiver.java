package io.newswatch.notify;

/**
 * Where notifications go: a webhook, Slack, email, a file. {@link #deliver} returns once the other
 * side acknowledged (HTTP 2xx, SMTP 250, bytes written) or throws; the caller retries, so a
 * receiver keeps no retry logic of its own. Implementations are used from one thread at a time.
 */
public interface Receiver extends AutoCloseable {

    /** The receiver's name in the configuration, used in logs, metrics and dead-letter headers. */
    String name();

    /**
     * Delivers one notification.
     *
     * @throws DeliveryException when it was not acknowledged; {@link DeliveryException#retryable()}
     *                           says whether trying again may help
     */
    void deliver(Notification notification) throws DeliveryException;

    @Override
    default void close() {
    }
}
