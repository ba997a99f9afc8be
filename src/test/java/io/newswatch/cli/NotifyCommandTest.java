package io.newswatch.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code notify}'s usage errors and {@code --check}, which need no broker: they stop before connecting. */
class NotifyCommandTest {

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
    void shouldRefuseNothingToDeliverToAndBothWays() throws IOException {
        assertThat(run("--bootstrap-server", "127.0.0.1:1", "notify")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip()).isEqualTo("newswatch notify: nothing to deliver to: give --config FILE, or --webhook URL,"
                + " --slack URL, --email ADDRESS or --file PATH");

        Path config = Files.writeString(dir.resolve("n.yaml"), "receivers: [{name: a, file: a.jsonl}]\nroute: {receiver: a}\n");
        err.getBuffer().setLength(0);
        assertThat(run("notify", "--config", config.toString(), "--file", "-")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip()).isEqualTo("newswatch notify: give --config FILE or receivers on the command line"
                + " (--webhook, --slack, --email, --file), not both");

        err.getBuffer().setLength(0);
        assertThat(run("notify", "--email", "editor@example.org")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip()).isEqualTo("newswatch notify: --email needs --smtp HOST:PORT and --from ADDRESS");

        err.getBuffer().setLength(0);
        assertThat(run("notify", "--webhook", "hooks.example.org/x")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip()).isEqualTo("newswatch notify: --webhook: 'hooks.example.org/x' is not an http(s) URL");
    }

    @Test
    void shouldListEveryProblemOfAFileWithItsLine() throws IOException {
        Path config = Files.writeString(dir.resolve("notify.yaml"), """
                receivers:
                  - name: hook
                    webhook: {url: "ftp://example.org/x"}
                route: {receiver: archive}
                """);

        assertThat(run("notify", "--config", config.toString(), "--check")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString().strip()).isEqualTo("newswatch notify: 2 problems:\n"
                + "  " + config + ":3: not an http(s) URL with a host\n"
                + "  " + config + ":4: receiver 'archive' is not defined (receivers: hook)");
    }

    @Test
    void shouldCheckTheExamplesOfTheReadmeAndTheDocs() throws IOException {
        String docs = check(Path.of("docs/notify.md"));
        assertThat(docs).contains(
                "  desk  slack  hooks.slack.com",
                "  legal-hook  webhook  hooks.example.org  signed (secret from environment variable HOOK_SECRET)",
                "  editor  email  editor@example.org  digest \"0 8 * * 1-5\" Europe/Berlin",
                "  every alert -> archive  (group by entity,kind, wait PT30S, interval PT5M, repeat PT4H)",
                "    tag nuclear -> desk  (group by entity,kind, wait PT30S, interval PT5M, repeat PT4H, continue)",
                "    entity icc, kind MENTION|SPREAD -> legal-hook  (group by entity,kind, wait PT0S, interval PT5M, repeat PT4H)",
                "retry: up to 50 attempts within PT1H, backoff PT1S to PT5M, then parked");
        assertThat(check(Path.of("README.md"))).contains("  editor  email  editor@example.org  digest \"0 8 * * 1-5\" Europe/Berlin",
                "    tag asia|europe -> editor  (group by entity,kind, wait PT30S, interval PT5M, repeat PT4H)");
    }

    /** {@code notify --check} on the first YAML example of {@code markdown}, with the secrets it names; returns what it printed. */
    private String check(Path markdown) throws IOException {
        Matcher yaml = Pattern.compile("```yaml\n(.*?)```", Pattern.DOTALL).matcher(Files.readString(markdown));
        assertThat(yaml.find()).as("a yaml example in %s", markdown).isTrue();
        Path config = Files.writeString(dir.resolve("notify.yaml"), yaml.group(1).replace("/run/secrets/smtp-password", "password.txt"));
        Files.writeString(dir.resolve("password.txt"), "pw\n");
        out.getBuffer().setLength(0);
        NotifyCommand.ENVIRONMENT.set(java.util.Map.of("SLACK_WEBHOOK_URL", "https://hooks.slack.com/services/T/B/X", "HOOK_SECRET", "s"));
        try {
            assertThat(run("notify", "--config", config.toString(), "--check")).as("%s: %s", markdown, err).isZero();
        } finally {
            NotifyCommand.ENVIRONMENT.remove();
        }
        return out.toString();
    }
}
