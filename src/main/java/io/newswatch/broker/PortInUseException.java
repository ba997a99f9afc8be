package io.newswatch.broker;

/** A port the program was asked to listen on is taken; the message names the port and, when known, the flag. */
public final class PortInUseException extends RuntimeException {
    private final int port;

    public PortInUseException(int port) {
        super("port " + port + " is already in use");
        this.port = port;
    }

    /** @param flag the option that chooses this port, e.g. {@code --port} */
    public PortInUseException(int port, String flag) {
        super("port " + port + " is already in use; choose another with " + flag);
        this.port = port;
    }

    public int port() {
        return port;
    }
}
