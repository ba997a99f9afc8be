/**
 * The program's topics, declared in {@code topics/} (one file per topic: name, role, partitions,
 * replication, configs), read into one immutable list ({@link io.newswatch.topics.Topics}); code
 * refers to a topic by its {@link io.newswatch.topics.TopicRole}, never by a name written inline.
 * {@link io.newswatch.topics.TopicApplier} makes a cluster match the declarations. Imports nothing
 * of the product.
 */
package io.newswatch.topics;
