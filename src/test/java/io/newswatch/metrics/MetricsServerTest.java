package io.newswatch.metrics;

import io.micrometer.core.instrument.Counter;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP surface: /metrics, /health, /ready, read-only, on localhost. */
class MetricsServerTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    private final AtomicBoolean running = new AtomicBoolean();
    private MetricsServer server;

    @BeforeEach
    void start() {
        server = MetricsServer.start("127.0.0.1", 0, registry, running::get);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldServeTheRegistryInPrometheusTextFormat() throws Exception {
        Counter.builder("newswatch.articles.in").register(registry).increment(3);

        HttpResponse<String> response = get("/metrics");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(v -> assertThat(v).startsWith("text/plain; version=0.0.4"));
        assertThat(response.body()).contains("# TYPE newswatch_articles_in_total counter", "newswatch_articles_in_total 3.0");
    }

    @Test
    void shouldBeReadyOnlyWhileProcessingRunsAndHealthyThroughout() throws Exception {
        assertThat(get("/ready").statusCode()).isEqualTo(503);
        assertThat(get("/health").statusCode()).isEqualTo(200);

        running.set(true);
        assertThat(get("/ready").statusCode()).isEqualTo(200);

        running.set(false);
        assertThat(get("/ready").statusCode()).isEqualTo(503);
        assertThat(get("/health").statusCode()).isEqualTo(200);
    }

    @Test
    void shouldRefuseWritesAndUnknownPaths() throws Exception {
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + "/metrics"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(post.statusCode()).isEqualTo(405);
        assertThat(post.headers().firstValue("Allow")).contains("GET, HEAD");
        assertThat(get("/admin").statusCode()).isEqualTo(404);
    }

    @Test
    void shouldListenOnTheGivenInterfaceOnly() {
        assertThat(server.url()).startsWith("http://127.0.0.1:");
        assertThat(server.port()).isPositive();
    }

    private HttpResponse<String> get(String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + path)).GET().build(), HttpResponse.BodyHandlers.ofString());
    }
}
