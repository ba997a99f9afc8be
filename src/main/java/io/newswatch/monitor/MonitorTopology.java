package io.newswatch.monitor;

import io.newswatch.alert.Alert;
import io.newswatch.article.Article;
import io.newswatch.kafka.JsonSerde;
import io.newswatch.metrics.MonitorMetrics;
import io.newswatch.story.Story;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.Topics;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StreamsBuilder;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.kstream.Branched;
import org.apache.kafka.streams.kstream.Consumed;
import org.apache.kafka.streams.kstream.KStream;
import org.apache.kafka.streams.kstream.Named;
import org.apache.kafka.streams.kstream.Produced;
import org.apache.kafka.streams.kstream.Repartitioned;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

import java.time.Duration;
import java.util.Map;
import java.util.function.Predicate;

/**
 * The monitor as a pure function: {@link #build} wires processors and stores and does no I/O.
 *
 * <pre>
 *  news.watchlist ─► [watchlist-updater] ─► global store + LiveWatchlist
 *  news.articles ─► [parse-articles] ─┬─ rejected ─► [dead-letter] ─────────────────────► news.articles.dlq
 *                                     ├─ in its id's partition ─┐
 *                                     └─ elsewhere ─► articles-by-id (repartition by id)
 *                                                               ▼
 *                                    └─ watchlist version changed ─► [applied-sink] ─► news.watchlist.applied
 *                    [match-articles] (duplicates: article-ids; sketches matched articles)
 *                                   ▼
 *                    articles-by-story (one partition: every copy meets the same index)
 *                                   ▼      ◄── news.backfill (articles backfill matched for an entity added late)
 *                    [assign-stories] (story-sketches, story-state) ─┬─► [mentions] ───────► news.mentions
 *                                                                    ├─► [stories] ────────► news.stories
 *                                                                    ├─► [story-alerts] (MENTION, SPREAD) ─► alert topics
 *                                                                    └─► [co-mention-alerts] (co-mention-state) ─► alert topics
 *  news.mentions ─► [entity-alerts] (entity-alert-state; THRESHOLD, SPIKE by stories) ─────► alert topics
 *                └► [entity-history] (entity-mentions: time, story, outlet of each) ──── the query API
 *  news.alerts ───► [alert-history] (latest-alerts per entity) ──────────────────────────── the query API
 * </pre>
 *
 * Each alert rule hands its alerts to the one {@link AlertEmitter}, which routes them (the topic
 * travels in a header the alert sinks read). Every processor, store and internal topic is named
 * here; {@code MonitorTopologyTest} pins the names so a refactor cannot silently rename a
 * changelog. Every sink refuses a value its topic would not accept ({@link SizeLimitedSerde});
 * {@link FailedRecords} dead-letters the input instead, and handles a processor that throws.
 */
public final class MonitorTopology {

    public static final String WATCHLIST_STORE = "watchlist-store";
    public static final String ARTICLE_IDS_STORE = "article-ids";
    public static final String ENTITY_ALERT_STORE = "entity-alert-state";
    public static final String CO_MENTION_STORE = "co-mention-state";
    public static final String STORY_SKETCH_STORE = "story-sketches";
    public static final String STORY_STATE_STORE = "story-state";
    public static final String ENTITY_MENTIONS_STORE = "entity-mentions";
    public static final String LATEST_ALERTS_STORE = "latest-alerts";

    private static final Serde<Article> ARTICLE = JsonSerde.of(Article.class);
    private static final Serde<Mention> MENTION = JsonSerde.of(Mention.class);
    private static final Serde<Alert> ALERT = JsonSerde.of(Alert.class);
    private static final Serde<MatchedArticle> MATCHED = new MatchedArticleSerde();
    private static final Serde<Story> STORY = JsonSerde.of(Story.class);

    private MonitorTopology() {
    }

