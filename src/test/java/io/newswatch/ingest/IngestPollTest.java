package io.newswatch.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** Polling through {@link Ingest}: only items not sent before go out, remembered across restarts. */
class IngestPollTest {

    private static final String URL = "https://feed.example/rss";

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();

    private IngestSummary poll(ScriptedFetcher fetcher, RecordingSink sink, int count) {
        return Ingest.builder().sink(sink).fetcher(fetcher).err(new PrintWriter(err, true))
                .poll(Duration.ofMillis(1)).pollCount(count).stateFile(dir.resolve("state.json"))
                .build().run(List.of(URL));
    }

    @Test
    void shouldSendOnlyNewItemsAndRememberThemAcrossRestarts() {
        RecordingSink sink = new RecordingSink();
        ScriptedFetcher fetcher = new ScriptedFetcher()
                .thenFeed("\"v1\"", ScriptedFetcher.rss("a", "b"))
                .thenFeed("\"v1\"", "unused")
                .thenFeed("\"v2\"", ScriptedFetcher.rss("c", "a", "b"));

        IngestSummary first = poll(fetcher, sink, 3);

        assertThat(sink.titles()).containsExactly("a", "b", "c");
        assertThat(first.seen()).isEqualTo(2);
        // three polls of one feed (the second answered "not modified"), not three inputs or two
        assertThat(first.lines().get(0)).isEqualTo("read        5 records from 1 feed in 3 polls");
        assertThat(fetcher.requests).extracting(ScriptedFetcher.Request::etag).containsExactly(null, "\"v1\"", "\"v1\"");

        // a restart, and a server that ignores conditional requests: nothing is sent twice
        RecordingSink afterRestart = new RecordingSink();
        ScriptedFetcher forgetful = new ScriptedFetcher().then(r -> new Fetcher.Response(200,
                ScriptedFetcher.rss("a", "b", "c", "d").getBytes(java.nio.charset.StandardCharsets.UTF_8), null, null, null));

        poll(forgetful, afterRestart, 1);

        assertThat(forgetful.requests).extracting(ScriptedFetcher.Request::etag).containsExactly("\"v2\"");
        assertThat(afterRestart.titles()).containsExactly("d");
    }

    @Test
    void shouldOfferItemsAgainWhenTheyWereNotDelivered() {
        String lostId = io.newswatch.article.ArticleIds.derive("https://feed.example/b", null, "x");
        RecordingSink flaky = new RecordingSink(Set.of(lostId));
        ScriptedFetcher fetcher = new ScriptedFetcher()
                .thenFeed("\"v1\"", ScriptedFetcher.rss("a", "b"))
                .thenFeed("\"v1\"", ScriptedFetcher.rss("a", "b"));

        IngestSummary summary = poll(fetcher, flaky, 2);

        assertThat(fetcher.requests).extracting(ScriptedFetcher.Request::etag).containsExactly(null, null);
        assertThat(flaky.titles()).containsExactly("a", "a");
        assertThat(summary.failed()).isEqualTo(2);
        assertThat(err.toString()).contains("NOT all delivered");
    }

    @Test
    void shouldPollAWebPageThroughTheFeedItNames() {
        RecordingSink sink = new RecordingSink();
        String page = "<!doctype html><html><head><title>News</title>"
                + "<link rel=\"alternate\" type=\"application/rss+xml\" title=\"RSS\" href=\"/feed.xml\"></head>"
                + "<body><h1>Front page</h1><p>Today's stories.</p></body></html>";
        ScriptedFetcher fetcher = new ScriptedFetcher()
                .then(r -> new Fetcher.Response(200, page.getBytes(java.nio.charset.StandardCharsets.UTF_8), "text/html", null, null))
                .thenFeed("\"f1\"", ScriptedFetcher.rss("a", "b"));

        poll(fetcher, sink, 1);

        assertThat(fetcher.requests).extracting(r -> r.uri().toString()).containsExactly(URL, "https://feed.example/feed.xml");
        assertThat(sink.titles()).containsExactly("a", "b");
        assertThat(err.toString()).contains("poll " + URL + ": a web page; reading its feed https://feed.example/feed.xml");
    }

    @Test
    void shouldCountFetchesAndItemsPerFeed() {
        io.micrometer.core.instrument.simple.SimpleMeterRegistry registry = new io.micrometer.core.instrument.simple.SimpleMeterRegistry();
        RecordingSink sink = new RecordingSink();
        ScriptedFetcher fetcher = new ScriptedFetcher()
                .thenFeed("\"v1\"", ScriptedFetcher.rss("a", "b"))
                .thenFeed("\"v1\"", "unused")
                .thenFeed("\"v2\"", ScriptedFetcher.rss("c", "a", "b"))
                .then(r -> { throw new java.io.IOException("connection reset"); });

        Ingest.builder().sink(sink).fetcher(fetcher).err(new PrintWriter(err, true)).sourceMetrics(new SourceMetrics(registry))
                .poll(Duration.ofMillis(1)).pollCount(4).stateFile(dir.resolve("state.json")).build().run(List.of(URL));

        java.util.function.BiFunction<String, String[], Double> count = (name, tags) ->
                registry.get(name).tags(tags).counter().count();
        assertThat(count.apply("newswatch.ingest.fetches", new String[] {"feed", URL, "result", "ok"})).isEqualTo(2);
        assertThat(count.apply("newswatch.ingest.fetches", new String[] {"feed", URL, "result", "not_modified"})).isEqualTo(1);
        assertThat(count.apply("newswatch.ingest.fetches", new String[] {"feed", URL, "result", "error"})).isEqualTo(1);
        assertThat(count.apply("newswatch.ingest.items", new String[] {"feed", URL, "outcome", "new"})).isEqualTo(3);
        assertThat(count.apply("newswatch.ingest.items", new String[] {"feed", URL, "outcome", "seen"})).isEqualTo(2);
        assertThat(registry.get("newswatch.ingest.fetch.time").tags("feed", URL).timer().count()).isEqualTo(4);
        assertThat(registry.get("newswatch.ingest.rejected").tags("feed", URL).counters())
                .as("every reason at zero before any item is rejected")
                .extracting(c -> c.getId().getTag("reason") + "=" + c.count())
                .containsExactlyInAnyOrder("invalid-json=0.0", "invalid-record=0.0", "blank-body=0.0", "body-too-large=0.0",
                        "unreadable=0.0");
    }
}
