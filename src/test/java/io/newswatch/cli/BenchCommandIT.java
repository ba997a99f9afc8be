package io.newswatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.bench.BenchReport;
import io.newswatch.kafka.Json;
import io.newswatch.testing.Tags;
import io.newswatch.testing.TestData;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code newswatch bench} at toy size, in-process on its own embedded broker: every section of
 * the report is there and holds plausible numbers, so the command cannot rot. The figures mean
 * nothing at this size; BENCHMARKS.md has a real run.
 */
@Tag(Tags.INTEGRATION)
@Timeout(120)
class BenchCommandIT {

    @TempDir
    Path tmp;

    @Test
    void shouldMeasureEverySectionAndWriteJsonAndMarkdownReports() throws Exception {
        // Given a tiny run
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cli = NewswatchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        Path json = tmp.resolve("bench.json");

        // When
        int code = cli.execute("bench", "--articles", "200", "--entities", "100", "--rate", "50", "--latency-seconds", "2",
                "--warm-up-seconds", "1", "--throughput-passes", "2", "--scale-entities", "100,300", "--threads", "1", "--data", TestData.dir().toString(),
                "--work-dir", tmp.resolve("work").toString(), "--report", json.toString());

        // Then
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("[bench", "throughput pass 2:", "baseline pass 4", "latency:", "entity live:");
        assertThat(out.toString()).contains("plain consumer", "timed passes", "p50 / p95 / p99 / max", "entity live", "floor");
        JsonNode r = Json.mapper().readTree(json.toFile());
        assertThat(r.at("/machine/cores").asInt()).isPositive();
        assertThat(r.at("/machine/jvm").asText()).isNotBlank();
        assertThat(r.at("/machine/initialHeapMb").asLong()).isPositive().isLessThanOrEqualTo(r.at("/machine/maxHeapMb").asLong());
        assertThat(r.at("/settings/processingGuarantee").asText()).isEqualTo("exactly_once_v2");
        assertThat(r.at("/fill/records").asLong()).isEqualTo(200);
        assertThat(r.at("/fill/averageKb").asDouble()).isBetween(2.0, 8.0);
        assertThat(r.at("/baseline/records").asLong()).isEqualTo(200);
        assertThat(r.at("/baseline/recordsPerSecond").asDouble()).isPositive();
        // two cold passes, then one after each timed monitor pass
        assertThat(r.at("/baseline/passRates")).hasSize(4);
        assertThat(r.at("/warmUp/seconds").asDouble()).isPositive();
        assertThat(r.at("/warmUp/passes").asInt()).isPositive();
        assertThat(r.at("/warmUp/articles").asLong()).isBetween(0L, 200L);
        assertThat(r.at("/warmUp/jitShare").asDouble()).isNotNegative();
        assertThat(r.at("/throughput/records").asLong()).isEqualTo(200);
        assertThat(r.at("/throughput/processedByMeter").asLong()).isEqualTo(200);
        assertThat(r.at("/throughput/ratioToBaseline").asDouble()).isPositive();
        assertThat(r.at("/throughput/passRates")).hasSize(2);
        assertThat(r.at("/throughput/matchMicrosPerArticle").asDouble()).isPositive();
        assertThat(r.at("/throughput/articlesPerSecond").asDouble())
                .isEqualTo(Math.max(r.at("/throughput/passRates/0").asDouble(), r.at("/throughput/passRates/1").asDouble()));
        assertThat(r.at("/latency/sent").asLong()).isEqualTo(100);
        assertThat(r.at("/latency/expectedWithAlert").asLong()).isPositive();
        assertThat(r.at("/latency/seen").asLong()).isEqualTo(r.at("/latency/expectedWithAlert").asLong());
        double p50 = r.at("/latency/p50Ms").asDouble();
        assertThat(p50).isPositive();
        assertThat(r.at("/latency/p99Ms").asDouble()).isBetween(p50, r.at("/latency/maxMs").asDouble());
        assertThat(r.at("/scale")).hasSize(2);
        assertThat(r.at("/scale/1/entities").asInt()).isEqualTo(300);
        assertThat(r.at("/scale/1/monitorHeapMb").asDouble()).isBetween(0.0, 512.0);
        assertThat(r.at("/scale/1/articlesPerSecond").asDouble()).isPositive();
        assertThat(r.at("/entityLive/loadedEntities").asInt()).isEqualTo(300);
        assertThat(r.at("/entityLive/liveMs").asDouble()).isBetween(0.0, 60_000.0);
        assertThat(r.at("/floors")).hasSize(4);

        // And the same report renders as Markdown
        BenchReport report = Json.mapper().readValue(json.toFile(), BenchReport.class);
        assertThat(report.markdown()).contains("| section | measure | value |", "| baseline |", "| warm-up |", "| floor |");
    }

    @Test
    void shouldRefuseANonPositiveSize() {
        CommandLine cli = NewswatchCli.commandLine();
        StringWriter err = new StringWriter();
        cli.setErr(new PrintWriter(err, true));
        assertThat(cli.execute("bench", "--articles", "0")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("must be positive");
    }
}
