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
