package io.newswatch.alert;

import io.newswatch.topics.TopicApplier;
import io.newswatch.topics.TopicPlan;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.TopicSpec;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.AlertSettings;
import io.newswatch.watchlist.WatchedEntity;
import org.apache.kafka.clients.admin.Admin;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The topics alerts may go to: any topic except the program's own topics of other roles
 * ({@link #forbidden}) and Kafka's internal ones; and the creation of the alert topics entities
 * route to, declared like the default alert topic unless {@code topics/} declares them.
 */
public final class AlertTopics {

    private AlertTopics() {
    }

    /**
     * The program's own topics that are not alert topics (articles, watchlist, mentions, dead
     * letters: every role but {@link TopicRole#ALERTS}): an alert written there would be read back
     * as an article or a mention, or overwrite an entity.
     */
    public static Set<String> forbidden(Topics topics) {
        Set<String> names = new LinkedHashSet<>();
        for (TopicRole role : TopicRole.values()) {
            if (role != TopicRole.ALERTS) {
                names.add(topics.name(role));
            }
        }
        return Set.copyOf(names);
    }

    /**
     * Creates the missing ones; returns the names created. A topic of {@link #forbidden} or a Kafka
     * internal one is never created nor reported (entities routing there are refused before this).
     */
    public static List<String> ensure(Admin admin, Topics topics, Collection<WatchedEntity> entities) throws Exception {
        Set<String> forbidden = forbidden(topics);
        Set<String> wanted = new LinkedHashSet<>();
        for (WatchedEntity e : entities) {
            String topic = e.alerts().topic();
            if (topic != null && !forbidden.contains(topic) && !AlertSettings.isInternalTopic(topic)) {
                wanted.add(topic);
            }
        }
        if (wanted.isEmpty()) {
            return List.of();
        }
        TopicSpec template = topics.spec(TopicRole.ALERTS);
        List<TopicSpec> specs = wanted.stream().map(t -> topics.byName(t).orElse(template.renamed(t))).toList();
        TopicApplier applier = new TopicApplier(admin);
        List<TopicPlan.Step> creates = applier.plan(specs).steps().stream().filter(s -> s instanceof TopicPlan.Create).toList();
        applier.apply(new TopicPlan(creates));
        return creates.stream().map(TopicPlan.Step::topic).toList();
    }
}
