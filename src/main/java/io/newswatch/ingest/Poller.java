package io.newswatch.ingest;

import io.newswatch.text.Printable;

import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Re-fetches feeds on a schedule. Each feed is fetched when due, conditionally (ETag,
 * Last-Modified from the state); a 304 costs nothing more. A changed feed goes to the handler,
 * which sends the items not seen before; only when all of them were delivered are the new
 * validators remembered, so an undelivered item is offered again next time rather than hidden
 * behind a 304. Errors back off exponentially from the interval up to an hour (or the server's
 * Retry-After). No sleeping here: {@link #pollDue()} does what is due and says when to come back,
 * so tests drive it with a fixed clock.
 */
final class Poller {

    static final Duration MAX_BACKOFF = Duration.ofHours(1);

    /** Sends a changed feed's new items; true when every one of them was delivered. */
    interface Handler {
        boolean changed(String url, Input input, PollState.Feed feed);
    }

    private static final class Scheduled {
        final URI uri;
        Instant due;
        int failures;

        Scheduled(URI uri, Instant due) {
            this.uri = uri;
            this.due = due;
        }
    }

    private final List<Scheduled> feeds = new ArrayList<>();
    private final Fetcher fetcher;
    private final PollState state;
    private final Duration interval;
    private final Clock clock;
    private final PrintWriter err;
    private final Handler handler;

    Poller(List<URI> urls, Fetcher fetcher, PollState state, Duration interval, Clock clock, PrintWriter err,
           Handler handler) {
        this.fetcher = fetcher;
        this.state = state;
        this.interval = interval;
        this.clock = clock;
        this.err = err;
        this.handler = handler;
        this.metrics = SourceMetrics.NONE;
        Instant now = clock.instant();
        urls.forEach(u -> feeds.add(new Scheduled(u, now)));
    }

    private SourceMetrics metrics;

    /** Reports fetches and their latency per feed there. */
    Poller metrics(SourceMetrics m) {
        this.metrics = m;
        return this;
    }

    /** Polls every feed that is due now; returns when the next one is due. */
    Instant pollDue() {
        for (Scheduled feed : feeds) {
            if (!clock.instant().isBefore(feed.due)) {
                poll(feed);
            }
        }
        return feeds.stream().map(f -> f.due).min(Instant::compareTo).orElseThrow();
    }

    private void poll(Scheduled scheduled) {
        String url = scheduled.uri.toString();
        PollState.Feed feed = state.feed(url);
        long started = System.nanoTime();
        try {
            Fetcher.Response response = fetcher.fetch(scheduled.uri, feed.etag, feed.lastModified);
            metrics.fetched(url, response.notModified() ? "not_modified" : "ok", Duration.ofNanos(System.nanoTime() - started));
            if (response.notModified()) {
                err.println(Printable.line("poll " + url + ": not modified"));
                succeeded(scheduled);
                return;
            }
            Input input = Input.bytes(url, response.body(), url, response.contentType());
            if (handler.changed(url, input, feed)) {
                feed.etag = response.etag();
                feed.lastModified = response.lastModified();
                state.save();
                succeeded(scheduled);
            } else {
                state.save();
                failed(scheduled, "not every item was delivered", null);
            }
        } catch (Fetcher.HttpStatusException e) {
            metrics.fetched(url, "error", Duration.ofNanos(System.nanoTime() - started));
            failed(scheduled, e.getMessage(), e.retryAfter);
        } catch (IOException e) {
            metrics.fetched(url, "error", Duration.ofNanos(System.nanoTime() - started));
            failed(scheduled, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), null);
        } finally {
            err.flush();
        }
    }

    private void succeeded(Scheduled feed) {
        feed.failures = 0;
        feed.due = clock.instant().plus(interval);
    }

    private void failed(Scheduled feed, String why, Duration retryAfter) {
        feed.failures++;
        Duration delay = backoff(interval, feed.failures);
        if (retryAfter != null && retryAfter.compareTo(delay) > 0) {
            delay = retryAfter;
        }
        feed.due = clock.instant().plus(delay);
        err.println(Printable.line("poll " + feed.uri + ": " + why + "; next try in " + human(delay)));
    }

    /** interval × 2^failures, at most an hour (or the interval, when that is longer). */
    static Duration backoff(Duration interval, int failures) {
        Duration cap = interval.compareTo(MAX_BACKOFF) > 0 ? interval : MAX_BACKOFF;
        Duration delay = interval;
        for (int i = 0; i < failures && delay.compareTo(cap) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(cap) > 0 ? cap : delay;
    }

    private static String human(Duration d) {
        return d.toSeconds() >= 60 ? d.toMinutes() + " min" : d.toMillis() >= 1000 ? d.toSeconds() + " s" : d.toMillis() + " ms";
    }
}
