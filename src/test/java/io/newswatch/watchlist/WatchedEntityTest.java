package io.newswatch.watchlist;

import io.newswatch.kafka.Json;
import io.newswatch.kafka.JsonSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatchedEntityTest {

    private static final String ICC_JSON = """
            {"id":"icc","name":"International Criminal Court",
             "aliases":["ICC",{"text":"International Criminal Court","approximate":true}],
             "context":["court","judges","warrant"],"exclude":["cricket"],"tags":["justice"],
             "alerts":{"kinds":["MENTION","THRESHOLD"],"threshold":{"count":3,"window":"PT1H"},
                       "topic":"news.alerts.justice"},
             "addedBy":"someone"}""";

    @Test
    void shouldListEveryProblemInOneMessage() {
        assertThatThrownBy(() -> new WatchedEntity("x y", null, List.of(), null, 30, null, 30, null, null))
                .isInstanceOf(InvalidEntityException.class)
                .hasMessage("entity 'x y': id must match [a-z0-9][a-z0-9._-]{0,63}; aliases: none given (or give a query)");
    }

    @Test
    void shouldRefuseBlankAndPunctuationOnlyAliases() {
        assertThatThrownBy(() -> Alias.of("  ")).hasMessage("alias is blank");
        assertThatThrownBy(() -> Alias.of("--!")).hasMessage("alias '--!' has no letter or digit");
        assertThatThrownBy(() -> WatchlistFiles.parse("{\"id\":\"a\",\"aliases\":[\"Ab\",\"...\",\" \"]}"))
                .hasMessage("entity 'a': aliases[1]: alias '...' has no letter or digit; aliases[2]: alias is blank");
    }

    @Test
    void shouldRefuseApproximateOnShortAliases() {
        assertThatThrownBy(() -> Alias.approximate("Putin"))
                .hasMessageContaining("approximate needs 2 or more words");
        assertThat(Alias.approximate("Vladimir Putin").approximate()).isTrue();
    }

    @Test
    void shouldChooseDefaultCaseModeFromTheAlias() {
        assertThat(Alias.of("ICC").caseMode()).isEqualTo(CaseMode.EXACT);
        assertThat(Alias.of("NATO").caseMode()).isEqualTo(CaseMode.EXACT);
        assertThat(Alias.of("U.N.").caseMode()).isEqualTo(CaseMode.EXACT);
        assertThat(Alias.of("UNESCO").caseMode()).isEqualTo(CaseMode.SMART);
        assertThat(Alias.of("Turkey").caseMode()).isEqualTo(CaseMode.SMART);
        assertThat(Alias.of("climate change").caseMode()).isEqualTo(CaseMode.INSENSITIVE);
        assertThat(Alias.of("Росатом").caseMode()).isEqualTo(CaseMode.SMART);
        assertThat(Alias.of("မြန်မာ").caseMode()).isEqualTo(CaseMode.INSENSITIVE);
    }

    @Test
    void shouldReadTheHandWrittenJsonShape() {
        WatchedEntity e = WatchlistFiles.parse(ICC_JSON);

        assertThat(e.id()).isEqualTo("icc");
        assertThat(e.aliases()).containsExactly(Alias.of("ICC"), Alias.approximate("International Criminal Court"));
        assertThat(e.aliases().get(0).caseMode()).isEqualTo(CaseMode.EXACT);
        assertThat(e.context()).containsExactly("court", "judges", "warrant");
        assertThat(e.exclude()).containsExactly("cricket");
        assertThat(e.contextWindow()).isEqualTo(WatchedEntity.DEFAULT_WINDOW);
        assertThat(e.tags()).containsExactly("justice");
        assertThat(e.alerts().kinds()).containsExactly(AlertKind.MENTION, AlertKind.THRESHOLD);
        assertThat(e.alerts().threshold()).isEqualTo(new AlertSettings.Threshold(3, Duration.ofHours(1)));
        assertThat(e.alerts().topic()).isEqualTo("news.alerts.justice");
        assertThat(e.alerts().spike()).isEqualTo(AlertSettings.Spike.DEFAULT);
    }

    @Test
    void shouldDefaultEverythingButIdAndAliases() {
        WatchedEntity e = WatchlistFiles.parse("{\"id\":\"rosatom\",\"aliases\":\"Rosatom\"}");

        assertThat(e.name()).isEqualTo("Rosatom");
        assertThat(e.context()).isEmpty();
        assertThat(e.exclude()).isEmpty();
        assertThat(e.tags()).isEmpty();
        assertThat(e.alerts()).isEqualTo(AlertSettings.DEFAULT);
        assertThat(e.alerts().kinds()).containsExactly(AlertKind.MENTION);
        assertThat(e.alerts().threshold()).isEqualTo(new AlertSettings.Threshold(5, Duration.ofHours(1)));
    }

    @Test
    void shouldRoundTripThroughTheSharedJsonSerde() {
        JsonSerde<WatchedEntity> serde = JsonSerde.of(WatchedEntity.class);
        WatchedEntity full = WatchedEntity.builder("min-aung-hlaing").name("Min Aung Hlaing")
                .alias(Alias.approximate("Min Aung Hlaing"))
                .alias(new Alias("General Hlaing", CaseMode.INSENSITIVE, false))
                .alias("မင်းအောင်လှိုင်")
                .context("junta").contextWindow(WatchedEntity.ANYWHERE)
                .exclude("football").excludeWindow(10)
                .tags("asia")
                .alerts(AlertSettings.of(AlertKind.SPIKE, AlertKind.CO_MENTION)
                        .withSpike(new AlertSettings.Spike(Duration.ofMinutes(30), 0.5, 2.5, 3))
                        .withCoMention(new AlertSettings.CoMention(2, Duration.ofHours(6)))
                        .withThreshold(new AlertSettings.Threshold(7, Duration.ofMinutes(15)))
                        .withTopic("news.alerts.asia"))
                .build();

        byte[] bytes = serde.serialize("news.watchlist", full);
        WatchedEntity back = serde.deserialize("news.watchlist", bytes);

        assertThat(back).isEqualTo(full);
        String json = new String(bytes, StandardCharsets.UTF_8);
        assertThat(json).contains("\"contextWindow\":\"article\"", "\"case\":\"insensitive\"", "\"approximate\":true");
        assertThat(Json.mapper().convertValue(Json.mapper().valueToTree(full), WatchedEntity.class)).isEqualTo(full);
    }

    @Test
    void shouldWriteDefaultAliasesAsPlainStrings() {
        String json = WatchlistFiles.toJson(WatchedEntity.of("rosatom", "Rosatom", "Rosatom", "Росатом"));

        assertThat(json).isEqualTo("{\"id\":\"rosatom\",\"name\":\"Rosatom\",\"aliases\":[\"Rosatom\",\"Росатом\"]}");
    }

    @Test
    void shouldNameTheFieldOfAnUnknownEnumValue() {
        String json = "{\"id\":\"a\",\"aliases\":[{\"text\":\"Ab\",\"case\":\"loud\"}],\"alerts\":{\"kinds\":[\"MENTION\",\"PANIC\"]}}";

        assertThatThrownBy(() -> WatchlistFiles.parse(json))
                .isInstanceOf(InvalidEntityException.class)
                .hasMessageContaining("aliases[0].case: unknown value (expected insensitive, smart or exact)")
                .hasMessageContaining("alerts.kinds[1]: unknown value (expected one of")
                .hasMessageNotContaining("loud").hasMessageNotContaining("PANIC");
        assertThatThrownBy(() -> JsonSerde.of(WatchedEntity.class).deserialize("t", json.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("alerts.kinds[1]");
    }

    @Test
    void shouldAcceptShortAndIsoDurationsAndRefuseNonsense() {
        WatchedEntity e = WatchlistFiles.parse("{\"id\":\"a\",\"aliases\":[\"A b\"],\"alerts\":{\"threshold\":{\"count\":2,\"window\":\"30m\"},"
                + "\"spike\":{\"window\":\"PT2H\"},\"coMention\":{\"window\":\"1d\"}}}");

        assertThat(e.alerts().threshold().window()).isEqualTo(Duration.ofMinutes(30));
        assertThat(e.alerts().spike().window()).isEqualTo(Duration.ofHours(2));
        assertThat(e.alerts().coMention().window()).isEqualTo(Duration.ofDays(1));
        assertThatThrownBy(() -> WatchlistFiles.parse("{\"id\":\"a\",\"aliases\":[\"Ab\"],\"alerts\":{\"threshold\":{\"window\":\"soon\"}}}"))
                .hasMessageContaining("alerts.threshold.window: \"soon\" is not a duration");
    }

    @Test
    void shouldRefuseBadTopicWindowAndThreshold() {
        String json = "{\"id\":\"a\",\"aliases\":[\"Ab\"],\"contextWindow\":0,\"alerts\":{\"topic\":\"no spaces allowed\",\"threshold\":{\"count\":0}}}";

        assertThatThrownBy(() -> WatchlistFiles.parse(json))
                .hasMessageContaining("contextWindow: must be at least 1 token")
                .hasMessageContaining("alerts.threshold.count: must be at least 1")
                .extracting(t -> ((WatchlistException) t).problems()).asList().hasSizeGreaterThanOrEqualTo(2);
        assertThatThrownBy(() -> AlertSettings.of(AlertKind.MENTION).withTopic("no spaces allowed"))
                .hasMessageContaining("not a valid Kafka topic name");
    }

    @Test
    void shouldCopyCollectionsIntoUnmodifiableOnes() {
        List<String> tags = new ArrayList<>(List.of("a"));
        WatchedEntity e = new WatchedEntity("x", "X", List.of(Alias.of("Xa")), null, 30, null, 30, tags, null);
        tags.add("b");

        assertThat(e.tags()).containsExactly("a");
        assertThatThrownBy(() -> e.tags().add("c")).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.aliases().add(Alias.of("Ya"))).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> e.alerts().kinds().add(AlertKind.SPIKE)).isInstanceOf(UnsupportedOperationException.class);
        assertThat(e.alerts().kinds()).isEqualTo(Set.of(AlertKind.MENTION));
    }
}
