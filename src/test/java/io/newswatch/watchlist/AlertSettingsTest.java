package io.newswatch.watchlist;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AlertSettingsTest {

    private static String entityRoutingTo(String topic) {
        return "{\"id\":\"x\",\"aliases\":[\"Xavier\"],\"alerts\":{\"topic\":\"" + topic + "\"}}";
    }

    @Test
    void shouldRefuseKafkaInternalTopics() {
        assertThatThrownBy(() -> AlertSettings.DEFAULT.withTopic("__consumer_offsets"))
                .hasMessage("alerts.topic: '__consumer_offsets' is an internal Kafka topic");
        assertThatThrownBy(() -> WatchlistFiles.parse(entityRoutingTo("__transaction_state")))
                .isInstanceOf(InvalidEntityException.class)
                .hasMessage("entity 'x': alerts.topic: '__transaction_state' is an internal Kafka topic");
    }

    @Test
    void shouldRefuseKafkaStreamsInternalTopics() {
        assertThatThrownBy(() -> AlertSettings.DEFAULT.withTopic("newswatch-monitor-article-ids-changelog"))
                .hasMessage("alerts.topic: 'newswatch-monitor-article-ids-changelog' is an internal Kafka Streams topic");
        assertThatThrownBy(() -> WatchlistFiles.parse(entityRoutingTo("newswatch-monitor-articles-by-id-repartition")))
                .hasMessage("entity 'x': alerts.topic: 'newswatch-monitor-articles-by-id-repartition' is an internal Kafka Streams topic");
    }

    @Test
    void shouldKeepAcceptingOrdinaryAlertTopics() {
        assertThat(AlertSettings.DEFAULT.withTopic("news.alerts.justice").topic()).isEqualTo("news.alerts.justice");
        assertThat(AlertSettings.DEFAULT.withTopic("changelog-of-alerts").topic()).isEqualTo("changelog-of-alerts");
        assertThat(AlertSettings.DEFAULT.withTopic("alerts_").topic()).isEqualTo("alerts_");
        assertThat(AlertSettings.isInternalTopic("news.alerts")).isFalse();
        assertThat(AlertSettings.isInternalTopic("__consumer_offsets")).isTrue();
        assertThat(AlertSettings.isInternalTopic("app-store-repartition")).isTrue();
    }

    @Test
    void shouldRefuseTheProgramsOwnTopicsWhenTheyAreGiven() {
        var forbidden = java.util.Set.of("news.watchlist", "news.mentions");

        assertThatThrownBy(() -> WatchlistFiles.parse(entityRoutingTo("news.mentions").getBytes(), forbidden))
                .isInstanceOf(InvalidEntityException.class)
                .hasMessage("entity 'x': alerts.topic: 'news.mentions' is one of newswatch's own topics, not an alert topic");
        assertThat(WatchlistFiles.parse(entityRoutingTo("news.mentions")).alerts().topic())
                .as("without the program's topics the name is an ordinary one").isEqualTo("news.mentions");
        assertThat(WatchlistFiles.parse(entityRoutingTo("news.alerts.asia").getBytes(), forbidden).alerts().topic())
                .isEqualTo("news.alerts.asia");
    }
}
