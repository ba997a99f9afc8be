/**
 * The self-contained demo: the embedded broker, the topics, the starter watchlist
 * ({@code watchlist.WatchlistTopic}), the monitor with its metrics endpoint, the sample articles
 * (sent by {@code ingest.KafkaArticleSink}) and the alerts printed as they arrive
 * ({@code alert.AlertSubscription}). Wiring only: it may import every package but {@code cli},
 * {@code bench} and {@code match}.
 */
package io.newswatch.demo;
