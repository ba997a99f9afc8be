package io.newswatch.notify;

import io.newswatch.alert.Alert;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The grouping of one notify instance, driven by a clock: alerts join groups, groups come due
 * (group_wait after a group's first alert, then at most every group_interval; digests on their
 * schedule), and what was sent or parked leaves them. It does no I/O: the notifier persists the
 * states it changes and delivers the batches it is given.
 *
 * <p>The groups of one receiver and group key on several partitions this instance reads flush
 * together, as one notification.
 */
final class Groups {

    /** Alerts of one receiver and group key to deliver now, from one or more partition groups. */
    record Batch(String receiver, String groupKey, Map<String, String> labels, List<GroupState> members,
                 List<GroupState.Pending> alerts, boolean digest) {

        /** The same for the same alerts: a re-delivery after a retry or a restart carries the same key. */
        String idempotencyKey() {
            try {
                MessageDigest sha = MessageDigest.getInstance("SHA-256");
                sha.update((receiver + "\n" + groupKey).getBytes(StandardCharsets.UTF_8));
                for (GroupState.Pending p : alerts) {
                    sha.update(("\n" + p.alert().alertId()).getBytes(StandardCharsets.UTF_8));
                }
                return HexFormat.of().formatHex(sha.digest(), 0, 16);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }
    }

    private final Map<String, NotifyConfig.ReceiverSpec> receivers;
    private final Map<String, GroupState> states = new LinkedHashMap<>();
    /**
     * Per group (receiver and key): the alerts of a batch tried and not yet done — one that failed
     * and waits for its retry, or, after a restart, what the previous owner may have been
     * delivering. The next batch of the group holds exactly these, so a receiver gets the same
     * alerts under the same idempotency key; alerts that came since wait for the batch after.
     */
    private final Map<String, Set<String>> inFlight = new java.util.HashMap<>();

    Groups(Map<String, NotifyConfig.ReceiverSpec> receivers) {
        this.receivers = receivers;
    }

    /** A state read back from the state topic (null removes it). */
    void load(String key, GroupState state) {
        if (state == null) {
            states.remove(key);
        } else {
            states.put(key, state);
            // a batch that failed before, or else everything pending: what the previous owner may have been sending
            Set<String> ids = inFlight.computeIfAbsent(group(state), g -> new LinkedHashSet<>());
            if (!state.inFlight().isEmpty()) {
                ids.addAll(state.inFlight());
            } else {
                state.pending().forEach(p -> ids.add(p.alert().alertId()));
            }
        }
    }

    /**
     * The batch was tried and failed: its retry sends exactly its alerts again.
     *
     * @return the states changed, to persist (a retry by another instance sends the same)
     */
    List<GroupState> freeze(Batch batch) {
        List<String> ids = batch.alerts().stream().map(p -> p.alert().alertId()).toList();
        inFlight.put(batch.receiver() + "|" + batch.groupKey(), new LinkedHashSet<>(ids));
        List<GroupState> changed = new ArrayList<>();
        for (GroupState member : batch.members()) {
            GroupState current = states.get(member.key());
            if (current != null && !current.inFlight().equals(ids)) {
                GroupState next = current.withInFlight(ids);
                states.put(next.key(), next);
                changed.add(next);
            }
        }
        return changed;
    }

    private static String group(GroupState state) {
        return state.receiver() + "|" + state.groupKey();
    }

    /** Forgets the groups of a partition this instance no longer reads. */
    void drop(String topic, int partition) {
        states.values().removeIf(s -> s.topic().equals(topic) && s.partition() == partition);
        inFlight.keySet().removeIf(g -> states.values().stream().noneMatch(s -> group(s).equals(g)));
    }

    Collection<GroupState> all() {
        return states.values();
    }

    /**
     * Puts an alert into the group of every route it reached; an alert the group sent within its
     * repeat interval, or already holds, is not added again.
     *
     * @return the states changed, to persist
     */
    List<GroupState> add(Alert alert, String topic, int partition, long offset, List<NotifyConfig.Route> routes, Instant now) {
        List<GroupState> changed = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (NotifyConfig.Route route : routes) {
            NotifyConfig.ReceiverSpec receiver = receivers.get(route.receiver());
            Map<String, String> labels = receiver.isDigest() ? Map.of() : Routes.groupLabels(route, alert, topic);
            String groupKey = receiver.isDigest() ? "digest" : Routes.groupKey(labels);
            String key = GroupState.key(route.receiver(), groupKey, topic, partition);
            if (!seen.add(key)) {
                continue;
            }
            GroupState state = states.get(key);
            if (state == null) {
                state = new GroupState(route.receiver(), groupKey, labels, topic, partition, route.groupWait(),
                        route.groupInterval(), route.repeatInterval(), List.of(), null, Map.of(), List.of());
            }
            Instant sentAt = state.sent().get(alert.alertId());
            boolean repeat = sentAt != null && sentAt.plus(state.repeatInterval()).isAfter(now);
            boolean held = state.pending().stream().anyMatch(p -> p.alert().alertId().equals(alert.alertId()));
            if (repeat || held) {
                continue;
            }
            List<GroupState.Pending> pending = new ArrayList<>(state.pending());
            pending.add(new GroupState.Pending(alert, offset, now));
            state = state.withPending(pending);
            states.put(key, state);
            changed.add(state);
        }
        return changed;
    }

    /** When the group (receiver and key, over all its partitions) is next due, or null when nothing waits. */
    private Instant dueAt(List<GroupState> members) {
        Instant first = null;
        Instant lastSent = null;
        for (GroupState s : members) {
            Instant f = s.firstPendingAt();
            if (f != null && (first == null || f.isBefore(first))) {
                first = f;
            }
            if (s.lastSentAt() != null && (lastSent == null || s.lastSentAt().isAfter(lastSent))) {
                lastSent = s.lastSentAt();
            }
        }
        if (first == null) {
            return null;
        }
        GroupState any = members.get(0);
        NotifyConfig.ReceiverSpec receiver = receivers.get(any.receiver());
        if (receiver != null && receiver.isDigest()) {
            Instant from = lastSent != null ? lastSent : first;
            return receiver.digest().next(ZonedDateTime.ofInstant(from, receiver.digestZone())).toInstant();
        }
        if (lastSent == null || !first.isBefore(lastSent.plus(any.groupInterval()))) {
            return first.plus(any.groupWait());
        }
        return lastSent.plus(any.groupInterval());
    }

    /** The batches due at {@code now}, each with its alerts oldest first. */
    List<Batch> due(Instant now) {
        Map<String, List<GroupState>> byGroup = new LinkedHashMap<>();
        for (GroupState s : states.values()) {
            if (receivers.containsKey(s.receiver())) {
                byGroup.computeIfAbsent(s.receiver() + "|" + s.groupKey(), k -> new ArrayList<>()).add(s);
            }
        }
        List<Batch> out = new ArrayList<>();
        for (List<GroupState> members : byGroup.values()) {
            Instant due = dueAt(members);
            if (due == null || due.isAfter(now)) {
                continue;
            }
            List<GroupState.Pending> alerts = new ArrayList<>();
            members.forEach(m -> alerts.addAll(m.pending()));
            alerts.sort(java.util.Comparator.comparing(GroupState.Pending::addedAt));
            GroupState any = members.get(0);
            Set<String> frozen = inFlight.get(group(any));
            if (frozen != null) {
                List<GroupState.Pending> same = alerts.stream().filter(p -> frozen.contains(p.alert().alertId())).toList();
                if (same.isEmpty()) {
                    inFlight.remove(group(any));
                } else {
                    alerts.retainAll(same);
                }
            }
            out.add(new Batch(any.receiver(), any.groupKey(), any.labels(), List.copyOf(members), alerts,
                    receivers.get(any.receiver()).isDigest()));
        }
        return out;
    }

    /** The earliest time a batch comes due, or null when nothing waits. */
    Instant nextDue() {
        Map<String, List<GroupState>> byGroup = new LinkedHashMap<>();
        states.values().stream().filter(s -> receivers.containsKey(s.receiver()))
                .forEach(s -> byGroup.computeIfAbsent(s.receiver() + "|" + s.groupKey(), k -> new ArrayList<>()).add(s));
        Instant next = null;
        for (List<GroupState> members : byGroup.values()) {
            Instant due = dueAt(members);
            if (due != null && (next == null || due.isBefore(next))) {
                next = due;
            }
        }
        return next;
    }

    /**
     * The batch's alerts leave their groups: {@code notified} when the receiver acknowledged them
     * (the group's last notification is then now, and they are not sent again within the repeat
     * interval), not when they were parked or all silenced.
     *
     * @return the states changed, to persist
     */
    List<GroupState> done(Batch batch, boolean notified, Instant now) {
        Set<String> ids = new java.util.HashSet<>();
        batch.alerts().forEach(p -> ids.add(p.alert().alertId()));
        inFlight.remove(batch.receiver() + "|" + batch.groupKey());
        List<GroupState> changed = new ArrayList<>();
        for (GroupState member : batch.members()) {
            GroupState current = states.get(member.key());
            if (current == null) {
                continue;
            }
            List<GroupState.Pending> remaining = current.pending().stream().filter(p -> !ids.contains(p.alert().alertId())).toList();
            GroupState next;
            if (notified) {
                Map<String, Instant> sent = new LinkedHashMap<>();
                current.sent().forEach((id, at) -> {
                    if (at.plus(current.repeatInterval()).isAfter(now)) {
                        sent.put(id, at);
                    }
                });
                current.pending().stream().filter(p -> ids.contains(p.alert().alertId()))
                        .forEach(p -> sent.put(p.alert().alertId(), now));
                next = current.withDone(remaining, now, sent);
            } else {
                next = current.withDone(remaining, current.lastSentAt(), current.sent());
            }
            states.put(next.key(), next);
            changed.add(next);
        }
        return changed;
    }

    /**
     * Groups with nothing pending whose last notification is older than both their group and
     * repeat intervals: they carry nothing a new alert would need, and are removed (digests stay,
     * they remember their last run).
     */
    List<String> expire(Instant now) {
        List<String> gone = new ArrayList<>();
        states.values().removeIf(s -> {
            NotifyConfig.ReceiverSpec r = receivers.get(s.receiver());
            boolean digest = r != null && r.isDigest();
            Duration keep = s.groupInterval().compareTo(s.repeatInterval()) > 0 ? s.groupInterval() : s.repeatInterval();
            boolean idle = s.pending().isEmpty() && !digest && (s.lastSentAt() == null || s.lastSentAt().plus(keep).isBefore(now));
            if (idle) {
                gone.add(s.key());
            }
            return idle;
        });
        return gone;
    }
}
