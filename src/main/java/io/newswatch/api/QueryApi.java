package io.newswatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.alert.Alert;
import io.newswatch.kafka.Json;
import io.newswatch.monitor.LiveWatchlist;
import io.newswatch.monitor.StateQueries;
import io.newswatch.notify.Silence;
import io.newswatch.watchlist.AlertKind;
import io.newswatch.watchlist.InvalidEntityException;
import io.newswatch.watchlist.WatchedEntity;
import io.newswatch.watchlist.WatchlistFiles;
import io.newswatch.watchlist.WatchlistTopic;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The query API under {@code /api} (described in {@code /api/openapi.json}): the watchlist, each
 * entity's counts per hour, latest alerts and stories, the latest alerts of all, a story; and
 * writes to the watchlist. Any instance answers: a key held by another instance is fetched from
 * it ({@code application.server}); an answer gathered from every instance says {@code partial}
 * when one could not be asked.
 */
final class QueryApi {

    static final String FORWARDED = "X-Newswatch-Forwarded";
    private static final Logger LOG = LoggerFactory.getLogger(QueryApi.class);
    private static final Pattern ENTITY = Pattern.compile("/api/entities/([^/]+)(/counts|/alerts|/stories)?");
    private static final Pattern STORY = Pattern.compile("/api/stories/([^/]+)");
    private static final Pattern ID = Pattern.compile(WatchedEntity.ID.pattern());

