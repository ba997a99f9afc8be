/**
 * The {@code newswatch} command and its subcommands (picocli): each a
 * {@code Callable<Integer>} that wires the packages that do the work, writes through its
 * command's writers and returns an exit code; only {@code NewswatchCli.main} exits. Options
 * several commands share are mixins ({@code KafkaOptions}, {@code TopicsOption}). May import any
 * package of the product; none imports it.
 */
package io.newswatch.cli;
