package io.newswatch.watchlist;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.ser.std.StdSerializer;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * WatchedEntity to and from a JSON/YAML tree. Reading collects every problem (wrong types,
 * unknown enum values, bad durations, the entity's own validation, and an alert topic that is one
 * of the program's own topics when those are given) before refusing, so a user fixes a file in one
 * go. Unknown fields are ignored.
 */
final class EntityCodec {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String ARTICLE = "article";

    private EntityCodec() {
    }

    static WatchedEntity fromTree(JsonNode node) {
        return fromTree(node, Set.of());
    }

    /** As {@link #fromTree(JsonNode)}, also refusing an {@code alerts.topic} in {@code forbiddenAlertTopics}. */
    static WatchedEntity fromTree(JsonNode node, Set<String> forbiddenAlertTopics) {
        if (node == null || !node.isObject()) {
            throw new InvalidEntityException(null, List.of("must be an object, got " + kind(node)));
        }
        List<String> problems = new ArrayList<>();
        String id = text(node, "id", problems);
        String name = text(node, "name", problems);

        List<Alias> aliases = new ArrayList<>();
        boolean aliasesGiven = false;
        JsonNode an = node.get("aliases");
        if (an != null && !an.isNull()) {
            if (an.isTextual()) {
                an = NODES.arrayNode().add(an);
            }
            if (!an.isArray()) {
                problems.add("aliases: must be a list, got " + kind(an));
                aliasesGiven = true;
            } else {
                aliasesGiven = !an.isEmpty();
                for (int i = 0; i < an.size(); i++) {
                    Alias a = alias(an.get(i), "aliases[" + i + "]", problems);
                    if (a != null) {
                        aliases.add(a);
                    }
                }
            }
        }

        List<String> context = strings(node, "context", problems);
        List<String> exclude = strings(node, "exclude", problems);
        List<String> tags = strings(node, "tags", problems);
        int contextWindow = window(node, "contextWindow", problems);
        int excludeWindow = window(node, "excludeWindow", problems);
        AlertSettings alerts = alerts(node.get("alerts"), forbiddenAlertTopics, problems);
        boolean approximate = flag(node, "approximate", "", problems);
        boolean compounds = !node.hasNonNull("compounds") || flag(node, "compounds", "", problems);
        Query query = null;
        String queryText = text(node, "query", problems);
        boolean queryGiven = queryText != null;
        if (queryGiven) {
            try {
                query = Query.parse(queryText);
            } catch (QueryException ex) {
                problems.add("query: " + ex.getMessage());
            }
        }

        try {
            // aliases or a query given but refused are already reported: do not also say "none given"
            List<Alias> given = aliases.isEmpty() && (aliasesGiven || queryGiven && query == null)
                    ? List.of(Alias.of("placeholder")) : aliases;
            WatchedEntity e = new WatchedEntity(id, name, given, context, contextWindow, exclude, excludeWindow, tags, alerts, query,
                    approximate, compounds);
            if (problems.isEmpty()) {
                return e;
            }
        } catch (InvalidEntityException e) {
            problems.addAll(0, e.ownProblems());
        }
        throw new InvalidEntityException(id, problems);
    }

    private static Alias alias(JsonNode n, String where, List<String> problems) {
        try {
            if (n == null || n.isNull()) {
                problems.add(where + ": null");
                return null;
            }
            if (n.isTextual()) {
                return new Alias(n.textValue(), null, false);
            }
            if (!n.isObject()) {
                problems.add(where + ": must be a string or an object, got " + kind(n));
                return null;
            }
            int before = problems.size();
            String text = text(n, "text", problems);
            CaseMode mode = null;
            JsonNode cn = n.has("case") ? n.get("case") : n.get("caseMode");
            if (cn != null && !cn.isNull()) {
                mode = cn.isTextual() ? CaseMode.parse(cn.textValue()) : null;
                if (mode == null) {
                    problems.add(where + ".case: unknown value (expected insensitive, smart or exact)");
                }
            }
            boolean approximate = flag(n, "approximate", where, problems);
            boolean singleCharacter = flag(n, "singleCharacter", where, problems);
            List<String> context = strings(n, "context", where + ".context", problems);
            List<String> exclude = strings(n, "exclude", where + ".exclude", problems);
            if (text == null) {
                problems.add(where + ".text: missing");
            }
            if (problems.size() > before) {
                return null;
            }
            return new Alias(text, mode, approximate, singleCharacter, context, exclude);
        } catch (IllegalArgumentException e) {
            problems.add(where + ": " + e.getMessage());
            return null;
        }
    }

    private static boolean flag(JsonNode n, String field, String where, List<String> problems) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return false;
        }
        if (!v.isBoolean()) {
            problems.add((where.isEmpty() ? "" : where + ".") + field + ": must be true or false, got " + kind(v));
            return false;
        }
        return v.booleanValue();
    }

    /** The problem of an alert topic that is one of the program's own topics (not an alert topic). */
    static String forbiddenAlertTopic(String topic) {
        return "alerts.topic: '" + topic + "' is one of newswatch's own topics, not an alert topic";
    }

    private static AlertSettings alerts(JsonNode n, Set<String> forbiddenAlertTopics, List<String> problems) {
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            problems.add("alerts: must be an object, got " + kind(n));
            return null;
        }
        int before = problems.size();
        Set<AlertKind> kinds = null;
        JsonNode kn = n.get("kinds");
        if (kn != null && !kn.isNull()) {
            if (kn.isTextual()) {
                kn = NODES.arrayNode().add(kn);
            }
            if (!kn.isArray()) {
                problems.add("alerts.kinds: must be a list, got " + kind(kn));
            } else {
                kinds = EnumSet.noneOf(AlertKind.class);
                for (int i = 0; i < kn.size(); i++) {
                    JsonNode k = kn.get(i);
                    AlertKind kind = k.isTextual() ? AlertKind.parse(k.textValue()) : null;
                    if (kind == null) {
                        problems.add("alerts.kinds[" + i + "]: unknown value (expected one of MENTION, THRESHOLD, SPIKE, CO_MENTION, SPREAD)");
                    } else {
                        kinds.add(kind);
                    }
                }
            }
        }
        String topic = text(n, "topic", problems, "alerts.");
        if (topic != null && forbiddenAlertTopics.contains(topic.strip())) {
            problems.add(forbiddenAlertTopic(topic.strip()));
        }
        AlertSettings.Threshold threshold = part(n, "threshold", problems, t -> new AlertSettings.Threshold(
                intValue(t, "count", AlertSettings.Threshold.DEFAULT.count(), problems, "alerts.threshold."),
                duration(t, "window", problems, "alerts.threshold.")));
        AlertSettings.Spike spike = part(n, "spike", problems, t -> new AlertSettings.Spike(
                duration(t, "window", problems, "alerts.spike."),
                doubleValue(t, t.has("alpha") ? "alpha" : "ewmaAlpha", AlertSettings.Spike.DEFAULT.alpha(), problems, "alerts.spike."),
                doubleValue(t, t.has("z") ? "z" : "zScore", AlertSettings.Spike.DEFAULT.zScore(), problems, "alerts.spike."),
                intValue(t, "minCount", AlertSettings.Spike.DEFAULT.minCount(), problems, "alerts.spike.")));
        AlertSettings.CoMention co = part(n, "coMention", problems, t -> new AlertSettings.CoMention(
                intValue(t, "count", AlertSettings.CoMention.DEFAULT.count(), problems, "alerts.coMention."),
                duration(t, "window", problems, "alerts.coMention.")));
        AlertSettings.Spread spread = part(n, "spread", problems, t -> new AlertSettings.Spread(
                intValue(t, "outlets", AlertSettings.Spread.DEFAULT.outlets(), problems, "alerts.spread.")));
        String countByText = text(n, "countBy", problems, "alerts.");
        AlertSettings.CountBy countBy = countByText == null ? null : AlertSettings.CountBy.parse(countByText);
        if (countByText != null && countBy == null) {
            problems.add("alerts.countBy: unknown value (expected stories or articles)");
        }
        if (problems.size() > before) {
            return null;
        }
        try {
            return new AlertSettings(kinds, threshold, spike, co, spread, countBy, topic);
        } catch (IllegalArgumentException e) {
            problems.add(e.getMessage());
            return null;
        }
    }

    private static <T> T part(JsonNode parent, String field, List<String> problems, Function<JsonNode, T> make) {
        JsonNode n = parent.get(field);
        if (n == null || n.isNull()) {
            return null;
        }
        if (!n.isObject()) {
            problems.add("alerts." + field + ": must be an object, got " + kind(n));
            return null;
        }
        int before = problems.size();
        try {
            T t = make.apply(n);
            return problems.size() > before ? null : t;
        } catch (IllegalArgumentException e) {
            if (problems.size() == before) {
                problems.add(e.getMessage());
            }
            return null;
        }
    }

    private static String text(JsonNode n, String field, List<String> problems) {
        return text(n, field, problems, "");
    }

    private static String text(JsonNode n, String field, List<String> problems, String prefix) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return v.textValue();
        }
        if (v.isNumber() || v.isBoolean()) {
            return v.asText();
        }
        problems.add(prefix + field + ": must be a string, got " + kind(v));
        return null;
    }

    private static List<String> strings(JsonNode n, String field, List<String> problems) {
        return strings(n, field, field, problems);
    }

    /** The list of strings in {@code field}, or null if there is none; problems named after {@code where}. */
    private static List<String> strings(JsonNode n, String field, String where, List<String> problems) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        if (v.isTextual()) {
            return List.of(v.textValue());
        }
        if (!v.isArray()) {
            problems.add(where + ": must be a list of strings, got " + kind(v));
            return null;
        }
        List<String> out = new ArrayList<>(v.size());
        for (int i = 0; i < v.size(); i++) {
            JsonNode e = v.get(i);
            if (e.isTextual() || e.isNumber()) {
                out.add(e.asText());
            } else {
                problems.add(where + "[" + i + "]: must be a string, got " + kind(e));
            }
        }
        return out;
    }

    private static int window(JsonNode n, String field, List<String> problems) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return WatchedEntity.DEFAULT_WINDOW;
        }
        if (v.isTextual() && (v.textValue().equalsIgnoreCase(ARTICLE) || v.textValue().equalsIgnoreCase("anywhere"))) {
            return WatchedEntity.ANYWHERE;
        }
        if (v.canConvertToInt() && v.isIntegralNumber() || v.isTextual() && v.textValue().strip().matches("\\d{1,9}")) {
            return v.isTextual() ? Integer.parseInt(v.textValue().strip()) : v.intValue();
        }
        problems.add(field + ": must be a number of tokens or \"article\", got " + v);
        return WatchedEntity.DEFAULT_WINDOW;
    }

    private static int intValue(JsonNode n, String field, int dflt, List<String> problems, String prefix) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (v.isIntegralNumber() && v.canConvertToInt()) {
            return v.intValue();
        }
        if (v.isTextual() && v.textValue().strip().matches("-?\\d{1,9}")) {
            return Integer.parseInt(v.textValue().strip());
        }
        problems.add(prefix + field + ": must be a whole number, got " + v);
        return dflt;
    }

    private static double doubleValue(JsonNode n, String field, double dflt, List<String> problems, String prefix) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return dflt;
        }
        if (v.isNumber()) {
            return v.doubleValue();
        }
        try {
            if (v.isTextual()) {
                return Double.parseDouble(v.textValue().strip());
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        problems.add(prefix + field + ": must be a number, got " + v);
        return dflt;
    }

    private static Duration duration(JsonNode n, String field, List<String> problems, String prefix) {
        JsonNode v = n.get(field);
        if (v == null || v.isNull()) {
            return null;
        }
        Duration d = v.isTextual() ? Durations.parse(v.textValue()) : null;
        if (d == null) {
            problems.add(prefix + field + ": " + v + " is not a duration (write PT1H, 1h, 30m, 1d)");
        }
        return d;
    }

    static String kind(JsonNode n) {
        if (n == null || n.isNull()) {
            return "nothing";
        }
        return switch (n.getNodeType()) {
            case ARRAY -> "a list";
            case OBJECT -> "an object";
            case STRING -> "a string";
            case NUMBER -> "a number";
            case BOOLEAN -> "a boolean";
            default -> n.getNodeType().name().toLowerCase(java.util.Locale.ROOT);
        };
    }

    /** The entity as a tree; defaults are left out and default aliases are plain strings. */
    static ObjectNode toTree(WatchedEntity e) {
        ObjectNode o = NODES.objectNode();
        o.put("id", e.id());
        o.put("name", e.name());
        ArrayNode aliases = o.putArray("aliases");
        for (Alias a : e.aliases()) {
            if (a.hasDefaultCaseMode() && !a.approximate() && !a.singleCharacter() && !a.hasOwnRules()) {
                aliases.add(a.text());
            } else {
                ObjectNode ao = aliases.addObject();
                ao.put("text", a.text());
                if (!a.hasDefaultCaseMode()) {
                    ao.put("case", a.caseMode().name().toLowerCase(java.util.Locale.ROOT));
                }
                if (a.approximate()) {
                    ao.put("approximate", true);
                }
                if (a.singleCharacter()) {
                    ao.put("singleCharacter", true);
                }
                if (a.context() != null) {
                    a.context().forEach(ao.putArray("context")::add);
                }
                if (a.exclude() != null) {
                    a.exclude().forEach(ao.putArray("exclude")::add);
                }
            }
        }
        if (e.approximate()) {
            o.put("approximate", true);
        }
        if (!e.compounds()) {
            o.put("compounds", false);
        }
        if (e.query() != null) {
            o.put("query", e.query().text());
        }
        putList(o, "context", e.context());
        putWindow(o, "contextWindow", e.contextWindow());
        putList(o, "exclude", e.exclude());
        putWindow(o, "excludeWindow", e.excludeWindow());
        putList(o, "tags", e.tags());
        AlertSettings s = e.alerts();
        if (!s.equals(AlertSettings.DEFAULT)) {
            ObjectNode a = o.putObject("alerts");
            ArrayNode kinds = a.putArray("kinds");
            s.kinds().forEach(k -> kinds.add(k.name()));
            if (!s.threshold().equals(AlertSettings.Threshold.DEFAULT)) {
                a.putObject("threshold").put("count", s.threshold().count())
                        .put("window", Durations.format(s.threshold().window()));
            }
            if (!s.spike().equals(AlertSettings.Spike.DEFAULT)) {
                a.putObject("spike").put("window", Durations.format(s.spike().window()))
                        .put("alpha", s.spike().alpha()).put("z", s.spike().zScore())
                        .put("minCount", s.spike().minCount());
            }
            if (!s.coMention().equals(AlertSettings.CoMention.DEFAULT)) {
                a.putObject("coMention").put("count", s.coMention().count())
                        .put("window", Durations.format(s.coMention().window()));
            }
            if (!s.spread().equals(AlertSettings.Spread.DEFAULT)) {
                a.putObject("spread").put("outlets", s.spread().outlets());
            }
            if (!s.countsStories()) {
                a.put("countBy", s.countBy().name().toLowerCase(java.util.Locale.ROOT));
            }
            if (s.topic() != null) {
                a.put("topic", s.topic());
            }
        }
        return o;
    }

    private static void putList(ObjectNode o, String field, List<String> values) {
        if (!values.isEmpty()) {
            ArrayNode arr = o.putArray(field);
            values.forEach(arr::add);
        }
    }

    private static void putWindow(ObjectNode o, String field, int w) {
        if (w == WatchedEntity.ANYWHERE) {
            o.put(field, ARTICLE);
        } else if (w != WatchedEntity.DEFAULT_WINDOW) {
            o.put(field, w);
        }
    }

    /** Jackson glue, so the shared mapper and {@code JsonSerde.of(WatchedEntity.class)} use this codec. */
    static final class Serializer extends StdSerializer<WatchedEntity> {
        Serializer() {
            super(WatchedEntity.class);
        }

        @Override
        public void serialize(WatchedEntity value, JsonGenerator gen, SerializerProvider provider) throws IOException {
            gen.writeTree(toTree(value));
        }
    }

    /** Jackson glue; an invalid entity becomes a {@link JsonMappingException} listing every problem. */
    static final class Deserializer extends StdDeserializer<WatchedEntity> {
        Deserializer() {
            super(WatchedEntity.class);
        }

        @Override
        public WatchedEntity deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            JsonNode tree = p.readValueAsTree();
            try {
                return fromTree(tree);
            } catch (InvalidEntityException e) {
                throw JsonMappingException.from(p, e.getMessage(), e);
            }
        }
    }
}