    /**
     * @param topics      where to read and write
     * @param settings    limits and windows
     * @param watchlist   the live watchlist the global store feeds and the matchers read
     * @param metrics     the monitor's meters
     * @param topicExists whether a routed alert topic exists (alerts are not sent to missing ones)
     * @param limits      the largest record each topic accepts
     */
    static Topology build(Topics topics, MonitorSettings settings, LiveWatchlist watchlist,
                          MonitorMetrics metrics, Predicate<String> topicExists, OutputLimits limits) {
        StreamsBuilder builder = new StreamsBuilder();
        AlertRouter router = new AlertRouter(topics, settings.tagRoutes(), topicExists, metrics);
        AlertEmitter emitter = new AlertEmitter(router, metrics);
        Serde<Alert> alerts = limited(ALERT, limits, "alert");

        StoreBuilder<KeyValueStore<String, byte[]>> watchlistStore = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(WATCHLIST_STORE), Serdes.String(), Serdes.ByteArray()).withLoggingDisabled();
        builder.addGlobalStore(watchlistStore, topics.name(TopicRole.WATCHLIST),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("watchlist-updater"),
                () -> new WatchlistUpdater(WATCHLIST_STORE, watchlist, router.forbiddenTopics(), metrics));

        // Parse: every record is an article to match or a dead letter.
        String dlq = topics.name(TopicRole.DLQ);
        int idPartitions = topics.spec(TopicRole.ARTICLES).partitions();
        ArticlePartitioner partitioner = new ArticlePartitioner(idPartitions);
        DeadLetters deadLetters = new DeadLetters(dlq, settings.maxDeadLetterBytes(), limits);
        Map<String, KStream<String, Parsed>> parsed = builder.stream(topics.name(TopicRole.ARTICLES),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("articles-source"))
                .process(() -> new ArticleParser(settings, deadLetters, partitioner, metrics, watchlist), Named.as("parse-articles"))
                .split(Named.as("parsed-"))
                .branch((key, p) -> p.applied() != null, Branched.as("applied"))
                .branch((key, p) -> p.rejected(), Branched.as("rejected"))
                .branch((id, p) -> p.inPlace(), Branched.as("in-place"))
                .defaultBranch(Branched.as("elsewhere"));
        // Where each watchlist version went live on each partition: the boundary backfill works to.
        parsed.get("parsed-applied")
                .mapValues(Parsed::applied, Named.as("applied-version"))
                .to(topics.name(TopicRole.WATCHLIST_APPLIED), Produced.with(Serdes.String(), JsonSerde.of(AppliedVersion.class))
                        .withName("applied-sink"));
        parsed.get("parsed-rejected")
                .map((key, p) -> p.deadLetter(), Named.as("dead-letter"))
                .to(dlq, Produced.with(Serdes.ByteArray(), limited(Serdes.ByteArray(), limits, "dead letter")).withName("dlq-sink"));
        KStream<String, Article> inPlace = parsed.get("parsed-in-place").mapValues(p -> p.article(), Named.as("in-place-article"));
        // An article anywhere else (no key, another key, a producer that partitions otherwise)
        // moves to the partition of its id, where the duplicate check for that id lives.
        KStream<String, Article> moved = parsed.get("parsed-elsewhere").mapValues(p -> p.article(), Named.as("elsewhere-article"))
                .repartition(Repartitioned.with(Serdes.String(), limited(ARTICLE, limits, "article")).withName("articles-by-id")
                        .withNumberOfPartitions(idPartitions).withStreamPartitioner(partitioner));

        // Match: the whole watchlist in one pass, once per article id within the duplicate window.
        builder.addStateStore(Stores.windowStoreBuilder(
                Stores.persistentWindowStore(ARTICLE_IDS_STORE, settings.duplicateWindow().multipliedBy(2),
                        settings.duplicateWindow(), false),
                Serdes.String(), Serdes.Long()));
        String mentionsTopic = topics.name(TopicRole.MENTIONS);
        Serde<Mention> mentions = limited(MENTION, limits, "mention");
        KStream<String, MatchedArticle> matched = inPlace.merge(moved, Named.as("articles-merged"))
                .process(() -> new ArticleMatcher(ARTICLE_IDS_STORE, watchlist, settings, metrics, mentionsTopic, mentions.serializer(), limits),
                        Named.as("match-articles"), ARTICLE_IDS_STORE);

