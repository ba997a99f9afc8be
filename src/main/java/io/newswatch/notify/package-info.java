/**
 * {@code newswatch notify}: alerts delivered to people and programs. A consumer group reads the
 * alert topics (read_committed); {@link io.newswatch.notify.Routes} choose the receivers of each
 * alert; alerts wait in groups (group_wait, group_interval, digests) kept on a compacted topic in
 * the same transaction as the offsets they came from; {@link io.newswatch.notify.Receiver}s
 * (webhook, Slack, email, file) deliver a group, retried with backoff, parked on the notification
 * dead-letter topic when they keep failing; {@link io.newswatch.notify.Silences} skip what they
 * match. It reads alerts as the monitor writes them and knows nothing of how they were found:
 * it depends on the alert model, the watchlist's alert kinds, the Kafka helpers and text only.
 */
package io.newswatch.notify;
