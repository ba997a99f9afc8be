package io.newswatch.notify;

import io.newswatch.alert.Alert;
import io.newswatch.watchlist.AlertKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import static io.newswatch.notify.Alerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

/** Grouping on a clock: when groups come due, what a batch holds, what leaves it. */
class GroupsTest {

    private static final Instant T0 = Instant.parse("2026-12-06T10:00:00Z");
    private static final NotifyConfig.ReceiverSpec HOOK = new NotifyConfig.ReceiverSpec("hook", NotifyConfig.ReceiverSpec.Type.WEBHOOK,
            "http://x", null, Map.of(), null, null, null, null);
    private static final NotifyConfig.ReceiverSpec DIGEST = new NotifyConfig.ReceiverSpec("morning", NotifyConfig.ReceiverSpec.Type.FILE,
            null, null, Map.of(), null, "-", Cron.parse("0 8 * * *"), ZoneId.of("Europe/Berlin"));
    private static final NotifyConfig.Route ROUTE = new NotifyConfig.Route(NotifyConfig.Matcher.ALL, "hook", List.of("entity"),
            Duration.ofSeconds(30), Duration.ofMinutes(5), Duration.ofHours(4), false, List.of());

    private final Groups groups = new Groups(Map.of("hook", HOOK, "morning", DIGEST));

    private void add(Alert alert, int partition, Instant at, NotifyConfig.Route route) {
        groups.add(alert, "news.alerts", partition, 0, List.of(route), at);
    }

    @Test
    void shouldWaitGroupWaitThenSendOneBatchPerGroupAcrossPartitions() {
        add(alert("a1", AlertKind.MENTION, "icc"), 0, T0, ROUTE);
        add(alert("a2", AlertKind.THRESHOLD, "icc"), 2, T0.plusSeconds(10), ROUTE);
        add(alert("b1", AlertKind.MENTION, "myanmar"), 1, T0.plusSeconds(20), ROUTE);

        assertThat(groups.due(T0.plusSeconds(29))).isEmpty();
        assertThat(groups.nextDue()).isEqualTo(T0.plusSeconds(30));
        List<Groups.Batch> due = groups.due(T0.plusSeconds(30));

        assertThat(due).singleElement().satisfies(b -> {
            assertThat(b.groupKey()).isEqualTo("entity=icc");
            assertThat(b.alerts()).extracting(p -> p.alert().alertId()).containsExactly("a1", "a2");
            assertThat(b.members()).hasSize(2);
        });
        assertThat(groups.due(T0.plusSeconds(50))).extracting(Groups.Batch::groupKey).containsExactly("entity=icc", "entity=myanmar");
    }

    @Test
    void shouldSendFollowUpsOnlyEveryGroupIntervalAndNotRepeatAnAlert() {
        add(alert("a1", AlertKind.MENTION, "icc"), 0, T0, ROUTE);
        Groups.Batch first = groups.due(T0.plusSeconds(30)).get(0);
        groups.done(first, true, T0.plusSeconds(30));

        add(alert("a2", AlertKind.MENTION, "icc"), 0, T0.plusSeconds(40), ROUTE);
        add(alert("a1", AlertKind.MENTION, "icc"), 0, T0.plusSeconds(41), ROUTE);

        assertThat(groups.due(T0.plusSeconds(40 + 30))).as("not group_wait again: group_interval after the last send").isEmpty();
        assertThat(groups.due(T0.plusSeconds(30 + 300))).singleElement()
                .satisfies(b -> assertThat(b.alerts()).extracting(p -> p.alert().alertId()).containsExactly("a2"));
    }

    @Test
    void shouldStartAfreshAfterAQuietGroupInterval() {
        add(alert("a1", AlertKind.MENTION, "icc"), 0, T0, ROUTE);
        groups.done(groups.due(T0.plusSeconds(30)).get(0), true, T0.plusSeconds(30));

        add(alert("a2", AlertKind.MENTION, "icc"), 0, T0.plusSeconds(30 + 600), ROUTE);

        assertThat(groups.nextDue()).isEqualTo(T0.plusSeconds(30 + 600 + 30));
    }

    @Test
    void shouldKeepWhatArrivedDuringADeliveryForTheNextBatch() {
        add(alert("a1", AlertKind.MENTION, "icc"), 0, T0, ROUTE);
        Groups.Batch batch = groups.due(T0.plusSeconds(30)).get(0);
        add(alert("a2", AlertKind.MENTION, "icc"), 0, T0.plusSeconds(31), ROUTE);

        List<GroupState> changed = groups.done(batch, true, T0.plusSeconds(32));

        assertThat(changed).singleElement().satisfies(s -> {
            assertThat(s.pending()).extracting(p -> p.alert().alertId()).containsExactly("a2");
            assertThat(s.sent()).containsOnlyKeys("a1");
            assertThat(s.lastSentAt()).isEqualTo(T0.plusSeconds(32));
        });
    }

