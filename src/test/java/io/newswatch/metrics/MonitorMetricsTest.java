package io.newswatch.metrics;

import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** The monitor's meters as Prometheus sees them: names, labels, and a bounded number of series. */
class MonitorMetricsTest {

    private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    @Test
    void shouldNotMakeASeriesPerEntityWhenAHundredThousandEntitiesAreMentioned() {
        // Given three configured entities and room for 50 more
        MonitorMetrics metrics = new MonitorMetrics(registry, new EntityLabels(Set.of("icc", "myanmar", "rosatom"), 50));

        // When 100,000 distinct entities are mentioned and alerted on, then the configured ones
        for (int i = 0; i < 100_000; i++) {
            metrics.mention("entity-" + i);
            metrics.alert("MENTION", "entity-" + i);
        }
        for (String configured : List.of("icc", "myanmar", "rosatom")) {
            metrics.mention(configured);
            metrics.alert("MENTION", configured);
        }

        // Then each meter has configured + limit + other series, and no mention is lost
        Map<String, Double> mentions = series(registry.scrape(), "newswatch_mentions_total");
        assertThat(mentions).hasSize(3 + 50 + 1)
                .containsKeys("newswatch_mentions_total{entity=\"icc\"}", "newswatch_mentions_total{entity=\"other\"}",
                        "newswatch_mentions_total{entity=\"entity-0\"}", "newswatch_mentions_total{entity=\"entity-49\"}")
                .doesNotContainKey("newswatch_mentions_total{entity=\"entity-50\"}");
        assertThat(mentions.get("newswatch_mentions_total{entity=\"other\"}")).isEqualTo(100_000 - 50);
        assertThat(mentions.values().stream().mapToDouble(Double::doubleValue).sum()).isEqualTo(100_003);
        assertThat(series(registry.scrape(), "newswatch_alerts_total")).hasSize(3 + 50 + 1);
    }

    @Test
    void shouldExposeEveryMeterUnderItsDocumentedPrometheusName() {
        MonitorMetrics metrics = new MonitorMetrics(registry, new EntityLabels(Set.of(), 10));

        metrics.articleIn();
        metrics.duplicate();
        metrics.rejected("malformed-json");
        metrics.watchlistRejected("invalid-entity");
        metrics.mention("icc");
        metrics.alert("THRESHOLD", "icc");
        metrics.alertRouteMissing("news.alerts.nowhere");
        metrics.matchTime(250_000);
        metrics.alertLatency(1_500);
        metrics.watchlist(12, 41);

        String scrape = registry.scrape();
        assertThat(scrape).contains(
                "newswatch_articles_in_total 1.0",
                "newswatch_articles_duplicates_total 1.0",
                "newswatch_articles_rejected_total{reason=\"malformed-json\"} 1.0",
                "newswatch_watchlist_rejected_total{reason=\"invalid-entity\"} 1.0",
                "newswatch_mentions_total{entity=\"icc\"} 1.0",
                "newswatch_alerts_total{entity=\"icc\",kind=\"THRESHOLD\"} 1.0",
                "newswatch_alerts_unrouted_total 1.0",
                "newswatch_match_time_seconds_bucket{le=",
                "newswatch_alert_latency_seconds_bucket{le=",
                "newswatch_alert_latency_seconds_count 1",
                "newswatch_watchlist_size 12.0",
                "newswatch_watchlist_version 41.0");
    }

    @Test
    void shouldShowEveryAlertKindAsZeroBeforeItsFirstAlert() {
        MonitorMetrics metrics = new MonitorMetrics(registry, new EntityLabels(Set.of("icc"), 0));

        metrics.declareAlertKinds(List.of("MENTION", "SPIKE"));
        metrics.alert("MENTION", "someone");

        assertThat(series(registry.scrape(), "newswatch_alerts_total")).containsOnly(
                Map.entry("newswatch_alerts_total{entity=\"other\",kind=\"MENTION\"}", 1.0),
                Map.entry("newswatch_alerts_total{entity=\"other\",kind=\"SPIKE\"}", 0.0));
    }

    @Test
    void shouldShowUnroutedAlertsAsZeroBeforeTheFirst() {
        new MonitorMetrics(registry, new EntityLabels(Set.of(), 10));

        assertThat(registry.scrape()).contains("newswatch_alerts_unrouted_total 0.0");
    }

    @Test
    void shouldIgnoreNegativeLatencyFromArticlesStampedInTheFuture() {
        MonitorMetrics metrics = new MonitorMetrics(registry, new EntityLabels(Set.of(), 10));

        metrics.alertLatency(-5);

        assertThat(registry.scrape()).contains("newswatch_alert_latency_seconds_count 0");
    }

    /** Sample lines of one metric family, series (name and labels) to value. */
    private static Map<String, Double> series(String scrape, String name) {
        return scrape.lines()
                .filter(l -> l.startsWith(name + "{") || l.startsWith(name + " "))
                .collect(Collectors.toMap(l -> l.substring(0, l.lastIndexOf(' ')), l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))));
    }
}
