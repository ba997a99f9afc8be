package io.newswatch.monitor;

import io.newswatch.alert.Alert;
import io.newswatch.kafka.Json;
import io.newswatch.watchlist.AlertKind;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.state.WindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.groups.Tuple.tuple;

/** What the query API reads: counts per entity and hour, latest stories with outlets, latest alerts. */
class HistoryStoresTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final Instant FAR = Instant.parse("9999-01-01T00:00:00Z");
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
    void shouldKeepEachMentionAndCountArticlesAndStoriesPerHourAndListTheLatestStories() {
        monitor.watch("""
                {"id":"rosatom","name":"Rosatom","aliases":["Rosatom"],"alerts":{"kinds":["MENTION","THRESHOLD"]}}""");
        monitor.article("a1", "Rosatom to build a reactor", WIRE, "wire", T0.plusSeconds(60));
        monitor.article("a2", "Rosatom to build a reactor", WIRE, "daily", T0.plusSeconds(120)); // a copy: same story
        monitor.article("a3", "Fire at the port", OTHER, "post", T0.plus(Duration.ofHours(1)).plusSeconds(5));

        WindowStore<String, EntityHistory.MentionRef> mentions = monitor.driver.getWindowStore(MonitorTopology.ENTITY_MENTIONS_STORE);
        List<KeyValue<Long, EntityHistory.MentionRef>> kept = new ArrayList<>();
        try (WindowStoreIterator<EntityHistory.MentionRef> it = mentions.fetch("rosatom", Instant.EPOCH, FAR)) {
            it.forEachRemaining(kept::add);
        }
        assertThat(kept).extracting(kv -> kv.key, kv -> kv.value.source(), kv -> kv.value.firstInStory()).containsExactly(
                tuple(T0.plusSeconds(60).toEpochMilli(), "wire", true),
                tuple(T0.plusSeconds(120).toEpochMilli(), "daily", false),
                tuple(T0.plus(Duration.ofHours(1)).plusSeconds(5).toEpochMilli(), "post", true));
        assertThat(StateQueries.hours(kept.iterator())).containsExactly(
                new StateQueries.HourCount(T0, 2, 1), new StateQueries.HourCount(T0.plus(Duration.ofHours(1)), 1, 1));
        try (WindowStoreIterator<EntityHistory.MentionRef> it = mentions.backwardFetch("rosatom", Instant.EPOCH, FAR)) {
            assertThat(StateQueries.latestStories(it)).extracting(StoryRef::title, StoryRef::articles, StoryRef::outlets).containsExactly(
                    tuple("Fire at the port", 1, List.of("post")),
                    tuple("Rosatom to build a reactor", 2, List.of("wire", "daily")));
        }
    }

    @Test
    void shouldListAtMostTwentyStoriesAndCountTheirArticles() {
        List<KeyValue<Long, EntityHistory.MentionRef>> newestFirst = new ArrayList<>();
        for (int i = 30; i > 0; i--) {
            newestFirst.add(KeyValue.pair((long) i, new EntityHistory.MentionRef("s" + (i % 25), "t" + i, null, "o" + i, i <= 25)));
        }
        List<StoryRef> stories = StateQueries.latestStories(newestFirst.iterator());
        assertThat(stories).hasSize(StateQueries.LATEST_STORIES);
        assertThat(stories.get(0)).satisfies(s -> {
            assertThat(s.storyId()).isEqualTo("s5");
            assertThat(s.articles()).isEqualTo(2);
            assertThat(s.title()).as("its earliest article's").isEqualTo("t5");
            assertThat(s.outlets()).containsExactly("o5", "o30");
        });
    }

    @Test
    void shouldKeepEveryAlertOfTheDefaultTopicByEntityAndTime() throws Exception {
        monitor.watch("""
                {"id":"rosatom","name":"Rosatom","aliases":["Rosatom"]}""");
        monitor.article("a1", "Rosatom to build a reactor", WIRE, "wire", T0);
        WindowStore<String, byte[]> store = monitor.driver.getWindowStore(MonitorTopology.LATEST_ALERTS_STORE);
        List<Alert> kept = new ArrayList<>();
        try (WindowStoreIterator<byte[]> it = store.backwardFetch("rosatom", Instant.EPOCH, FAR)) {
            while (it.hasNext()) {
                kept.add(Json.mapper().readValue(it.next().value, Alert.class));
            }
        }
        assertThat(kept).extracting(Alert::kind).containsExactly(AlertKind.MENTION);
    }
}
