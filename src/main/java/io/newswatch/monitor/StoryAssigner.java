package io.newswatch.monitor;

import io.newswatch.kafka.JsonSerde;
import io.newswatch.metrics.MonitorMetrics;
import io.newswatch.story.Sketch;
import io.newswatch.story.StoryIndex;
import io.newswatch.story.StoryRule;
import io.newswatch.watchlist.AlertKind;
import io.newswatch.watchlist.WatchedEntity;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.KeyValueStore;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The story stage: places each matched article in its story and says what it brings there.
 *
 * <p>It runs in one task: every matched article of the cluster comes through the one partition of
 * {@code articles-by-story}, so copies that arrived on different partitions — or at different
 * instances — meet in one index, and the order it sees them in is the one order every story rule
 * downstream agrees on. The costly part, sketching, is done before, in parallel, where each article
 * is matched; what is left here is a lookup of a few dozen keys.
 *
 * <p>Articles backfill brought in for an entity added late come in beside the live ones, with their
 * own times: they join the stories as they are now, and one that live matching had placed already
 * (it named other entities) is not counted as a member twice.
 *
 * <p>The {@link StoryIndex} is in memory; its sketches are also kept in the changelogged store
 * {@code story-sketches} (key = article id), from which a task that moves or restarts rebuilds it,
 * and the stories in {@code story-state}. Both shrink with the index: a sketch that leaves it is
 * deleted, and a story whose last sketch left is forgotten.
 */
final class StoryAssigner implements Processor<String, MatchedArticle, String, StoryMember> {

    /** A representative sketch as stored: its story and time, the sketch as {@link Sketch#toBytes()} wrote it. */
    record StoredSketch(String storyId, long ts, byte[] sketch) {
    }

    static final JsonSerde<StoredSketch> STORED_SKETCH = JsonSerde.of(StoredSketch.class);

    private final String sketchStoreName;
    private final String stateStoreName;
    private final LiveWatchlist watchlist;
    private final MonitorSettings settings;
    private final MonitorMetrics metrics;
    private ProcessorContext<String, StoryMember> context;
    private KeyValueStore<String, StoredSketch> sketches;
    private KeyValueStore<String, StoryState> states;
    private StoryIndex index;

    StoryAssigner(String sketchStoreName, String stateStoreName, LiveWatchlist watchlist, MonitorSettings settings,
                  MonitorMetrics metrics) {
        this.sketchStoreName = sketchStoreName;
        this.stateStoreName = stateStoreName;
        this.watchlist = watchlist;
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, StoryMember> context) {
        this.context = context;
        this.sketches = context.getStateStore(sketchStoreName);
        this.states = context.getStateStore(stateStoreName);
        this.index = new StoryIndex(StoryRule.DEFAULT, settings.storyWindow(), settings.maxStorySketches());
        List<KeyValue<String, StoredSketch>> stored = new ArrayList<>();
        try (KeyValueIterator<String, StoredSketch> it = sketches.all()) {
            it.forEachRemaining(stored::add);
        }
        stored.sort(Comparator.comparingLong((KeyValue<String, StoredSketch> kv) -> kv.value.ts()).thenComparing(kv -> kv.key));
        index.onEviction((articleId, storyId, storyGone) -> {
            sketches.delete(articleId);
            if (storyGone) {
                states.delete(storyId);
            }
        });
        for (KeyValue<String, StoredSketch> kv : stored) {
            index.add(kv.value.storyId(), kv.key, Sketch.fromBytes(kv.value.sketch()), kv.value.ts());
        }
        metrics.storyIndex(index.sketches(), index.bytes());
    }

    @Override
    public void process(Record<String, MatchedArticle> record) {
        MatchedArticle article = record.value();
        if (article == null) {
            return;
        }
        long ts = record.timestamp();
        long start = System.nanoTime();
        int held = index.sketches();
        StoryIndex.Placement placed = index.place(article.articleId(), article.sketch(), ts);
        if (placed.representative()) {
            sketches.put(article.articleId(), new StoredSketch(placed.storyId(), ts, article.sketchBytes()));
        }
        metrics.storyTime(System.nanoTime() - start);
        if (index.sketches() != held || placed.representative()) {
            metrics.storyIndex(index.sketches(), index.bytes());
        }

        StoryState state = Optional.ofNullable(states.get(placed.storyId())).orElseGet(StoryState::new);
        // a backfilled article live matching placed already (for other entities) is no new member
        boolean newOutlet = article.backfill() != MatchedArticle.Backfill.IN_STORY_ALREADY && state.add(article.member(ts));
        List<Mention> mentions = new ArrayList<>(article.mentions().size());
        for (Mention m : article.mentions()) {
            boolean first = state.entities.add(m.entityId());
            if (first) {
                metrics.story(m.entityId());
            }
            mentions.add(m.inStory(placed.storyId(), first));
        }
        List<List<String>> newPairs = new ArrayList<>();
        for (int i = 0; i < mentions.size(); i++) {
            for (int j = i + 1; j < mentions.size(); j++) {
                String a = mentions.get(i).entityId();
                String b = mentions.get(j).entityId();
                if (state.newPair(a, b)) {
                    newPairs.add(List.of(a, b));
                }
            }
        }
        List<String> spreadReached = newOutlet ? spreadReached(state) : List.of();
        if (index.holds(placed.storyId())) {
            states.put(placed.storyId(), state); // else a late article's story, already out of the window
        }
        context.forward(record.withKey(placed.storyId()).withValue(new StoryMember(placed.storyId(), placed.founded(),
                state.story(placed.storyId(), Instant.ofEpochMilli(ts)), mentions, newPairs, spreadReached,
                article.watchlistVersion(), article.backfilled())));
    }

    /** The story's entities asking for SPREAD whose outlet count it has now reached, each once per story. */
    private List<String> spreadReached(StoryState state) {
        List<String> reached = new ArrayList<>();
        LiveWatchlist.Snapshot snapshot = watchlist.current();
        for (String entityId : state.entities) {
            Optional<WatchedEntity> entity = snapshot.matcher().entity(entityId);
            if (entity.isPresent() && entity.get().alerts().enabled(AlertKind.SPREAD)
                    && state.outletCount >= entity.get().alerts().spread().outlets() && state.spread.add(entityId)) {
                reached.add(entityId);
            }
        }
        return reached;
    }
}
