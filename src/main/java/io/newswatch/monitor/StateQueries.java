package io.newswatch.monitor;

import io.newswatch.alert.Alert;
import io.newswatch.story.Story;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.StreamsMetadata;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;
import org.apache.kafka.streams.state.ReadOnlyWindowStore;
import org.apache.kafka.streams.state.WindowStoreIterator;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;

/**
 * The monitor's state as the query API reads it (Kafka Streams' interactive queries): from this
 * instance's stores, and, for a key another instance holds, where that instance answers
 * ({@code application.server}). A store being moved by a rebalance is {@link Unavailable}.
 */
public final class StateQueries {

    /** Where the state of a key is. */
    public sealed interface Owner {
    }

    /** In this instance's stores. */
    public record Here() implements Owner {
    }

    /** At another instance, answering the query API at {@code host:port}. */
    public record There(String host, int port) implements Owner {
    }

    /** Nowhere right now: the task that holds it is moving. */
    public record Nowhere(String why) implements Owner {
    }

    /** A store asked for is being moved or restored; ask again in a moment. */
    public static final class Unavailable extends RuntimeException {
        Unavailable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Articles and stories naming an entity in the hour starting at {@code hour}. */
    public record HourCount(Instant hour, long articles, long stories) {
    }

    private final KafkaStreams streams;
    private final HostInfo self;

    /** @param self where this instance answers, or null when it is the only one */
    StateQueries(KafkaStreams streams, HostInfo self) {
        this.streams = streams;
        this.self = self;
    }

    /** Where the entity's counts and latest stories are. */
    public Owner historyOwner(String entityId) {
        return owner(MonitorTopology.ENTITY_COUNTS_STORE, entityId);
    }

    /** Where the entity's latest alerts are. */
    public Owner alertsOwner(String entityId) {
        return owner(MonitorTopology.LATEST_ALERTS_STORE, entityId);
    }

    /** Where the stories are (the story stage is one task). */
    public Owner storiesOwner() {
        return owner(MonitorTopology.STORY_STATE_STORE, "");
    }

    /** The other instances of this application, as host:port where they answer. */
    public List<String> otherInstances() {
        TreeSet<String> out = new TreeSet<>();
        for (StreamsMetadata m : streams.metadataForAllStreamsClients()) {
            HostInfo host = m.hostInfo();
            if (host != null && host.port() > 0 && !host.equals(self)) {
                out.add(host.host() + ":" + host.port());
            }
        }
        return new ArrayList<>(out);
    }

    /** Whether a rebalance is moving tasks: answers made of several instances may miss some keys. */
    public boolean rebalancing() {
        return streams.state() == KafkaStreams.State.REBALANCING;
    }

    /** Hour by hour, from the hour of {@code from} to {@code to}, the hours with articles only. Local. */
    public List<HourCount> counts(String entityId, Instant from, Instant to) {
        ReadOnlyWindowStore<String, EntityHistory.Counts> store = store(MonitorTopology.ENTITY_COUNTS_STORE,
                QueryableStoreTypes.windowStore());
        List<HourCount> out = new ArrayList<>();
        try (WindowStoreIterator<EntityHistory.Counts> it = store.fetch(entityId, from, to)) {
            while (it.hasNext()) {
                KeyValue<Long, EntityHistory.Counts> kv = it.next();
                out.add(new HourCount(Instant.ofEpochMilli(kv.key), kv.value.articles(), kv.value.stories()));
            }
        } catch (InvalidStateStoreException e) {
            throw unavailable(MonitorTopology.ENTITY_COUNTS_STORE, e);
        }
        return out;
    }

    /** The entity's latest stories, the most recently updated first. Local. */
    public List<StoryRef> latestStories(String entityId) {
        ReadOnlyKeyValueStore<String, EntityHistory.LatestStories> store = store(MonitorTopology.ENTITY_STORIES_STORE,
                QueryableStoreTypes.keyValueStore());
        try {
            EntityHistory.LatestStories latest = store.get(entityId);
            return latest == null ? List.of() : List.copyOf(latest.stories);
        } catch (InvalidStateStoreException e) {
            throw unavailable(MonitorTopology.ENTITY_STORIES_STORE, e);
        }
    }

    /** The entity's latest alerts, the newest first. Local. */
    public List<Alert> latestAlerts(String entityId) {
        try {
            AlertHistory.LatestAlerts latest = alertStore().get(entityId);
            return latest == null ? List.of() : List.copyOf(latest.alerts);
        } catch (InvalidStateStoreException e) {
            throw unavailable(MonitorTopology.LATEST_ALERTS_STORE, e);
        }
    }

    /** The latest alerts of every entity this instance holds. */
    public List<Alert> localAlerts() {
        List<Alert> out = new ArrayList<>();
        try (KeyValueIterator<String, AlertHistory.LatestAlerts> it = alertStore().all()) {
            it.forEachRemaining(kv -> out.addAll(kv.value.alerts));
        } catch (InvalidStateStoreException e) {
            throw unavailable(MonitorTopology.LATEST_ALERTS_STORE, e);
        }
        return out;
    }

    /** A story still in the story window, as {@code news.stories} last had it. Local. */
    public Optional<Story> story(String storyId) {
        ReadOnlyKeyValueStore<String, StoryState> store = store(MonitorTopology.STORY_STATE_STORE, QueryableStoreTypes.keyValueStore());
        try {
            StoryState state = store.get(storyId);
            return state == null || state.latest == null ? Optional.empty() : Optional.of(state.story(storyId, state.latest.time()));
        } catch (InvalidStateStoreException e) {
            throw unavailable(MonitorTopology.STORY_STATE_STORE, e);
        }
    }

    private ReadOnlyKeyValueStore<String, AlertHistory.LatestAlerts> alertStore() {
        return store(MonitorTopology.LATEST_ALERTS_STORE, QueryableStoreTypes.keyValueStore());
    }

    private Owner owner(String store, String key) {
        if (self == null) {
            return new Here();
        }
        KeyQueryMetadata metadata;
        try {
            metadata = streams.queryMetadataForKey(store, key, Serdes.String().serializer());
        } catch (IllegalStateException e) {
            return new Nowhere("the monitor is " + streams.state().name().toLowerCase(java.util.Locale.ROOT));
        }
        if (metadata == null || KeyQueryMetadata.NOT_AVAILABLE.equals(metadata)) {
            return new Nowhere("store " + store + " is being moved (a rebalance)");
        }
        HostInfo active = metadata.activeHost();
        return active.equals(self) ? new Here() : new There(active.host(), active.port());
    }

    private <T> T store(String name, org.apache.kafka.streams.state.QueryableStoreType<T> type) {
        try {
            return streams.store(StoreQueryParameters.fromNameAndType(name, type));
        } catch (InvalidStateStoreException e) {
            throw unavailable(name, e);
        }
    }

    private static Unavailable unavailable(String store, InvalidStateStoreException e) {
        return new Unavailable("store " + store + " is not ready here (a rebalance or a restore): " + e.getMessage(), e);
    }
}
