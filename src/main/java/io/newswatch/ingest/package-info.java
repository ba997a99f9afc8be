/**
 * Ingest: getting articles from where news really comes from onto the articles topic.
 *
 * <h2>The shape of a run</h2>
 *
 * {@link io.newswatch.ingest.Ingest} is the front door; {@code newswatch ingest} is a thin
 * command over it. A run takes paths, directories (walked recursively, hidden files and unknown
 * extensions left alone), {@code http(s)} URLs and {@code -} for stdin, and goes through four
 * steps:
 * <ol>
 *   <li><b>Detect</b> each input's {@link io.newswatch.ingest.Format format} from its first bytes,
 *       not its name: a {@code .atom} file that is RSS 2.0 is read as RSS, an XML file whose
 *       root is {@code html} as a page. {@code --format} overrides detection for every input.</li>
 *   <li><b>Read</b> it into article drafts. Feeds go through Rome (RSS 0.9x/2.0, RSS 1.0/RDF,
 *       Atom) and web pages through jsoup; CSV through a small RFC 4180 parser that knows on
 *       which line each record starts; JSON and JSON lines through the shared Jackson mapper.
 *       HTML is reduced to clean text: entities decoded, scripts and styles dropped, paragraphs
 *       kept as blank-line-separated paragraphs. Dates keep the zone they were written in.</li>
 *   <li><b>Validate</b> each draft: a body must be present, non-blank and within
 *       {@code --max-body-bytes}; the id is the record's own, else derived from the canonical
 *       URL (tracking parameters dropped), else from the content, so re-ingesting gives the same
 *       key. A record that fails is reported as one line with input and line
 *       ({@code data/a.jsonl:17: invalid-json: …}), never with its text, counted by reason and
 *       skipped; its neighbours go on. With {@code --strict} every input is read once without
 *       sending, and any bad record fails the run before anything is sent.</li>
 *   <li><b>Send</b> with an idempotent producer ({@code acks=all}, zstd, batched), key = article
 *       id, value = Article JSON; the same id twice in one run is sent once. Delivery failures
 *       are counted from the producer's callbacks; any of them makes the run fail.</li>
 * </ol>
 * The result is an {@link io.newswatch.ingest.IngestSummary}: read, sent, duplicates skipped,
 * rejected by reason, failed.
 *
 * <h2>Polling</h2>
 *
 * With a poll interval the URLs are fetched again and again, conditionally (ETag,
 * If-Modified-Since), and only items not sent before are sent. What was sent is remembered per
 * feed in a small JSON state file, so a restart does not send a feed again; the validators are
 * remembered only once every new item was delivered, so a 304 never hides an undelivered item.
 * Errors back off exponentially, up to an hour or the server's Retry-After. The schedule is a
 * plain step ({@code Poller.pollDue()}) that does what is due on a given clock and says when to
 * come back, so tests drive it without sleeping.
 *
 * <h2>What is public</h2>
 *
 * {@link io.newswatch.ingest.Ingest} with its builder, {@link io.newswatch.ingest.Format},
 * {@link io.newswatch.ingest.IngestSummary} and {@link io.newswatch.ingest.IngestException}.
 * Readers, the sniffer, the pipeline, the poller and the Kafka sink are package-private.
 *
 * <p>{@link io.newswatch.ingest.KafkaArticleSink} is the one writer of articles to Kafka, used by
 * the demo too. May import {@code kafka}, {@code article}, {@code topics} and {@code text}.
 */
package io.newswatch.ingest;
