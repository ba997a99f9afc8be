package io.newswatch.topics;

/** A topic file is invalid; the message names the file, the line and the field. */
public final class TopicSpecException extends RuntimeException {
    public TopicSpecException(String message) {
        super(message);
    }
}
