package io.newswatch.alert;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;
import io.newswatch.watchlist.AlertKind;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * An alert: the value of every record on the alert topics (key = entity id).
 *
 * <p>{@code alertId} is deterministic (the same input gives the same id), so consumers can drop
 * duplicates. {@code windowStart}/{@code windowEnd} bound the articles counted; for MENTION both
 * are the article's timestamp. {@code baseline} and {@code score} are set for SPIKE only;
 * {@code coEntityId}/{@code coEntityName} for CO_MENTION only (its first pair; {@code pairs} lists
 * them all). {@code storyId} names the story a MENTION, SPREAD or CO_MENTION is about;
 * {@code articleCount} and {@code storyCount} count the articles and the distinct stories behind
 * the alert, {@code sources} their outlets. {@code backfill} marks an alert fired by an article
 * {@code watchlist backfill} brought in for an entity added after the article was read.
 */
public record Alert(
        String alertId,
        AlertKind kind,
        String entityId,
        String entityName,
        String coEntityId,
        String coEntityName,
        Instant windowStart,
        Instant windowEnd,
        int articleCount,
        List<String> sources,
        Double baseline,
        Double score,
        List<Evidence> evidence,
        List<String> tags,
        long watchlistVersion,
        @JsonInclude(JsonInclude.Include.NON_NULL) String storyId,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonSetter(nulls = Nulls.AS_EMPTY) int storyCount,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<Pair> pairs,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonSetter(nulls = Nulls.AS_EMPTY) boolean backfill) {

    public Alert {
        Objects.requireNonNull(alertId, "alertId");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(entityId, "entityId");
        sources = sources == null ? List.of() : List.copyOf(sources);
        evidence = evidence == null ? List.of() : List.copyOf(evidence);
        tags = tags == null ? List.of() : List.copyOf(tags);
        pairs = pairs == null ? List.of() : List.copyOf(pairs);
    }

    /** A live alert. */
    public Alert(String alertId, AlertKind kind, String entityId, String entityName, String coEntityId, String coEntityName,
                 Instant windowStart, Instant windowEnd, int articleCount, List<String> sources, Double baseline, Double score,
                 List<Evidence> evidence, List<String> tags, long watchlistVersion, String storyId, int storyCount,
                 List<Pair> pairs) {
        this(alertId, kind, entityId, entityName, coEntityId, coEntityName, windowStart, windowEnd, articleCount, sources,
                baseline, score, evidence, tags, watchlistVersion, storyId, storyCount, pairs, false);
    }

    /** This alert as fired by an article backfill brought in: same id as live processing would have given it. */
    public Alert asBackfill() {
        return new Alert(alertId, kind, entityId, entityName, coEntityId, coEntityName, windowStart, windowEnd, articleCount,
                sources, baseline, score, evidence, tags, watchlistVersion, storyId, storyCount, pairs, true);
    }

    /** Number of distinct sources among the articles counted. */
    public int sourceCount() {
        return sources.size();
    }

    /** Two watched entities a story brings together, counted in the CO_MENTION window starting at {@code windowStart}. */
    public record Pair(String entityId, String entityName, String coEntityId, String coEntityName, Instant windowStart) {
    }

    /**
     * An article behind an alert; {@code matched} is the entity's name as written in it,
     * {@code timestamp} the article's time on the articles topic, {@code publishedAt} its
     * publication time where the article gave one.
     */
    public record Evidence(String articleId, String title, String url, String source, String snippet, String matched,
                           Instant timestamp, java.time.OffsetDateTime publishedAt) {

        /** Evidence without a publication time. */
        public Evidence(String articleId, String title, String url, String source, String snippet, String matched, Instant timestamp) {
            this(articleId, title, url, source, snippet, matched, timestamp, null);
        }
    }
}
