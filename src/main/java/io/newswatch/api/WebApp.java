package io.newswatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.alert.Alert;
import io.newswatch.kafka.ClientDefaults;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.monitor.LiveWatchlist;
import io.newswatch.monitor.StateQueries;
import io.newswatch.notify.Silences;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.WatchedEntity;
import io.newswatch.watchlist.WatchlistTopic;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.FutureCallback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Everything the monitor serves beside its metrics: the query API ({@link QueryApi}), the live
 * alert stream ({@code /api/events}, server-sent events read from the default alert topic) and the
 * web console ({@link Console}) with its assets, bundled in the jar.
 */
public final class WebApp extends Handler.Abstract {

    /** Event streams open at once; more are refused with 503. */
    static final int MAX_EVENT_STREAMS = 16;
    private static final Logger LOG = LoggerFactory.getLogger(WebApp.class);
    private static final String UPLOT = "/META-INF/resources/webjars/uplot/1.6.30/dist/";
    private static final Map<String, String> ASSETS = Map.of(
            "/assets/console.js", "/io/newswatch/api/console.js",
            "/assets/console.css", "/io/newswatch/api/console.css",
            "/assets/uPlot.iife.min.js", UPLOT + "uPlot.iife.min.js",
            "/assets/uPlot.min.css", UPLOT + "uPlot.min.css");

    private final QueryApi api;
    private final StateQueries state;
    private final LiveWatchlist watchlist;
    private final ApiSecurity security;
    private final KafkaSettings kafka;
    private final String alertsTopic;
    private final AtomicInteger eventStreams = new AtomicInteger();
    private volatile boolean closed;

    /**
     * @param token    the bearer token writes need (and reads, when not on loopback)
     * @param loopback whether the HTTP server is bound to a loopback address
     */
    public WebApp(StateQueries state, LiveWatchlist watchlist, KafkaSettings kafka, Topics topics, Optional<String> token,
                  boolean loopback, Duration history) {
        this.state = state;
        this.watchlist = watchlist;
        this.kafka = kafka;
        this.alertsTopic = topics.name(TopicRole.ALERTS);
        this.security = new ApiSecurity(token, loopback);
        String silences = topics.name(TopicRole.SILENCES);
        this.api = new QueryApi(state, watchlist, new WatchlistTopic(kafka, topics),
                silence -> Silences.write(kafka, silences, silence, "newswatch-api"), security, history);
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String path = Request.getPathInContext(request);
        try {
            if (path.equals("/api/events")) {
                events(request, response, callback);
                return true;
            }
            if (api.handle(path, request, response, callback)) {
                return true;
            }
            if (!request.getMethod().equals("GET") && !request.getMethod().equals("HEAD")) {
                response.getHeaders().put(HttpHeader.ALLOW, "GET, HEAD");
                throw new Http.Refused(405, "the console's pages are read with GET; writes go through /api");
            }
            String asset = ASSETS.get(path);
            if (asset != null) {
                asset(asset, response, callback);
                return true;
            }
            security.checkRead(request);
            Fields query = Http.query(request);
            if (path.equals("/")) {
                inbox(query, response, callback);
            } else if (path.equals("/watchlist")) {
                String edit = Http.param(query, "edit");
                WatchedEntity editing = edit == null ? null : watchlist.current().matcher().entity(edit).orElse(null);
                html(response, callback, 200, Console.watchlist(watchlist, editing, security.writesEnabled()));
            } else if (path.startsWith("/entities/")) {
                entityPage(path.substring("/entities/".length()), response, callback);
            } else {
                html(response, callback, 404, Console.notFound("Nothing at " + path + "."));
            }
        } catch (Http.Refused refused) {
            if (path.startsWith("/api")) {
                Http.error(response, callback, refused);
            } else {
                Http.send(response, callback, refused.status, "text/plain", refused.getMessage() + "\n");
            }
        } catch (StateQueries.Unavailable e) {
            Http.send(response, callback, 503, "text/plain", e.getMessage() + "\n");
        } catch (RuntimeException e) {
            LOG.warn("console {} failed: {}", Http.shorten(path), e.toString());
            Http.send(response, callback, 500, "text/plain", "internal error: " + e.getClass().getSimpleName() + "\n");
        }
        return true;
    }

    private void inbox(Fields query, Response response, Callback callback) {
        String entity = Http.param(query, "entity");
        String kind = Http.param(query, "kind");
        String tag = Http.param(query, "tag");
        JsonNode answer = get("/api/alerts?limit=100" + (entity == null ? "" : "&entity=" + Http.url(entity))
                + (kind == null ? "" : "&kind=" + Http.url(kind)) + (tag == null ? "" : "&tag=" + Http.url(tag)));
        List<Alert> alerts = new java.util.ArrayList<>();
        for (JsonNode a : answer.path("alerts")) {
            alerts.add(Json.mapper().convertValue(a, Alert.class));
        }
        html(response, callback, 200, Console.inbox(alerts, entity, kind == null ? null : kind.toUpperCase(Locale.ROOT), tag,
                answer.path("partial").asBoolean(), watchlist));
    }

