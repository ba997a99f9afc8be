package io.newswatch.watchlist;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLGenerator;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.JsonErrors;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Watchlist files: a JSON array ({@code .json}), JSON Lines ({@code .jsonl}, {@code .ndjson}: one
 * entity per line) or YAML ({@code .yaml}, {@code .yml}: a list of entities, or a map with an
 * {@code entities} list). The format comes from the extension; for any other name it is sniffed
 * from the content ({@code [} JSON array, <code>{</code> JSON Lines, else YAML).
 *
 * <p>Loading reports every problem of the file at once in a {@link WatchlistException}, each
 * prefixed with the file, line and entry number, e.g.
 * {@code watchlist.yaml:14 (entry 3): entity 'x y': id must match ...}. A repeated id is an
 * error. Syntax errors stop at the first one, with its line and column.
 */
public final class WatchlistFiles {

    /** The starter watchlist inside the jar; see {@link #starter()}. */
    public static final String STARTER_RESOURCE = "/io/newswatch/watchlist/starter.yaml";

    private static final ObjectMapper YAML = YAMLMapper.builder()
            .addModule(new JavaTimeModule())
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(YAMLGenerator.Feature.WRITE_DOC_START_MARKER)
            .enable(YAMLGenerator.Feature.MINIMIZE_QUOTES)
            .enable(YAMLGenerator.Feature.INDENT_ARRAYS_WITH_INDICATOR)
            .build();

    /** File formats. */
    public enum Format {
        JSON, JSON_LINES, YAML;

        /** The format named by the file's extension, or null if the extension says nothing. */
        public static Format byExtension(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".json")) {
                return JSON;
            }
            if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
                return JSON_LINES;
            }
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return YAML;
            }
            return null;
        }

        /** Guess from the first non-blank character. */
        public static Format sniff(byte[] content) {
            for (byte b : content) {
                if (b == '[') {
                    return JSON;
                }
                if (b == '{') {
                    return JSON_LINES;
                }
                if (!Character.isWhitespace(b) && b != (byte) 0xEF && b != (byte) 0xBB && b != (byte) 0xBF) {
                    return YAML;
                }
            }
            return YAML;
        }
    }

    private WatchlistFiles() {
    }

    /**
     * Reads a watchlist file.
     *
     * @throws WatchlistException listing every problem with file and line
     * @throws IOException        if the file cannot be read
     */
    public static List<WatchedEntity> load(Path file) throws IOException {
        return load(file, Set.of());
    }

    /**
     * Reads a watchlist file, also refusing every entity whose {@code alerts.topic} is one of
     * {@code forbiddenAlertTopics} (the program's own topics that are not alert topics).
     *
     * @throws WatchlistException listing every problem with file and line
     * @throws IOException        if the file cannot be read
     */
    public static List<WatchedEntity> load(Path file, Set<String> forbiddenAlertTopics) throws IOException {
        byte[] content = Files.readAllBytes(file);
        Format format = Format.byExtension(file);
        if (format == null || format == Format.JSON && Format.sniff(content) == Format.JSON_LINES) {
            format = Format.sniff(content);
        }
        return read(content, format, file.toString(), forbiddenAlertTopics);
    }

    /** Reads a watchlist from bytes; {@code source} names it in messages. */
    public static List<WatchedEntity> read(byte[] content, Format format, String source) {
        return read(content, format, source, Set.of());
    }

    private static List<WatchedEntity> read(byte[] content, Format format, String source, Set<String> forbiddenAlertTopics) {
        List<Entry> entries = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            switch (format) {
                case JSON_LINES -> readLines(content, entries);
                case JSON -> readSequence(Json.mapper(), content, entries, source, problems);
                case YAML -> readSequence(YAML, content, entries, source, problems);
            }
        } catch (JsonProcessingException e) {
            String where = e.getLocation() == null ? "" : ":" + e.getLocation().getLineNr() + ":" + e.getLocation().getColumnNr();
            throw new WatchlistException(source + where + ": " + firstLine(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<WatchedEntity> out = new ArrayList<>(entries.size());
        Map<String, Entry> seen = new HashMap<>();
        for (Entry entry : entries) {
            String where = source + ":" + entry.line + " (entry " + entry.index + ")";
            if (entry.syntaxError != null) {
                problems.add(where + ": " + entry.syntaxError);
                continue;
            }
            try {
                WatchedEntity e = EntityCodec.fromTree(entry.node, forbiddenAlertTopics);
                Entry first = seen.putIfAbsent(e.id(), entry);
                if (first != null) {
                    problems.add(where + ": duplicate id '" + e.id() + "' (first at line " + first.line + ")");
                } else {
                    out.add(e);
                }
            } catch (InvalidEntityException ex) {
                problems.add(where + ": " + ex.getMessage());
            }
        }
        if (!problems.isEmpty()) {
            throw new WatchlistException(problems);
        }
        return List.copyOf(out);
    }

    /** Reads a watchlist from a stream in the given format. */
    public static List<WatchedEntity> read(InputStream in, Format format, String source) throws IOException {
        return read(in.readAllBytes(), format, source);
    }

    /**
     * One entity from JSON (a record value of {@code news.watchlist}, a kcat line, a CLI argument).
     *
     * @throws InvalidEntityException listing every problem, or saying the JSON is malformed
     */
    public static WatchedEntity parse(byte[] json) {
        return parse(json, Set.of());
    }

    /**
     * As {@link #parse(byte[])}, also refusing an {@code alerts.topic} that is one of
     * {@code forbiddenAlertTopics} (the program's own topics that are not alert topics).
     */
    public static WatchedEntity parse(byte[] json, Set<String> forbiddenAlertTopics) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new InvalidEntityException(null, List.of("not valid JSON: " + JsonErrors.describe(e)));
        }
        return EntityCodec.fromTree(node, forbiddenAlertTopics);
    }

    /** {@link #parse(byte[])} of a string. */
    public static WatchedEntity parse(String json) {
        return parse(json.getBytes(StandardCharsets.UTF_8));
    }

    /** One entity as compact JSON, the form written to {@code news.watchlist}. */
    public static String toJson(WatchedEntity entity) {
        try {
            return Json.mapper().writeValueAsString(EntityCodec.toTree(entity));
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Writes a watchlist file in the format of its extension (YAML for an unknown one). */
    public static void save(Path file, Collection<WatchedEntity> entities) throws IOException {
        Format format = Format.byExtension(file);
        try (OutputStream out = Files.newOutputStream(file)) {
            write(out, format == null ? Format.YAML : format, entities);
        }
    }

    /** Writes a watchlist; loading it again gives equal entities. */
    public static void write(OutputStream out, Format format, Collection<WatchedEntity> entities) throws IOException {
        switch (format) {
            case JSON_LINES -> {
                for (WatchedEntity e : entities) {
                    out.write(toJson(e).getBytes(StandardCharsets.UTF_8));
                    out.write('\n');
                }
            }
            case JSON -> {
                ArrayNode arr = Json.mapper().createArrayNode();
                entities.forEach(e -> arr.add(EntityCodec.toTree(e)));
                out.write(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsBytes(arr));
                out.write('\n');
            }
            case YAML -> {
                ArrayNode arr = YAML.createArrayNode();
                entities.forEach(e -> arr.add(EntityCodec.toTree(e)));
                out.write(YAML.writeValueAsBytes(arr));
            }
        }
        out.flush();
    }

    /**
     * The starter watchlist shipped with the program (the demo uses it): {@code icc},
     * {@code rosatom}, {@code myanmar}, {@code min-aung-hlaing}, {@code putin} and more of the same
     * news world. Each entity is documented in the resource {@value #STARTER_RESOURCE}.
     */
    public static List<WatchedEntity> starter() {
        try (InputStream in = WatchlistFiles.class.getResourceAsStream(STARTER_RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("starter watchlist missing from the class path: " + STARTER_RESOURCE);
            }
            return read(in, Format.YAML, "starter.yaml");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private record Entry(int line, int index, JsonNode node, String syntaxError) {
    }

    private static void readLines(byte[] content, List<Entry> entries) throws IOException {
        try (BufferedReader r = new BufferedReader(new InputStreamReader(new ByteArrayInputStream(content), StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            int index = 0;
            while ((line = r.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                index++;
                try {
                    entries.add(new Entry(lineNo, index, Json.mapper().readTree(line), null));
                } catch (JsonProcessingException e) {
                    entries.add(new Entry(lineNo, index, null, "not valid JSON: " + firstLine(e.getOriginalMessage())));
                }
            }
        }
    }

    private static void readSequence(ObjectMapper mapper, byte[] content, List<Entry> entries,
                                     String source, List<String> problems) throws IOException {
        try (JsonParser p = mapper.createParser(content)) {
            JsonToken t = p.nextToken();
            if (t == null) {
                return; // empty file: empty watchlist
            }
            if (t == JsonToken.START_OBJECT) {
                // a map holding an "entities" list (room for other keys later)
                boolean found = false;
                while ((t = p.nextToken()) == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    p.nextToken();
                    if (name.equals("entities")) {
                        found = true;
                        break;
                    }
                    p.skipChildren();
                }
                if (!found) {
                    throw new WatchlistException(source + ": expected a list of entities, or a map with an 'entities' list");
                }
                t = p.currentToken();
                if (t == JsonToken.VALUE_NULL) {
                    return;
                }
            }
            if (t != JsonToken.START_ARRAY) {
                throw new WatchlistException(source + ":" + p.currentTokenLocation().getLineNr()
                        + ": expected a list of entities");
            }
            int index = 0;
            while ((t = p.nextToken()) != JsonToken.END_ARRAY && t != null) {
                index++;
                int line = p.currentTokenLocation().getLineNr();
                JsonNode node = mapper.readTree(p);
                entries.add(new Entry(line, index, node, null));
            }
        }
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
