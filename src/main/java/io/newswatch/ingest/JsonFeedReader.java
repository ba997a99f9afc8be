package io.newswatch.ingest;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.article.ArticleIds;

import java.time.OffsetDateTime;
import java.util.function.Consumer;

/**
 * JSON Feed, version 1 and 1.1 ({@code application/feed+json}, jsonfeed.org): a JSON object with
 * a {@code version} URL and {@code items}. Each item is an article: {@code url} (else
 * {@code external_url}), {@code title}, {@code content_text} (else the text of
 * {@code content_html}, else {@code summary}), {@code date_published} (else
 * {@code date_modified}), {@code language} (1.1; else the feed's); the feed's {@code title} is
 * the source, as for RSS. An item without URL gets an id from its {@code id}, scoped to the feed.
 */
final class JsonFeedReader {

    private static final String VERSION_PREFIX = "https://jsonfeed.org/version/";

    private JsonFeedReader() {
    }

    /** Whether a parsed JSON document is a JSON Feed rather than article records. */
    static boolean isFeed(JsonNode node) {
        return node != null && node.isObject() && node.path("version").asText("").startsWith(VERSION_PREFIX)
                && node.has("items");
    }

    static void read(JsonNode feed, String where, Consumer<Parsed> out) {
        JsonNode items = feed.path("items");
        if (!items.isArray()) {
            out.accept(new Parsed.Bad(where, Reason.INVALID_RECORD, "JSON Feed: items is not a list"));
            return;
        }
        String source = text(feed, "title");
        String feedLanguage = text(feed, "language");
        String scope = first(text(feed, "feed_url"), text(feed, "home_page_url"), source, where);
        for (int i = 0; i < items.size(); i++) {
            JsonNode item = items.get(i);
            String at = where + " (item " + (i + 1) + ")";
            if (!item.isObject()) {
                out.accept(new Parsed.Bad(at, Reason.INVALID_RECORD, "JSON Feed item: not a JSON object"));
                continue;
            }
            String url = first(text(item, "url"), text(item, "external_url"));
            String itemId = text(item, "id");
            String id = url == null && itemId != null ? ArticleIds.fromKey(scope, itemId) : null;
            String html = text(item, "content_html");
            String body = first(text(item, "content_text"), html == null ? null : HtmlText.fromFragment(html), text(item, "summary"));
            String title = text(item, "title");
            OffsetDateTime date;
            try {
                date = date(first(text(item, "date_published"), text(item, "date_modified")));
            } catch (IllegalArgumentException e) {
                out.accept(new Parsed.Bad(at, Reason.INVALID_RECORD, "JSON Feed item: date_published: " + e.getMessage()));
                continue;
            }
            out.accept(new Parsed.Draft(id, url, source == null ? null : HtmlText.inline(source),
                    title == null ? null : HtmlText.inline(title), body, first(text(item, "language"), feedLanguage), date, at));
        }
    }

    private static OffsetDateTime date(String text) {
        return text == null ? null : Dates.parse(text);
    }

    private static String text(JsonNode node, String field) {
        JsonNode v = node.get(field);
        return v == null || !v.isTextual() || v.asText().isBlank() ? null : v.asText();
    }

    private static String first(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v;
            }
        }
        return null;
    }
}