    private void entityPage(String id, Response response, Callback callback) {
        Optional<WatchedEntity> entity = watchlist.current().matcher().entity(id);
        if (entity.isEmpty()) {
            html(response, callback, 404, Console.notFound("No entity '" + id + "' in the watchlist."));
            return;
        }
        List<io.newswatch.monitor.StoryRef> stories = new java.util.ArrayList<>();
        for (JsonNode s : get("/api/entities/" + Http.url(id) + "/stories?limit=20").path("items")) {
            stories.add(Json.mapper().convertValue(s, io.newswatch.monitor.StoryRef.class));
        }
        List<Alert> alerts = new java.util.ArrayList<>();
        for (JsonNode a : get("/api/entities/" + Http.url(id) + "/alerts?limit=20").path("items")) {
            alerts.add(Json.mapper().convertValue(a, Alert.class));
        }
        Instant to = Instant.now();
        List<CountSeries.Point> days = new java.util.ArrayList<>();
        for (JsonNode p : get("/api/entities/" + Http.url(id) + "/counts?step=1d&from=" + to.minus(Duration.ofDays(7)) + "&to=" + to)
                .path("points")) {
            days.add(new CountSeries.Point(Instant.parse(p.get("start").asText()), p.get("articles").asLong(), p.get("stories").asLong()));
        }
        html(response, callback, 200, Console.entity(entity.get(), Json.mapper().valueToTree(entity.get()), stories, alerts, days));
    }

    /** An API answer for a page, through the API itself (so a key held elsewhere is fetched from there). */
    private JsonNode get(String pathAndQuery) {
        int q = pathAndQuery.indexOf('?');
        String path = q < 0 ? pathAndQuery : pathAndQuery.substring(0, q);
        return api.readForPage(path, q < 0 ? "" : pathAndQuery.substring(q + 1));
    }

    /**
     * Server-sent events: every alert written to the default alert topic from now on (read
     * committed), filtered by {@code entity}, {@code kind} and {@code tag}, as {@code event: alert}
     * with the alert JSON; a comment every 15 s keeps idle connections open.
     */
    private void events(Request request, Response response, Callback callback) {
        security.checkRead(request);
        Fields query = Http.query(request);
        String entity = Http.param(query, "entity");
        String kind = Http.param(query, "kind");
        String tag = Http.param(query, "tag");
        if (eventStreams.incrementAndGet() > MAX_EVENT_STREAMS) {
            eventStreams.decrementAndGet();
            throw new Http.Refused(503, "too many event streams open (" + MAX_EVENT_STREAMS + ")");
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, "text/event-stream; charset=utf-8");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.with(ClientDefaults.reader("newswatch-console-events")),
                new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(alertsTopic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(alertsTopic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position);
            write(response, ": connected\n\n", false);
            long lastWrite = System.nanoTime();
            while (!closed) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    Alert a;
                    try {
                        a = Json.mapper().readValue(r.value(), Alert.class);
                    } catch (IOException | RuntimeException e) {
                        continue;
                    }
                    if ((entity == null || entity.equals(a.entityId()) || entity.equals(a.coEntityId()))
                            && (kind == null || a.kind().name().equalsIgnoreCase(kind))
                            && (tag == null || a.tags().contains(tag))) {
                        write(response, "event: alert\ndata: " + Json.mapper().writeValueAsString(a) + "\n\n", false);
                        lastWrite = System.nanoTime();
                    }
                }
                if (System.nanoTime() - lastWrite > TimeUnit.SECONDS.toNanos(15)) {
                    write(response, ": idle\n\n", false);
                    lastWrite = System.nanoTime();
                }
            }
            callback.succeeded();
        } catch (IOException | RuntimeException e) {
            callback.failed(e); // the browser went away, or the cluster did
        } finally {
            eventStreams.decrementAndGet();
        }
    }

    private static void write(Response response, String text, boolean last) throws IOException {
        FutureCallback done = new FutureCallback();
        response.write(last, ByteBuffer.wrap(text.getBytes(StandardCharsets.UTF_8)), done);
        try {
            done.get(10, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IOException("event stream closed: " + e.getClass().getSimpleName(), e);
        }
    }

    private static void asset(String resource, Response response, Callback callback) {
        try (InputStream in = WebApp.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new Http.Refused(404, "asset missing from the jar: " + resource);
            }
            String type = resource.endsWith(".js") ? "text/javascript; charset=utf-8" : "text/css; charset=utf-8";
            Http.sendBytes(response, callback, type, in.readAllBytes());
        } catch (IOException e) {
            throw new Http.Refused(500, "cannot read asset " + resource);
        }
    }

    private static void html(Response response, Callback callback, int status, String page) {
        response.getHeaders().put("Content-Security-Policy", "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'");
        response.getHeaders().put("X-Frame-Options", "DENY");
        Http.send(response, callback, status, "text/html", page);
    }

    /** Ends open event streams (the monitor is stopping). */
    public void close() {
        closed = true;
    }
}
