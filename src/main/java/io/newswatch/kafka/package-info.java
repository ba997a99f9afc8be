/**
 * What every Kafka client of the program shares: the client settings and their order
 * ({@link io.newswatch.kafka.KafkaSettings}), the defaults the program puts under them
 * ({@link io.newswatch.kafka.ClientDefaults}), the one JSON mapper and serde
 * ({@link io.newswatch.kafka.Json}, {@link io.newswatch.kafka.JsonSerde}) and content-free
 * descriptions of JSON failures ({@link io.newswatch.kafka.JsonErrors}, one printable line each).
 * May import {@code text} only.
 */
package io.newswatch.kafka;
