package io.newswatch.notify;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.newswatch.text.Durations;
import io.newswatch.watchlist.AlertKind;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * What {@code newswatch notify --config FILE} reads: receivers, the routing tree, retries and the
 * alert topics. Every problem of a file is collected, each with its line, before anything starts
 * ({@link ConfigException}); secrets are resolved here from the environment or files, so a missing
 * one is a configuration error, not a failed delivery at 3 a.m.
 *
 * <pre>{@code
 * receivers:
 *   - name: desk
 *     slack: {url: {env: SLACK_WEBHOOK_URL}}
 *   - name: archive
 *     file: {path: alerts.jsonl}
 * route:
 *   receiver: archive
 *   group_by: [entity, kind]
 *   routes:
 *     - match: {tag: [nuclear]}
 *       receiver: desk
 * }</pre>
 */
public record NotifyConfig(Map<String, ReceiverSpec> receivers, Route route, Retry retry, List<String> topics) {

    /** Alert topics read when the file names none: the default one and every routed one. */
    public static final String DEFAULT_TOPIC_PATTERN = "news\\.alerts(\\..+)?";

    /** Labels alerts can be grouped by. */
    public static final Set<String> GROUP_LABELS = Set.of("entity", "kind", "tag", "topic", "story");

    public NotifyConfig {
        receivers = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(receivers));
        topics = List.copyOf(topics);
    }

    /** A receiver: how it delivers, and whether it sends digests on a schedule instead of groups. */
    public record ReceiverSpec(String name, Type type, String url, Secret secret, Map<String, String> headers,
                               EmailSettings email, String path, Cron digest, ZoneId digestZone) {

        public enum Type { WEBHOOK, SLACK, EMAIL, FILE }

        public ReceiverSpec {
            headers = headers == null ? Map.of() : Map.copyOf(headers);
        }

        public boolean isDigest() {
            return digest != null;
        }
    }

    /**
     * A node of the routing tree. An alert enters at the root (which matches everything), goes
     * down into the first child that matches it (and further children too when that child says
     * {@code continue}), and is delivered by the deepest nodes it reached; settings not given on
     * a node are its parent's.
     */
    public record Route(Matcher match, String receiver, List<String> groupBy, Duration groupWait, Duration groupInterval,
                        Duration repeatInterval, boolean continueMatching, List<Route> routes) {

        public Route {
            groupBy = List.copyOf(groupBy);
            routes = List.copyOf(routes);
        }
    }

    /**
     * Which alerts a route takes: every given field must hold, each being a list of accepted values;
     * {@code minOutlets} (0 = any) asks for an alert whose articles come from at least that many
     * outlets: a story that spread.
     */
    public record Matcher(Set<String> entities, Set<String> tags, Set<AlertKind> kinds, Set<String> topics, int minOutlets) {

        public static final Matcher ALL = new Matcher(Set.of(), Set.of(), Set.of(), Set.of(), 0);

        public Matcher {
            entities = Set.copyOf(entities);
            tags = Set.copyOf(tags);
            kinds = Set.copyOf(kinds);
            topics = Set.copyOf(topics);
        }

        public boolean matches(io.newswatch.alert.Alert alert, String topic) {
            return (entities.isEmpty() || entities.contains(alert.entityId())
                    || (alert.coEntityId() != null && entities.contains(alert.coEntityId())))
                    && (tags.isEmpty() || alert.tags().stream().anyMatch(tags::contains))
                    && (kinds.isEmpty() || kinds.contains(alert.kind()))
                    && (topics.isEmpty() || topics.contains(topic))
                    && alert.sourceCount() >= minOutlets;
        }
    }

    /**
     * How long a receiver is retried before its alerts are parked on the notification dead-letter
     * topic: attempts and age of the first failure, with exponential backoff and full jitter.
     */
    public record Retry(int maxAttempts, Duration maxAge, Duration initialBackoff, Duration maxBackoff) {

        public static final Retry DEFAULT = new Retry(50, Duration.ofHours(1), Duration.ofSeconds(1), Duration.ofMinutes(5));

        /** The wait before attempt {@code attempt + 1} (attempt ≥ 1), drawn uniformly up to the capped exponential. */
        public Duration backoff(int attempt, java.util.random.RandomGenerator random) {
            long cap = Math.min(maxBackoff.toMillis(), initialBackoff.toMillis() << Math.min(attempt - 1, 30));
            return Duration.ofMillis(Math.max(1, (long) (random.nextDouble() * cap)));
        }
    }

    /** Whether {@code value} is an http(s) URL with a host: what webhook and Slack receivers post to. */
    public static boolean isHttpUrl(String value) {
        try {
            URI uri = new URI(value);
            return uri.getHost() != null && ("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()));
        } catch (java.net.URISyntaxException e) {
            return false;
        }
    }

    /** Problems found in a configuration, each one line with its file and line. */
    public static final class ConfigException extends Exception {
        private final List<String> problems;

        public ConfigException(List<String> problems) {
            super(problems.size() == 1 ? problems.get(0) : problems.size() + " problems:\n  " + String.join("\n  ", problems));
            this.problems = List.copyOf(problems);
        }

        public List<String> problems() {
            return problems;
        }
    }

    private static final YAMLMapper YAML = new YAMLMapper();
    private static final Route ROOT_DEFAULTS = new Route(Matcher.ALL, null, List.of(), Duration.ofSeconds(30),
            Duration.ofMinutes(5), Duration.ofHours(4), false, List.of());

    /** Reads and checks {@code file}; secrets come from {@code env} or the files the configuration names. */
    public static NotifyConfig read(Path file, Map<String, String> env) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(List.of(file + ": no such file"));
        } catch (IOException e) {
            throw new ConfigException(List.of(file + ": cannot read: " + e.getMessage()));
        }
        return parse(file.toString(), text, env, file.toAbsolutePath().getParent());
    }

    /** Parses configuration text; {@code name} prefixes every message, {@code baseDir} resolves relative paths. */
    public static NotifyConfig parse(String name, String text, Map<String, String> env, Path baseDir) throws ConfigException {
        JsonNode root;
        Map<String, Integer> lines;
        try {
            root = YAML.readTree(text);
            lines = lines(text);
        } catch (JsonProcessingException e) {
            int line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
            throw new ConfigException(List.of(name + ":" + line + ": not valid YAML: " + e.getOriginalMessage().lines().findFirst().orElse("")));
        } catch (IOException e) {
            throw new ConfigException(List.of(name + ": cannot read: " + e.getMessage()));
        }
        return new Reader(name, lines, env, baseDir).read(root);
    }

    /** The line of every node, by JSON pointer ({@code /receivers/0/url}). */
    private static Map<String, Integer> lines(String text) throws IOException {
        Map<String, Integer> out = new HashMap<>();
        try (JsonParser p = new YAMLFactory().createParser(text)) {
            if (p.nextToken() != null) {
                walk(p, "", out);
            }
        }
        return out;
    }

    private static void walk(JsonParser p, String at, Map<String, Integer> out) throws IOException {
        out.putIfAbsent(at, p.currentTokenLocation().getLineNr());
        if (p.currentToken() == JsonToken.START_OBJECT) {
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                out.put(at + "/" + field, p.currentTokenLocation().getLineNr());
                p.nextToken();
                walk(p, at + "/" + field, out);
            }
        } else if (p.currentToken() == JsonToken.START_ARRAY) {
            for (int i = 0; p.nextToken() != JsonToken.END_ARRAY; i++) {
                walk(p, at + "/" + i, out);
            }
        }
    }

    /** One pass over the tree, collecting every problem rather than stopping at the first. */
    private static final class Reader {
        private final String name;
        private final Map<String, Integer> lines;
        private final Map<String, String> env;
        private final Path baseDir;
        private final List<String> problems = new ArrayList<>();

        Reader(String name, Map<String, Integer> lines, Map<String, String> env, Path baseDir) {
            this.name = name;
            this.lines = lines;
            this.env = env;
            this.baseDir = baseDir;
        }

        NotifyConfig read(JsonNode root) throws ConfigException {
            if (root == null || !root.isObject()) {
                throw new ConfigException(List.of(name + ":1: expected a mapping with 'receivers' and 'route'"));
            }
            known(root, "", Set.of("receivers", "route", "retry", "topics"));
            Map<String, ReceiverSpec> receivers = new LinkedHashMap<>();
            JsonNode list = root.path("receivers");
            if (!list.isArray() || list.isEmpty()) {
                problem("/receivers", "'receivers' must list at least one receiver");
            } else {
                for (int i = 0; i < list.size(); i++) {
                    ReceiverSpec r = receiver(list.get(i), "/receivers/" + i);
                    if (r != null && receivers.putIfAbsent(r.name(), r) != null) {
                        problem("/receivers/" + i + "/name", "receiver '" + r.name() + "' is defined twice");
                    }
                }
            }
            Route route = null;
            if (!root.path("route").isObject()) {
                problem("/route", "'route' is missing: it names the receiver of every alert (route: {receiver: NAME})");
            } else {
                route = route(root.path("route"), "/route", ROOT_DEFAULTS, receivers.keySet(), true);
            }
            Retry retry = retry(root.path("retry"), "/retry");
            List<String> topics = new ArrayList<>();
            if (root.has("topics")) {
                topics.addAll(strings(root.path("topics"), "/topics"));
            }
            if (!problems.isEmpty()) {
                throw new ConfigException(problems);
            }
            return new NotifyConfig(receivers, route, retry, topics);
        }

        private ReceiverSpec receiver(JsonNode node, String at) {
            if (!node.isObject()) {
                problem(at, "a receiver is a mapping with a name and one of webhook, slack, email, file");
                return null;
            }
            known(node, at, Set.of("name", "webhook", "slack", "email", "file", "digest"));
            String rname = text(node, at + "/name", true);
            List<String> types = new ArrayList<>();
            for (String t : List.of("webhook", "slack", "email", "file")) {
                if (node.has(t)) {
                    types.add(t);
                }
            }
            if (types.size() != 1) {
                problem(at, "receiver " + (rname == null ? "#" + at.substring(at.lastIndexOf('/') + 1) : "'" + rname + "'")
                        + (types.isEmpty() ? " has no type: give one of webhook, slack, email, file" : " has several types: " + types));
                return null;
            }
            String type = types.get(0);
            JsonNode spec = node.path(type);
            String sat = at + "/" + type;
            Cron digest = null;
            ZoneId zone = null;
            if (node.has("digest")) {
                JsonNode d = node.path("digest");
                known(d, at + "/digest", Set.of("cron", "time_zone"));
                String cron = text(d, at + "/digest/cron", true);
                if (cron != null) {
                    try {
                        digest = Cron.parse(cron);
                    } catch (IllegalArgumentException e) {
                        problem(at + "/digest/cron", e.getMessage());
                    }
                }
                String tz = text(d, at + "/digest/time_zone", false);
                try {
                    zone = tz == null ? ZoneId.of("UTC") : ZoneId.of(tz);
                } catch (DateTimeException e) {
                    problem(at + "/digest/time_zone", "'" + tz + "' is not a time zone (e.g. UTC, Europe/Berlin)");
                }
            }
            switch (type) {
                case "webhook" -> {
                    known(spec, sat, Set.of("url", "secret", "headers"));
                    String url = url(secretOrText(spec, sat + "/url", true), sat + "/url");
                    Secret secret = spec.has("secret") ? secret(spec.path("secret"), sat + "/secret") : null;
                    Map<String, String> headers = new LinkedHashMap<>();
                    spec.path("headers").fields().forEachRemaining(e -> headers.put(e.getKey(), e.getValue().asText()));
                    return new ReceiverSpec(rname, ReceiverSpec.Type.WEBHOOK, url, secret, headers, null, null, digest, zone);
                }
                case "slack" -> {
                    known(spec, sat, Set.of("url"));
                    String url = url(secretOrText(spec, sat + "/url", true), sat + "/url");
                    return new ReceiverSpec(rname, ReceiverSpec.Type.SLACK, url, null, Map.of(), null, null, digest, zone);
                }
                case "email" -> {
                    return new ReceiverSpec(rname, ReceiverSpec.Type.EMAIL, null, null, Map.of(), email(spec, sat), null, digest, zone);
                }
                default -> {
                    String path = spec.isTextual() ? spec.asText() : text(spec, sat + "/path", true);
                    if (spec.isObject()) {
                        known(spec, sat, Set.of("path"));
                    }
                    if (path != null && !path.equals("-") && baseDir != null) {
                        path = baseDir.resolve(path).toString();
                    }
                    return new ReceiverSpec(rname, ReceiverSpec.Type.FILE, null, null, Map.of(), null, path, digest, zone);
                }
            }
        }

        private EmailSettings email(JsonNode spec, String at) {
            known(spec, at, Set.of("to", "from", "smtp", "security", "username", "password"));
            List<String> to = strings(spec.path("to"), at + "/to");
            if (to.isEmpty()) {
                problem(at + "/to", "'to' needs at least one address");
            }
            for (String address : to) {
                if (!address.matches("[^@\\s]+@[^@\\s]+")) {
                    problem(at + "/to", "'" + address + "' is not an email address");
                }
            }
            String from = text(spec, at + "/from", true);
            String smtp = text(spec, at + "/smtp", true);
            String host = null;
            int port = 587;
            if (smtp != null) {
                host = EmailSettings.hostOf(smtp);
                port = EmailSettings.portOf(smtp);
                if (port < 0) {
                    problem(at + "/smtp", "'" + smtp + "' is not HOST:PORT");
                }
            }
            String security = text(spec, at + "/security", false);
            EmailSettings.Security sec = EmailSettings.Security.STARTTLS;
            if (security != null) {
                try {
                    sec = EmailSettings.Security.valueOf(security.toUpperCase(Locale.ROOT));
                } catch (IllegalArgumentException e) {
                    problem(at + "/security", "security '" + security + "' is not one of starttls, smtps, none");
                }
            }
            String user = text(spec, at + "/username", false);
            Secret password = spec.has("password") ? secret(spec.path("password"), at + "/password") : null;
            if (user != null && !spec.has("password")) {
                problem(at + "/password", "'username' is given without 'password' ({env: VAR} or {file: PATH})");
            }
            return new EmailSettings(host, port, sec, user, password, from, to);
        }

        private Route route(JsonNode node, String at, Route parent, Set<String> receivers, boolean root) {
            known(node, at, Set.of("receiver", "match", "group_by", "group_wait", "group_interval", "repeat_interval",
                    "continue", "routes"));
            Matcher matcher = Matcher.ALL;
            if (node.has("match")) {
                if (root) {
                    problem(at + "/match", "the root route takes every alert: put 'match' on a route under 'routes'");
                }
                matcher = matcher(node.path("match"), at + "/match");
            }
            String receiver = node.has("receiver") ? text(node, at + "/receiver", true) : parent.receiver();
            if (root && receiver == null && !node.has("receiver")) {
                problem(at + "/receiver", "the root route needs a 'receiver': where alerts no other route takes go");
            }
            if (receiver != null && !receivers.isEmpty() && !receivers.contains(receiver)) {
                problem(at + "/receiver", "receiver '" + receiver + "' is not defined (receivers: " + String.join(", ", receivers) + ")");
            }
            List<String> groupBy = parent.groupBy();
            if (node.has("group_by")) {
                groupBy = strings(node.path("group_by"), at + "/group_by");
                for (String label : groupBy) {
                    if (!GROUP_LABELS.contains(label)) {
                        problem(at + "/group_by", "cannot group by '" + label + "': use " + new java.util.TreeSet<>(GROUP_LABELS));
                    }
                }
            }
            Duration wait = duration(node, at + "/group_wait", parent.groupWait());
            Duration interval = duration(node, at + "/group_interval", parent.groupInterval());
            Duration repeat = duration(node, at + "/repeat_interval", parent.repeatInterval());
            boolean cont = node.path("continue").asBoolean(false);
            if (node.has("continue") && !node.path("continue").isBoolean()) {
                problem(at + "/continue", "'continue' is true or false");
            }
            Route self = new Route(matcher, receiver, groupBy, wait, interval, repeat, cont, List.of());
            List<Route> children = new ArrayList<>();
            JsonNode list = node.path("routes");
            if (node.has("routes") && !list.isArray()) {
                problem(at + "/routes", "'routes' is a list of routes");
            }
            for (int i = 0; list.isArray() && i < list.size(); i++) {
                children.add(route(list.get(i), at + "/routes/" + i, self, receivers, false));
            }
            return new Route(matcher, receiver, groupBy, wait, interval, repeat, cont, children);
        }

        private Matcher matcher(JsonNode node, String at) {
            known(node, at, Set.of("entity", "tag", "kind", "topic", "min_outlets"));
            Set<AlertKind> kinds = new java.util.LinkedHashSet<>();
            for (String k : strings(node.path("kind"), at + "/kind")) {
                try {
                    kinds.add(AlertKind.valueOf(k.toUpperCase(Locale.ROOT)));
                } catch (IllegalArgumentException e) {
                    problem(at + "/kind", "kind '" + k + "' is not one of " + java.util.Arrays.toString(AlertKind.values()));
                }
            }
            int minOutlets = 0;
            if (node.has("min_outlets")) {
                if (!node.path("min_outlets").canConvertToInt() || node.path("min_outlets").asInt() < 1) {
                    problem(at + "/min_outlets", "'min_outlets' is a whole number of at least 1");
                } else {
                    minOutlets = node.path("min_outlets").asInt();
                }
            }
            return new Matcher(Set.copyOf(strings(node.path("entity"), at + "/entity")), Set.copyOf(strings(node.path("tag"), at + "/tag")),
                    kinds, Set.copyOf(strings(node.path("topic"), at + "/topic")), minOutlets);
        }

        private Retry retry(JsonNode node, String at) {
            if (node.isMissingNode()) {
                return Retry.DEFAULT;
            }
            known(node, at, Set.of("max_attempts", "max_age", "initial_backoff", "max_backoff"));
            int attempts = Retry.DEFAULT.maxAttempts();
            if (node.has("max_attempts")) {
                if (!node.path("max_attempts").canConvertToInt() || node.path("max_attempts").asInt() < 1) {
                    problem(at + "/max_attempts", "'max_attempts' is a whole number of at least 1");
                } else {
                    attempts = node.path("max_attempts").asInt();
                }
            }
            return new Retry(attempts, duration(node, at + "/max_age", Retry.DEFAULT.maxAge()),
                    duration(node, at + "/initial_backoff", Retry.DEFAULT.initialBackoff()),
                    duration(node, at + "/max_backoff", Retry.DEFAULT.maxBackoff()));
        }

        private Duration duration(JsonNode parent, String at, Duration fallback) {
            String field = at.substring(at.lastIndexOf('/') + 1);
            if (!parent.has(field)) {
                return fallback;
            }
            try {
                Duration d = Durations.parse(parent.path(field).asText());
                if (d.isNegative()) {
                    problem(at, "'" + field + "' must not be negative");
                }
                return d;
            } catch (IllegalArgumentException e) {
                problem(at, "'" + field + "': " + e.getMessage());
                return fallback;
            }
        }

        /** A secret: {@code {env: VAR}} or {@code {file: PATH}}; never a value written in the file. */
        private Secret secret(JsonNode node, String at) {
            if (node.isTextual()) {
                problem(at, "write secrets as {env: VARIABLE} or {file: PATH}, not in the configuration itself");
                return null;
            }
            known(node, at, Set.of("env", "file"));
            if (node.has("env")) {
                String var = node.path("env").asText();
                Secret s = Secret.fromEnv(var, env);
                if (s == null) {
                    problem(at, "environment variable " + var + " is not set");
                }
                return s;
            }
            if (node.has("file")) {
                Path file = baseDir == null ? Path.of(node.path("file").asText()) : baseDir.resolve(node.path("file").asText());
                try {
                    return Secret.fromFile(file);
                } catch (IOException e) {
                    problem(at, "cannot read secret file " + file + ": " + e.getClass().getSimpleName());
                    return null;
                }
            }
            problem(at, "a secret is {env: VARIABLE} or {file: PATH}");
            return null;
        }

        /** A URL given as text or, since a Slack webhook URL is itself a credential, as a secret. */
        private String secretOrText(JsonNode node, String at, boolean required) {
            String field = at.substring(at.lastIndexOf('/') + 1);
            if (node.path(field).isObject()) {
                Secret s = secret(node.path(field), at);
                return s == null ? null : s.value();
            }
            return text(node, at, required);
        }

        private String url(String value, String at) {
            if (value == null) {
                return null;
            }
            try {
                new URI(value);
            } catch (java.net.URISyntaxException e) {
                problem(at, "not a URL: " + e.getReason());
                return value;
            }
            if (!isHttpUrl(value)) {
                problem(at, "not an http(s) URL with a host");
            }
            return value;
        }

        private String text(JsonNode parent, String at, boolean required) {
            String field = at.substring(at.lastIndexOf('/') + 1);
            JsonNode v = parent.path(field);
            if (v.isMissingNode() || v.isNull()) {
                if (required) {
                    problem(at.substring(0, at.lastIndexOf('/')), "'" + field + "' is missing");
                }
                return null;
            }
            if (!v.isValueNode() || v.asText().isBlank()) {
                problem(at, "'" + field + "' must be a non-empty text");
                return null;
            }
            return v.asText().strip();
        }

        private List<String> strings(JsonNode node, String at) {
            if (node.isMissingNode() || node.isNull()) {
                return List.of();
            }
            if (node.isValueNode()) {
                return List.of(node.asText());
            }
            List<String> out = new ArrayList<>();
            if (!node.isArray()) {
                problem(at, "expected a list");
                return out;
            }
            node.forEach(v -> out.add(v.asText()));
            return out;
        }

        private void known(JsonNode node, String at, Set<String> fields) {
            node.fieldNames().forEachRemaining(f -> {
                if (!fields.contains(f)) {
                    problem(at + "/" + f, "unknown field '" + f + "' (expected " + String.join(", ", new java.util.TreeSet<>(fields)) + ")");
                }
            });
        }

        private void problem(String at, String message) {
            Integer line = lines.get(at);
            for (String p = at; line == null && p.contains("/"); p = p.substring(0, p.lastIndexOf('/'))) {
                line = lines.get(p);
            }
            problems.add(name + ":" + (line == null ? 1 : line) + ": " + message);
        }
    }
}
