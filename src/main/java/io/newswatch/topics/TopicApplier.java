package io.newswatch.topics;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Makes a cluster match the declared topics, idempotently: creates what is missing, updates
 * configs that differ, reports partition-count drift without touching it, and never deletes
 * a topic or a record.
 */
public final class TopicApplier {

    private static final long TIMEOUT_SECONDS = 30;
    private final Admin admin;

    public TopicApplier(Admin admin) {
        this.admin = admin;
    }

    /** Compares the declarations with the cluster. */
    public TopicPlan plan(Collection<TopicSpec> specs) throws ExecutionException, InterruptedException, TimeoutException {
        Set<String> existing = admin.listTopics().names().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<String> present = specs.stream().map(TopicSpec::name).filter(existing::contains).toList();
        Map<String, TopicDescription> descriptions = present.isEmpty() ? Map.of()
                : admin.describeTopics(present).allTopicNames().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        Map<ConfigResource, Config> configs = present.isEmpty() ? Map.of()
                : admin.describeConfigs(present.stream().map(TopicApplier::resource).toList())
                        .all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        List<TopicPlan.Step> steps = new ArrayList<>();
        for (TopicSpec spec : specs) {
            if (!existing.contains(spec.name())) {
                steps.add(new TopicPlan.Create(spec));
                continue;
            }
            boolean unchanged = true;
            int actualPartitions = descriptions.get(spec.name()).partitions().size();
            if (actualPartitions != spec.partitions()) {
                steps.add(new TopicPlan.PartitionDrift(spec.name(), spec.partitions(), actualPartitions));
                unchanged = false;
            }
            Config actual = configs.get(resource(spec.name()));
            Map<String, List<String>> changes = new LinkedHashMap<>();
            spec.configs().forEach((key, declared) -> {
                ConfigEntry entry = actual.get(key);
                String current = entry == null ? null : entry.value();
                if (!declared.equals(current)) {
                    changes.put(key, java.util.Arrays.asList(current, declared));
                }
            });
            if (!changes.isEmpty()) {
                steps.add(new TopicPlan.UpdateConfigs(spec.name(), changes));
                unchanged = false;
            }
            if (unchanged) {
                steps.add(new TopicPlan.Unchanged(spec.name()));
            }
        }
        return new TopicPlan(steps);
    }

    /** Carries out the plan's creations and config updates. */
    public void apply(TopicPlan plan) throws ExecutionException, InterruptedException, TimeoutException {
        List<NewTopic> creates = new ArrayList<>();
        Map<ConfigResource, Collection<AlterConfigOp>> alters = new HashMap<>();
        for (TopicPlan.Step step : plan.steps()) {
            if (step instanceof TopicPlan.Create create) {
                TopicSpec spec = create.spec();
                Optional<Short> replication = spec.replicationFactor() == -1 ? Optional.empty() : Optional.of(spec.replicationFactor());
                creates.add(new NewTopic(spec.name(), Optional.of(spec.partitions()), replication).configs(spec.configs()));
            } else if (step instanceof TopicPlan.UpdateConfigs update) {
                List<AlterConfigOp> ops = new ArrayList<>();
                update.changes().forEach((key, values) -> ops.add(
                        new AlterConfigOp(new ConfigEntry(key, values.get(1)), AlterConfigOp.OpType.SET)));
                alters.put(resource(update.topic()), ops);
            }
        }
        if (!creates.isEmpty()) {
            try {
                admin.createTopics(creates).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
            } catch (ExecutionException e) {
                // Another process created it between plan and apply: that is the state we wanted.
                if (!(e.getCause() instanceof TopicExistsException)) {
                    throw e;
                }
            }
        }
        if (!alters.isEmpty()) {
            admin.incrementalAlterConfigs(alters).all().get(TIMEOUT_SECONDS, TimeUnit.SECONDS);
        }
    }

    private static ConfigResource resource(String topic) {
        return new ConfigResource(ConfigResource.Type.TOPIC, topic);
    }
}
