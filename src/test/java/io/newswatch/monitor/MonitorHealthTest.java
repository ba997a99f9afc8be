package io.newswatch.monitor;

import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.TaskId;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

import static org.assertj.core.api.Assertions.assertThat;

/** Readiness and liveness from what the monitor observes, on an explicit clock. */
class MonitorHealthTest {

    private final AtomicLong now = new AtomicLong(1_000_000);
    private final AtomicReference<KafkaStreams.State> state = new AtomicReference<>(KafkaStreams.State.RUNNING);
    private final MonitorHealth health = new MonitorHealth(state::get, "kafka:9092", Duration.ofSeconds(10),
            Duration.ofSeconds(60), now::get);

    @Test
    void shouldBeReadyWhileRunningWithProgressAndUnreadyOtherwise() {
        health.observed(Map.of("news.articles-0", 10L), Map.of("news.articles-0", 0L));
        assertThat(health.readiness().ok()).isTrue();

        state.set(KafkaStreams.State.REBALANCING);
        assertThat(health.readiness()).isEqualTo(new MonitorHealth.Status(false, "not ready: processing is REBALANCING"));
        assertThat(health.liveness().ok()).as("a rebalance is no reason to restart").isTrue();
    }

    @Test
    void shouldBeUnreadyButLiveWhenTheClusterStopsAnswering() {
        health.brokerAnswered();
        now.addAndGet(9_000);
        assertThat(health.readiness().ok()).isTrue();

        health.brokerFailed("TimeoutException: timed out");
        now.addAndGet(2_000);

        assertThat(health.readiness().ok()).isFalse();
        assertThat(health.readiness().detail())
                .isEqualTo("not ready: no answer from Kafka at kafka:9092 for 11 s (TimeoutException: timed out)");
        assertThat(health.liveness().ok()).isTrue();

        health.brokerAnswered();
        assertThat(health.readiness().ok()).isTrue();
    }

    @Test
    void shouldBeUnreadyWhenAPartitionWithRecordsWaitingStopsCommitting() {
        health.brokerAnswered();
        health.observed(Map.of("news.articles-0", 10L, "news.articles-1", 5L), Map.of("news.articles-0", 3L, "news.articles-1", 0L));
        now.addAndGet(30_000);
        health.brokerAnswered();
        health.observed(Map.of("news.articles-0", 20L, "news.articles-1", 5L), Map.of("news.articles-0", 3L, "news.articles-1", 0L));
        now.addAndGet(59_000);
        health.brokerAnswered();
        assertThat(health.readiness().ok()).as("moved 59 s ago").isTrue();

        now.addAndGet(2_000);
        health.brokerAnswered();

        assertThat(health.readiness().detail())
                .isEqualTo("not ready: stalled on news.articles-0, 3 records waiting and its committed offset unchanged for 61 s");
        assertThat(health.liveness().ok()).as("no thread died: slow is not dead").isTrue();
    }

    @Test
    void shouldNotCountTimeOutsideRunningAsAStall() {
        health.observed(Map.of("news.articles-0", 10L), Map.of("news.articles-0", 3L));
        state.set(KafkaStreams.State.REBALANCING);
        now.addAndGet(300_000);
        health.observed(Map.of("news.articles-0", 10L), Map.of("news.articles-0", 3L));
        state.set(KafkaStreams.State.RUNNING);
        health.brokerAnswered();
        health.observed(Map.of("news.articles-0", 10L), Map.of("news.articles-0", 3L));

        assertThat(health.readiness().ok()).as("restoring for 5 minutes is not stalling").isTrue();
    }

    @Test
    void shouldNotBeLiveWhenThreadsKeepDyingInOneTaskWithoutItCommitting() {
        health.observed(Map.of("news.articles-0", 10L, "news.articles-1", 7L), Map.of("news.articles-0", 4L, "news.articles-1", 0L));
        for (int i = 0; i < 2; i++) {
            health.streamThreadFailed(failureIn(new TaskId(1, 0)));
            // another task keeps committing between the deaths
            health.observed(Map.of("news.articles-0", 10L, "news.articles-1", 8L + i), Map.of("news.articles-0", 4L, "news.articles-1", 0L));
        }
        assertThat(health.liveness().ok()).as("two deaths").isTrue();

        health.streamThreadFailed(failureIn(new TaskId(1, 0)));

        assertThat(health.liveness()).isEqualTo(new MonitorHealth.Status(false, "stream threads died 3 times in task 1_0"
                + " without committing anything there (last: IllegalStateException: refused); restart once the cause is fixed"));
        assertThat(health.readiness().ok()).as("ready is about the whole monitor; /health carries this").isTrue();

        // And once that task commits again, the monitor is live
        health.observed(Map.of("news.articles-0", 11L, "news.articles-1", 9L), Map.of("news.articles-0", 0L, "news.articles-1", 0L));
        assertThat(health.liveness().ok()).isTrue();
    }

    @Test
    void shouldNotBeLiveWhenThreadsKeepDyingOnAPartitionThatNeverCommitted() {
        // the first record of a partition: no committed offset there yet
        health.observed(Map.of("news.articles-0", 10L), Map.of("news.articles-1", 1L));
        for (int i = 0; i < 3; i++) {
            health.streamThreadFailed(failureIn(new TaskId(1, 1)));
        }

        assertThat(health.liveness().ok()).isFalse();
    }

    @Test
    void shouldStayLiveWhenThreadsDieButTheOffsetMovesOn() {
        for (int i = 0; i < 5; i++) {
            health.observed(Map.of("news.articles-0", 10L + i), Map.of("news.articles-0", 4L));
            health.streamThreadFailed(failureIn(new TaskId(1, 0)));
        }

        assertThat(health.liveness().ok()).isTrue();
    }

    @Test
    void shouldStayLiveWhenThreadsDieInDifferentTasks() {
        health.observed(Map.of("news.articles-0", 10L, "news.articles-1", 3L), Map.of());
        health.streamThreadFailed(failureIn(new TaskId(1, 0)));
        health.streamThreadFailed(failureIn(new TaskId(1, 1)));
        health.streamThreadFailed(failureIn(new TaskId(1, 0)));

        assertThat(health.liveness().ok()).isTrue();
    }

    private static StreamsException failureIn(TaskId task) {
        return new StreamsException("Exception caught in process", new IllegalStateException("refused"), task);
    }

    @Test
    void shouldNotBeLiveInStateError() {
        state.set(KafkaStreams.State.ERROR);

        assertThat(health.liveness().detail()).isEqualTo("processing stopped: Kafka Streams is in state ERROR");
    }
}