    private final StateQueries state;
    private final LiveWatchlist watchlist;
    private final WatchlistTopic writer;
    private final ApiSecurity security;
    private final Duration history;
    private final HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(3)).build();
    private final SilenceWriter silences;

    /** Writes a silence where {@code notify} reads them. */
    interface SilenceWriter {
        void write(Silence silence) throws Exception;
    }

    QueryApi(StateQueries state, LiveWatchlist watchlist, WatchlistTopic writer, SilenceWriter silences, ApiSecurity security,
             Duration history) {
        this.silences = silences;
        this.state = state;
        this.watchlist = watchlist;
        this.writer = writer;
        this.security = security;
        this.history = history;
    }

    /** Answers {@code path} (under /api); false when it is not an API path. */
    boolean handle(String path, Request request, Response response, Callback callback) {
        if (!path.equals("/api") && !path.startsWith("/api/")) {
            return false;
        }
        try {
            String method = request.getMethod();
            if (method.equals("PUT") || method.equals("DELETE") || method.equals("POST")) {
                write(path, method, request, response, callback);
                return true;
            }
            if (!method.equals("GET")) {
                response.getHeaders().put("Allow", "GET, PUT, DELETE, POST");
                throw new Http.Refused(405, "method " + Http.shorten(method) + " not allowed here");
            }
            security.checkRead(request);
            String raw = request.getHttpURI().getQuery();
            Http.json(response, callback, 200, read(path, Http.query(request), raw, request.getHeaders().get(FORWARDED) != null));
        } catch (Http.Refused refused) {
            Http.error(response, callback, refused);
        } catch (StateQueries.Unavailable e) {
            Http.error(response, callback, new Http.Refused(503, e.getMessage(), Map.of("partial", true)));
        } catch (RuntimeException e) {
            LOG.warn("api {} failed: {}", Http.shorten(path), e.toString());
            Http.error(response, callback, new Http.Refused(500, "internal error: " + e.getClass().getSimpleName()));
        }
        return true;
    }

    /** An API answer as a page of the console needs it: read here, or fetched from the instance holding the key. */
    JsonNode readForPage(String path, String rawQuery) {
        Fields query = new Fields();
        org.eclipse.jetty.util.UrlEncoded.decodeUtf8To(rawQuery, query);
        return Json.mapper().valueToTree(read(path, query, rawQuery, false));
    }

    private Object read(String path, Fields query, String rawQuery, boolean forwarded) {
        if (path.equals("/api/openapi.json")) {
            return openApi();
        }
        if (path.equals("/api/entities")) {
            return entities(query);
        }
        if (path.equals("/api/alerts")) {
            return alerts(query, rawQuery == null ? "" : rawQuery, forwarded);
        }
        Matcher story = STORY.matcher(path);
        if (story.matches()) {
            String id = story.group(1);
            return at(state.storiesOwner(), forwarded, path, rawQuery, () -> state.story(id)
                    .map(s -> (Object) s).orElseThrow(() -> new Http.Refused(404, "no story " + Http.shorten(id) + " in the story window")));
        }
        Matcher entity = ENTITY.matcher(path);
        if (entity.matches()) {
            String id = entity.group(1);
            if (!ID.matcher(id).matches()) {
                throw new Http.Refused(400, "not an entity id: '" + Http.shorten(id) + "'");
            }
            WatchedEntity e = watchlist.current().matcher().entity(id)
                    .orElseThrow(() -> new Http.Refused(404, "no entity '" + id + "' in the watchlist"));
            String part = entity.group(2) == null ? "" : entity.group(2);
            return switch (part) {
                case "/counts" -> at(state.historyOwner(id), forwarded, path, rawQuery, () -> counts(id, query));
                case "/alerts" -> at(state.alertsOwner(id), forwarded, path, rawQuery, () -> page(state.latestAlerts(id), query));
                case "/stories" -> at(state.historyOwner(id), forwarded, path, rawQuery, () -> page(state.latestStories(id), query));
                default -> at(state.historyOwner(id), forwarded, path, rawQuery, () -> entity(e));
            };
        }
        throw new Http.Refused(404, "no such API path: " + Http.shorten(path) + " (see /api/openapi.json)");
    }

    private Object entities(Fields query) {
        LiveWatchlist.Snapshot snapshot = watchlist.current();
        List<WatchedEntity> all = new ArrayList<>(snapshot.matcher().entities());
        all.sort(Comparator.comparing(WatchedEntity::id));
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("watchlistVersion", snapshot.version());
        List<Object> page = new ArrayList<>();
        for (WatchedEntity e : slice(all, query)) {
            page.add(Json.mapper().valueToTree(e));
        }
        out.put("total", all.size());
        out.put("entities", page);
        return out;
    }

    private Object entity(WatchedEntity e) {
        Instant to = Instant.now();
        Instant from = to.minus(history).truncatedTo(java.time.temporal.ChronoUnit.HOURS);
        long articles = 0;
        long stories = 0;
        for (StateQueries.HourCount h : state.counts(e.id(), from, to)) {
            articles += h.articles();
            stories += h.stories();
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entity", Json.mapper().valueToTree(e));
        out.put("version", watchlist.current().since().getOrDefault(e.id(), -1L));
        out.put("totals", Map.of("since", from.toString(), "articles", articles, "stories", stories));
        return out;
    }

    private Object counts(String id, Fields query) {
        Instant to = instant(query, "to", Instant.now());
        Instant from = instant(query, "from", to.minus(Duration.ofDays(7)));
        Duration step = duration(query, "step", Duration.ofHours(1));
        CountSeries.check(from, to, step, history);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("entity", id);
        out.put("from", from.toString());
        out.put("to", to.toString());
        out.put("step", step.toString());
        out.put("points", CountSeries.of(state.counts(id, from.minus(Duration.ofHours(1)), to), from, to, step));
        return out;
    }

    /** The latest alerts of every entity, filtered, from every instance. */
    private Object alerts(Fields query, String rawQuery, boolean forwarded) {
        AlertKind kind = kind(Http.param(query, "kind"));
        String tag = Http.param(query, "tag");
        String entity = Http.param(query, "entity");
        Instant since = instant(query, "since", Instant.EPOCH);
        int limit = Http.intParam(query, "limit", 50, 1, 500);
        List<Alert> all = new ArrayList<>(state.localAlerts(since));
        List<String> missing = new ArrayList<>();
        if (!forwarded) {
            for (String instance : state.otherInstances()) {
                try {
                    JsonNode answer = forward(instance, "/api/alerts?" + rawQuery);
                    for (JsonNode a : answer.path("alerts")) {
                        all.add(Json.mapper().treeToValue(a, Alert.class));
                    }
                } catch (IOException | RuntimeException e) {
                    missing.add(instance);
                }
            }
        }
        List<Alert> kept = all.stream()
                .filter(a -> kind == null || a.kind() == kind)
                .filter(a -> tag == null || a.tags().contains(tag))
                .filter(a -> entity == null || a.entityId().equals(entity) || entity.equals(a.coEntityId()))
                .filter(a -> !a.windowStart().isBefore(since))
                .sorted(Comparator.comparing(Alert::windowStart).reversed().thenComparing(Alert::alertId))
                .distinct()
                .limit(limit)
                .toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("alerts", kept);
        boolean partial = !missing.isEmpty() || state.rebalancing();
        out.put("partial", partial);
        if (partial) {
            out.put("missing", missing.isEmpty() ? List.of("a rebalance is moving tasks") : missing);
        }
        return out;
    }

    private <T> Map<String, Object> page(List<T> items, Fields query) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("total", items.size());
        out.put("items", slice(items, query));
        return out;
    }

    static <T> List<T> slice(List<T> items, Fields query) {
        int offset = Http.intParam(query, "offset", 0, 0, 1_000_000);
        int limit = Http.intParam(query, "limit", 100, 1, 1_000);
        return offset >= items.size() ? List.of() : items.subList(offset, Math.min(items.size(), offset + limit));
    }

    /** The answer from here, or from the instance that holds the key. */
    private Object at(StateQueries.Owner owner, boolean forwarded, String path, String rawQuery,
                      java.util.function.Supplier<Object> local) {
        if (owner instanceof StateQueries.Here || forwarded) {
            return local.get();
        }
        if (owner instanceof StateQueries.There there) {
            try {
                return forward(there.host() + ":" + there.port(), path + (rawQuery == null || rawQuery.isEmpty() ? "" : "?" + rawQuery));
            } catch (IOException e) {
                throw new Http.Refused(503, "the instance holding this key (" + there.host() + ":" + there.port()
                        + ") did not answer: " + e.getClass().getSimpleName(), Map.of("partial", true));
            }
        }
        throw new Http.Refused(503, ((StateQueries.Nowhere) owner).why() + "; ask again in a moment", Map.of("partial", true));
    }

    private JsonNode forward(String instance, String pathAndQuery) throws IOException {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://" + instance + pathAndQuery))
                .timeout(Duration.ofSeconds(5)).header(FORWARDED, "1").GET();
        security.token().ifPresent(t -> request.header("Authorization", "Bearer " + t));
        try {
            HttpResponse<byte[]> answer = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
            JsonNode body = Json.mapper().readTree(answer.body());
            if (answer.statusCode() != 200) {
                Map<String, Object> extra = new LinkedHashMap<>();
                if (body.has("partial")) {
                    extra.put("partial", body.get("partial").asBoolean());
                }
                throw new Http.Refused(answer.statusCode(), body.path("error").asText("error from " + instance), extra);
            }
            return body;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    private void write(String path, String method, Request request, Response response, Callback callback) {
        if (path.equals("/api/silences")) {
            if (!method.equals("POST")) {
                throw new Http.Refused(405, method + " is not taken by /api/silences: POST a silence");
            }
            security.checkWrite(request, null);
            requireJson(request);
            Silence silence = silence(Http.body(request), Instant.now().truncatedTo(java.time.temporal.ChronoUnit.SECONDS));
            try {
                silences.write(silence);
            } catch (Exception e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                throw new Http.Refused(503, "cannot write to the silences topic: " + e.getClass().getSimpleName());
            }
            LOG.info("api: silence {} ({}) added by the token holder at {}", silence.id(), silence.describeMatchers(),
                    request.getConnectionMetaData().getRemoteSocketAddress());
            Http.json(response, callback, 201, Map.of("silence", silence));
            return;
        }
        if (method.equals("POST")) {
            throw new Http.Refused(405, "POST is only for /api/silences");
        }
        Matcher entity = ENTITY.matcher(path);
        if (!entity.matches() || entity.group(2) != null) {
            throw new Http.Refused(405, method + " is only for /api/entities/{id}");
        }
        security.checkWrite(request, null);
        String id = entity.group(1);
        if (!ID.matcher(id).matches()) {
            throw new Http.Refused(400, "not an entity id: '" + Http.shorten(id) + "'");
        }
        String who = request.getConnectionMetaData().getRemoteSocketAddress().toString();
        if (method.equals("DELETE")) {
            if (watchlist.current().matcher().entity(id).isEmpty()) {
                throw new Http.Refused(404, "no entity '" + id + "' in the watchlist");
            }
            writeWatchlist(List.of(), List.of(id));
            LOG.info("api: entity {} removed by the token holder at {}", id, who);
            Http.json(response, callback, 200, Map.of("removed", id));
            return;
        }
        requireJson(request);
        WatchedEntity parsed = parse(id, Http.body(request), writer.forbiddenAlertTopics());
        boolean existed = watchlist.current().matcher().entity(id).isPresent();
        writeWatchlist(List.of(parsed), List.of());
        LOG.info("api: entity {} {} by the token holder at {}", id, existed ? "replaced" : "added", who);
        Http.json(response, callback, existed ? 200 : 201, Map.of("entity", Json.mapper().valueToTree(parsed),
                existed ? "replaced" : "added", id));
    }

    /** Only JSON is taken: a form of another site cannot send it without the browser asking first. */
    private static void requireJson(Request request) {
        String type = request.getHeaders().get("Content-Type");
        if (type == null || !type.toLowerCase(Locale.ROOT).startsWith("application/json")) {
            throw new Http.Refused(415, "send it as application/json");
        }
    }

    /**
     * A silence from a request body, by the rules of {@code silence add}:
     * {@code {"entityId"|"tag"|"kind": …, "for": "4h" | "until": TIME, "comment": …, "createdBy": …}}.
     */
    static Silence silence(byte[] body, Instant now) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(body);
        } catch (IOException e) {
            throw new Http.Refused(400, "the body is not valid JSON: " + io.newswatch.kafka.JsonErrors.describe(e));
        }
        if (node == null || !node.isObject()) {
            throw new Http.Refused(400, "the body must be a JSON object: a silence");
        }
        String entityId = node.path("entityId").asText(null);
        String tag = node.path("tag").asText(null);
        AlertKind kind = node.hasNonNull("kind") ? kind(node.get("kind").asText()) : null;
        if (entityId == null && tag == null && kind == null) {
            throw new Http.Refused(400, "give at least one matcher: entityId, tag or kind");
        }
        Instant end;
        if (node.hasNonNull("for") == node.hasNonNull("until")) {
            throw new Http.Refused(400, "give how long: for (30m, 4h, 7d) or until (an ISO-8601 time), one of them");
        }
        if (node.hasNonNull("for")) {
            Duration d;
            try {
                d = io.newswatch.text.Durations.parse(node.get("for").asText());
            } catch (RuntimeException e) {
                throw new Http.Refused(400, "for must be a duration (30m, 4h, 7d), got '" + Http.shorten(node.get("for").asText()) + "'");
            }
            if (d.isNegative() || d.isZero() || d.compareTo(Duration.ofDays(3650)) > 0) {
                throw new Http.Refused(400, "for must be longer than 0 and at most 10 years");
            }
            end = now.plus(d);
        } else {
            try {
                end = Instant.parse(node.get("until").asText());
            } catch (DateTimeParseException e) {
                throw new Http.Refused(400, "until must be an ISO-8601 time, got '" + Http.shorten(node.get("until").asText()) + "'");
            }
            if (!end.isAfter(now)) {
                throw new Http.Refused(400, "until " + end + " is in the past");
            }
        }
        String comment = node.path("comment").asText("");
        if (comment.isBlank()) {
            throw new Http.Refused(400, "give a comment: why these alerts are silenced");
        }
        try {
            return new Silence(String.format(Locale.ROOT, "s-%08x", java.util.concurrent.ThreadLocalRandom.current().nextInt()),
                    entityId, tag, kind, now, end, comment, node.path("createdBy").asText(null), now);
        } catch (IllegalArgumentException e) {
            throw new Http.Refused(400, "invalid silence: " + e.getMessage());
        }
    }

    /** The entity in a request body, by the rules of {@code watchlist add}; the path's id is its id. */
    static WatchedEntity parse(String id, byte[] body, Set<String> forbiddenAlertTopics) {
        try {
            JsonNode node = Json.mapper().readTree(body);
            if (node == null || !node.isObject()) {
                throw new Http.Refused(400, "the body must be a JSON object: an entity");
            }
            if (!node.has("id")) {
                ((com.fasterxml.jackson.databind.node.ObjectNode) node).put("id", id);
            } else if (!id.equals(node.get("id").asText())) {
                throw new Http.Refused(400, "the body's id '" + Http.shorten(node.get("id").asText()) + "' is not the path's '" + id + "'");
            }
            return WatchlistFiles.parse(Json.mapper().writeValueAsBytes(node), forbiddenAlertTopics);
        } catch (InvalidEntityException e) {
            throw new Http.Refused(400, "invalid entity: " + e.getMessage(), Map.of("problems", e.ownProblems()));
        } catch (IOException e) {
            throw new Http.Refused(400, "the body is not valid JSON: " + io.newswatch.kafka.JsonErrors.describe(e));
        }
    }

    private void writeWatchlist(List<WatchedEntity> puts, List<String> deletes) {
        try {
            writer.write(puts, deletes);
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            throw new Http.Refused(503, "cannot write to the watchlist topic: " + e.getClass().getSimpleName());
        }
    }

    private static Instant instant(Fields query, String name, Instant fallback) {
        String value = Http.param(query, name);
        if (value == null) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new Http.Refused(400, "parameter " + name + " must be an ISO-8601 time (2026-12-01T00:00:00Z), got '"
                    + Http.shorten(value) + "'");
        }
    }

    private static Duration duration(Fields query, String name, Duration fallback) {
        String value = Http.param(query, name);
        if (value == null) {
            return fallback;
        }
        try {
            return io.newswatch.text.Durations.parse(value);
        } catch (RuntimeException e) {
            throw new Http.Refused(400, "parameter " + name + " must be a duration (1h, 6h, 1d), got '" + Http.shorten(value) + "'");
        }
    }

    private static AlertKind kind(String value) {
        if (value == null) {
            return null;
        }
        try {
            return AlertKind.valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Http.Refused(400, "parameter kind must be one of " + java.util.Arrays.toString(AlertKind.values())
                    + ", got '" + Http.shorten(value) + "'");
        }
    }

    private static JsonNode openApi() {
        try (InputStream in = QueryApi.class.getResourceAsStream("openapi.json")) {
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new IllegalStateException("the bundled openapi.json cannot be read", e);
        }
    }
}
