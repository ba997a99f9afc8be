package io.newswatch.alert;

import io.newswatch.metrics.MonitorMetrics;
import io.newswatch.watchlist.WatchedEntity;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;

/**
 * Decides which topics an alert goes to: always the default alert topic (the complete feed),
 * plus the entity's own alert topic and the topics routed from its tags. A routed topic that
 * does not exist is skipped (warned once, counted) rather than failing the monitor.
 */
public final class AlertRouter {

    private static final Logger LOG = LoggerFactory.getLogger(AlertRouter.class);

    private final String defaultTopic;
    private final Map<String, String> tagRoutes;
    private final Predicate<String> topicExists;
    private final MonitorMetrics metrics;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    public AlertRouter(String defaultTopic, Map<String, String> tagRoutes, Predicate<String> topicExists, MonitorMetrics metrics) {
        this.defaultTopic = defaultTopic;
        this.tagRoutes = Map.copyOf(tagRoutes);
        this.topicExists = topicExists;
        this.metrics = metrics;
    }

    public List<String> topics(WatchedEntity entity) {
        Set<String> topics = new LinkedHashSet<>();
        topics.add(defaultTopic);
        String own = entity.alerts().topic();
        if (own != null) {
            route(topics, own, entity.id());
        }
        for (String tag : entity.tags()) {
            String routed = tagRoutes.get(tag);
            if (routed != null) {
                route(topics, routed, entity.id());
            }
        }
        return List.copyOf(topics);
    }

    private void route(Set<String> topics, String topic, String entityId) {
        if (topicExists.test(topic)) {
            topics.add(topic);
            return;
        }
        metrics.alertRouteMissing(topic);
        if (warned.add(topic)) {
            LOG.warn("alert topic {} (routed for entity {}) does not exist; its alerts go to {} only until it is created",
                    topic, entityId, defaultTopic);
        }
    }
}
