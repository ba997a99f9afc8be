package io.newswatch.alert;

import io.newswatch.topics.TopicApplier;
import io.newswatch.topics.TopicPlan;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.TopicSpec;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.WatchedEntity;
import org.apache.kafka.clients.admin.Admin;

import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/** Creates the alert topics that entities route to, declared like the default alert topic unless {@code topics/} declares them. */
public final class AlertTopics {

    private AlertTopics() {
    }

    /** Creates the missing ones; returns the names created. */
    public static List<String> ensure(Admin admin, Topics topics, Collection<WatchedEntity> entities) throws Exception {
        Set<String> wanted = new LinkedHashSet<>();
        for (WatchedEntity e : entities) {
            if (e.alerts().topic() != null) {
                wanted.add(e.alerts().topic());
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
