/**
 * The monitor: a Kafka Streams application that finds watched entities in every article and turns
 * them into mentions and alerts, exactly once. {@link io.newswatch.monitor.Monitor} runs it (as
 * {@code newswatch run}, the demo and the tests do); everything else here is package-private.
 *
 * <h2>One article, from the topic to an alert</h2>
 * <ol>
 *   <li>{@code ArticleParser} reads the raw record: a valid, bounded article goes on keyed by its
 *       id, stamped with the watchlist version it will be matched with (where that version changes
 *       on a partition goes to {@code news.watchlist.applied}: {@link io.newswatch.monitor.AppliedVersion});
 *       anything else becomes a dead letter with the reason it chose
 *       ({@link io.newswatch.monitor.RejectReason}) in its headers.</li>
 *   <li>{@code ArticleMatcher} skips an id seen within the duplicate window and matches the whole
 *       live watchlist in one pass ({@code io.newswatch.match.Matcher}); what it found is a
 *       {@code MatchedArticle}: one {@link io.newswatch.monitor.Mention} per entity.</li>
 *   <li>{@code StoryAssigner} places it in its story (one task for the cluster), beside the
 *       articles {@link io.newswatch.monitor.Backfill} brings in for an entity added late.</li>
 *   <li>The alert rules: {@code StoryAlerts} (MENTION and SPREAD, once per story),
 *       {@code CoMentionAlerts} (CO_MENTION, per pair of entities) and {@code EntityAlerts}
 *       (THRESHOLD and SPIKE, per entity, from {@code news.mentions}). They keep their state in
 *       changelogged stores, all in one shape: a {@code Window} of counted articles, in
 *       {@code TumblingWindows} for the threshold rules.</li>
 *   <li>{@code AlertEmitter} makes the alert from the rule's window (deterministic id), counts it
 *       and forwards one copy per topic {@code AlertRouter} routes it to.</li>
 * </ol>
 * {@link io.newswatch.monitor.MonitorTopology} wires these steps, names every processor, store and
 * internal topic, and draws the chain.
 *
 * <h2>What nothing may break</h2>
 * Every output is bounded (hits per mention, snippet sizes, dead-letter size) and every sink
 * refuses a value its topic would not accept ({@code SizeLimitedSerde}, {@code OutputLimits});
 * {@code FailedRecords} dead-letters the input of a record that cannot be processed or written.
 * A duplicate is found whatever partition its producer chose ({@code ArticlePartitioner}).
 * {@link io.newswatch.monitor.MonitorHealth} says whether the monitor is ready and live, from what
 * {@code ClusterWatch} observes of the cluster.
 *
 * <p>The watchlist arrives through a global store ({@code WatchlistUpdater}) into the
 * {@link io.newswatch.monitor.LiveWatchlist} every task matches against; a change is live within
 * seconds, and every mention and alert records the version it was matched under.
 *
 * <p>May import {@code match}, {@code watchlist}, {@code alert}, {@code metrics}, {@code kafka},
 * {@code topics} and {@code article}.
 */
package io.newswatch.monitor;
