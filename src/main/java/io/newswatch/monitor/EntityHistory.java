package io.newswatch.monitor;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.newswatch.kafka.JsonSerde;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/**
 * What the query API answers about an entity's past, kept from its mentions (read back from
 * {@code news.mentions}, keyed by entity id): articles and stories per hour
 * ({@value MonitorTopology#ENTITY_COUNTS_STORE}, a window store kept as long as the history
 * setting says) and its latest stories with their outlets ({@value MonitorTopology#ENTITY_STORIES_STORE}).
 */
final class EntityHistory implements Processor<String, byte[], Void, Void> {

    static final Duration HOUR = Duration.ofHours(1);
    /** Stories kept per entity, the latest first. */
    static final int LATEST_STORIES = 20;

    private static final Logger LOG = LoggerFactory.getLogger(EntityHistory.class);
    private static final Deserializer<Mention> MENTION = JsonSerde.of(Mention.class).deserializer();

    /** Articles and stories of one entity in one hour. */
    record Counts(long articles, long stories) {
        Counts plus(boolean newStory) {
            return new Counts(articles + 1, stories + (newStory ? 1 : 0));
        }
    }

    /** The latest stories of one entity, the most recently updated first. */
    @JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE,
            isGetterVisibility = JsonAutoDetect.Visibility.NONE)
    static final class LatestStories {
        List<StoryRef> stories = new ArrayList<>();

        void add(Mention m, Instant at) {
            String storyId = m.storyId() == null ? m.articleId() : m.storyId();
            StoryRef found = null;
            for (int i = 0; i < stories.size(); i++) {
                if (stories.get(i).storyId().equals(storyId)) {
                    found = stories.remove(i);
                    break;
                }
            }
            LinkedHashSet<String> outlets = new LinkedHashSet<>(found == null ? List.of() : found.outlets());
            if (m.source() != null && outlets.size() < StoryRef.MAX_OUTLETS) {
                outlets.add(m.source());
            }
            StoryRef updated = found == null
                    ? new StoryRef(storyId, m.title(), m.url(), at, at, 1, List.copyOf(outlets))
                    : new StoryRef(storyId, found.title(), found.url(), found.first(), at.isAfter(found.latest()) ? at : found.latest(),
                    found.articles() + 1, List.copyOf(outlets));
            stories.add(0, updated);
            if (stories.size() > LATEST_STORIES) {
                stories.remove(stories.size() - 1);
            }
        }
    }

    private final String countsStoreName;
    private final String storiesStoreName;
    private ProcessorContext<Void, Void> context;
    private WindowStore<String, Counts> counts;
    private KeyValueStore<String, LatestStories> stories;

    EntityHistory(String countsStoreName, String storiesStoreName) {
        this.countsStoreName = countsStoreName;
        this.storiesStoreName = storiesStoreName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.counts = context.getStateStore(countsStoreName);
        this.stories = context.getStateStore(storiesStoreName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        Mention mention;
        try {
            mention = MENTION.deserialize(null, record.value());
        } catch (RuntimeException e) {
            LOG.debug("history skips an undecodable mention at {}", DeadLetters.coordinates(context.recordMetadata()));
            return;
        }
        long ts = record.timestamp();
        long hour = ts - Math.floorMod(ts, HOUR.toMillis());
        Counts now = Optional.ofNullable(counts.fetch(record.key(), hour)).orElse(new Counts(0, 0));
        counts.put(record.key(), now.plus(mention.firstInStory()), hour);
        LatestStories latest = Optional.ofNullable(stories.get(record.key())).orElseGet(LatestStories::new);
        latest.add(mention, Instant.ofEpochMilli(ts));
        stories.put(record.key(), latest);
    }
}
