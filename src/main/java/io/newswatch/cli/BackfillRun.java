package io.newswatch.cli;

import io.newswatch.kafka.KafkaSettings;
import io.newswatch.monitor.Backfill;
import io.newswatch.monitor.MonitorSettings;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.WatchedEntity;
import io.newswatch.watchlist.WatchlistTopic;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * One backfill from the command line ({@code watchlist add --backfill}, {@code watchlist backfill}):
 * a progress bar on a terminal (a plain line every ten seconds otherwise) on stderr, a summary on
 * stdout, exit 1 with what was done when the cluster fails mid-way.
 */
final class BackfillRun {

    /** How long to wait for a running monitor to reach the probes. */
    static final Duration SEAM_TIMEOUT = Duration.ofSeconds(60);
    private static final long BAR_NANOS = 200_000_000L;
    private static final long PLAIN_NANOS = 10_000_000_000L;
    private static final int BAR_WIDTH = 30;

    private BackfillRun() {
    }

    static int run(KafkaSettings kafka, Topics topics, WatchlistTopic.Current watchlist, String entityId, Instant from,
                   int maxRate, PrintWriter out, PrintWriter err) throws InterruptedException {
        WatchedEntity entity = watchlist.entities().get(entityId);
        if (entity == null) {
            throw new UsageException("no entity '" + entityId + "' in the watchlist: add it first (watchlist add " + entityId
                    + " ... --backfill 7d)");
        }
        long version = watchlist.version(entityId);
        Map<String, Long> versions = watchlist.offsets();
        Backfill.Request request = new Backfill.Request(entity, version, watchlist.entities().values(), versions, from, maxRate);
        Bar bar = new Bar(err, System.console() != null, entityId);
        try {
            Backfill.Summary s = new Backfill(kafka, topics, MonitorSettings.DEFAULTS, SEAM_TIMEOUT).run(request, bar::show);
            bar.finish(new Backfill.Progress(s.read(), s.ranges().values().stream().mapToLong(r -> r[1] - r[0]).sum(), s.published()));
            String articles = topics.name(TopicRole.ARTICLES);
            out.println((s.resumed() ? "resumed and finished the backfill of " + entityId + " (watchlist version " + version + ")"
                    : "backfilled " + entityId + " (watchlist version " + version + ") from " + from.truncatedTo(ChronoUnit.SECONDS))
                    + " on " + articles + ": " + String.format(
                    "%,d read, %,d already matched live, %,d already mentioned, %,d duplicates, %,d refused; "
                            + "%,d articles with %s published (backfill: true)",
                    s.read(), s.live(), s.matchedBefore(), s.duplicates(), s.refused(), s.published(), entityId));
            out.println("live matching of " + entityId + " starts at " + articles + " offsets "
                    + s.ranges().entrySet().stream().map(e -> e.getKey() + ":" + e.getValue()[1]).collect(Collectors.joining(" ")));
            return ExitCodes.OK;
        } catch (Backfill.Failed e) {
            bar.done();
            err.println("backfill of " + entityId + " stopped: " + e.getMessage() + "; done: " + String.format("%,d read, %,d published",
                    e.done().read(), e.done().published()) + ", all of it committed; run 'newswatch watchlist backfill " + entityId
                    + "' to go on from there");
            return ExitCodes.FAILURE;
        } catch (IllegalStateException e) {
            bar.done();
            err.println("backfill of " + entityId + " did not start: " + e.getMessage());
            return ExitCodes.FAILURE;
        }
    }

    /** The progress bar (terminal) or line (log). */
    private static final class Bar {
        private final PrintWriter err;
        private final boolean terminal;
        private final String entityId;
        private long last;
        private boolean started;
        private boolean shown;

        Bar(PrintWriter err, boolean terminal, String entityId) {
            this.err = err;
            this.terminal = terminal;
            this.entityId = entityId;
        }

        /** Prints the first update, then one every 200 ms on a terminal, every 10 s otherwise. */
        void show(Backfill.Progress p) {
            long now = System.nanoTime();
            if (started && now - last < (terminal ? BAR_NANOS : PLAIN_NANOS)) {
                return;
            }
            started = true;
            last = now;
            print(p);
        }

        /** The last state, on a terminal: the bar at its end. */
        void finish(Backfill.Progress p) {
            if (terminal) {
                print(p);
            }
            done();
        }

        private void print(Backfill.Progress p) {
            int percent = p.total() <= 0 ? 100 : (int) Math.min(100, p.read() * 100 / p.total());
            String counts = String.format("backfill %s: %,d of %,d read, %,d published", entityId, p.read(), p.total(), p.published());
            if (terminal) {
                int filled = percent * BAR_WIDTH / 100;
                err.print("\r[" + "#".repeat(filled) + ".".repeat(BAR_WIDTH - filled) + "] " + String.format("%3d%% ", percent) + counts);
                shown = true;
            } else {
                err.println(counts + " (" + percent + "%)");
            }
            err.flush();
        }

        void done() {
            if (shown) {
                err.println();
                err.flush();
            }
        }
    }
}
