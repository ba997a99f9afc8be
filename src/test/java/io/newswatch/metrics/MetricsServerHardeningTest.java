package io.newswatch.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newswatch.cli.NewswatchCli;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The HTTP surface answers what it serves, refuses the rest, and survives hostile requests. */
@Timeout(60)
class MetricsServerHardeningTest {

    private MetricsServer server;

    @BeforeEach
    void start() {
        server = MetricsServer.start("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), () -> true);
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void shouldBindToLoopbackByDefault() throws Exception {
        String defaultHost = NewswatchCli.commandLine().getSubcommands().get("run").getCommandSpec()
                .findOption("--metrics-host").defaultValue();
        assertThat(defaultHost).isEqualTo("127.0.0.1");
        assertThat(InetAddress.getByName(URI.create(server.url()).getHost()).isLoopbackAddress()).isTrue();
    }

    @Test
    void shouldServeReadOnlyEndpointsAndRefuseEverythingElse() throws Exception {
        assertThat(status("GET", "/health")).isEqualTo(200);
        assertThat(status("GET", "/ready")).isEqualTo(200);
        assertThat(status("GET", "/metrics")).isEqualTo(200);
        for (String method : new String[] {"POST", "PUT", "DELETE", "PATCH"}) {
            assertThat(status(method, "/metrics")).as(method).isEqualTo(405);
            assertThat(status(method, "/anything")).as(method).isEqualTo(405);
        }
        assertThat(status("GET", "/admin")).isEqualTo(404);
    }

    @Test
    void shouldRefuseOversizedAndMalformedRequestsAndKeepServing() throws Exception {
        String host = "Host: 127.0.0.1\r\n";
        String[] hostile = {
                "GET /health HTTP/1.1\r\n" + host + "X-Big: " + "a".repeat(2_000_000) + "\r\n\r\n",
                "GET /health HTTP/1.1\r\n" + host + "X-Many: 1\r\n".repeat(5_000) + "\r\n",
                "GET /" + "a".repeat(100_000) + " HTTP/1.1\r\n" + host + "\r\n",
                "POST /metrics HTTP/1.1\r\n" + host + "Content-Length: 50000000\r\n\r\n" + "x".repeat(1_000_000),
                "GARBAGE\r\n\r\n",
                "GET /health HTTP/9.9 extra\r\n\r\n",
                "\u0000\u0001\u0002\r\n\r\n",
        };
        for (String request : hostile) {
            String statusLine = raw(request);
            assertThat(statusLine == null || statusLine.matches("HTTP/1\\.1 4\\d\\d .*"))
                    .as("status line %s for request starting %s", statusLine, request.substring(0, Math.min(20, request.length()))).isTrue();
        }
        assertThat(status("GET", "/health")).isEqualTo(200);
    }

    @Test
    void shouldAnswerProbesWhileSlowClientsHoldConnectionsAndCloseTheSlowOnes() throws Exception {
        // Given more dawdling clients than the server has threads: some send half a request line
        // and stop, some connect and send nothing
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) {
                Socket socket = new Socket("127.0.0.1", server.port());
                if (i % 2 == 0) {
                    socket.getOutputStream().write("GET /metrics HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
                    socket.getOutputStream().flush();
                }
                slow.add(socket);
            }

            // When a probe and a scrape arrive, then they are answered at once
            long start = System.nanoTime();
            assertThat(status("GET", "/health")).isEqualTo(200);
            assertThat(status("GET", "/metrics")).isEqualTo(200);
            assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));

            // And the dawdlers are disconnected once idle for the server's timeout
            Socket halfRequest = slow.get(0);
            halfRequest.setSoTimeout((int) MetricsServer.IDLE_TIMEOUT.plusSeconds(10).toMillis());
            assertThat(readUntilClosed(halfRequest)).as("the server closed the half-sent request").isTrue();
        } finally {
            for (Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void shouldAnswerLivenessAndReadinessWithTheirReasons() throws Exception {
        server.close();
        server = MetricsServer.start("127.0.0.1", 0, new PrometheusMeterRegistry(PrometheusConfig.DEFAULT), new HealthCheck() {
            @Override
            public Status liveness() {
                return Status.failing("stream thread failed 3 times without progress");
            }

            @Override
            public Status readiness() {
                return Status.failing("no broker contact for 12 s");
            }
        });

        assertThat(status("GET", "/health")).isEqualTo(503);
        assertThat(body("/health")).isEqualTo("stream thread failed 3 times without progress\n");
        assertThat(status("GET", "/ready")).isEqualTo(503);
        assertThat(body("/ready")).isEqualTo("no broker contact for 12 s\n");
    }

    /** True when the peer closed the connection (end of stream or reset) before the socket's timeout. */
    private static boolean readUntilClosed(Socket socket) throws IOException {
        try {
            while (true) {
                if (socket.getInputStream().read() < 0) {
                    return true;
                }
            }
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private String body(String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(server.url() + path).toURL().openConnection();
        c.setConnectTimeout(5_000);
        c.setReadTimeout(5_000);
        try (var in = c.getResponseCode() < 400 ? c.getInputStream() : c.getErrorStream()) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } finally {
            c.disconnect();
        }
    }

    private int status(String method, String path) throws IOException {
        HttpURLConnection c = (HttpURLConnection) URI.create(server.url() + path).toURL().openConnection();
        c.setRequestMethod(method.equals("PATCH") ? "POST" : method);
        if (method.equals("PATCH")) {
            c.setRequestProperty("X-HTTP-Method-Override", "PATCH");
        }
        c.setConnectTimeout(5_000);
        c.setReadTimeout(5_000);
        try {
            return c.getResponseCode();
        } finally {
            c.disconnect();
        }
    }

    /** Sends raw bytes; returns the status line, or null when the server closed the connection. */
    private String raw(String request) throws IOException {
        try (Socket socket = new Socket("127.0.0.1", server.port())) {
            socket.setSoTimeout(10_000);
            try {
                OutputStream out = socket.getOutputStream();
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
                socket.shutdownOutput();
            } catch (IOException closedWhileWriting) {
                return null;
            }
            try {
                return new BufferedReader(new InputStreamReader(socket.getInputStream(), StandardCharsets.ISO_8859_1)).readLine();
            } catch (IOException reset) {
                return null;
            }
        }
    }
}
