package io.newswatch.broker;

/** A port the program was asked to listen on is taken; the message names it, the CLI adds the flag. */
public final class PortInUseException extends RuntimeException {
    private final int port;

    public PortInUseException(int port) {
        super("port " + port + " is already in use");
        this.port = port;
    }

    public int port() {
        return port;
    }
}
