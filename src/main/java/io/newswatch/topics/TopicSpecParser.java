package io.newswatch.topics;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads one topic file: {@code key = value} lines, {@code #} comments. Keys: {@code name},
 * {@code role}, {@code partitions}, {@code replication.factor}, and {@code config.<topic config>}.
 * Stricter than {@link java.util.Properties}: an unknown or repeated key is an error with its line.
 */
final class TopicSpecParser {

    private static final Pattern TOPIC_NAME = Pattern.compile("[a-zA-Z0-9._-]{1,249}");
    private static final Pattern CONFIG_NAME = Pattern.compile("[a-z0-9.]+");
    private static final String CONFIG_PREFIX = "config.";

    private TopicSpecParser() {
    }

    static TopicSpec parse(String source, List<String> lines) {
        Map<String, String> values = new LinkedHashMap<>();
        Map<String, Integer> lineOf = new HashMap<>();
        Map<String, String> configs = new LinkedHashMap<>();
        for (int i = 0; i < lines.size(); i++) {
            int lineNo = i + 1;
            String line = lines.get(i).strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            int eq = line.indexOf('=');
            if (eq <= 0) {
                throw error(source, lineNo, "expected 'key = value', got no '='");
            }
            String key = line.substring(0, eq).strip();
            String value = line.substring(eq + 1).strip();
            if (lineOf.containsKey(key)) {
                throw error(source, lineNo, "field '" + key + "' repeated (first on line " + lineOf.get(key) + ")");
            }
            lineOf.put(key, lineNo);
            if (key.startsWith(CONFIG_PREFIX)) {
                String config = key.substring(CONFIG_PREFIX.length());
                if (!CONFIG_NAME.matcher(config).matches()) {
                    throw error(source, lineNo, "field '" + key + "' is not a topic config name");
                }
                if (value.isEmpty()) {
                    throw error(source, lineNo, "field '" + key + "' has no value");
                }
                configs.put(config, value);
            } else if (List.of("name", "role", "partitions", "replication.factor").contains(key)) {
                values.put(key, value);
            } else {
                throw error(source, lineNo, "unknown field '" + key
                        + "' (expected name, role, partitions, replication.factor or config.*)");
            }
        }
        String name = values.get("name");
        if (name == null || name.isEmpty()) {
            throw new TopicSpecException(source + ": field 'name' is missing");
        }
        if (!TOPIC_NAME.matcher(name).matches() || name.equals(".") || name.equals("..")) {
            throw error(source, lineOf.get("name"), "field 'name' is not a valid topic name: " + name);
        }
        Optional<TopicRole> role = Optional.empty();
        if (values.containsKey("role")) {
            TopicRole parsed = TopicRole.fromKey(values.get("role"));
            if (parsed == null) {
                throw error(source, lineOf.get("role"), "field 'role' must be one of "
                        + java.util.Arrays.stream(TopicRole.values()).map(TopicRole::key).toList());
            }
            role = Optional.of(parsed);
        }
        int partitions = integer(source, lineOf, values, "partitions", null, 1, 100_000);
        int replication = integer(source, lineOf, values, "replication.factor", -1, -1, Short.MAX_VALUE);
        if (replication == 0) {
            throw error(source, lineOf.get("replication.factor"), "field 'replication.factor' must be -1 (cluster default) or at least 1");
        }
        return new TopicSpec(name, role, partitions, (short) replication, configs, source);
    }

    private static int integer(String source, Map<String, Integer> lineOf, Map<String, String> values,
                               String field, Integer defaultValue, int min, int max) {
        String raw = values.get(field);
        if (raw == null) {
            if (defaultValue == null) {
                throw new TopicSpecException(source + ": field '" + field + "' is missing");
            }
            return defaultValue;
        }
        int value;
        try {
            value = Integer.parseInt(raw);
        } catch (NumberFormatException e) {
            throw error(source, lineOf.get(field), "field '" + field + "' must be a whole number, got '" + raw + "'");
        }
        if (value < min || value > max) {
            throw error(source, lineOf.get(field), "field '" + field + "' must be between " + min + " and " + max + ", got " + value);
        }
        return value;
    }

    private static TopicSpecException error(String source, int line, String message) {
        return new TopicSpecException(source + ":" + line + ": " + message);
    }
}
