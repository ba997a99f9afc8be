package io.newswatch.monitor;

import io.newswatch.topics.TopicRole;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.newswatch.monitor.MonitorDriver.TOPICS;
import static io.newswatch.monitor.MonitorDriver.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor's guard rails on the watchlist: entities that would route alerts into the program's
 * own topics never go live, alerts never go there whatever routes them, and the newest record of a
 * key decides whether the key has an entity.
 */
class WatchlistGuardTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final String MENTIONS = TOPICS.name(TopicRole.MENTIONS);
    private static final String ROSATOM = """
            {"id":"rosatom","name":"Rosatom","aliases":["Rosatom"]}""";

    private MonitorDriver monitor;

    @AfterEach
    void close() {
        monitor.close();
    }

    private static String routingTo(String id, String name, String topic) {
        return "{\"id\":\"" + id + "\",\"name\":\"" + name + "\",\"aliases\":[\"" + name + "\"],\"alerts\":{\"topic\":\"" + topic + "\"}}";
    }

    private Map<String, Integer> rejected() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        monitor.registry.find("newswatch.watchlist.rejected").counters()
                .forEach(c -> out.put(c.getId().getTag("reason"), (int) c.count()));
        return out;
    }

    /** Raw values written to the mentions topic: mentions only, never an alert. */
    private List<String> mentionsTopicValues() {
        return monitor.driver.createOutputTopic(MENTIONS, new StringDeserializer(), new ByteArrayDeserializer())
                .readRecordsToList().stream().map(TestRecord::value).map(v -> new String(v, StandardCharsets.UTF_8)).toList();
    }

    @Test
    void shouldNotMakeLiveAnEntityWhoseAlertsWouldGoToTheMentionsTopic() {
        // Given the mentions topic exists, so a routing would not be skipped as missing
        monitor = new MonitorDriver(MonitorSettings.DEFAULTS, Set.of(MENTIONS));

        // When an entity routes its alerts there
        monitor.watch(routingTo("loop", "Loopco", MENTIONS));
        monitor.article("a1", "t", "Loopco opened a plant.", T0);

        // Then it is not live, it is counted, and nothing reaches the mentions topic
        assertThat(rejected()).containsExactly(Map.entry("forbidden-alert-topic", 1));
        assertThat(mentionsTopicValues()).isEmpty();
        assertThat(monitor.alerts()).isEmpty();
    }

    @Test
    void shouldNeverRouteAnAlertToATopicOfAnotherRoleWhateverRoutesIt() {
        // Given a tag route into the mentions topic (the entity itself is valid and live)
        monitor = new MonitorDriver(MonitorSettings.DEFAULTS.withTagRoutes(Map.of("energy", MENTIONS)), Set.of(MENTIONS));
        monitor.watch("{\"id\":\"rosatom\",\"name\":\"Rosatom\",\"aliases\":[\"Rosatom\"],\"tags\":[\"energy\"]}");

        // When it is mentioned
        monitor.article("a1", "t", "Rosatom signs a deal.", T0);

        // Then its alert goes to the default topic only, and the mentions topic holds only the mention
        assertThat(monitor.alerts()).extracting(a -> a.entityId()).containsExactly("rosatom");
        assertThat(mentionsTopicValues()).singleElement()
                .satisfies(v -> assertThat(v).contains("\"articleId\":\"a1\"").doesNotContain("alertId"));
        assertThat(monitor.registry.get("newswatch.alerts.unrouted").counter().count()).isEqualTo(1);
    }

    @Test
    void shouldDropTheEarlierEntityOfAKeyWhoseNewestRecordHasAnotherId() {
        monitor = new MonitorDriver();
        monitor.watch(ROSATOM);
        monitor.article("before", "t", "Rosatom signs a deal.", T0);
        assertThat(monitor.mentions()).extracting(Mention::entityId).containsExactly("rosatom");

        // When the newest record of key rosatom holds another entity
        monitor.watchRaw(bytes("rosatom"), bytes("{\"id\":\"myanmar\",\"name\":\"Myanmar\",\"aliases\":[\"Myanmar\"]}"));
        monitor.article("after", "t", "Rosatom signs a deal in Myanmar.", T0.plusSeconds(1));

        // Then neither rosatom (its newest record is invalid) nor myanmar (not its key) is live
        assertThat(monitor.mentions()).isEmpty();
        assertThat(rejected()).containsExactly(Map.entry("key-mismatch", 1));
    }

    @Test
    void shouldDropTheEarlierEntityOfAKeyWhoseNewestRecordIsInvalidAndComeBackWhenFixed() {
        monitor = new MonitorDriver();
        monitor.watch(ROSATOM);

        monitor.watchRaw(bytes("rosatom"), bytes("{\"id\":\"rosatom\",\"aliases\":[\"(a+)+$\"]}"));
        monitor.article("broken", "t", "Rosatom signs a deal.", T0);
        assertThat(monitor.mentions()).isEmpty();

        monitor.watch(ROSATOM);
        monitor.article("fixed", "t", "Rosatom signs a deal.", T0.plusSeconds(1));
        assertThat(monitor.mentions()).extracting(Mention::articleId).containsExactly("fixed");
        assertThat(rejected()).containsExactly(Map.entry("invalid-entity", 1));
    }

    @Test
    void shouldSkipARecordWithoutKeyAndChangeNothing() {
        monitor = new MonitorDriver();
        monitor.watch(ROSATOM);

        monitor.watchRaw(null, bytes("{\"id\":\"myanmar\",\"name\":\"Myanmar\",\"aliases\":[\"Myanmar\"]}"));
        monitor.watchRaw(new byte[0], null);
        monitor.article("a1", "t", "Rosatom signs a deal in Myanmar.", T0);

        assertThat(monitor.mentions()).extracting(Mention::entityId).containsExactly("rosatom");
        assertThat(rejected()).containsExactly(Map.entry("missing-key", 2));
    }
}
