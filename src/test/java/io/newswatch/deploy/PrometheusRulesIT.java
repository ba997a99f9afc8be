package io.newswatch.deploy;

import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import io.newswatch.metrics.EntityLabels;
import io.newswatch.metrics.MonitorMetrics;
import io.newswatch.metrics.Registries;
import io.newswatch.testing.PrometheusServer;
import io.newswatch.testing.Tags;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The operators' alerting rules in prometheus/: valid for Prometheus ({@code promtool check}),
 * each alert firing on the series that should raise it and quiet on a healthy one
 * ({@code promtool test rules alerts.test.yml}), loaded by the compose configuration, and written
 * against metric names the monitor really exports.
 */
@Tag(Tags.INTEGRATION)
class PrometheusRulesIT {

    private static final Path DIR = Path.of("prometheus");

    private static String promtool(String... args) throws IOException, InterruptedException {
        // promtool comes with Debian's prometheus package, beside the prometheus binary
        Path promtool = PrometheusServer.executable().map(p -> p.resolveSibling("promtool"))
                .filter(Files::isExecutable)
                .orElseThrow(() -> new AssertionError("'promtool' must be on the PATH (apt-get install prometheus; .ci/run installs it)"));
        List<String> command = new java.util.ArrayList<>(List.of(promtool.toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).directory(DIR.toFile()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(String.join(" ", args) + ":\n" + out).isZero();
        return out;
    }

    @Test
    void shouldBeValidRules() throws Exception {
        assertThat(promtool("check", "rules", "alerts.yml")).contains("SUCCESS: 6 rules found");
    }

    @Test
    void shouldFireEachAlertWhereItShouldAndNowhereElse() throws Exception {
        assertThat(promtool("test", "rules", "alerts.test.yml")).contains("SUCCESS");
    }

    @Test
    void shouldBeLoadedByThePrometheusOfTheComposeStack() throws Exception {
        assertThat(promtool("check", "config", "prometheus.yml")).contains("alerts.yml").contains("SUCCESS: 6 rules found");
        assertThat(Files.readString(Path.of("docker-compose.yml"))).contains("./prometheus/alerts.yml:/etc/prometheus/alerts.yml:ro");
    }

    @Test
    void shouldUseOnlyMetricNamesTheMonitorExports() throws Exception {
        Set<String> used = new TreeSet<>();
        Matcher m = Pattern.compile("\\bnewswatch_[a-z_]+").matcher(Files.readString(DIR.resolve("alerts.yml")));
        while (m.find()) {
            used.add(m.group());
        }
        PrometheusMeterRegistry registry = Registries.prometheus();
        MonitorMetrics metrics = new MonitorMetrics(registry, new EntityLabels(Set.of(), 10));
        metrics.declareRejectReasons(List.of("malformed-json"));
        metrics.declareWatchlistRejectReasons(List.of("key-mismatch"));
        String scrape = registry.scrape();

        assertThat(used).isNotEmpty().allSatisfy(name -> assertThat(scrape).as(name).containsPattern("(?m)^" + name + "[{ ]"));
    }
}
