package io.newswatch.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The Grafana dashboards under {@code grafana/dashboards}, read the way the tests need them: every
 * panel query (found by walking the JSON, so rows, nested panels and panels added later are all
 * included), the template variables, and Grafana's variable substitution.
 */
final class Dashboards {

    /** Maven runs tests from the project root. */
    static final Path DIR = Path.of("grafana", "dashboards");

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern LABEL_VALUES = Pattern.compile("^\\s*label_values\\((?:(.+),\\s*)?(\\w+)\\s*\\)\\s*$");

    /** One target of one panel. */
    record Query(String dashboard, String panel, String refId, String expr) {
        @Override
        public String toString() {
            return dashboard + " / " + panel + " / " + refId + ": " + expr;
        }
    }

    /** A {@code label_values(selector, label)} template variable. */
    record Variable(String name, String selector, String label, boolean multi) {
    }

    private Dashboards() {
    }

    static List<Path> files() {
        try (Stream<Path> files = Files.list(DIR)) {
            return files.filter(f -> f.getFileName().toString().endsWith(".json")).sorted(Comparator.naturalOrder()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static JsonNode read(Path file) {
        try {
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read dashboard " + file, e);
        }
    }

    /** Every panel target with an {@code expr}, wherever the panel sits in the JSON. */
    static List<Query> queries(Path file) {
        JsonNode dashboard = read(file);
        List<Query> out = new ArrayList<>();
        collect(file.getFileName().toString(), dashboard.path("panels"), out);
        return out;
    }

    private static void collect(String dashboard, JsonNode node, List<Query> out) {
        if (node.isObject()) {
            if (node.path("targets").isArray()) {
                String panel = node.path("title").asText("panel " + node.path("id").asText());
                for (JsonNode target : node.path("targets")) {
                    if (target.has("expr")) {
                        out.add(new Query(dashboard, panel, target.path("refId").asText(), target.path("expr").asText()));
                    }
                }
            }
            node.fields().forEachRemaining(e -> {
                if (!e.getKey().equals("targets")) {
                    collect(dashboard, e.getValue(), out);
                }
            });
        } else if (node.isArray()) {
            node.forEach(child -> collect(dashboard, child, out));
        }
    }

    /** The dashboard's template variables, in the order Grafana resolves them. */
    static List<Variable> variables(Path file) {
        List<Variable> out = new ArrayList<>();
        for (JsonNode v : read(file).path("templating").path("list")) {
            JsonNode query = v.path("query");
            String text = query.isObject() ? query.path("query").asText() : query.asText();
            Matcher m = LABEL_VALUES.matcher(text);
            if (!m.matches()) {
                throw new IllegalArgumentException(file + ": variable " + v.path("name").asText()
                        + " is not a label_values(selector, label) query: " + text);
            }
            out.add(new Variable(v.path("name").asText(), m.group(1), m.group(2),
                    v.path("multi").asBoolean() || v.path("includeAll").asBoolean()));
        }
        return out;
    }

    /**
     * Replaces {@code $name}, {@code ${name}} and {@code ${name:format}} with the given values,
     * longest names first so that {@code $__rate_interval} is not read as {@code $__rate}.
     */
    static String substitute(String expr, Map<String, String> values) {
        String out = expr;
        List<String> names = values.keySet().stream().sorted(Comparator.comparingInt(String::length).reversed()).toList();
        for (String name : names) {
            String value = Matcher.quoteReplacement(values.get(name));
            out = out.replaceAll("\\$\\{" + Pattern.quote(name) + "(?::[^}]*)?}", value)
                    .replaceAll("\\$" + Pattern.quote(name) + "(?![\\w])", value);
        }
        return out;
    }

    /**
     * What Grafana puts in a PromQL regex matcher for a variable: one value as is, several (the
     * "All" selection) as {@code (a|b)} with regex characters escaped for a PromQL string.
     */
    static String regexValue(List<String> values) {
        if (values.size() == 1) {
            return escape(values.get(0));
        }
        return "(" + String.join("|", values.stream().map(Dashboards::escape).toList()) + ")";
    }

    private static String escape(String value) {
        return value.replaceAll("([\\\\^$.|?*+()\\[\\]{}])", "\\\\\\\\$1");
    }
}
