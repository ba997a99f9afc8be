package io.newswatch.notify;

import io.newswatch.watchlist.AlertKind;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static io.newswatch.notify.Alerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

class RoutesTest {

    private static final String CONFIG = """
            receivers:
              - {name: archive, file: a.jsonl}
              - {name: desk, file: d.jsonl}
              - {name: legal, file: l.jsonl}
              - {name: nuclear, file: n.jsonl}
            route:
              receiver: archive
              routes:
                - match: {min_outlets: 3}
                  receiver: legal
                - match: {tag: [nuclear]}
                  receiver: nuclear
                  continue: true
                - match: {entity: [icc]}
                  receiver: desk
                  routes:
                    - match: {kind: [SPIKE]}
                      receiver: legal
                - match: {kind: [MENTION]}
                  receiver: desk
            """;

    private final Routes routes;

    RoutesTest() throws Exception {
        routes = new Routes(NotifyConfig.parse("r.yaml", CONFIG, Map.of(), null).route());
    }

    private java.util.List<String> receivers(io.newswatch.alert.Alert alert) {
        return routes.resolve(alert, "news.alerts").stream().map(NotifyConfig.Route::receiver).toList();
    }

    @Test
    void shouldTakeTheFirstMatchingRouteAndGoOnOnlyAfterContinue() {
        assertThat(receivers(alert("1", AlertKind.MENTION, "icc"))).containsExactly("desk");
        assertThat(receivers(alert("2", AlertKind.SPIKE, "icc"))).as("deepest match").containsExactly("legal");
        assertThat(receivers(alert("3", AlertKind.THRESHOLD, "icc"))).as("the parent when no child matches").containsExactly("desk");
        assertThat(receivers(alert("4", AlertKind.MENTION, "rosatom", "nuclear"))).containsExactly("nuclear", "desk");
        assertThat(receivers(alert("5", AlertKind.SPIKE, "rosatom", "nuclear"))).containsExactly("nuclear");
        assertThat(receivers(alert("6", AlertKind.SPIKE, "myanmar"))).as("the root").containsExactly("archive");
    }

    @Test
    void shouldRouteAStoryThatSpreadByItsOutlets() {
        io.newswatch.alert.Alert a = alert("9", AlertKind.SPREAD, "myanmar");
        io.newswatch.alert.Alert spread = new io.newswatch.alert.Alert(a.alertId(), a.kind(), a.entityId(), a.entityName(), null, null,
                a.windowStart(), a.windowEnd(), 3, java.util.List.of("Wire", "Times", "Post"), null, null, a.evidence(), a.tags(), 1,
                "story-1", 1, java.util.List.of());
        assertThat(receivers(spread)).containsExactly("legal");
        assertThat(receivers(a)).as("one outlet").containsExactly("archive");
    }

    @Test
    void shouldMatchACoMentionByEitherEntity() {
        io.newswatch.alert.Alert a = alert("7", AlertKind.CO_MENTION, "putin");
        io.newswatch.alert.Alert co = new io.newswatch.alert.Alert(a.alertId(), a.kind(), "putin", "Putin", "icc", "ICC", a.windowStart(),
                a.windowEnd(), 1, a.sources(), null, null, a.evidence(), a.tags(), 1, null, 0, java.util.List.of());
        assertThat(receivers(co)).containsExactly("desk");
    }

    @Test
    void shouldNameGroupsByTheirLabels() {
        NotifyConfig.Route route = new NotifyConfig.Route(NotifyConfig.Matcher.ALL, "x", java.util.List.of("kind", "tag", "topic"),
                java.time.Duration.ZERO, java.time.Duration.ZERO, java.time.Duration.ZERO, false, java.util.List.of());
        assertThat(Routes.groupKey(Routes.groupLabels(route, alert("8", AlertKind.MENTION, "rosatom", "nuclear", "energy"), "news.alerts")))
                .isEqualTo("kind=MENTION,tag=energy+nuclear,topic=news.alerts");
        assertThat(Routes.groupKey(Map.of())).isEqualTo("all");
    }
}
