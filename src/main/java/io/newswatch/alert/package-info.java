/**
 * Alerts, as their users see them: the {@link io.newswatch.alert.Alert} record (the JSON value
 * of every record on the alert topics, key = entity id), one human-readable line per alert
 * ({@link io.newswatch.alert.AlertFormat}), and {@link io.newswatch.alert.AlertSubscription}, the
 * one reader of alert topics ({@code newswatch alerts}, the demo, the benchmark, and any program
 * that wants alerts as values).
 *
 * <p>How alerts are made (the rules, their state, routing) is the monitor's business and lives in
 * {@code io.newswatch.monitor}. This package may import {@code kafka}, {@code watchlist} and
 * {@code text}; never {@code monitor}.
 */
package io.newswatch.alert;
