package io.newswatch.notify;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

/**
 * One POST of a JSON body, as webhook and Slack receivers send it, with the outcome as delivery
 * semantics: 2xx acknowledged; 408, 429 and 5xx worth retrying; other statuses not; a network
 * error or timeout worth retrying. Messages name the host and status, never the URL's path (a
 * Slack webhook path is a credential) or the body.
 */
final class HttpDelivery {

    static final Duration TIMEOUT = Duration.ofSeconds(10);

    private final Duration timeout;
    private final HttpClient client;

    HttpDelivery(Duration timeout) {
        this.timeout = timeout;
        this.client = HttpClient.newBuilder().connectTimeout(timeout).followRedirects(HttpClient.Redirect.NEVER).build();
    }

    void post(URI url, byte[] body, Map<String, String> headers) throws DeliveryException {
        HttpRequest.Builder request = HttpRequest.newBuilder(url).timeout(timeout)
                .header("Content-Type", "application/json")
                .header("User-Agent", "newswatch-notify")
                .POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        HttpResponse<String> response;
        try {
            response = client.send(request.build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new DeliveryException(url.getHost() + ": " + (e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getClass().getSimpleName() + ": " + e.getMessage().lines().findFirst().orElse("")), true, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new DeliveryException(url.getHost() + ": interrupted", true, e);
        }
        int status = response.statusCode();
        if (status / 100 == 2) {
            return;
        }
        boolean retryable = status == 408 || status == 429 || status / 100 == 5;
        String reason = response.body() == null ? "" : response.body().strip().lines().findFirst().orElse("");
        throw new DeliveryException(url.getHost() + " answered HTTP " + status
                + (reason.isEmpty() ? "" : ": " + io.newswatch.text.Printable.line(reason.length() > 120 ? reason.substring(0, 120) + "…" : reason)),
                retryable);
    }
}
