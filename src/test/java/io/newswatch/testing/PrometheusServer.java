package io.newswatch.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * A real Prometheus server ({@code prometheus} on the PATH; CI installs Debian's package) on a
 * free port, scraping one target every second, with its storage in a given directory. Stopped
 * by {@link #close()}. Queries go through its HTTP API.
 */
public final class PrometheusServer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final Process process;
    private final URI base;
    private final Path log;

    private PrometheusServer(Process process, URI base, Path log) {
        this.process = process;
        this.base = base;
        this.log = log;
    }

    /** The {@code prometheus} executable on the PATH, if any. */
    public static Optional<Path> executable() {
        String path = System.getenv().getOrDefault("PATH", "");
        return Stream.of(path.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, "prometheus"))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * Starts Prometheus scraping {@code target} (host:port, path {@code /metrics}) every second and
     * returns once it answers {@code /-/ready}.
     *
     * @throws IllegalStateException when {@code prometheus} is not on the PATH or does not start
     */
    public static PrometheusServer start(Path workDir, String target, Duration timeout) throws IOException, InterruptedException {
        return start(workDir, List.of(target), timeout);
    }

    /**
     * Starts Prometheus scraping every one of {@code targets} (host:port, path {@code /metrics}) every
     * second, as one job, and returns once it answers {@code /-/ready}.
     *
     * @throws IllegalStateException when {@code prometheus} is not on the PATH or does not start
     */
    public static PrometheusServer start(Path workDir, List<String> targets, Duration timeout) throws IOException, InterruptedException {
        Path binary = executable().orElseThrow(() -> new IllegalStateException(
                "'prometheus' is not on the PATH: install it (apt-get install prometheus; .ci/run does) to run this test"));
        int port = freePort();
        Path config = workDir.resolve("prometheus.yml");
        Files.writeString(config, """
                global:
                  scrape_interval: 1s
                  scrape_timeout: 1s
                  evaluation_interval: 1s
                scrape_configs:
                  - job_name: newswatch
                    metrics_path: /metrics
                    static_configs:
                      - targets: [%s]
                """.formatted(targets.stream().map(t -> "\"" + t + "\"").collect(java.util.stream.Collectors.joining(", "))));
        Path log = workDir.resolve("prometheus.log");
        Process process = new ProcessBuilder(binary.toString(),
                "--config.file=" + config,
                "--storage.tsdb.path=" + workDir.resolve("data"),
                "--web.listen-address=127.0.0.1:" + port,
                "--log.level=warn")
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        PrometheusServer server = new PrometheusServer(process, URI.create("http://127.0.0.1:" + port), log);
        try {
            server.await("Prometheus ready on port " + port, timeout, () -> {
                if (!process.isAlive()) {
                    throw new IllegalStateException("prometheus exited with " + process.exitValue() + ": " + server.logTail());
                }
                return server.get("/-/ready").statusCode() == 200;
            });
        } catch (RuntimeException | InterruptedException e) {
            server.close();
            throw e;
        }
        return server;
    }

    public URI uri() {
        return base;
    }

    /** Whether the last scrape of every target succeeded. */
    public boolean targetUp() {
        JsonNode targets = json("/api/v1/targets").path("data").path("activeTargets");
        for (JsonNode t : targets) {
            if (!t.path("health").asText().equals("up")) {
                return false;
            }
        }
        return !targets.isEmpty();
    }

    /** {@code /api/v1/query}: the whole response ({@code status}, {@code data.resultType}, {@code data.result}). */
    public JsonNode query(String promql) {
        return json("/api/v1/query?query=" + URLEncoder.encode(promql, StandardCharsets.UTF_8));
    }

    /** {@code /api/v1/series}: label sets of the series matching {@code selector}. */
    public JsonNode series(String selector) {
        return json("/api/v1/series?match[]=" + URLEncoder.encode(selector, StandardCharsets.UTF_8));
    }

    /** Polls {@code condition} every 200 ms until it holds; fails with {@code what} after {@code timeout}. */
    public void await(String what, Duration timeout, Supplier<Boolean> condition) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        RuntimeException last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (condition.get()) {
                    return;
                }
            } catch (IllegalStateException e) {
                throw e;
            } catch (RuntimeException e) {
                last = e;
            }
            synchronized (this) {
                TimeUnit.MILLISECONDS.timedWait(this, 200);
            }
        }
        throw new IllegalStateException("timed out after " + timeout + " waiting for: " + what
                + (last == null ? "" : " (last error: " + last + ")") + "; prometheus log: " + logTail());
    }

    private JsonNode json(String pathAndQuery) {
        HttpResponse<String> response = get(pathAndQuery);
        try {
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new UncheckedIOException("prometheus answered " + response.statusCode() + " with non-JSON: " + response.body(), e);
        }
    }

    private HttpResponse<String> get(String pathAndQuery) {
        try {
            return HTTP.send(HttpRequest.newBuilder(base.resolve(pathAndQuery)).timeout(Duration.ofSeconds(10)).GET().build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }

    private String logTail() {
        try {
            List<String> lines = Files.exists(log) ? Files.readAllLines(log) : List.of();
            return String.join("\n", new ArrayList<>(lines.subList(Math.max(0, lines.size() - 20), lines.size())));
        } catch (IOException e) {
            return "(log unreadable: " + e.getMessage() + ")";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    /** Stops Prometheus: SIGTERM, then SIGKILL if it has not exited within 10 s. */
    @Override
    public void close() {
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
