package io.newswatch.monitor;

import io.newswatch.metrics.MonitorMetrics;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.AlertSettings;
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
 * does not exist is skipped (warned once, counted) rather than failing the monitor. A routed
 * topic that is one of the program's own topics of another role or a Kafka internal topic is
 * never written to, whatever routed there: skipped the same way.
 */
final class AlertRouter {

    private static final Logger LOG = LoggerFactory.getLogger(AlertRouter.class);

    private final String defaultTopic;
    private final Set<String> forbidden;
    private final Map<String, String> tagRoutes;
    private final Predicate<String> topicExists;
    private final MonitorMetrics metrics;
    private final Set<String> warned = ConcurrentHashMap.newKeySet();

    /**
     * @param topics      the program's topics: the default alert topic, and the topics of other
     *                    roles that alerts never go to
     * @param tagRoutes   tag to alert topic
     * @param topicExists whether a routed topic exists
     */
    AlertRouter(Topics topics, Map<String, String> tagRoutes, Predicate<String> topicExists, MonitorMetrics metrics) {
        this.defaultTopic = topics.name(TopicRole.ALERTS);
        this.forbidden = topics.namesExcept(TopicRole.ALERTS);
        this.tagRoutes = Map.copyOf(tagRoutes);
        this.topicExists = topicExists;
        this.metrics = metrics;
    }

    /** The topics alerts are never routed to: the program's own topics that are not alert topics. */
    Set<String> forbiddenTopics() {
        return forbidden;
    }

    List<String> topics(WatchedEntity entity) {
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
        if (forbidden.contains(topic) || AlertSettings.isInternalTopic(topic)) {
            metrics.alertRouteMissing(topic);
            if (warned.add(topic)) {
                LOG.warn("alert topic {} (routed for entity {}) is {}, not an alert topic; its alerts go to {} only",
                        topic, entityId, forbidden.contains(topic) ? "one of newswatch's own topics" : "internal to Kafka",
                        defaultTopic);
            }
            return;
        }
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