    @Test
    void shouldLeaveParkedAlertsOutWithoutCountingThemAsSent() {
        add(alert("a1", AlertKind.MENTION, "icc"), 0, T0, ROUTE);

        List<GroupState> changed = groups.done(groups.due(T0.plusSeconds(30)).get(0), false, T0.plusSeconds(40));

        assertThat(changed).singleElement().satisfies(s -> {
            assertThat(s.pending()).isEmpty();
            assertThat(s.sent()).isEmpty();
            assertThat(s.lastSentAt()).isNull();
        });
        assertThat(groups.expire(T0.plusSeconds(41))).containsExactly("hook|entity=icc|news.alerts-0");
    }

    @Test
    void shouldSendADigestOnItsScheduleWithEverythingSinceTheLast() {
        NotifyConfig.Route digest = new NotifyConfig.Route(NotifyConfig.Matcher.ALL, "morning", List.of("entity"),
                Duration.ZERO, Duration.ZERO, Duration.ofHours(4), false, List.of());
        add(alert("a1", AlertKind.MENTION, "icc"), 0, T0, digest);
        add(alert("b1", AlertKind.SPIKE, "myanmar"), 1, T0.plusSeconds(3600), digest);

        // 08:00 in Berlin on the next day is 07:00 UTC in December
        Instant eight = Instant.parse("2026-12-07T07:00:00Z");
        assertThat(groups.nextDue()).isEqualTo(eight);
        assertThat(groups.due(eight.minusSeconds(1))).isEmpty();
        assertThat(groups.due(eight)).singleElement().satisfies(b -> {
            assertThat(b.digest()).isTrue();
            assertThat(b.alerts()).extracting(p -> p.alert().alertId()).containsExactly("a1", "b1");
        });
    }

    @Test
    void shouldGiveTheSameIdempotencyKeyToTheSameAlerts() {
        add(alert("a1", AlertKind.MENTION, "icc"), 0, T0, ROUTE);
        String key = groups.due(T0.plusSeconds(30)).get(0).idempotencyKey();

        Groups again = new Groups(Map.of("hook", HOOK));
        again.add(alert("a1", AlertKind.MENTION, "icc"), "news.alerts", 0, 0, List.of(ROUTE), T0.plusSeconds(5));
        assertThat(again.due(T0.plusSeconds(60)).get(0).idempotencyKey()).isEqualTo(key);

        again.add(alert("a2", AlertKind.MENTION, "icc"), "news.alerts", 0, 1, List.of(ROUTE), T0.plusSeconds(6));
        assertThat(again.due(T0.plusSeconds(60)).get(0).idempotencyKey()).isNotEqualTo(key);
    }

    @Test
    void shouldRetryExactlyTheFailedBatchAndKeepLaterAlertsForTheNext() {
        add(alert("a1", AlertKind.MENTION, "icc"), 0, T0, ROUTE);
        Groups.Batch failed = groups.due(T0.plusSeconds(30)).get(0);
        groups.freeze(failed);
        add(alert("a2", AlertKind.MENTION, "icc"), 0, T0.plusSeconds(31), ROUTE);

        Groups.Batch retry = groups.due(T0.plusSeconds(35)).get(0);

        assertThat(retry.alerts()).extracting(p -> p.alert().alertId()).containsExactly("a1");
        assertThat(retry.idempotencyKey()).isEqualTo(failed.idempotencyKey());
        groups.done(retry, true, T0.plusSeconds(35));
        assertThat(groups.due(T0.plusSeconds(35 + 300))).singleElement()
                .satisfies(b -> assertThat(b.alerts()).extracting(p -> p.alert().alertId()).containsExactly("a2"));
    }

    @Test
    void shouldResendWhatWasPendingAtARestartUnderTheSameKey() {
        add(alert("a1", AlertKind.MENTION, "icc"), 0, T0, ROUTE);
        add(alert("a2", AlertKind.MENTION, "icc"), 0, T0.plusSeconds(1), ROUTE);
        Groups.Batch inFlight = groups.due(T0.plusSeconds(30)).get(0);
        GroupState persisted = groups.all().iterator().next();

        // another instance (or this one restarted) loads the state, then reads a new alert before the group is flushed
        Groups resumed = new Groups(Map.of("hook", HOOK));
        resumed.load(persisted.key(), persisted);
        resumed.add(alert("a3", AlertKind.MENTION, "icc"), "news.alerts", 0, 2, List.of(ROUTE), T0.plusSeconds(40));

        assertThat(resumed.due(T0.plusSeconds(41))).singleElement().satisfies(b -> {
            assertThat(b.alerts()).extracting(p -> p.alert().alertId()).containsExactly("a1", "a2");
            assertThat(b.idempotencyKey()).isEqualTo(inFlight.idempotencyKey());
        });
    }
}
