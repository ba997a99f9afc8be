package io.newswatch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpHeaders;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Optional;

/**
 * Fetching over HTTP(S) with the JDK client: connect and request timeouts, redirects followed
 * (not from HTTPS to HTTP), a User-Agent that names the program, conditional requests, and a cap
 * on the body size.
 */
final class HttpFetcher implements Fetcher {

    static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(10);
    static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    /** Larger responses are refused: no feed or page is this big, and it bounds memory. */
    static final int MAX_BODY_BYTES = 32 * 1024 * 1024;

    private final HttpClient client;
    private final String userAgent;

    HttpFetcher(String version) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(CONNECT_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NORMAL)
                .build();
        this.userAgent = "newswatch/" + version + " (news monitor; Java HttpClient)";
    }

    @Override
    public Response fetch(URI uri, String etag, String lastModified) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri)
                .timeout(REQUEST_TIMEOUT)
                .header("User-Agent", userAgent)
                .header("Accept", "application/rss+xml, application/atom+xml, application/rdf+xml, "
                        + "application/xml;q=0.9, text/xml;q=0.9, text/html;q=0.8, application/json;q=0.8, */*;q=0.5")
                .GET();
        if (etag != null) {
            request.header("If-None-Match", etag);
        }
        if (lastModified != null) {
            request.header("If-Modified-Since", lastModified);
        }
        HttpResponse<InputStream> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
        } catch (HttpTimeoutException e) {
            throw new IOException("timed out after " + REQUEST_TIMEOUT.toSeconds() + " s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted");
        }
        HttpHeaders headers = response.headers();
        try (InputStream body = response.body()) {
            if (response.statusCode() == 304) {
                return new Response(304, new byte[0], null, etag, lastModified);
            }
            if (response.statusCode() != 200) {
                throw new HttpStatusException(response.statusCode(), retryAfter(headers.firstValue("Retry-After")));
            }
            byte[] bytes = body.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new IOException("response larger than " + MAX_BODY_BYTES + " bytes");
            }
            return new Response(200, bytes, headers.firstValue("Content-Type").orElse(null),
                    headers.firstValue("ETag").orElse(null), headers.firstValue("Last-Modified").orElse(null));
        }
    }

    private static Duration retryAfter(Optional<String> value) {
        try {
            return value.map(v -> Duration.ofSeconds(Long.parseLong(v.strip()))).orElse(null);
        } catch (NumberFormatException e) {
            return null; // an HTTP date: the normal backoff applies
        }
    }
}
