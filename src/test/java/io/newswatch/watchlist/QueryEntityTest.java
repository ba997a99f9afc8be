package io.newswatch.watchlist;

import io.newswatch.kafka.Json;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A watched entity with a query: how it is written, read and refused. */
class QueryEntityTest {

    private static final String ICC = "{\"id\": \"icc\", \"name\": \"International Criminal Court\", "
            + "\"query\": \"(\\\"International Criminal Court\\\" OR ICC) AND (warrant OR judges OR court) NOT cricket\"}";

    @Test
    void aQueryAloneFindsTheEntityAndSurvivesAWriteAndARead() throws Exception {
        WatchedEntity e = WatchlistFiles.parse(ICC);
        assertThat(e.aliases()).isEmpty();
        assertThat(e.query().text()).isEqualTo("(\"International Criminal Court\" OR ICC) AND (warrant OR judges OR court) NOT cricket");
        WatchedEntity again = WatchlistFiles.parse(Json.mapper().writeValueAsString(e));
        assertThat(again).isEqualTo(e);
        assertThat(again.query().root()).hasToString(e.query().root().toString());
    }

    @Test
    void aMalformedQueryIsOneProblemNamingItsColumn() {
        assertThatThrownBy(() -> WatchlistFiles.parse("{\"id\": \"icc\", \"query\": \"(ICC OR court\"}"))
                .isInstanceOf(InvalidEntityException.class)
                .hasMessage("entity 'icc': query: expected ')' for the '(' at column 1, found the end of the query");
    }

    @Test
    void withoutAliasesContextAndExcludeBelongInTheQuery() {
        assertThatThrownBy(() -> WatchedEntity.builder("icc").query("ICC").exclude("cricket").build())
                .isInstanceOf(InvalidEntityException.class)
                .hasMessageContaining("query: context and exclude apply to aliases");
    }

    @Test
    void neitherAliasesNorQueryIsRefused() {
        assertThatThrownBy(() -> WatchlistFiles.parse("{\"id\": \"icc\", \"name\": \"ICC\"}"))
                .hasMessage("entity 'icc': aliases: none given (or give a query)");
    }

    @Test
    void theNameDefaultsToTheIdWithoutAliases() {
        assertThat(WatchlistFiles.parse("{\"id\": \"icc\", \"query\": \"ICC\"}").name()).isEqualTo("icc");
    }
}
