package io.newswatch.ingest;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class IngestSummaryTest {

    private static IngestSummary summary(long sent, Map<String, Long> rejected, long failed) {
        return new IngestSummary(3, 0, 10, sent, 0, 0, rejected, failed, "news.articles", Duration.ofSeconds(1));
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
}
