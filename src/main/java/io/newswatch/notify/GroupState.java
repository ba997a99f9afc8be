package io.newswatch.notify;

import io.newswatch.alert.Alert;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * A group's alerts between two notifications, for one receiver and one alert-topic partition: the
 * value on the notification state topic. Keeping groups per source partition lets the instance
 * that owns a partition own its groups, across restarts and rebalances.
 *
 * @param receiver       the receiver's name
 * @param groupKey       the group labels as one key ({@code entity=icc,kind=MENTION}), or {@code digest}
 * @param labels         the group labels
 * @param topic          the alert topic the alerts came from
 * @param partition      its partition
 * @param groupWait      how long a new group waits for more alerts before its first notification
 * @param groupInterval  how long after a notification the next one of the group may go
 * @param repeatInterval how long an alert already sent in the group is not sent again
 * @param pending        the alerts waiting, oldest first
 * @param lastSentAt     when the group was last notified, or null
 * @param sent           ids of alerts sent within the last repeat interval, with when
 * @param inFlight       ids of the alerts of a batch that failed and waits for its retry (empty when
 *                       none): the retry, even by another instance after a restart, sends exactly these
 */
public record GroupState(String receiver, String groupKey, Map<String, String> labels, String topic, int partition,
                         Duration groupWait, Duration groupInterval, Duration repeatInterval,
                         List<Pending> pending, Instant lastSentAt, Map<String, Instant> sent, List<String> inFlight) {

    /** An alert waiting in a group, with where it was read and when it joined. */
    public record Pending(Alert alert, long offset, Instant addedAt) {
    }

    public GroupState {
        labels = Map.copyOf(labels);
        pending = List.copyOf(pending);
        sent = Map.copyOf(sent);
        inFlight = inFlight == null ? List.of() : List.copyOf(inFlight);
    }

    /** The record key on the state topic. */
    public String key() {
        return key(receiver, groupKey, topic, partition);
    }

    static String key(String receiver, String groupKey, String topic, int partition) {
        return receiver + "|" + groupKey + "|" + topic + "-" + partition;
    }

    /** The time the oldest pending alert joined, or null when none waits. */
    Instant firstPendingAt() {
        return pending.isEmpty() ? null : pending.get(0).addedAt();
    }

    GroupState withPending(List<Pending> newPending) {
        return new GroupState(receiver, groupKey, labels, topic, partition, groupWait, groupInterval, repeatInterval,
                newPending, lastSentAt, sent, inFlight);
    }

    GroupState withInFlight(List<String> ids) {
        return new GroupState(receiver, groupKey, labels, topic, partition, groupWait, groupInterval, repeatInterval,
                pending, lastSentAt, sent, ids);
    }

    /** After a batch is done: what remains pending, nothing in flight, and (when it was sent) when and what. */
    GroupState withDone(List<Pending> remaining, Instant at, Map<String, Instant> newSent) {
        return new GroupState(receiver, groupKey, labels, topic, partition, groupWait, groupInterval, repeatInterval,
                remaining, at, newSent, List.of());
    }
}
