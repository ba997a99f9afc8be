package io.newswatch.ingest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IngestSummaryTest {

    private static IngestSummary summary(long sent, Map<String, Long> rejected, long failed) {
        return new IngestSummary(3, 0, 10, sent, 0, 0, rejected, failed, "news.articles", Duration.ofSeconds(1), List.of());
    }

    @Test
    void oneBadFileInADirectoryDoesNotFailARunThatSentTheRest() {
        assertThat(summary(9, Map.of("unreadable", 1L), 0).succeeded()).isTrue();
    }

    @Test
    void anUnreadableInputWithNothingSentFails() {
        assertThat(summary(0, Map.of("unreadable", 1L), 0).succeeded()).isFalse();
    }

    @Test
    void aFailedSendAlwaysFails() {
        assertThat(summary(9, Map.of(), 1).succeeded()).isFalse();
    }

    @Test
    void shouldListOnlyTheInputsWithoutArticlesWhenThereAreMany() {
        List<IngestSummary.InputCount> inputs = new java.util.ArrayList<>();
        for (int i = 0; i < 30; i++) {
            inputs.add(new IngestSummary.InputCount("feed-" + i + ".xml", 3, i == 7 ? 0 : 3, i == 7 ? 3 : 0));
        }
        IngestSummary summary = new IngestSummary(30, 0, 90, 87, 0, 0, Map.of("blank-body", 3L), 0, "news.articles",
                Duration.ofSeconds(1), inputs);

        assertThat(summary.lines()).containsSubsequence(
                "read        90 records from 30 inputs",
                "  feed-7.xml: 0 articles, 3 rejected",
                "  29 other inputs: 87 articles",
                "sent        87 to news.articles");
    }
}
