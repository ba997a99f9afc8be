package io.newswatch.demo;

import io.newswatch.cli.NewswatchCli;
import io.newswatch.testing.Tags;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.Predicate;

import static org.assertj.core.api.Assertions.assertThat;

/** The README's first command, end to end: demo on free ports, alerts printed, a live watchlist add, restart. */
@Tag(Tags.INTEGRATION)
@Timeout(300)
class DemoIT {

    @TempDir
    Path dataDir;

    @Test
    void shouldPrintAlertsForIccRosatomAndMyanmarThenAlertANewEntityAndRestartOnTheSameData() throws Exception {
        StringWriter screen = new StringWriter();
        PrintWriter out = new PrintWriter(screen, true);
        try (Demo demo = Demo.start(new Demo.Options(0, 0, dataDir, false), out)) {
            awaitScreen(screen, s -> s.contains("MENTION    icc") && s.contains("MENTION    rosatom")
                    && s.contains("MENTION    myanmar"), Duration.ofSeconds(120));
            assertThat(screen.toString()).contains("first alert", "starter entities loaded", demo.bootstrapServers());
            assertThat(demo.firstAlertMillis()).isPositive();

            // The wire story and its three copies from other outlets: one story of four, one MENTION per entity.
            // The story shows as a STORY line when it grows after the wire story's MENTION was printed, or, when
            // the copies were placed before that MENTION was printed, as "+3 outlets" on the MENTION itself.
            awaitScreen(screen, s -> s.contains("4 articles from 4 outlets")
                    || s.lines().anyMatch(l -> l.contains("Kremlin welcomes") && l.contains(" MENTION ") && l.endsWith("+3 outlets")),
                    Duration.ofSeconds(120));
            List<String> wireMentions = screen.toString().lines().filter(l -> l.split("\\s+").length > 3 && l.split("\\s+")[2].equals("MENTION")
                    && (l.contains("Putin hosts Myanmar junta chief") || l.contains("Kremlin welcomes") || l.contains("junta chief in Moscow")))
                    .toList();
            assertThat(wireMentions).as("screen:%n%s", screen).extracting(l -> l.split("\\s+")[3]).contains("icc", "rosatom", "myanmar").doesNotHaveDuplicates();
            assertThat(screen.toString()).contains("sent 3 copies of the wire story");

            // the demo's notifier delivered them too, one JSON line per message
            Awaitility.await("ICC, Rosatom and Myanmar notified").atMost(Duration.ofSeconds(60)).until(() -> {
                String file = java.nio.file.Files.exists(demo.notifications()) ? java.nio.file.Files.readString(demo.notifications()) : "";
                return file.contains("\"groupKey\":\"entity=icc,kind=MENTION\"") && file.contains("\"groupKey\":\"entity=rosatom,kind=MENTION\"")
                        && file.contains("\"groupKey\":\"entity=myanmar,kind=MENTION\"");
            });
            assertThat(screen.toString()).contains("notifications   " + demo.notifications());

            HttpResponse<String> metrics = HttpClient.newHttpClient().send(
                    HttpRequest.newBuilder(URI.create(demo.metricsUrl() + "/metrics")).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(metrics.body()).contains("newswatch_articles_in_total", "kafka_stream");

            StringWriter cli = new StringWriter();
            CommandLine add = NewswatchCli.commandLine();
            add.setOut(new PrintWriter(cli, true));
            add.setErr(new PrintWriter(cli, true));
            assertThat(add.execute("--bootstrap-server", demo.bootstrapServers(), "watchlist", "add", "rohingya",
                    "--name", "Rohingya", "--alias", "Rohingya")).as(cli.toString()).isZero();
            assertThat(cli.toString()).contains("added rohingya");

            // The monitor picks the entity up within seconds; resend until an article after that is alerted.
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int probe = 0;
            while (!screen.toString().contains("MENTION    rohingya") && System.nanoTime() < deadline) {
                probe++;
                DemoSupport.send(demo.bootstrapServers(), "rohingya-probe-" + probe, "Rohingya refugees",
                        "Thousands of Rohingya refugees crossed the border, report " + probe + ".");
                awaitScreen(screen, s -> s.contains("MENTION    rohingya"), Duration.ofSeconds(2), false);
            }
            assertThat(screen.toString()).contains("MENTION    rohingya");
        }

        StringWriter again = new StringWriter();
        try (Demo demo = Demo.start(new Demo.Options(0, -1, dataDir, false), new PrintWriter(again, true))) {
            awaitScreen(again, s -> s.contains("MENTION    rohingya"), Duration.ofSeconds(120));
            assertThat(again.toString()).contains("kept from the last run");
        }
    }

    private static void awaitScreen(StringWriter screen, Predicate<String> done, Duration timeout) throws InterruptedException {
        awaitScreen(screen, done, timeout, true);
    }

    private static void awaitScreen(StringWriter screen, Predicate<String> done, Duration timeout, boolean required)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(screen.toString()) && System.nanoTime() < deadline) {
            synchronized (screen) {
                screen.wait(100);
            }
        }
        if (required) {
            assertThat(done.test(screen.toString())).as("screen so far:%n%s", screen).isTrue();
        }
    }
}
