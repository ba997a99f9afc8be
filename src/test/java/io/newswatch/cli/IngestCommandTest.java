package io.newswatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code newswatch ingest} usage and input errors: exit codes and one-line messages, no broker needed. */
class IngestCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = NewswatchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void shouldListEveryOptionInHelp() {
        assertThat(run("ingest", "--help")).isZero();

        assertThat(out.toString()).contains("--format", "--source", "--topic", "--strict", "--max-body-bytes",
                "--poll", "--poll-count", "--state-file", "PATH|URL|-");
    }

    @Test
    void shouldServeMetricsOnlyWhilePolling() throws IOException {
        Path file = Files.writeString(dir.resolve("a.jsonl"), "{\"body\":\"fine\"}\n");

        assertThat(run("--bootstrap-server", "127.0.0.1:1", "ingest", "--metrics-port", "9999", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip()).isEqualTo("newswatch ingest: --poll-count, --state-file and --metrics-port need --poll");
    }

    @Test
    void shouldSayWhatToGiveWhenThereIsNothingToIngest() {
        assertThat(run("--bootstrap-server", "127.0.0.1:1", "ingest")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip()).isEqualTo(
                "newswatch ingest: nothing to ingest: give files, directories, URLs, - (stdin) or --opml FILE");

        err.getBuffer().setLength(0);
        assertThat(run("--bootstrap-server", "127.0.0.1:1", "ingest", "--opml", dir.resolve("missing.opml").toString()))
                .isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip()).isEqualTo("newswatch ingest: cannot read OPML file " + dir.resolve("missing.opml")
                + ": there is no such file");
    }

    @Test
    void shouldFailStrictRunWithExit2BeforeContactingKafka() throws IOException {
        Path file = Files.writeString(dir.resolve("a.jsonl"), "{\"body\":\"fine\"}\n{\"url\":\"https://example.org/no-text\"}\n");

        int code = run("--bootstrap-server", "127.0.0.1:1", "ingest", "--strict", file.toString());

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().lines().toList()).containsExactly(
                "rejected " + file + ":2: blank-body: no body and no title",
                "newswatch ingest: 1 bad record; nothing sent (--strict)");
    }

    @Test
    void shouldRefuseMissingFilesBadDurationsAndPollingFiles() throws IOException {
        Path file = Files.writeString(dir.resolve("a.jsonl"), "{\"body\":\"fine\"}\n");

        assertThat(run("ingest", dir.resolve("missing.csv").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(run("ingest", "--poll", "soon", "https://example.org/feed")).isEqualTo(ExitCodes.USAGE);
        assertThat(run("ingest", "--poll", "5m", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(run("ingest", "--format", "yaml", file.toString())).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString().lines().toList()).hasSize(4).satisfiesExactly(
                l -> assertThat(l).endsWith("missing.csv: no such file or directory"),
                l -> assertThat(l).isEqualTo("newswatch ingest: --poll: not a duration: 'soon' (use 30s, 5m, 1h or PT5M)"),
                l -> assertThat(l).startsWith("newswatch ingest: --poll works with http(s) URLs only"),
                l -> assertThat(l).contains("Invalid value for option '--format'"));
    }

    @Test
    void shouldReadDurationsInShortAndIsoForm() {
        assertThat(IngestCommand.duration("30s")).isEqualTo(Duration.ofSeconds(30));
        assertThat(IngestCommand.duration("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(IngestCommand.duration("250ms")).isEqualTo(Duration.ofMillis(250));
        assertThat(IngestCommand.duration("PT1H")).isEqualTo(Duration.ofHours(1));
    }

    @Test
    void shouldExitWith1WhenKafkaIsNotThere() throws IOException {
        Path file = Files.writeString(dir.resolve("a.jsonl"), "{\"body\":\"fine\"}\n");
        Path config = Files.writeString(dir.resolve("client.properties"), "max.block.ms=1000\n");

        int code = run("--bootstrap-server", "127.0.0.1:1", "--command-config", config.toString(), "ingest", file.toString());

        assertThat(code).isEqualTo(ExitCodes.FAILURE);
        // not "topic news.articles is not available …; create it with 'newswatch topics apply'": there is no cluster
        assertThat(err.toString().strip()).isEqualTo(
                "newswatch ingest: cannot reach the Kafka cluster at 127.0.0.1:1: connection refused at 127.0.0.1:1 (is a broker running there?)");
    }
}
