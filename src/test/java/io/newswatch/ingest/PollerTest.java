package io.newswatch.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The schedule, conditional requests and backoff of {@link Poller}, on a clock the test moves. */
class PollerTest {

    private static final URI FEED = URI.create("https://feed.example/rss");
    private static final Duration INTERVAL = Duration.ofMinutes(5);

    @TempDir
    Path dir;

    private final MutableClock clock = new MutableClock(Instant.parse("2024-01-01T00:00:00Z"));
    private final StringWriter err = new StringWriter();
    private final List<String> handled = new ArrayList<>();

    private Poller poller(ScriptedFetcher fetcher, boolean delivered) {
        PollState state = PollState.load(dir.resolve("state.json"));
        return new Poller(List.of(FEED), fetcher, state, INTERVAL, clock, new PrintWriter(err, true),
                (url, input, feed) -> {
                    handled.add(url);
                    return delivered;
                });
    }

    @Test
    void shouldAskConditionallyAndSkipAnUnchangedFeed() {
        ScriptedFetcher fetcher = new ScriptedFetcher().thenFeed("\"v1\"", ScriptedFetcher.rss("a")).thenFeed("\"v1\"", "unused");
        Poller poller = poller(fetcher, true);

        Instant next = poller.pollDue();
        clock.set(next);
        poller.pollDue();

        assertThat(fetcher.requests).extracting(ScriptedFetcher.Request::etag).containsExactly(null, "\"v1\"");
        assertThat(handled).hasSize(1);
        assertThat(err.toString()).contains("poll https://feed.example/rss: not modified");
    }

    @Test
    void shouldNotFetchBeforeTheFeedIsDue() {
        ScriptedFetcher fetcher = new ScriptedFetcher().thenFeed("\"v1\"", ScriptedFetcher.rss("a"));
        Poller poller = poller(fetcher, true);

        Instant next = poller.pollDue();
        clock.set(next.minusSeconds(1));
        Instant stillNext = poller.pollDue();

        assertThat(next).isEqualTo(Instant.parse("2024-01-01T00:05:00Z"));
        assertThat(stillNext).isEqualTo(next);
        assertThat(fetcher.requests).hasSize(1);
    }

    @Test
    void shouldBackOffExponentiallyOnErrorsAndRecover() {
        ScriptedFetcher fetcher = new ScriptedFetcher()
                .then(r -> { throw new IOException("connection refused"); })
                .then(r -> { throw new Fetcher.HttpStatusException(503, null); })
                .then(r -> { throw new Fetcher.HttpStatusException(429, Duration.ofHours(2)); })
                .thenFeed("\"v1\"", ScriptedFetcher.rss("a"));
        Poller poller = poller(fetcher, true);
        List<Duration> delays = new ArrayList<>();

        for (int i = 0; i < 4; i++) {
            Instant next = poller.pollDue();
            delays.add(Duration.between(clock.instant(), next));
            clock.set(next);
        }

        assertThat(delays).containsExactly(Duration.ofMinutes(10), Duration.ofMinutes(20), Duration.ofHours(2), INTERVAL);
        assertThat(err.toString()).contains("poll https://feed.example/rss: connection refused; next try in 10 min",
                "HTTP 503; next try in 20 min");
    }

    @Test
    void shouldReportAFailedPollOnOneLineWhateverTheErrorSays() {
        ScriptedFetcher fetcher = new ScriptedFetcher()
                .then(r -> { throw new IOException("refused\n2026-01-01 00:00:00Z  MENTION    fake  1 article\u001b[2J"); });
        Poller poller = poller(fetcher, true);

        poller.pollDue();

        assertThat(err.toString().lines().toList()).containsExactly("poll https://feed.example/rss: refused"
                + " 2026-01-01 00:00:00Z  MENTION    fake  1 article\\x1b[2J; next try in 10 min");
    }

    @Test
    void shouldCapBackoffAtAnHour() {
        assertThat(Poller.backoff(INTERVAL, 1)).isEqualTo(Duration.ofMinutes(10));
        assertThat(Poller.backoff(INTERVAL, 30)).isEqualTo(Duration.ofHours(1));
        assertThat(Poller.backoff(Duration.ofHours(3), 2)).isEqualTo(Duration.ofHours(3));
    }

    @Test
    void shouldNotRememberTheEtagWhenItemsWereNotDelivered() {
        ScriptedFetcher fetcher = new ScriptedFetcher()
                .thenFeed("\"v1\"", ScriptedFetcher.rss("a"))
                .thenFeed("\"v1\"", ScriptedFetcher.rss("a"));
        Poller poller = poller(fetcher, false);

        clock.set(poller.pollDue());
        poller.pollDue();

        assertThat(fetcher.requests).extracting(ScriptedFetcher.Request::etag).containsExactly(null, null);
        assertThat(handled).hasSize(2);
    }

    @Test
    void shouldKeepValidatorsAndSeenIdsAcrossRestarts() throws IOException {
        Path file = dir.resolve("sub/state.json");
        PollState state = PollState.load(file);
        PollState.Feed feed = state.feed(FEED.toString());
        feed.etag = "\"v9\"";
        feed.lastModified = "Mon, 01 Jan 2024 00:00:00 GMT";
        feed.remember(List.of("u-1", "u-2"));
        state.save();

        PollState reloaded = PollState.load(file);

        assertThat(reloaded.feed(FEED.toString()).etag).isEqualTo("\"v9\"");
        assertThat(reloaded.feed(FEED.toString()).lastModified).isEqualTo("Mon, 01 Jan 2024 00:00:00 GMT");
        assertThat(reloaded.feed(FEED.toString()).seen("u-2")).isTrue();
        assertThat(reloaded.feed(FEED.toString()).seen("u-3")).isFalse();
    }

    /** A clock the test sets. */
    static final class MutableClock extends Clock {
        private Instant now;

        MutableClock(Instant now) {
            this.now = now;
        }

        void set(Instant instant) {
            now = instant;
        }

        @Override
        public Instant instant() {
            return now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }
    }
}
