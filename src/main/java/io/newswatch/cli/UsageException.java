package io.newswatch.cli;

/** Bad usage or bad input: the message is printed as one line and the program exits with 2. */
public final class UsageException extends RuntimeException {
    public UsageException(String message) {
        super(message);
    }
}
