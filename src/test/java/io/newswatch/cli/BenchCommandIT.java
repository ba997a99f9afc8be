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
import static org.assertj.core.api.Assertions.within;

/**
 * {@code newswatch bench} at toy size, in-process on its own embedded broker: every section of
 * the report is there and holds plausible numbers, so the command cannot rot. The figures mean
 * nothing at this size; BENCHMARKS.md has a real run.
 */
@Tag(Tags.INTEGRATION)
@Timeout(240)
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
        int code = cli.execute("bench", "--articles", "3000", "--entities", "100", "--rate", "50", "--latency-seconds", "2",
                "--warm-up-seconds", "1", "--throughput-passes", "2", "--scale-entities", "100,300", "--threads", "1", "--data", TestData.dir().toString(),
                "--work-dir", tmp.resolve("work").toString(), "--report", json.toString());

        // Then
        assertThat(code).as(err.toString()).isZero();
        assertThat(err.toString()).contains("[bench", "throughput pass 2:", "baseline pass 2", "ceiling pass 2:", "peer pass 2:",
                "monitor / framework ceiling:", "latency:", "entity live:");
        assertThat(out.toString()).contains("plain consumer", "timed passes", "framework ceiling", "Lucene monitor peer", "median of 2 rounds",
                "p50 / p95 / p99 / max", "entity live", "floor");
        JsonNode r = Json.mapper().readTree(json.toFile());
        assertThat(r.at("/machine/cores").asInt()).isPositive();
        assertThat(r.at("/machine/jvm").asText()).isNotBlank();
        assertThat(r.at("/machine/initialHeapMb").asLong()).isPositive().isLessThanOrEqualTo(r.at("/machine/maxHeapMb").asLong());
        assertThat(r.at("/settings/processingGuarantee").asText()).isEqualTo("exactly_once_v2");
        assertThat(r.at("/fill/records").asLong()).isEqualTo(3000);
        assertThat(r.at("/fill/averageKb").asDouble()).isBetween(2.0, 8.0);
        assertThat(r.at("/baseline/records").asLong()).isEqualTo(3000);
        assertThat(r.at("/baseline/recordsPerSecond").asDouble()).isPositive();
        // one per round
        assertThat(r.at("/baseline/passRates")).hasSize(2);
        assertThat(r.at("/warmUp/seconds").asDouble()).isPositive();
        assertThat(r.at("/warmUp/passes").asInt()).isPositive();
        assertThat(r.at("/warmUp/articles").asLong()).isBetween(0L, 3000L);
        assertThat(r.at("/warmUp/jitShare").asDouble()).isNotNegative();
        assertThat(r.at("/throughput/records").asLong()).isEqualTo(3000);
        assertThat(r.at("/throughput/processedByMeter").asLong()).isEqualTo(3000);
        // a pass ended once the monitor had also committed its repartition topics and mentions
        assertThat(r.at("/throughput/drainSeconds").asDouble()).isNotNegative().isLessThan(r.at("/throughput/seconds").asDouble());
        assertThat(r.at("/throughput/ratioToBaseline").asDouble()).isPositive();
        assertThat(r.at("/throughput/passRates")).hasSize(2);
        assertThat(r.at("/throughput/matchMicrosPerArticle").asDouble()).isPositive();
        assertThat(r.at("/throughput/articlesPerSecond").asDouble())
                .isEqualTo(Math.max(r.at("/throughput/passRates/0").asDouble(), r.at("/throughput/passRates/1").asDouble()));
        // the framework ceiling and the Lucene peer ran once per round over the same articles, and
        // every ratio is the monitor's rate over theirs, round by round
        assertThat(r.at("/comparison/rounds").asInt()).isEqualTo(2);
        for (String ref : new String[] {"ceiling", "peer"}) {
            assertThat(r.at("/comparison/" + ref + "/records").asLong()).isEqualTo(3000);
            assertThat(r.at("/comparison/" + ref + "/passRates")).hasSize(2);
            assertThat(r.at("/comparison/" + ref + "/articlesPerSecond").asDouble()).isPositive();
        }
        assertThat(r.at("/comparison/ratios")).hasSize(3);
        JsonNode toCeiling = r.at("/comparison/ratios/0");
        assertThat(toCeiling.path("against").asText()).isEqualTo("framework ceiling");
        assertThat(toCeiling.at("/perRound/0").asDouble())
                .isCloseTo(r.at("/throughput/passRates/0").asDouble() / r.at("/comparison/ceiling/passRates/0").asDouble(), within(1e-9));
        assertThat(toCeiling.path("medianOfRounds").asDouble())
                .isCloseTo((toCeiling.at("/perRound/0").asDouble() + toCeiling.at("/perRound/1").asDouble()) / 2, within(1e-9));
        // the last monitor pass was profiled (3,000 articles: long enough to be sampled): its
        // stream threads' samples, spread over the stages
        assertThat(r.at("/profile/samples").asLong()).isPositive();
        assertThat(r.at("/profile/streamThreadCpuMicrosPerArticle").asDouble()).isPositive();
        double shares = 0;
        for (JsonNode stage : r.at("/profile/stages")) {
            shares += stage.path("share").asDouble();
        }
        assertThat(shares).isCloseTo(1.0, within(1e-9));
        assertThat(r.at("/profile/hotMethods")).isNotEmpty();
        assertThat(r.at("/profile/hotMethods/0/share").asDouble()).isBetween(0.0, 1.0);
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
        assertThat(r.at("/floors")).hasSize(6);

        // And the same report renders as Markdown
        BenchReport report = Json.mapper().readValue(json.toFile(), BenchReport.class);
        assertThat(report.markdown()).contains("| section | measure | value |", "| baseline |", "| warm-up |", "| reference |", "| ratio |",
                "| profile |", "| hot method |", "| floor |");
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
