/**
 * The watchlist: what newswatch looks for, and what it does when it finds it.
 *
 * <h2>Entities</h2>
 * A {@link io.newswatch.watchlist.WatchedEntity} has an {@code id} (the record key on
 * {@code news.watchlist}, {@code [a-z0-9][a-z0-9._-]{0,63}}), a display {@code name}, and the
 * {@link io.newswatch.watchlist.Alias aliases} that name it in text: {@code ICC},
 * {@code International Criminal Court}, {@code Росатом}, {@code မြန်မာ}. Each alias has a
 * {@link io.newswatch.watchlist.CaseMode case mode} (chosen from the alias when not given: exact for
 * ICC, smart for Turkey) and may be approximate, so that "International Wrongdoer Court" still
 * counts, flagged as approximate. An alias of a single character ({@code a}, {@code Ω},
 * {@code (a+)+$}) is refused unless it is {@code case: exact} and {@code singleCharacter: true}.
 * Names, aliases, tags and terms have size limits ({@code WatchedEntity.MAX_*},
 * {@link io.newswatch.watchlist.Alias#MAX_CHARS}): the monitor copies them into every record it
 * writes.
 *
 * <h2>Rules</h2>
 * {@code context} terms make a hit count only when one of them is within {@code contextWindow}
 * tokens (30 by default, or {@link io.newswatch.watchlist.WatchedEntity#ANYWHERE anywhere in the
 * article}): "ICC" near "judges" is the court, "ICC" near nothing of the kind may be cricket.
 * {@code exclude} phrases veto a hit within {@code excludeWindow} tokens. {@code tags} label
 * entities for routing and filtering, and {@link io.newswatch.watchlist.AlertSettings} say which
 * {@link io.newswatch.watchlist.AlertKind alert kinds} an entity raises and where they go.
 *
 * <h2>Writing them</h2>
 * By hand in YAML or JSON, or one JSON object per Kafka record:
 * <pre>{@code
 * - id: icc
 *   name: International Criminal Court
 *   aliases:
 *     - ICC
 *     - {text: International Criminal Court, case: insensitive, approximate: true}
 *   context: [court, judges, warrant]
 *   exclude: [cricket]
 *   alerts: {kinds: [MENTION, THRESHOLD], threshold: {count: 3, window: 1h}, topic: news.alerts.justice}
 * }</pre>
 * {@link io.newswatch.watchlist.WatchlistFiles} loads and saves files (JSON array, JSON Lines,
 * YAML) and reports every problem of a file at once with file, line and entry;
 * {@link io.newswatch.watchlist.WatchlistFiles#parse(byte[])} reads one record value, and the
 * program's shared JSON mapper (so {@code JsonSerde.of(WatchedEntity.class)}) reads and writes the
 * same shape. Entities validate on construction: an invalid one never exists. An alert topic
 * that is internal to Kafka or Kafka Streams is refused there; one of the program's own topics
 * (articles, watchlist, mentions, dead letters) is refused where those are known, by the overloads
 * taking {@code forbiddenAlertTopics}.
 *
 * <h2>On Kafka</h2>
 * {@link io.newswatch.watchlist.WatchlistRecord#decode} is the one reading of a record of the
 * watchlist topic, used by the monitor and the {@code watchlist} command alike: an entity to put,
 * an id to remove, or a rejection with a {@link io.newswatch.watchlist.WatchlistRecord.Reason
 * reason} and a detail that never quotes the record. The newest record of a key decides: a
 * rejected one leaves its key without an entity.
 * {@link io.newswatch.watchlist.WatchlistFiles#starter()} is the documented starter watchlist the
 * demo uses.
 *
 * <p>Matching itself lives in {@code io.newswatch.match}. The full format: {@code docs/watchlist.md}.
 *
 * <p>{@link io.newswatch.watchlist.WatchlistTopic} is the one reader and writer of the watchlist
 * topic outside the monitor (the CLI, the demo, the benchmark). May import {@code kafka} and
 * {@code topics}.
 */
package io.newswatch.watchlist;
