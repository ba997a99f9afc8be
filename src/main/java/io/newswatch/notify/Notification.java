package io.newswatch.notify;

import io.newswatch.alert.Alert;

import java.util.List;
import java.util.Map;

/**
 * One message to one receiver: the alerts of a group (or of a digest) sent together.
 *
 * @param receiver       the receiver's name in the configuration
 * @param groupKey       what the alerts share, e.g. {@code entity=icc,kind=MENTION}; the same for every
 *                       notification of the group
 * @param groupLabels    the group-by labels and their values ({@code entity → icc})
 * @param alerts         the alerts, oldest first; never empty
 * @param idempotencyKey the same for a re-delivery of the same notification (after a retry or a
 *                       restart), different for the next one of the group
 * @param digest         whether this is a scheduled digest rather than a group flush
 */
public record Notification(String receiver, String groupKey, Map<String, String> groupLabels, List<Alert> alerts,
                           String idempotencyKey, boolean digest) {

    public Notification {
        groupLabels = Map.copyOf(groupLabels);
        alerts = List.copyOf(alerts);
        if (alerts.isEmpty()) {
            throw new IllegalArgumentException("a notification carries at least one alert");
        }
    }
}
