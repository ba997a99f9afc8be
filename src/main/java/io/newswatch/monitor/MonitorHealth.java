package io.newswatch.monitor;

import io.newswatch.metrics.HealthCheck;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.errors.StreamsException;
import org.apache.kafka.streams.processor.TaskId;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * What {@code /ready} and {@code /health} say about a running monitor, from what it observes:
 * the Kafka Streams state, the last answer from the cluster, and per input partition the group's
 * committed offset (progress) against the records waiting there (lag), and stream threads that
 * died.
 *
 * <ul>
 *   <li>Ready: processing runs, the cluster answered within {@code brokerTimeout}, and no
 *       partition with records waiting has gone {@code stallTimeout} of running time without its
 *       committed offset moving.</li>
 *   <li>Live: Kafka Streams is not in ERROR, and the last {@value #DEATHS} stream-thread deaths
 *       were not all in one task whose committed offsets stayed where they were: a record that
 *       kills every thread that reads it is a loop only a restart (after a fix) can end. A cluster
 *       that is down makes the monitor unready, never dead: a restart would not help.</li>
 * </ul>
 * Partitions are named {@code topic-partition}. Thread-safe: fed by the stream threads' failure
 * handler and the monitor's background watch, read by the HTTP threads.
 */
public final class MonitorHealth implements HealthCheck {

    /** Stream-thread deaths at one unchanged committed offset that make the monitor not live. */
    static final int DEATHS = 3;

    private final Supplier<KafkaStreams.State> state;
    private final String bootstrapServers;
    private final Duration brokerTimeout;
    private final Duration stallTimeout;
    private final LongSupplier clock;

    private long lastContactMs;
    private String lastContactFailure;
    private long runningSinceMs = -1;
    private Map<String, Long> committed = Map.of();
    private Map<String, Long> waiting = Map.of();
    private final Map<String, Long> lastMoveMs = new HashMap<>();
    /** The last deaths, newest last. */
    private final Deque<Death> deaths = new ArrayDeque<>();
    private String lastDeath;

    /**
     * A stream thread's death: the task it failed in (Kafka Streams names it for a failure while
     * processing; null otherwise) and the committed offsets of that task's partition number at
     * the time (of every partition without a task).
     */
    private record Death(TaskId task, Map<String, Long> committed) {
    }

    MonitorHealth(Supplier<KafkaStreams.State> state, String bootstrapServers, Duration brokerTimeout, Duration stallTimeout,
                  LongSupplier clock) {
        this.state = Objects.requireNonNull(state, "state");
        this.bootstrapServers = bootstrapServers;
        this.brokerTimeout = brokerTimeout;
        this.stallTimeout = stallTimeout;
        this.clock = clock;
        this.lastContactMs = clock.getAsLong();
    }

    /** A call to the cluster succeeded. */
    synchronized void brokerAnswered() {
        lastContactMs = clock.getAsLong();
        lastContactFailure = null;
    }

    /** A call to the cluster failed; {@code cause} is a short description without secrets. */
    synchronized void brokerFailed(String cause) {
        lastContactFailure = cause;
    }

    /**
     * The group's committed offset per input partition, and the records waiting per partition
     * assigned to this instance (its consumers' lag).
     */
    synchronized void observed(Map<String, Long> committedOffsets, Map<String, Long> recordsWaiting) {
        long now = clock.getAsLong();
        boolean running = state.get() == KafkaStreams.State.RUNNING;
        if (!running) {
            runningSinceMs = -1;
        } else if (runningSinceMs < 0) {
            runningSinceMs = now;
        }
        for (Map.Entry<String, Long> e : committedOffsets.entrySet()) {
            if (!e.getValue().equals(committed.get(e.getKey()))) {
                lastMoveMs.put(e.getKey(), now);
            }
        }
        committed = Map.copyOf(committedOffsets);
        waiting = Map.copyOf(recordsWaiting);
    }

    /** A stream thread died (and was replaced). */
    synchronized void streamThreadFailed(Throwable cause) {
        lastDeath = describe(cause);
        TaskId task = taskOf(cause);
        deaths.addLast(new Death(task, offsetsOf(task)));
        while (deaths.size() > DEATHS) {
            deaths.removeFirst();
        }
    }

    private static TaskId taskOf(Throwable cause) {
        for (Throwable t = cause; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamsException e && e.taskId().isPresent()) {
                return e.taskId().get();
            }
        }
        return null;
    }

    /** The committed offsets of the partitions numbered as the task's (a task reads that partition of each of its topics). */
    private Map<String, Long> offsetsOf(TaskId task) {
        if (task == null) {
            return committed;
        }
        String suffix = "-" + task.partition();
        Map<String, Long> offsets = new HashMap<>();
        committed.forEach((partition, offset) -> {
            if (partition.endsWith(suffix)) {
                offsets.put(partition, offset);
            }
        });
        return offsets;
    }

    @Override
    public synchronized Status liveness() {
        KafkaStreams.State s = state.get();
        if (s == KafkaStreams.State.ERROR || s == KafkaStreams.State.PENDING_ERROR) {
            return Status.failing("processing stopped: Kafka Streams is in state " + s);
        }
        if (stuckInOneTask()) {
            TaskId task = deaths.getLast().task();
            return Status.failing("stream threads died " + DEATHS + " times " + (task == null ? "" : "in task " + task + " ")
                    + "without committing anything there (last: " + lastDeath + "); restart once the cause is fixed");
        }
        return Status.ok("ok");
    }

    @Override
    public synchronized Status readiness() {
        long now = clock.getAsLong();
        KafkaStreams.State s = state.get();
        if (s != KafkaStreams.State.RUNNING) {
            return Status.failing("not ready: processing is " + s);
        }
        long sinceContact = now - lastContactMs;
        if (sinceContact > brokerTimeout.toMillis()) {
            return Status.failing("not ready: no answer from Kafka at " + bootstrapServers + " for " + seconds(sinceContact)
                    + (lastContactFailure == null ? "" : " (" + lastContactFailure + ")"));
        }
        long total = 0;
        for (Map.Entry<String, Long> e : waiting.entrySet()) {
            total += e.getValue();
            if (e.getValue() <= 0 || runningSinceMs < 0) {
                continue;
            }
            long since = now - Math.max(runningSinceMs, lastMoveMs.getOrDefault(e.getKey(), runningSinceMs));
            if (since > stallTimeout.toMillis()) {
                return Status.failing("not ready: stalled on " + e.getKey() + ", " + e.getValue()
                        + " records waiting and its committed offset unchanged for " + seconds(since)
                        + (lastDeath == null ? "" : " (last stream-thread failure: " + lastDeath + ")"));
            }
        }
        return Status.ok("ready: processing, " + total + " records waiting");
    }

    /** The last deaths were all in one task, and its committed offsets are what they were at each of them. */
    private boolean stuckInOneTask() {
        if (deaths.size() < DEATHS) {
            return false;
        }
        TaskId task = deaths.getLast().task();
        Map<String, Long> now = offsetsOf(task);
        for (Death death : deaths) {
            if (!Objects.equals(death.task(), task) || !death.committed().equals(now)) {
                return false;
            }
        }
        return true;
    }

    private static String seconds(long millis) {
        return (millis / 1000) + " s";
    }

    /** The exception's root cause: its class and the first line of its message, bounded. */
    static String describe(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? "" : ": " + root.getMessage().lines().findFirst().orElse("");
        String text = root.getClass().getSimpleName() + message;
        return text.length() > 200 ? text.substring(0, 199) + "…" : text;
    }
}
