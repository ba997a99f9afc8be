package io.newswatch.topics;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * One topic as declared in a file of {@code topics/}: its name, partition count, replication
 * factor ({@code -1} = the cluster's {@code default.replication.factor}) and topic configs.
 *
 * @param source the file it was read from, for messages
 */
public record TopicSpec(
        String name, Optional<TopicRole> role, int partitions, short replicationFactor,
        Map<String, String> configs, String source) {

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(source, "source");
        if (partitions < 1) {
            throw new IllegalArgumentException("partitions must be at least 1");
        }
        if (replicationFactor < 1 && replicationFactor != -1) {
            throw new IllegalArgumentException("replication.factor must be -1 or at least 1");
        }
        configs = java.util.Collections.unmodifiableMap(new TreeMap<>(configs));
    }

    public TopicSpec withReplicationFactor(short factor) {
        return new TopicSpec(name, role, partitions, factor, configs, source);
    }

    /** A topic like this one under another name, for per-entity or per-tag alert topics. */
    public TopicSpec renamed(String newName) {
        return new TopicSpec(newName, Optional.empty(), partitions, replicationFactor, configs, source);
    }
}
