package io.newswatch.ingest;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;

/** A fetcher that answers from a script and records the conditional headers of each request. */
final class ScriptedFetcher implements Fetcher {

    /** What a request carried. */
    record Request(URI uri, String etag, String lastModified) {
    }

    interface Answer {
        Response answer(Request request) throws IOException;
    }

    final List<Request> requests = new ArrayList<>();
    private final Deque<Answer> script = new ArrayDeque<>();

    ScriptedFetcher then(Answer answer) {
        script.add(answer);
        return this;
    }

    /** 200 with the feed, or 304 when the request carries this ETag. */
    ScriptedFetcher thenFeed(String etag, String xml) {
        return then(r -> etag.equals(r.etag()) ? new Response(304, new byte[0], null, etag, null)
                : new Response(200, xml.getBytes(StandardCharsets.UTF_8), "application/rss+xml", etag, null));
    }

    @Override
    public Response fetch(URI uri, String etag, String lastModified) throws IOException {
        Request request = new Request(uri, etag, lastModified);
        requests.add(request);
        if (script.isEmpty()) {
            throw new IllegalStateException("unexpected request " + request);
        }
        return script.poll().answer(request);
    }

    static String rss(String... titles) {
        StringBuilder items = new StringBuilder();
        for (String title : titles) {
            items.append("<item><title>").append(title).append("</title><link>https://feed.example/")
                    .append(title).append("</link><description>About ").append(title).append(".</description></item>");
        }
        return "<rss version=\"2.0\"><channel><title>Scripted</title><link>https://feed.example/</link>"
                + items + "</channel></rss>";
    }
}
