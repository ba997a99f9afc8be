/**
 * A real single-node Apache Kafka broker (KRaft) in the same process, for {@code newswatch broker},
 * the demo, the benchmark and the tests. Imports nothing of the product.
 */
package io.newswatch.broker;
