package io.newswatch.topics;

import java.util.List;
import java.util.Map;

/**
 * What {@code topics apply} will do (or did) to a cluster: topics to create, configs to change,
 * partition counts that differ from the declaration (reported, never changed), topics already right.
 */
public record TopicPlan(List<Step> steps) {

    public TopicPlan {
        steps = List.copyOf(steps);
    }

    public sealed interface Step permits Create, UpdateConfigs, PartitionDrift, Unchanged {
        String topic();

        String describe();
    }

    public record Create(TopicSpec spec) implements Step {
        public String topic() {
            return spec.name();
        }

        public String describe() {
            return "create " + spec.name() + " (partitions " + spec.partitions() + ", replication "
                    + (spec.replicationFactor() == -1 ? "cluster default" : spec.replicationFactor())
                    + (spec.configs().isEmpty() ? "" : ", " + spec.configs()) + ")";
        }
    }

    /** @param changes config name to [current, declared] */
    public record UpdateConfigs(String topic, Map<String, List<String>> changes) implements Step {
        public String describe() {
            StringBuilder out = new StringBuilder("update " + topic + ":");
            changes.forEach((k, v) -> out.append(' ').append(k).append(' ').append(v.get(0)).append(" -> ").append(v.get(1)));
            return out.toString();
        }
    }

    public record PartitionDrift(String topic, int declared, int actual) implements Step {
        public String describe() {
            return "drift " + topic + ": declares " + declared + " partitions, cluster has " + actual
                    + " (not changed: repartitioning moves keys; change it deliberately)";
        }
    }

    public record Unchanged(String topic) implements Step {
        public String describe() {
            return "ok " + topic;
        }
    }

    /** True when applying would change the cluster. */
    public boolean hasChanges() {
        return steps.stream().anyMatch(s -> s instanceof Create || s instanceof UpdateConfigs);
    }

    public boolean hasDrift() {
        return steps.stream().anyMatch(s -> s instanceof PartitionDrift);
    }
}
