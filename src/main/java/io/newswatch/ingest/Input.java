package io.newswatch.ingest;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.LongConsumer;

/**
 * One document to read: a file, or bytes already in memory (stdin, a fetched URL). Can be opened
 * more than once, so a first pass can validate and a second send ({@code --strict}).
 */
final class Input {

    private final String name;
    private final Path path;
    private final byte[] bytes;
    private final String baseUrl;
    private final String contentType;
    private final LongConsumer onRead;

    private Input(String name, Path path, byte[] bytes, String baseUrl, String contentType, LongConsumer onRead) {
        this.name = name;
        this.path = path;
        this.bytes = bytes;
        this.baseUrl = baseUrl;
        this.contentType = contentType;
        this.onRead = onRead;
    }

    static Input file(Path path) {
        return new Input(path.toString(), path, null, null, null, null);
    }

    /** Bytes from stdin or the web; {@code baseUrl} (or null) resolves relative links and is the page's URL. */
    static Input bytes(String name, byte[] bytes, String baseUrl, String contentType) {
        return new Input(name, null, bytes, baseUrl, contentType, null);
    }

    /** The name used in messages: the path, the URL or {@code stdin}. */
    String name() {
        return name;
    }

    /** The URL it came from, or null. */
    String baseUrl() {
        return baseUrl;
    }

    /** The HTTP Content-Type, or null. */
    String contentType() {
        return contentType;
    }

    /** The file name's extension in lower case ({@code json}), or "" when there is none. */
    String extension() {
        String last = name;
        int query = last.indexOf('?');
        if (baseUrl != null && query >= 0) {
            last = last.substring(0, query);
        }
        last = last.substring(Math.max(last.lastIndexOf('/'), last.lastIndexOf('\\')) + 1);
        int dot = last.lastIndexOf('.');
        return dot <= 0 ? "" : last.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The size in bytes. */
    long size() throws IOException {
        return bytes != null ? bytes.length : Files.size(path);
    }

    /** The same input, reporting the number of bytes read through {@link #open()} to {@code onRead}. */
    Input counting(LongConsumer onRead) {
        return new Input(name, path, bytes, baseUrl, contentType, onRead);
    }

    InputStream open() throws IOException {
        InputStream in = bytes != null ? new ByteArrayInputStream(bytes) : Files.newInputStream(path);
        if (onRead == null) {
            return in;
        }
        return new FilterInputStream(in) {
            @Override
            public int read() throws IOException {
                int b = super.read();
                if (b >= 0) {
                    onRead.accept(1);
                }
                return b;
            }

            @Override
            public int read(byte[] buffer, int off, int len) throws IOException {
                int n = super.read(buffer, off, len);
                if (n > 0) {
                    onRead.accept(n);
                }
                return n;
            }
        };
    }

    /** Up to {@code n} first bytes, for format detection. */
    byte[] head(int n) throws IOException {
        if (bytes != null) {
            return Arrays.copyOf(bytes, Math.min(n, bytes.length));
        }
        try (InputStream in = open()) {
            return in.readNBytes(n);
        }
    }

    @Override
    public String toString() {
        return name;
    }
}
