package io.newswatch.ingest;

import java.io.IOException;
import java.net.URI;
import java.time.Duration;

/** Gets a URL, conditionally when a validator from the last fetch is known. */
interface Fetcher {

    /**
     * @param etag         the ETag of the last successful fetch, or null
     * @param lastModified the Last-Modified of the last successful fetch, or null
     * @throws IOException on a network error or an HTTP status other than 200 and 304
     */
    Response fetch(URI uri, String etag, String lastModified) throws IOException;

    /** A 200 with its body, or a 304 ({@link #notModified()}) without one. */
    record Response(int status, byte[] body, String contentType, String etag, String lastModified) {
        boolean notModified() {
            return status == 304;
        }
    }

    /** An HTTP status the server meant as "not now"; {@code retryAfter} is its Retry-After, or null. */
    final class HttpStatusException extends IOException {
        final int status;
        final Duration retryAfter;

        HttpStatusException(int status, Duration retryAfter) {
            super("HTTP " + status);
            this.status = status;
            this.retryAfter = retryAfter;
        }
    }
}
