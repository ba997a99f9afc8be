package io.newswatch.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import io.newswatch.kafka.Json;
import io.newswatch.watchlist.AlertKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static io.newswatch.notify.Alerts.alert;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Webhook and Slack receivers against a real HTTP server. */
class WebhookReceiverTest {

    private record Request(String path, Map<String, List<String>> headers, byte[] body) {
    }

    private HttpServer server;
    private final List<Request> requests = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(200);
    /** Holds the /hang receiver's answer until the test is over. */
    private final java.util.concurrent.CountDownLatch answer = new java.util.concurrent.CountDownLatch(1);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/hang", exchange -> {
            try {
                answer.await(30, java.util.concurrent.TimeUnit.SECONDS); // a receiver that does not answer in time
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            exchange.close();
        });
        server.createContext("/", exchange -> {
            requests.add(new Request(exchange.getRequestURI().getPath(), exchange.getRequestHeaders(), exchange.getRequestBody().readAllBytes()));
            byte[] answer = (status.get() == 200 ? "ok" : "invalid_payload").getBytes();
            exchange.sendResponseHeaders(status.get(), answer.length);
            exchange.getResponseBody().write(answer);
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        answer.countDown();
        server.stop(0);
    }

    private URI url(String path) {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + path);
    }

    private static Notification notification(int alerts) {
        List<io.newswatch.alert.Alert> list = new java.util.ArrayList<>();
        for (int i = 0; i < alerts; i++) {
            list.add(alert("a" + i, AlertKind.MENTION, "icc"));
        }
        return new Notification("hook", "entity=icc", Map.of("entity", "icc"), list, "key-1", false);
    }

    @Test
    void shouldPostTheAlertsSignedWithAnIdempotencyKey() throws Exception {
        new WebhookReceiver("hook", url("/in"), Secret.of("s3cret", "test"), Map.of("X-Team", "desk")).deliver(notification(2));

        Request r = requests.get(0);
        JsonNode body = Json.mapper().readTree(r.body());
        assertThat(body.path("groupKey").asText()).isEqualTo("entity=icc");
        assertThat(body.path("alerts")).hasSize(2);
        assertThat(body.path("alerts").get(0).path("alertId").asText()).isEqualTo("a0");
        assertThat(r.headers().get("Idempotency-key")).containsExactly("key-1");
        assertThat(r.headers().get("X-team")).containsExactly("desk");
        assertThat(r.headers().get("X-newswatch-signature-256"))
                .containsExactly("sha256=" + WebhookReceiver.hmac("s3cret", r.body()));
        // the HMAC-SHA256 test vector of RFC 4231, case 2
        assertThat(WebhookReceiver.hmac("Jefe", "what do ya want for nothing?".getBytes()))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void shouldSayWhichFailuresAreWorthRetrying() {
        WebhookReceiver hook = new WebhookReceiver("hook", url("/in"), null, Map.of());
        for (int code : new int[] {500, 503, 429, 408}) {
            status.set(code);
            assertThatThrownBy(() -> hook.deliver(notification(1))).isInstanceOfSatisfying(DeliveryException.class,
                    e -> assertThat(e.retryable()).as("HTTP %d", code).isTrue());
        }
        status.set(400);
        assertThatThrownBy(() -> hook.deliver(notification(1))).isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isFalse();
            assertThat(e.getMessage()).isEqualTo("127.0.0.1 answered HTTP 400: invalid_payload");
        });
        server.stop(0);
        assertThatThrownBy(() -> hook.deliver(notification(1))).isInstanceOfSatisfying(DeliveryException.class,
                e -> assertThat(e.retryable()).as("connection refused").isTrue());
    }

    @Test
    void shouldRetryAReceiverThatDoesNotAnswerInTime() {
        WebhookReceiver hook = new WebhookReceiver("hook", url("/hang"), null, Map.of(), java.time.Duration.ofMillis(300));

        assertThatThrownBy(() -> hook.deliver(notification(1))).isInstanceOfSatisfying(DeliveryException.class, e -> {
            assertThat(e.retryable()).isTrue();
            assertThat(e.getMessage()).startsWith("127.0.0.1: HttpTimeoutException");
        });
    }

    @Test
    void shouldPostSlackBlocksWithEscapedTextAndALimit() throws Exception {
        new SlackReceiver("desk", url("/services/T/B/X")).deliver(notification(25));

        JsonNode message = Json.mapper().readTree(requests.get(0).body());
        assertThat(message.path("text").asText()).isEqualTo("newswatch: 25 alerts — ICC (MENTION)");
        JsonNode blocks = message.path("blocks");
        assertThat(blocks.get(0).path("type").asText()).isEqualTo("header");
        assertThat(blocks).hasSize(1 + SlackReceiver.MAX_ALERT_BLOCKS + 2);
        assertThat(blocks.get(1).path("text").path("text").asText()).isEqualTo(
                "*MENTION* · *ICC* · 1 article\n<https://news.example/a0|Headline &lt;a0&gt;> — Wire\n>A snippet about icc &amp; more");
        assertThat(blocks.get(21).path("text").path("text").asText()).isEqualTo("_and 5 more alerts_");
        assertThat(blocks.get(22).path("type").asText()).isEqualTo("context");
    }

    @Test
    void shouldNotShowTheSlackWebhookPathInErrors() {
        status.set(404);
        assertThatThrownBy(() -> new SlackReceiver("desk", url("/services/T000/B000/SECRETTOKEN")).deliver(notification(1)))
                .hasMessageNotContaining("SECRETTOKEN").hasMessageContaining("HTTP 404");
    }
}
