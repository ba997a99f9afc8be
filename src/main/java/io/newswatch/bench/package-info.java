/**
 * Benchmarks of the whole system, and the data they run on.
 *
 * <p>{@link io.newswatch.bench.BenchData} turns the Wikinews CSVs of {@code shared/data} into
 * articles (the 295 originals, then endless deterministic variants with shuffled paragraphs) and
 * watchlists of any size (real names from the corpus first, then synthetic ones); the JMH matcher
 * benchmark in the tests uses the same generator.
 *
 * <p>{@link io.newswatch.bench.EndToEndBench} is {@code newswatch bench}: every phase runs against
 * Kafka through the same {@link io.newswatch.monitor.Monitor} as {@code newswatch run}, and each
 * speed is reported as a ratio to what read the same topic in the same rounds, because absolute
 * numbers on a shared machine do not compare between runs: a plain consumer, and the two
 * {@link io.newswatch.bench.ReferenceApps} (the framework's ceiling and a Lucene-monitor peer).
 * {@link io.newswatch.bench.StageProfile} charges the monitor's CPU to its stages. The result is a
 * {@link io.newswatch.bench.BenchReport}: a record that serialises to JSON and renders as a table.
 *
 * <p>Wiring only: it may import every package but {@code cli} and {@code demo}.
 */
package io.newswatch.bench;
