package io.newswatch.watchlist;

import io.newswatch.watchlist.WatchlistRecord.Reason;
import io.newswatch.watchlist.WatchlistRecord.Rejected;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatchlistRecordTest {

    private static final Set<String> OWN_TOPICS = Set.of("news.articles", "news.watchlist", "news.mentions", "news.articles.dlq");
    private static final String ROSATOM = "{\"id\":\"rosatom\",\"name\":\"Rosatom\",\"aliases\":[\"Rosatom\",\"Росатом\"]}";

    private static byte[] bytes(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static WatchlistRecord decode(String key, String value) {
        return WatchlistRecord.decode(bytes(key), bytes(value), OWN_TOPICS);
    }

    private static Rejected rejected(String key, String value) {
        WatchlistRecord r = decode(key, value);
        assertThat(r).isInstanceOf(Rejected.class);
        return (Rejected) r;
    }

    @Test
    void shouldPutAValidEntityUnderItsOwnKey() {
        assertThat(decode("rosatom", ROSATOM)).isEqualTo(new WatchlistRecord.Put(WatchlistFiles.parse(ROSATOM)));
    }

    @Test
    void shouldRemoveOnATombstone() {
        assertThat(decode("rosatom", null)).isEqualTo(new WatchlistRecord.Remove("rosatom"));
    }

    @Test
    void shouldRejectARecordWithoutKey() {
        Rejected missing = rejected(null, ROSATOM);
        Rejected empty = rejected("", ROSATOM);

        assertThat(missing).isEqualTo(new Rejected(null, Reason.MISSING_KEY, "no entity id in the record key"));
        assertThat(empty).isEqualTo(missing);
        assertThat(rejected(null, null).reason()).isEqualTo(Reason.MISSING_KEY);
    }

    @Test
    void shouldRejectAnEntityWhoseIdDiffersFromTheKey() {
        Rejected r = rejected("myanmar", ROSATOM);

        assertThat(r.key()).as("the key whose earlier entity is dropped").isEqualTo("myanmar");
        assertThat(r.reason()).isEqualTo(Reason.KEY_MISMATCH);
        assertThat(r.detail()).isEqualTo("the entity id in the value differs from the record key");
    }

    @Test
    void shouldRejectAnAlertTopicThatIsOneOfTheProgramsOwnTopics() {
        for (String topic : OWN_TOPICS) {
            Rejected r = rejected("x", "{\"id\":\"x\",\"aliases\":[\"Xavier\"],\"alerts\":{\"topic\":\"" + topic + "\"}}");

            assertThat(r.reason()).as(topic).isEqualTo(Reason.FORBIDDEN_ALERT_TOPIC);
            assertThat(r.detail()).isEqualTo("alerts.topic: '" + topic + "' is one of newswatch's own topics, not an alert topic");
        }
        assertThat(decode("x", "{\"id\":\"x\",\"aliases\":[\"Xavier\"],\"alerts\":{\"topic\":\"news.alerts.asia\"}}"))
                .isInstanceOf(WatchlistRecord.Put.class);
    }

    @Test
    void shouldRejectInvalidValuesWithoutQuotingThem() {
        assertThat(rejected("x", "")).isEqualTo(new Rejected("x", Reason.INVALID_ENTITY, "empty value"));
        assertThat(rejected("x", "{\"id\":\"x\",\"aliases\":[\"secret-token-1234\"").detail())
                .startsWith("not valid JSON (line 1, column ").doesNotContain("secret");
        assertThat(rejected("x", "[\"secret-token-1234\"]").detail()).isEqualTo("the value is a list, not an entity object");
        assertThat(rejected("x", "null").detail()).isEqualTo("the value is nothing, not an entity object");

        Rejected invalid = rejected("x", "{\"id\":\"x\",\"aliases\":[\"secret-token-1234\",\"(s+)+$\"],"
                + "\"context\":[\"--\"],\"alerts\":{\"topic\":\"__secret_topic\"}}");
        assertThat(invalid.reason()).isEqualTo(Reason.INVALID_ENTITY);
        assertThat(invalid.detail())
                .isEqualTo("not a valid entity: 3 problems, in context[0], aliases[1], alerts.topic")
                .doesNotContain("secret");
        assertThat(rejected("x", "{\"id\":\"x\",\"aliases\":[\"Xavier\"],\"alerts\":{\"kinds\":[\"SECRET\"]}}").detail())
                .isEqualTo("not a valid entity: 1 problem, in alerts.kinds[0]");
        assertThat(rejected("x y", "{\"id\":\"x y\",\"aliases\":[]}").detail())
                .isEqualTo("not a valid entity: 2 problems, in id, aliases");
    }

    @Test
    void shouldDescribeARejectionByCoordinatesAndReason() {
        assertThat(rejected("myanmar", ROSATOM).describe("news.watchlist/0@7")).isEqualTo(
                "skipped watchlist record at news.watchlist/0@7: key-mismatch: the entity id in the value differs from the record key");
    }

    @Test
    void shouldTagMetricsWithTheReasonsKey() {
        assertThat(Reason.values()).extracting(Reason::key)
                .containsExactly("missing-key", "invalid-entity", "key-mismatch", "forbidden-alert-topic");
    }

    @Test
    void shouldRequireAKeyForEveryReasonButAMissingKey() {
        assertThatThrownBy(() -> new Rejected(null, Reason.KEY_MISMATCH, "d")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new Rejected("k", Reason.MISSING_KEY, "d")).isInstanceOf(IllegalArgumentException.class);
    }
}
