package io.newswatch.notify;

import io.newswatch.alert.Alert;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The routing tree of a configuration, applied to alerts: which routes (and so receivers, group
 * labels and timings) an alert reaches, and the group it joins there.
 */
public final class Routes {

    private final NotifyConfig.Route root;

    public Routes(NotifyConfig.Route root) {
        this.root = root;
    }

    /**
     * The routes that deliver {@code alert}, read from {@code topic}: the deepest matching ones, the
     * first matching child of each node unless it says {@code continue}; the node itself when no
     * child matches. Empty only when the root itself does not match (a filter on the command line).
     */
    public List<NotifyConfig.Route> resolve(Alert alert, String topic) {
        return match(root, alert, topic);
    }

    private static List<NotifyConfig.Route> match(NotifyConfig.Route node, Alert alert, String topic) {
        if (!node.match().matches(alert, topic)) {
            return List.of();
        }
        List<NotifyConfig.Route> out = new ArrayList<>();
        for (NotifyConfig.Route child : node.routes()) {
            List<NotifyConfig.Route> reached = match(child, alert, topic);
            out.addAll(reached);
            if (!reached.isEmpty() && !child.continueMatching()) {
                break;
            }
        }
        return out.isEmpty() ? List.of(node) : out;
    }

    /** The values of the route's group-by labels for {@code alert}, in the route's order. */
    public static Map<String, String> groupLabels(NotifyConfig.Route route, Alert alert, String topic) {
        Map<String, String> labels = new java.util.LinkedHashMap<>();
        for (String label : route.groupBy()) {
            labels.put(label, switch (label) {
                case "entity" -> alert.entityId();
                case "kind" -> alert.kind().name();
                case "tag" -> alert.tags().isEmpty() ? "-" : String.join("+", new TreeSet<>(alert.tags()));
                case "topic" -> topic;
                case "story" -> alert.storyId() == null ? "-" : alert.storyId();
                default -> throw new IllegalArgumentException("unknown group label " + label);
            });
        }
        return labels;
    }

    /** {@code entity=icc,kind=MENTION}; {@code all} without group labels. */
    public static String groupKey(Map<String, String> labels) {
        if (labels.isEmpty()) {
            return "all";
        }
        StringBuilder b = new StringBuilder();
        labels.forEach((k, v) -> b.append(b.isEmpty() ? "" : ",").append(k).append('=').append(v));
        return b.toString();
    }
}
