package io.newswatch.article;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;

import java.time.OffsetDateTime;

/**
 * One news article, the value of every record on {@code news.articles}.
 *
 * <p>{@code body} is required and must not be blank; everything else is optional. When {@code id}
 * is absent, {@link #withDerivedId()} gives the stable id of {@link ArticleIds}, so a re-sent
 * article keeps its id. Unknown JSON fields are ignored.
 */
public record Article(
        String id,
        String url,
        String source,
        String title,
        String body,
        String language,
        OffsetDateTime publishedAt) {

    @JsonCreator
    public Article(
            @JsonProperty("id") String id,
            @JsonProperty("url") String url,
            @JsonProperty("source") String source,
            @JsonProperty("title") String title,
            @JsonProperty("body") String body,
            @JsonProperty("language") String language,
            @JsonProperty("publishedAt") OffsetDateTime publishedAt) {
        if (body == null) {
            throw new IllegalArgumentException("field body: missing");
        }
        if (body.isBlank()) {
            throw new IllegalArgumentException("field body: blank");
        }
        this.id = blankToNull(id);
        this.url = blankToNull(url);
        this.source = blankToNull(source);
        this.title = blankToNull(title);
        this.body = body;
        this.language = blankToNull(language);
        this.publishedAt = publishedAt;
    }

    /** This article with its id filled in: the given one, else derived from URL or content. */
    public Article withDerivedId() {
        return id != null ? this : withId(ArticleIds.derive(url, title, body));
    }

    public Article withId(String newId) {
        return new Article(newId, url, source, title, body, language, publishedAt);
    }

    public Article withSource(String newSource) {
        return new Article(id, url, newSource, title, body, language, publishedAt);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
