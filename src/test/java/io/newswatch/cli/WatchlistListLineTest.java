package io.newswatch.cli;

import io.newswatch.watchlist.WatchedEntity;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class WatchlistListLineTest {

    private static final String FORGED = "\n2026-01-01 00:00:00Z  MENTION    fake  1 article";

    @Test
    void shouldListAnEntityAsBefore() {
        WatchedEntity entity = WatchedEntity.builder("rohingya").name("Rohingya people")
                .aliases("Rohingya", "Rohingya Muslims").tags("asia").build();

        assertThat(WatchlistCommand.ListEntities.line(entity)).isEqualTo(
                "rohingya                 Rohingya people                  Rohingya | Rohingya Muslims  [asia]  MENTION");
    }

    @Test
    void shouldKeepAnEntityOnOneLineWhateverItsNameAliasesAndTagsHold() {
        // Given a watchlist record whose name, aliases and tags carry line breaks and escapes
        WatchedEntity entity = WatchedEntity.builder("evil").name("Evil" + FORGED)
                .aliases("Rosatom\u001b[2J", "Ros\ratom").tags("t\u202eag", "x\ny").build();

        // When it is listed
        String line = WatchlistCommand.ListEntities.line(entity);

        // Then it is one line that shows them
        assertThat(line.lines()).hasSize(1);
        assertThat(line).doesNotContain("\u001b", "\u202e", "\r")
                .isEqualTo("evil                     Evil 2026-01-01 00:00:00Z  MENTION    fake  1 article"
                        + " Rosatom\\x1b[2J | Ros atom  [t\\u202eag, x y]  MENTION");
    }

    @Test
    void shouldListAQueryBesideTheAliases() {
        WatchedEntity entity = WatchedEntity.builder("icc").name("International Criminal Court")
                .query("ICC AND (warrant OR judges) NOT cricket").build();

        assertThat(WatchlistCommand.ListEntities.line(entity)).isEqualTo(
                "icc                      International Criminal Court     query ICC AND (warrant OR judges) NOT cricket  MENTION");
    }

    @Test
    void shouldShowTheAlertKindsAndRulesSoAnEntityThatNeverAlertsIsNoMystery() {
        WatchedEntity entity = io.newswatch.watchlist.WatchlistFiles.parse("""
                {"id":"icc","name":"ICC","aliases":["ICC"],"context":["court","judges"],"exclude":["cricket"],
                 "alerts":{"kinds":["SPIKE","THRESHOLD","SPREAD"],"threshold":{"count":3,"window":"PT30M"},"spread":{"outlets":4}}}""");

        assertThat(WatchlistCommand.ListEntities.line(entity)).endsWith(
                "ICC  THRESHOLD 3/30m, SPIKE 1h, SPREAD 4 outlets; context court, judges; exclude cricket");
    }
}
