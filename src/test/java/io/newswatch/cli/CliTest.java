package io.newswatch.cli;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class CliTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = NewswatchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        return cli.execute(args);
    }

    @Test
    void shouldNameTheAddressAndTheCauseWhenRunCannotReachKafka(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // Given an address where nothing listens, and client timeouts of two seconds
        int port;
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        java.nio.file.Path config = dir.resolve("client.properties");
        java.nio.file.Files.writeString(config, "default.api.timeout.ms=2000\nrequest.timeout.ms=1000\n");

        int exit = run("--bootstrap-server", "127.0.0.1:" + port, "--command-config", config.toString(),
                "run", "--metrics-port", "-1", "--topics-dir", "topics");

        assertThat(exit).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString().strip()).isEqualTo("newswatch run: cannot reach the Kafka cluster at 127.0.0.1:" + port
                + ": connection refused at 127.0.0.1:" + port + " (is a broker running there?)");

        // every command that talks to Kafka says the same, not "Timeout expired while fetching topic metadata"
        java.nio.file.Path articles = java.nio.file.Files.writeString(dir.resolve("a.jsonl"), "{\"title\":\"t\",\"body\":\"b\"}\n");
        for (String[] command : new String[][] {{"alerts"}, {"watchlist", "list"}, {"topics", "apply", "--dir", "topics"},
                {"ingest", articles.toString()}}) {
            err.getBuffer().setLength(0);
            java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("--bootstrap-server", "127.0.0.1:" + port,
                    "--command-config", config.toString()));
            args.addAll(java.util.List.of(command));
            assertThat(run(args.toArray(String[]::new))).as(String.join(" ", command)).isEqualTo(ExitCodes.FAILURE);
            assertThat(err.toString().strip()).as(String.join(" ", command)).endsWith(
                    ": cannot reach the Kafka cluster at 127.0.0.1:" + port + ": connection refused at 127.0.0.1:" + port
                            + " (is a broker running there?)");
        }
    }

    @Test
    void shouldNameWhyAKafkaClientCannotBeMade(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Path config = java.nio.file.Files.writeString(dir.resolve("sasl.properties"),
                "security.protocol=SASL_PLAINTEXT\nsasl.mechanism=PLAIN\n");

        assertThat(run("--bootstrap-server", "127.0.0.1:9", "--command-config", config.toString(), "watchlist", "list"))
                .isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString().strip()).startsWith(
                "newswatch watchlist list: cannot create a Kafka client (check --command-config): Could not find a 'KafkaClient' entry"
                        + " in the JAAS configuration");
    }

    @Test
    void shouldNameAnUnknownHost() {
        assertThat(run("--bootstrap-server", "nosuchhost.invalid:9092", "watchlist", "list")).isEqualTo(ExitCodes.FAILURE);
        assertThat(err.toString().strip()).isEqualTo(
                "newswatch watchlist list: cannot reach the Kafka cluster at nosuchhost.invalid:9092: unknown host nosuchhost.invalid");
    }

    @Test
    void shouldRefuseAMalformedQueryInOneLineNamingTheColumnBeforeContactingKafka() {
        // nothing listens at this address: the entity is checked before any connection
        int exit = run("--bootstrap-server", "127.0.0.1:9", "watchlist", "add", "icc", "--name", "International Criminal Court",
                "--query", "(\"International Criminal Court\" OR ICC AND warrant");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip().lines()).hasSize(1);
        assertThat(err.toString().strip()).isEqualTo("newswatch watchlist add: invalid entity: entity 'icc': query: "
                + "AND at column 40 and OR at column 33 without parentheses: write (a OR b) AND c, or a OR (b AND c)");
    }

    @Test
    void shouldRefuseBothStartsOfABackfillBeforeContactingKafka() {
        int exit = run("--bootstrap-server", "127.0.0.1:9", "watchlist", "backfill", "rohingya", "--since", "7d",
                "--from", "2026-12-01T00:00:00Z");

        assertThat(exit).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip()).isEqualTo("newswatch watchlist backfill: give --since or --from, not both");
    }

    @Test
    void shouldPrintHelpAndVersion() {
        assertThat(run("--help")).isZero();
        assertThat(out.toString()).contains("Usage: newswatch", "broker", "topics", "--bootstrap-server", "--command-config");

        assertThat(run("--version")).isZero();
        assertThat(out.toString()).containsPattern("newswatch \\S+ \\(Kafka 4\\.4\\.0");

        for (String[] sub : new String[][] {{"watchlist", "add", "--version"}, {"topics", "apply", "--version"}, {"match", "-V"}}) {
            out.getBuffer().setLength(0);
            assertThat(run(sub)).isZero();
            assertThat(out.toString()).as(String.join(" ", sub)).containsPattern("newswatch \\S+ \\(Kafka 4\\.4\\.0");
        }
    }

    @Test
    void shouldSummariseEveryCommandInOneWholeSentenceInTheTopLevelHelp() {
        assertThat(run("--help")).isZero();
        String commands = out.toString().substring(out.toString().indexOf("Commands:") + "Commands:".length(),
                out.toString().indexOf("Exit codes:"));
        // a summary may wrap onto indented lines; each command's summary ends a sentence
        String[] summaries = commands.strip().split("\\n  (?=\\S)");
        assertThat(summaries).hasSizeGreaterThan(10)
                .allSatisfy(s -> assertThat(s.strip()).as(s).endsWith("."));
    }

    @Test
    void shouldRenderEveryCommandsHelpWithoutFormatWarnings() {
        // picocli formats descriptions with String.format and only warns (on System.err) when one is malformed
        PrintStream systemErr = System.err;
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        System.setErr(new PrintStream(warnings, true, StandardCharsets.UTF_8));
        try {
            usageOfAll(NewswatchCli.commandLine());
        } finally {
            System.setErr(systemErr);
        }
        assertThat(warnings.toString(StandardCharsets.UTF_8)).isEmpty();
    }

    private static void usageOfAll(CommandLine command) {
        assertThat(command.getUsageMessage()).contains("Usage:");
        command.getSubcommands().values().forEach(CliTest::usageOfAll);
    }

    @Test
    void shouldAcceptKafkaOptionsBeforeOrAfterTheSubcommand() {
        CommandLine before = NewswatchCli.commandLine();
        before.parseArgs("--bootstrap-server", "h1:1", "topics", "apply", "--dry-run");
        CommandLine after = NewswatchCli.commandLine();
        after.parseArgs("topics", "apply", "--bootstrap-server", "h2:2");

        assertThat(((NewswatchCli) before.getCommand()).kafka.settings(Map.of()).bootstrapServers()).isEqualTo("h1:1");
        assertThat(((NewswatchCli) after.getCommand()).kafka.settings(Map.of()).bootstrapServers()).isEqualTo("h2:2");
    }

    @Test
    void shouldReportBadUsageInOneLineWithExitCode2() {
        assertThat(run("topics", "apply", "--no-such-flag")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString().strip()).doesNotContain("\n")
                .contains("Unknown option: '--no-such-flag'").contains("newswatch topics apply --help");
    }

    @Test
    void shouldReportBadTopicFileInOneLineWithExitCode2(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        java.nio.file.Files.writeString(dir.resolve("a.properties"), "name = a\npartitions = many\n");

        assertThat(run("topics", "apply", "--dir", dir.toString(), "--bootstrap-server", "127.0.0.1:1")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip()).doesNotContain("\n")
                .endsWith("a.properties:2: field 'partitions' must be a whole number, got 'many'");
    }
}
