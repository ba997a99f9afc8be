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
        return owner(MonitorTopology.ENTITY_MENTIONS_STORE, entityId);
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
        try (WindowStoreIterator<EntityHistory.MentionRef> it = mentionStore().fetch(entityId, from, to)) {
            return hours(it);
        } catch (InvalidStateStoreException e) {
            throw unavailable(MonitorTopology.ENTITY_MENTIONS_STORE, e);
        }
    }

    /** Mentions (time → mention) counted per hour: articles, and stories (mentions first of their story). */
    static List<HourCount> hours(java.util.Iterator<KeyValue<Long, EntityHistory.MentionRef>> mentions) {
        long hour = EntityHistory.HOUR.toMillis();
        java.util.TreeMap<Long, long[]> hours = new java.util.TreeMap<>();
        while (mentions.hasNext()) {
            KeyValue<Long, EntityHistory.MentionRef> kv = mentions.next();
            long[] n = hours.computeIfAbsent(kv.key - Math.floorMod(kv.key, hour), h -> new long[2]);
            n[0]++;
            n[1] += kv.value.firstInStory() ? 1 : 0;
        }
        List<HourCount> out = new ArrayList<>(hours.size());
        hours.forEach((h, n) -> out.add(new HourCount(Instant.ofEpochMilli(h), n[0], n[1])));
        return out;
    }

    private ReadOnlyWindowStore<String, EntityHistory.MentionRef> mentionStore() {
        return store(MonitorTopology.ENTITY_MENTIONS_STORE, QueryableStoreTypes.windowStore());
    }

    /** Stories listed per entity. */
    public static final int LATEST_STORIES = 20;
    /** Alerts listed per entity. */
    public static final int LATEST_ALERTS = 100;
    /** Mentions read back at most to make an entity's latest stories. */
    private static final int MAX_SCANNED = 5_000;
    private static final Instant FAR = Instant.parse("9999-01-01T00:00:00Z");
    private static final org.apache.kafka.common.serialization.Deserializer<Alert> ALERT =
            io.newswatch.kafka.JsonSerde.of(Alert.class).deserializer();

    /**
     * The entity's latest stories, the most recently mentioned first, made from its latest
     * mentions (at most {@value #MAX_SCANNED} read back): each with its earliest title and link
     * among them, and the articles and outlets that named the entity. Local.
     */
    public List<StoryRef> latestStories(String entityId) {
        try (WindowStoreIterator<EntityHistory.MentionRef> it = mentionStore().backwardFetch(entityId, Instant.EPOCH, FAR)) {
            return latestStories(it);
        } catch (InvalidStateStoreException e) {
            throw unavailable(MonitorTopology.ENTITY_MENTIONS_STORE, e);
        }
    }

    /** The latest stories made from an entity's mentions, newest first (time → mention). */
    static List<StoryRef> latestStories(java.util.Iterator<KeyValue<Long, EntityHistory.MentionRef>> newestFirst) {
        java.util.LinkedHashMap<String, StoryRef> stories = new java.util.LinkedHashMap<>();
        int scanned = 0;
        while (newestFirst.hasNext() && scanned++ < MAX_SCANNED) {
            KeyValue<Long, EntityHistory.MentionRef> kv = newestFirst.next();
            EntityHistory.MentionRef m = kv.value;
            Instant at = Instant.ofEpochMilli(kv.key);
            StoryRef known = stories.get(m.storyId());
            if (known == null) {
                if (stories.size() < LATEST_STORIES) {
                    stories.put(m.storyId(), new StoryRef(m.storyId(), m.title(), m.url(), at, at, 1,
                            m.source() == null ? List.of() : List.of(m.source())));
                }
            } else {
                List<String> outlets = new ArrayList<>(known.outlets());
                if (m.source() != null && !outlets.contains(m.source()) && outlets.size() < StoryRef.MAX_OUTLETS) {
                    outlets.add(0, m.source());
                }
                stories.put(m.storyId(), new StoryRef(m.storyId(), m.title() != null ? m.title() : known.title(),
                        m.url() != null ? m.url() : known.url(), at, known.latest(), known.articles() + 1, outlets));
            }
        }
        return new ArrayList<>(stories.values());
    }

    /** The entity's latest {@value #LATEST_ALERTS} alerts, the newest first. Local. */
    public List<Alert> latestAlerts(String entityId) {
        List<Alert> out = new ArrayList<>();
        try (WindowStoreIterator<byte[]> it = alertStore().backwardFetch(entityId, Instant.EPOCH, FAR)) {
            while (it.hasNext() && out.size() < LATEST_ALERTS) {
                decode(it.next().value).ifPresent(out::add);
            }
        } catch (InvalidStateStoreException e) {
            throw unavailable(MonitorTopology.LATEST_ALERTS_STORE, e);
        }
        return out;
    }

    /** The alerts of every entity this instance holds since {@code since}, the latest {@value #MAX_SCANNED} at most. */
    public List<Alert> localAlerts(Instant since) {
        List<Alert> out = new ArrayList<>();
        try (KeyValueIterator<org.apache.kafka.streams.kstream.Windowed<String>, byte[]> it = alertStore().backwardFetchAll(since, FAR)) {
            while (it.hasNext() && out.size() < MAX_SCANNED) {
                decode(it.next().value).ifPresent(out::add);
            }
        } catch (InvalidStateStoreException e) {
            throw unavailable(MonitorTopology.LATEST_ALERTS_STORE, e);
        }
        return out;
    }

    private static Optional<Alert> decode(byte[] value) {
        try {
            return Optional.ofNullable(ALERT.deserialize(null, value));
        } catch (RuntimeException e) {
            return Optional.empty(); // not an alert: another program wrote it to the alert topic
        }
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

    private ReadOnlyWindowStore<String, byte[]> alertStore() {
        return store(MonitorTopology.LATEST_ALERTS_STORE, QueryableStoreTypes.windowStore());
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
