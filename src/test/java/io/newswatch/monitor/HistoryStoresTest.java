package io.newswatch.monitor;

import io.newswatch.alert.Alert;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** What the query API reads: counts per entity and hour, latest stories with outlets, latest alerts. */
class HistoryStoresTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final String WIRE = """
            Rosatom, the Russian state nuclear corporation, signed an agreement on Tuesday to build a small \
            modular reactor in the north of the country, officials said. The plant, the first of its kind in the \
            region, is expected to supply power to mines and two towns by 2031.""";
    private static final String OTHER = """
            A fire broke out at a warehouse near the port on Sunday night, and firefighters worked until morning to \
            bring it under control. Rosatom, which leases part of the site, said none of its cargo had been damaged.""";

    private final MonitorDriver monitor = new MonitorDriver();

    @AfterEach
    void close() {
        monitor.close();
    }

    @Test
    void shouldCountArticlesAndStoriesPerHourAndKeepTheLatestStoriesWithTheirOutlets() {
        monitor.watch("""
                {"id":"rosatom","name":"Rosatom","aliases":["Rosatom"]}""");
        monitor.article("a1", "Rosatom to build a reactor", WIRE, "wire", T0.plusSeconds(60));
        monitor.article("a2", "Rosatom to build a reactor", WIRE, "daily", T0.plusSeconds(120)); // a copy: same story
        monitor.article("a3", "Fire at the port", OTHER, "post", T0.plus(Duration.ofHours(1)).plusSeconds(5));

        WindowStore<String, EntityHistory.Counts> counts = monitor.driver.getWindowStore(MonitorTopology.ENTITY_COUNTS_STORE);
        List<KeyValue<Long, EntityHistory.Counts>> hours = new ArrayList<>();
        try (WindowStoreIterator<EntityHistory.Counts> it = counts.fetch("rosatom", T0.minusSeconds(1), T0.plus(Duration.ofHours(2)))) {
            it.forEachRemaining(hours::add);
        }
        assertThat(hours).extracting(kv -> kv.key, kv -> kv.value).containsExactly(
                org.assertj.core.groups.Tuple.tuple(T0.toEpochMilli(), new EntityHistory.Counts(2, 1)),
                org.assertj.core.groups.Tuple.tuple(T0.plus(Duration.ofHours(1)).toEpochMilli(), new EntityHistory.Counts(1, 1)));

        KeyValueStore<String, EntityHistory.LatestStories> stories = monitor.driver.getKeyValueStore(MonitorTopology.ENTITY_STORIES_STORE);
        assertThat(stories.get("rosatom").stories).extracting(StoryRef::title, StoryRef::articles, StoryRef::outlets).containsExactly(
                org.assertj.core.groups.Tuple.tuple("Fire at the port", 1, List.of("post")),
                org.assertj.core.groups.Tuple.tuple("Rosatom to build a reactor", 2, List.of("wire", "daily")));
    }

    @Test
    void shouldKeepTheLatestHundredAlertsOfEachEntityOnce() {
        AlertHistory.LatestAlerts latest = new AlertHistory.LatestAlerts();
        for (int i = 0; i < 130; i++) {
            assertThat(latest.add(alert("a-" + i))).isTrue();
        }
        assertThat(latest.add(alert("a-129"))).as("an id kept already").isFalse();
        assertThat(latest.alerts).hasSize(AlertHistory.LATEST);
        assertThat(latest.alerts.get(0).alertId()).isEqualTo("a-129");
        assertThat(latest.alerts.get(99).alertId()).isEqualTo("a-30");

        monitor.watch("""
                {"id":"rosatom","name":"Rosatom","aliases":["Rosatom"]}""");
        monitor.article("a1", "Rosatom to build a reactor", WIRE, "wire", T0);
        KeyValueStore<String, AlertHistory.LatestAlerts> store = monitor.driver.getKeyValueStore(MonitorTopology.LATEST_ALERTS_STORE);
        assertThat(store.get("rosatom").alerts).extracting(Alert::kind).containsExactly(io.newswatch.watchlist.AlertKind.MENTION);
    }

    private static Alert alert(String id) {
        return new Alert(id, io.newswatch.watchlist.AlertKind.MENTION, "rosatom", "Rosatom", null, null, T0, T0, 1, List.of(), null, null,
                List.of(), List.of(), 0, null, 1, List.of());
    }
}
