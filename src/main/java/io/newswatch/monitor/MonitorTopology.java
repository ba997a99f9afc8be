package io.newswatch.monitor;

import io.newswatch.alert.Alert;
import io.newswatch.alert.AlertRouter;
import io.newswatch.alert.CoMention;
import io.newswatch.alert.CoMentionAlerter;
import io.newswatch.alert.EntityAlertState;
import io.newswatch.alert.EntityAlerter;
import io.newswatch.alert.RoutedAlert;
import io.newswatch.article.Article;
import io.newswatch.kafka.JsonSerde;
import io.newswatch.metrics.MonitorMetrics;
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
import org.apache.kafka.streams.processor.TopicNameExtractor;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;
import org.apache.kafka.streams.state.WindowStore;

import java.util.Map;
import java.util.function.Predicate;

/**
 * The monitor as a pure function: {@link #build} wires processors and stores and does no I/O.
 *
 * <pre>
 *  news.watchlist ─► [watchlist-updater] ─► global store + LiveWatchlist
 *  news.articles ─► [parse-articles] ─┬─ rejected ───────────────────────────► news.articles.dlq
 *                                     ├─ in its id's partition ─┐
 *                                     └─ elsewhere ─► articles-by-id (repartition by id)
 *                                                               ▼
 *                         [match-articles] (dedup store article-ids) ─┬─► news.mentions
 *                                                                     ├─► alert topics (MENTION)
 *                                                                     └─► co-mentions-by-pair ─► [co-mention-alerts] ─► alert topics
 *  news.mentions ─► [entity-alerts] (store entity-alert-state; THRESHOLD, SPIKE) ─► alert topics
 * </pre>
 *
 * Every processor, store and internal topic is named here; {@code MonitorTopologyTest} pins the
 * names so a refactor cannot silently rename a changelog. Every sink refuses a value its topic
 * would not accept ({@link SizeLimitedSerde}); {@link FailedRecords} dead-letters the input
 * instead, and handles a processor that throws.
 */
public final class MonitorTopology {

    public static final String WATCHLIST_STORE = "watchlist-store";
    public static final String ARTICLE_IDS_STORE = "article-ids";
    public static final String ENTITY_ALERT_STORE = "entity-alert-state";
    public static final String CO_MENTION_STORE = "co-mention-state";

    private static final Serde<Article> ARTICLE = JsonSerde.of(Article.class);
    private static final Serde<Mention> MENTION = JsonSerde.of(Mention.class);
    private static final Serde<Alert> ALERT = JsonSerde.of(Alert.class);
    private static final Serde<CoMention> CO_MENTION = JsonSerde.of(CoMention.class);

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

        StoreBuilder<KeyValueStore<String, byte[]>> watchlistStore = Stores.keyValueStoreBuilder(
                Stores.inMemoryKeyValueStore(WATCHLIST_STORE), Serdes.String(), Serdes.ByteArray()).withLoggingDisabled();
        builder.addGlobalStore(watchlistStore, topics.name(TopicRole.WATCHLIST),
                Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("watchlist-updater"),
                () -> new WatchlistUpdater(WATCHLIST_STORE, watchlist, router.forbiddenTopics(), metrics));

        String dlq = topics.name(TopicRole.DLQ);
        int idPartitions = topics.spec(TopicRole.ARTICLES).partitions();
        ArticlePartitioner partitioner = new ArticlePartitioner(idPartitions);
        DeadLetters deadLetters = new DeadLetters(dlq, settings.maxDeadLetterBytes(), limits);
        KStream<String, Parsed> parsed = builder.stream(topics.name(TopicRole.ARTICLES),
                        Consumed.with(Serdes.ByteArray(), Serdes.ByteArray()).withName("articles-source"))
                .process(() -> new ArticleParser(settings, deadLetters, partitioner, metrics), Named.as("parse-articles"));
        Map<String, KStream<String, Parsed>> byOutcome = parsed.split(Named.as("parsed-"))
                .branch((id, p) -> p instanceof Parsed.Rejected, Branched.as("rejected"))
                .branch((id, p) -> ((Parsed.Accepted) p).inPlace(), Branched.as("keyed"))
                .defaultBranch(Branched.as("rekey"));
        byOutcome.get("parsed-rejected")
                .map((id, p) -> KeyValue.pair(((Parsed.Rejected) p).key(), ((Parsed.Rejected) p).value()), Named.as("rejected-original"))
                .to(dlq, Produced.with(Serdes.ByteArray(), limited(Serdes.ByteArray(), limits, "dead letter")).withName("dlq-sink"));
        KStream<String, Article> keyed = byOutcome.get("parsed-keyed")
                .mapValues(p -> ((Parsed.Accepted) p).article(), Named.as("keyed-article"));
        // Records elsewhere (no key, another key, or a producer that partitions otherwise) move to
        // the partition of their id, where the duplicate check for that id lives.
        KStream<String, Article> rekeyed = byOutcome.get("parsed-rekey")
                .mapValues(p -> ((Parsed.Accepted) p).article(), Named.as("rekey-article"))
                .repartition(Repartitioned.with(Serdes.String(), limited(ARTICLE, limits, "article")).withName("articles-by-id")
                        .withNumberOfPartitions(idPartitions).withStreamPartitioner(partitioner));

