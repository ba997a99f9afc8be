package io.newswatch.metrics;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newswatch.broker.PortInUseException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.OutputStream;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;

/**
 * The monitor's HTTP surface, read-only: {@code /metrics} (Prometheus text format),
 * {@code /health} (the process is up) and {@code /ready} (200 only while processing runs).
 * Binds to 127.0.0.1 unless told otherwise. Anything but GET/HEAD is refused with 405, unknown
 * paths with 404, requests with more than {@value #MAX_HEADER_BYTES} bytes of headers with 431, other HTTP
 * versions with 400;
 * request bodies are never read.
 *
 * <p>There is deliberately no endpoint that changes state. Any future one (reload, pause, …)
 * must require a configurable token and refuse requests without it; read-only endpoints stay
 * open so that scrapers and probes need no secret.
 */
public final class MetricsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    /** Largest total size of request headers served; larger requests get 431. */
    static final int MAX_HEADER_BYTES = 16 * 1024;

    private final HttpServer server;
    private final ExecutorService executor;

    private MetricsServer(HttpServer server, ExecutorService executor) {
        this.server = server;
        this.executor = executor;
    }

    /**
     * @param host  interface to bind (127.0.0.1 by default in the CLI)
     * @param port  port, 0 for a free one
     * @param ready whether processing runs (for {@code /ready})
     */
    public static MetricsServer start(String host, int port, PrometheusMeterRegistry registry, BooleanSupplier ready) {
        HttpServer server;
        try {
            server = HttpServer.create(new InetSocketAddress(host, port), 16);
        } catch (BindException e) {
            throw new PortInUseException(port);
        } catch (IOException e) {
            throw new IllegalStateException("cannot serve metrics on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        server.createContext("/", exchange -> handle(exchange, registry, ready));
        ExecutorService executor = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "metrics-http");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        server.start();
        return new MetricsServer(server, executor);
    }

    public int port() {
        return server.getAddress().getPort();
    }

    public String url() {
        return "http://" + server.getAddress().getHostString() + ":" + port();
    }

    private static void handle(HttpExchange exchange, PrometheusMeterRegistry registry, BooleanSupplier ready) throws IOException {
        try (exchange) {
            if (headerBytes(exchange) > MAX_HEADER_BYTES) {
                respond(exchange, 431, "text/plain", "request header fields too large\n");
                return;
            }
            if (!exchange.getProtocol().equals("HTTP/1.1") && !exchange.getProtocol().equals("HTTP/1.0")) {
                respond(exchange, 400, "text/plain", "HTTP/1.0 or HTTP/1.1 only\n");
                return;
            }
            String method = exchange.getRequestMethod();
            if (!method.equals("GET") && !method.equals("HEAD")) {
                exchange.getResponseHeaders().add("Allow", "GET, HEAD");
                respond(exchange, 405, "text/plain", "method not allowed\n");
                return;
            }
            switch (exchange.getRequestURI().getPath()) {
                case "/metrics" -> respond(exchange, 200, "text/plain; version=0.0.4; charset=utf-8", registry.scrape());
                case "/health" -> respond(exchange, 200, "text/plain", "ok\n");
                case "/ready" -> {
                    boolean isReady = ready.getAsBoolean();
                    respond(exchange, isReady ? 200 : 503, "text/plain", isReady ? "ready\n" : "not ready\n");
                }
                default -> respond(exchange, 404, "text/plain", "not found: try /metrics, /health or /ready\n");
            }
        } catch (RuntimeException e) {
            LOG.warn("metrics request failed: {}", e.toString());
        }
    }

    private static void respond(HttpExchange exchange, int status, String contentType, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", contentType);
        boolean head = exchange.getRequestMethod().equals("HEAD");
        exchange.sendResponseHeaders(status, head ? -1 : bytes.length);
        if (!head) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static long headerBytes(HttpExchange exchange) {
        long bytes = exchange.getRequestURI().toString().length();
        for (var header : exchange.getRequestHeaders().entrySet()) {
            for (String value : header.getValue()) {
                bytes += header.getKey().length() + value.length() + 4;
            }
        }
        return bytes;
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
