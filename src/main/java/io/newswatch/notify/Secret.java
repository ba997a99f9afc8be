package io.newswatch.notify;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * A secret named in the configuration by where it is, never by its value: an environment variable
 * ({@code env: SLACK_URL}) or a file ({@code file: /run/secrets/smtp}). {@link #toString()} never
 * shows the value.
 */
public final class Secret {

    private final String value;
    private final String origin;

    private Secret(String value, String origin) {
        this.value = value;
        this.origin = origin;
    }

    /** The value of environment variable {@code name}; null when it is unset or blank. */
    public static Secret fromEnv(String name, Map<String, String> env) {
        String v = env.get(name);
        return v == null || v.isBlank() ? null : new Secret(v.strip(), "environment variable " + name);
    }

    /** The content of {@code file}, trailing newline stripped. */
    public static Secret fromFile(Path file) throws IOException {
        return new Secret(Files.readString(file, StandardCharsets.UTF_8).strip(), "file " + file);
    }

    /** A value given on the command line or in a test. */
    public static Secret of(String value, String origin) {
        return new Secret(value, origin);
    }

    public String value() {
        return value;
    }

    /** Where it came from, for messages. */
    public String origin() {
        return origin;
    }

    @Override
    public String toString() {
        return "secret from " + origin;
    }
}