        StoreBuilder<WindowStore<String, Long>> seenStore = Stores.windowStoreBuilder(
                Stores.persistentWindowStore(ARTICLE_IDS_STORE, settings.duplicateWindow().multipliedBy(2),
                        settings.duplicateWindow(), false),
                Serdes.String(), Serdes.Long());
        builder.addStateStore(seenStore);
        KStream<String, Emit> emitted = keyed.merge(rekeyed, Named.as("articles-merged"))
                .process(() -> new ArticleMatcher(ARTICLE_IDS_STORE, watchlist, router, settings, metrics),
                        Named.as("match-articles"), ARTICLE_IDS_STORE);

        Serde<RoutedAlert> alertSerde = limited(ROUTED_ALERT, limits, "alert");
        Map<String, KStream<String, Emit>> byKind = emitted.split(Named.as("emit-"))
                .branch((k, e) -> e instanceof Emit.MentionOut, Branched.as("mentions"))
                .branch((k, e) -> e instanceof Emit.AlertOut, Branched.as("alerts"))
                .defaultBranch(Branched.as("pairs"));
        byKind.get("emit-mentions")
                .mapValues(e -> ((Emit.MentionOut) e).mention(), Named.as("mention-value"))
                .to(topics.name(TopicRole.MENTIONS), Produced.with(Serdes.String(), limited(MENTION, limits, "mention"))
                        .withName("mentions-sink"));
        byKind.get("emit-alerts")
                .mapValues(e -> ((Emit.AlertOut) e).routed(), Named.as("mention-alert-value"))
                .to(ALERT_TOPIC, Produced.with(Serdes.String(), alertSerde).withName("mention-alerts-sink"));

        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(CO_MENTION_STORE),
                Serdes.String(), JsonSerde.of(CoMentionAlerter.PairState.class)));
        byKind.get("emit-pairs")
                .mapValues(e -> ((Emit.PairOut) e).pair(), Named.as("pair-value"))
                .repartition(Repartitioned.with(Serdes.String(), limited(CO_MENTION, limits, "co-mention")).withName("co-mentions-by-pair"))
                .process(() -> new CoMentionAlerter(CO_MENTION_STORE, watchlist, router,
                        settings.evidenceLimit(), metrics), Named.as("co-mention-alerts"), CO_MENTION_STORE)
                .to(ALERT_TOPIC, Produced.with(Serdes.String(), alertSerde).withName("co-mention-alerts-sink"));

        // Mentions are keyed by entity id, so news.mentions itself feeds the per-entity alerter.
        builder.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(ENTITY_ALERT_STORE),
                Serdes.String(), JsonSerde.of(EntityAlertState.class)));
        builder.stream(topics.name(TopicRole.MENTIONS), Consumed.with(Serdes.String(), Serdes.ByteArray()).withName("mentions-source"))
                .process(() -> new EntityAlerter(ENTITY_ALERT_STORE, watchlist, router, settings.evidenceLimit(),
                        settings.spikeCheckInterval(), metrics), Named.as("entity-alerts"), ENTITY_ALERT_STORE)
                .to(ALERT_TOPIC, Produced.with(Serdes.String(), alertSerde).withName("entity-alerts-sink"));

        return builder.build();
    }

    private static <T> Serde<T> limited(Serde<T> serde, OutputLimits limits, String what) {
        return new SizeLimitedSerde<>(serde, limits, what);
    }

    private static final TopicNameExtractor<String, RoutedAlert> ALERT_TOPIC = (key, routed, context) -> routed.topic();

    /** Writes only the alert of a {@link RoutedAlert}; its topic was used by {@link #ALERT_TOPIC}. */
    private static final Serde<RoutedAlert> ROUTED_ALERT = Serdes.serdeFrom(
            (topic, routed) -> routed == null ? null : ALERT.serializer().serialize(topic, routed.alert()),
            (topic, bytes) -> bytes == null ? null : new RoutedAlert(ALERT.deserializer().deserialize(topic, bytes), topic));
}
