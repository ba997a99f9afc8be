package io.newswatch.monitor;

import io.newswatch.alert.Alert;
import io.newswatch.testing.TestData;
import io.newswatch.watchlist.AlertKind;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** An entity found by a boolean query, through the monitor: its alerts, its mentions' hits, its source: clause. */
class QueryTopologyTest {

    private static final Instant T0 = Instant.parse("2026-03-01T10:00:00Z");
    private static final String ICC = """
            {"id":"icc","name":"International Criminal Court",
             "query":"(\\"International Criminal Court\\" OR ICC) AND (warrant OR judges OR court) NOT cricket"}""";
    private static final String CRICKET = "The ICC confirmed the schedule of the cricket World Cup, and the judges "
            + "of the players' appeals court met at Lord's.";

    private final MonitorDriver monitor = new MonitorDriver();

    @AfterEach
    void close() {
        monitor.close();
    }

    @Test
    void shouldAlertOnTheSeedArticleAndNotOnACricketReportNamingTheIcc() {
        monitor.watch(ICC);

        monitor.article("seed", "Myanmar junta chief in Moscow", TestData.read("seed/myanmar-putin.txt"), "Wire", T0);
        monitor.article("cricket", "World Cup schedule", CRICKET, "Sports Daily", T0.plusSeconds(60));

        assertThat(monitor.alerts()).singleElement().satisfies(a -> {
            assertThat(a.kind()).isEqualTo(AlertKind.MENTION);
            assertThat(a.entityId()).isEqualTo("icc");
            assertThat(a.evidence().get(0).articleId()).isEqualTo("seed");
        });
        assertThat(monitor.mentions()).singleElement().satisfies(m -> {
            assertThat(m.articleId()).isEqualTo("seed");
            assertThat(m.hits()).extracting(h -> h.text()).contains("ICC", "judges", "warrant");
        });
    }

    @Test
    void shouldTestTheArticlesSourceInTheMonitor() {
        monitor.watch("""
                {"id":"rosatom-wire","query":"Rosatom AND source:wire"}""");

        monitor.article("a", "Rosatom to build reactor", "Rosatom signs a deal.", "Wire", T0);
        monitor.article("b", "Rosatom to build a second reactor", "Rosatom signs another deal, in Hungary.", "Daily", T0.plusSeconds(60));

        assertThat(monitor.alerts()).extracting(Alert::entityId).containsExactly("rosatom-wire");
        assertThat(monitor.mentions()).extracting(Mention::articleId).containsExactly("a");
    }
}
