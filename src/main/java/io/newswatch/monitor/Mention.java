package io.newswatch.monitor;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One watched entity found in one article: the value of every record on {@code news.mentions}
 * (key = entity id). Carries every hit's alias, offsets and snippet, and the watchlist version
 * (offset of the newest watchlist record applied) it was matched under.
 */
public record Mention(
        String articleId,
        String url,
        String title,
        String source,
        OffsetDateTime publishedAt,
        String entityId,
        String entityName,
        List<MentionHit> hits,
        long watchlistVersion) {

    public Mention {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(entityId, "entityId");
        hits = List.copyOf(hits);
    }

    /**
     * One occurrence: where in the article ({@code field} is {@code title} or {@code body}),
     * the text as written, the alias it matched, a snippet, and whether it matched approximately.
     */
    public record MentionHit(String field, int start, int end, String text, String alias, String snippet,
                             boolean approximate) {
    }
}
