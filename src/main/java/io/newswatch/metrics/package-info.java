/**
 * The monitor's meters, with bounded entity labels ({@link io.newswatch.metrics.MonitorMetrics},
 * {@link io.newswatch.metrics.EntityLabels}), the Prometheus registry with JVM meters, and the
 * HTTP endpoint for {@code /metrics}, {@code /health} and {@code /ready}
 * ({@link io.newswatch.metrics.MetricsServer}) with what they answer
 * ({@link io.newswatch.metrics.HealthCheck}). Imports nothing of the product.
 */
package io.newswatch.metrics;