        // Stories: every matched article meets every other in the one partition of the story stage.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORY_SKETCH_STORE),
                Serdes.String(), StoryAssigner.STORED_SKETCH));
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORY_STATE_STORE),
                Serdes.String(), JsonSerde.of(StoryState.class)));
        // Articles backfill matched for an entity added late join in (one partition, so the same task).
        KStream<String, MatchedArticle> backfilled = builder.stream(topics.name(TopicRole.BACKFILL),
                Consumed.with(Serdes.String(), MATCHED).withName("backfill-source"));
        KStream<String, StoryMember> members = matched
                .repartition(Repartitioned.with(Serdes.String(), limited(MATCHED, limits, "matched article"))
                        .withName("articles-by-story").withNumberOfPartitions(1))
                .merge(backfilled, Named.as("backfill-merged"))
                .process(() -> new StoryAssigner(STORY_SKETCH_STORE, STORY_STATE_STORE, watchlist, settings, metrics),
                        Named.as("assign-stories"), STORY_SKETCH_STORE, STORY_STATE_STORE);

        members.flatMap((storyId, m) -> m.mentions().stream().map(x -> KeyValue.pair(x.entityId(), x)).toList(), Named.as("mentions"))
                .to(mentionsTopic, Produced.with(Serdes.String(), mentions).withName("mentions-sink"));
        members.mapValues(StoryMember::story, Named.as("stories"))
                .to(topics.name(TopicRole.STORIES), Produced.with(Serdes.String(), limited(STORY, limits, "story"))
                        .withName("stories-sink"));

        members.process(() -> new StoryAlerts(watchlist, emitter, settings.evidenceLimit()), Named.as("story-alerts"))
                .to(AlertEmitter.TOPIC, Produced.with(Serdes.String(), alerts).withName("story-alerts-sink"));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CO_MENTION_STORE),
                Serdes.String(), JsonSerde.of(TumblingWindows.class)));
        members.process(() -> new CoMentionAlerts(CO_MENTION_STORE, watchlist, emitter, settings.evidenceLimit()),
                        Named.as("co-mention-alerts"), CO_MENTION_STORE)
                .to(AlertEmitter.TOPIC, Produced.with(Serdes.String(), alerts).withName("co-mention-alerts-sink"));

        // Mentions are keyed by entity id, so news.mentions itself feeds the per-entity rules.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ENTITY_ALERT_STORE),
                Serdes.String(), JsonSerde.of(EntityAlertState.class)));
        KStream<String, byte[]> mentionsRead = builder.stream(topics.name(TopicRole.MENTIONS),
                Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("mentions-source"));
        mentionsRead.process(() -> new EntityAlerts(ENTITY_ALERT_STORE, watchlist, emitter, settings.evidenceLimit(),
                        settings.spikeCheckInterval()), Named.as("entity-alerts"), ENTITY_ALERT_STORE)
                .to(AlertEmitter.TOPIC, Produced.with(Serdes.String(), alerts).withName("entity-alerts-sink"));

        // What the query API answers: each entity's mentions (its counts and latest stories) and alerts.
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(ENTITY_MENTIONS_STORE,
                settings.history(), Duration.ofMillis(1), true), Serdes.String(), EntityHistory.MENTION_REF));
        mentionsRead.process(() -> new EntityHistory(ENTITY_MENTIONS_STORE), Named.as("entity-history"), ENTITY_MENTIONS_STORE);
        builder.addStateStore(Stores.windowStoreBuilder(Stores.persistentWindowStore(LATEST_ALERTS_STORE,
                settings.history(), Duration.ofMillis(1), true), Serdes.String(), Serdes.ByteArray()));
        builder.stream(topics.name(TopicRole.ALERTS), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("alerts-source"))
                .process(() -> new AlertHistory(LATEST_ALERTS_STORE), Named.as("alert-history"), LATEST_ALERTS_STORE);

        return builder.build();
    }

    private static <T> Serde<T> limited(Serde<T> serde, OutputLimits limits, String what) {
        return new SizeLimitedSerde<>(serde, limits, what);
    }
}
