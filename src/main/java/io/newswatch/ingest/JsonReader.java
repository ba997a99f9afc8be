package io.newswatch.ingest;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectReader;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.JsonErrors;

import java.io.BufferedReader;
import java.io.IOException;
import java.util.HashMap;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Article JSON: one object per line ({@code .jsonl}), or a document holding one object or an
 * array; a JSON Feed document is read as its items ({@link JsonFeedReader}).
 */
final class JsonReader {

    private static final ObjectReader TREE = Json.mapper().readerFor(JsonNode.class)
            .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private JsonReader() {
    }

    static void readLines(Input input, Consumer<Parsed> out) throws IOException {
        try (BufferedReader reader = new BufferedReader(ArticleReader.utf8(input.open()))) {
            long lineNumber = 0;
            String line;
            while ((line = reader.readLine()) != null) {
                lineNumber++;
                if (line.isBlank()) {
                    continue;
                }
                String where = input.name() + ":" + lineNumber;
                JsonNode node;
                try {
                    node = TREE.readValue(line);
                } catch (JsonProcessingException e) {
                    out.accept(new Parsed.Bad(where, Reason.INVALID_JSON, JsonErrors.describe(e)));
                    continue;
                }
                if (JsonFeedReader.isFeed(node)) {
                    JsonFeedReader.read(node, where, out);
                } else {
                    out.accept(fromNode(node, where));
                }
            }
        }
    }

    static void readDocument(Input input, Consumer<Parsed> out) throws IOException {
        try (JsonParser parser = Json.mapper().createParser(ArticleReader.utf8(input.open()))) {
            try {
                JsonToken first = parser.nextToken();
                if (first == JsonToken.START_ARRAY) {
                    while (parser.nextToken() != JsonToken.END_ARRAY) {
                        if (parser.currentToken() == null) {
                            throw new JsonEOFException(parser, null, "array not closed");
                        }
                        emit(input, parser, out);
                    }
                } else {
                    while (parser.currentToken() != null) {
                        emit(input, parser, out);
                        parser.nextToken();
                    }
                }
            } catch (JsonProcessingException e) {
                long line = e.getLocation() == null ? 0 : e.getLocation().getLineNr();
                out.accept(new Parsed.Bad(input.name() + ":" + line, Reason.INVALID_JSON, JsonErrors.describe(e)));
            }
        }
    }

    private static void emit(Input input, JsonParser parser, Consumer<Parsed> out) throws IOException {
        String where = input.name() + ":" + parser.currentLocation().getLineNr();
        JsonNode node = parser.readValueAsTree();
        if (JsonFeedReader.isFeed(node)) {
            JsonFeedReader.read(node, where, out);
        } else {
            out.accept(fromNode(node, where));
        }
    }

    static Parsed fromNode(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            return new Parsed.Bad(where, Reason.INVALID_RECORD, "not a JSON object");
        }
        Map<String, String> values = new HashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String name = Fields.normalise(field.getKey());
            JsonNode value = field.getValue();
            if (!isArticleField(name) || value.isNull()) {
                continue; // unknown fields are ignored, as the spec says
            }
            if (!value.isTextual() && !(value.isNumber() && Fields.ID.contains(name))) {
                return new Parsed.Bad(where, Reason.INVALID_RECORD,
                        "field " + field.getKey() + ": expected a string, got " + value.getNodeType().name().toLowerCase(java.util.Locale.ROOT));
            }
            values.put(name, value.asText());
        }
        try {
            return Fields.draft(values, where);
        } catch (IllegalArgumentException e) {
            return new Parsed.Bad(where, Reason.INVALID_RECORD, e.getMessage());
        }
    }

    private static boolean isArticleField(String name) {
        return Fields.ID.contains(name) || Fields.URL.contains(name) || Fields.SOURCE.contains(name)
                || Fields.TITLE.contains(name) || Fields.BODY.contains(name) || Fields.LANGUAGE.contains(name)
                || Fields.DATE.contains(name);
    }
}
