package io.newswatch.metrics;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.HttpConfiguration;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.UncheckedIOException;
import java.net.BindException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * The monitor's HTTP surface: {@code /metrics} (Prometheus text format),
 * {@code /health} (liveness) and {@code /ready} (readiness), each answering 200 or 503 with a
 * one-line reason; any other path goes to the application handler given, if any (the monitor's
 * query API and console, which guard their own writes with a token). Binds to 127.0.0.1 unless told otherwise. Anything but GET/HEAD is refused
 * with 405, unknown paths with 404, request headers over {@value #MAX_HEADER_BYTES} bytes with
 * 431; request bodies are never read.
 *
 * <p>Slow or idle clients cannot freeze it: requests are parsed without blocking a thread, a
 * connection that sends nothing for {@link #IDLE_TIMEOUT} is closed, and at most
 * {@value #MAX_CONNECTIONS} connections are open at once, so Prometheus and the probes are
 * answered while others dawdle.
 *
 * <p>None of its own endpoints changes state; the application's writes require a configurable
 * token; read-only endpoints stay open so that scrapers and probes need no secret.
 */
public final class MetricsServer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(MetricsServer.class);

    /** Largest total size of request headers served; larger requests get 431. */
    static final int MAX_HEADER_BYTES = 16 * 1024;
    /** A connection silent for this long (mid-request or between requests) is closed. */
    static final Duration IDLE_TIMEOUT = Duration.ofSeconds(10);
    /** Connections open at once; beyond it new ones wait in the accept queue. */
    static final int MAX_CONNECTIONS = 512;
    private static final int MAX_THREADS = 16;

    private final Server server;
    private final ServerConnector connector;
    private final String host;

    private MetricsServer(Server server, ServerConnector connector, String host) {
        this.server = server;
        this.connector = connector;
        this.host = host;
    }

    /**
     * @param host   interface to bind (127.0.0.1 by default in the CLI)
     * @param port   port, 0 for a free one
     * @param health what {@code /health} and {@code /ready} answer
     * @throws UncheckedIOException with a {@link BindException} as its cause when the port is taken
     */
    public static MetricsServer start(String host, int port, PrometheusMeterRegistry registry, HealthCheck health) {
        return start(host, port, registry, health, null);
    }

    /**
     * As {@link #start(String, int, PrometheusMeterRegistry, HealthCheck)}, with {@code app}
     * answering every other path (the monitor's query API and console); null for none.
     */
    public static MetricsServer start(String host, int port, PrometheusMeterRegistry registry, HealthCheck health, Handler app) {
        QueuedThreadPool threads = new QueuedThreadPool(MAX_THREADS, 2);
        threads.setName("metrics-http");
        threads.setDaemon(true);
        Server server = new Server(threads);
        HttpConfiguration http = new HttpConfiguration();
        http.setRequestHeaderSize(MAX_HEADER_BYTES);
        http.setSendServerVersion(false);
        http.setSendXPoweredBy(false);
        ServerConnector connector = new ServerConnector(server, 1, 1, new HttpConnectionFactory(http));
        connector.setHost(host);
        connector.setPort(port);
        connector.setIdleTimeout(IDLE_TIMEOUT.toMillis());
        server.addConnector(connector);
        server.addBean(new NetworkConnectionLimit(MAX_CONNECTIONS, connector));
        server.setHandler(new Endpoints(registry, health, app));
        server.setStopTimeout(1_000);
        try {
            server.start();
        } catch (Exception e) {
            stopQuietly(server);
            for (Throwable t = e; t != null; t = t.getCause()) {
                if (t instanceof BindException bind) {
                    throw new UncheckedIOException(host + ":" + port + " is in use", bind);
                }
            }
            throw new IllegalStateException("cannot serve metrics on " + host + ":" + port + ": " + e.getMessage(), e);
        }
        return new MetricsServer(server, connector, host);
    }

    /** Always ready and live: for tests and tools without a monitor. */
    public static MetricsServer start(String host, int port, PrometheusMeterRegistry registry, java.util.function.BooleanSupplier ready) {
        return start(host, port, registry, HealthCheck.readyWhen(ready));
    }

    public int port() {
        return connector.getLocalPort();
    }

    public String url() {
        return "http://" + host + ":" + port();
    }

    /** The three read-only endpoints, and whatever {@code app} serves. */
    private static final class Endpoints extends Handler.Abstract {
        private final PrometheusMeterRegistry registry;
        private final HealthCheck health;
        private final Handler app;

        Endpoints(PrometheusMeterRegistry registry, HealthCheck health, Handler app) {
            this.registry = registry;
            this.health = health;
            this.app = app;
        }

        @Override
        public boolean handle(Request request, Response response, Callback callback) throws Exception {
            String path = Request.getPathInContext(request);
            if (app != null && !path.equals("/metrics") && !path.equals("/health") && !path.equals("/ready")) {
                return app.handle(request, response, callback);
            }
            try {
                String method = request.getMethod();
                if (!method.equals("GET") && !method.equals("HEAD")) {
                    response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                    respond(request, response, callback, 405, "text/plain", "method not allowed\n");
                    return true;
                }
                switch (Request.getPathInContext(request)) {
                    case "/metrics" -> respond(request, response, callback, 200, "text/plain; version=0.0.4; charset=utf-8",
                            registry.scrape());
                    case "/health" -> status(request, response, callback, health.liveness());
                    case "/ready" -> status(request, response, callback, health.readiness());
                    default -> respond(request, response, callback, 404, "text/plain",
                            "not found: try /metrics, /health or /ready\n");
                }
            } catch (RuntimeException e) {
                LOG.warn("metrics request failed: {}", e.toString());
                callback.failed(e);
            }
            return true;
        }

        private static void status(Request request, Response response, Callback callback, HealthCheck.Status status) {
            respond(request, response, callback, status.ok() ? 200 : 503, "text/plain", status.detail() + "\n");
        }

        private static void respond(Request request, Response response, Callback callback, int status, String contentType,
                                    String body) {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            response.setStatus(status);
            response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
            response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
            if (request.getMethod().equals("HEAD")) {
                callback.succeeded();
            } else {
                response.write(true, ByteBuffer.wrap(bytes), callback);
            }
        }
    }

    @Override
    public void close() {
        stopQuietly(server);
    }

    private static void stopQuietly(Server server) {
        try {
            server.stop();
        } catch (Exception e) {
            LOG.debug("metrics server stop: {}", e.toString());
        }
    }
}
