package io.newswatch.monitor;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonSetter;
import com.fasterxml.jackson.annotation.Nulls;

import io.newswatch.alert.Alert;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * One watched entity found in one article: the value of every record on {@code news.mentions}
 * (key = entity id). Carries the hits' alias, offsets and snippet, the watchlist version
 * (offset of the newest watchlist record applied) it was matched under, the article's
 * {@code storyId}, and {@code firstInStory}: whether this is the first article of its story to
 * mention the entity — what counting by stories counts; and {@code backfill}: found by
 * {@code watchlist backfill} for an entity added after the article was read, not live.
 *
 * <p>Bounded by construction, whatever the article: at most {@value #MAX_HITS} hits (the first
 * ones in text order; {@code truncated} counts the hits left out), each with its text and snippet
 * cut to {@value MentionHit#MAX_TEXT_CHARS} and {@value MentionHit#MAX_SNIPPET_CHARS} characters.
 * The article's fields are bounded by the parser's limits.
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
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonSetter(nulls = Nulls.AS_EMPTY) int truncated,
        long watchlistVersion,
        @JsonInclude(JsonInclude.Include.NON_NULL) String storyId,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonSetter(nulls = Nulls.AS_EMPTY) boolean firstInStory,
        @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonSetter(nulls = Nulls.AS_EMPTY) boolean backfill) {

    /** Hits kept in one mention. */
    public static final int MAX_HITS = 100;

    public Mention {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(entityId, "entityId");
        if (hits.size() > MAX_HITS) {
            truncated += hits.size() - MAX_HITS;
            hits = hits.subList(0, MAX_HITS);
        }
        hits = List.copyOf(hits);
    }

    /** A live mention, not yet or already placed in its story. */
    public Mention(String articleId, String url, String title, String source, OffsetDateTime publishedAt, String entityId,
                   String entityName, List<MentionHit> hits, int truncated, long watchlistVersion, String storyId,
                   boolean firstInStory) {
        this(articleId, url, title, source, publishedAt, entityId, entityName, hits, truncated, watchlistVersion, storyId,
                firstInStory, false);
    }

    /** This mention placed in its story. */
    public Mention inStory(String story, boolean first) {
        return new Mention(articleId, url, title, source, publishedAt, entityId, entityName, hits, truncated,
                watchlistVersion, story, first, backfill);
    }

    /** This mention as found by backfill for an entity added after the article was read. */
    public Mention asBackfill() {
        return new Mention(articleId, url, title, source, publishedAt, entityId, entityName, hits, truncated,
                watchlistVersion, storyId, firstInStory, true);
    }

    /**
     * At most how many bytes this mention takes as JSON: every character of its strings escaped
     * to six bytes, plus the field names and numbers. Cheaper than writing it.
     */
    public long maxJsonBytes() {
        long chars = length(articleId) + length(url) + length(title) + length(source) + length(entityId) + length(entityName) + 64;
        for (MentionHit hit : hits) {
            chars += length(hit.field()) + length(hit.text()) + length(hit.alias()) + length(hit.snippet());
        }
        return 6 * chars + 512 + 160L * hits.size();
    }

    private static int length(String s) {
        return s == null ? 0 : s.length();
    }

    /** Every hit this mention stands for, kept or not. */
    public int hitCount() {
        return hits.size() + truncated;
    }

    /** This mention as one article behind an alert: its first hit's snippet and text. */
    public Alert.Evidence evidence(Instant at) {
        MentionHit first = hits.isEmpty() ? null : hits.get(0);
        return new Alert.Evidence(articleId, title, url, source, first == null ? null : first.snippet(),
                first == null ? null : first.text(), at, publishedAt);
    }

    /**
     * One occurrence: where in the article ({@code field} is {@code title} or {@code body}),
     * the text as written, the alias it matched, a snippet, whether it matched approximately and
     * which words of the alias the article paraphrased ({@code "substituted": {"Criminal":
     * "Wrongdoer"}}, only when approximate), and whether it is part of a hyphenated compound
     * ({@code "compound": true}, only when it is: {@code U.S.-led}), and {@code why} it counts in one
     * line ({@code "alias 'ICC', exact case, context 'judges' right after"}: {@code Hit#why}).
     * Offsets are exact; {@code text}, {@code snippet} and {@code why} end in {@code …} where they
     * were cut.
     */
    public record MentionHit(String field, int start, int end, String text, String alias, String snippet,
                             boolean approximate,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) @JsonSetter(nulls = Nulls.AS_EMPTY)
                             java.util.Map<String, String> substituted,
                             @JsonInclude(JsonInclude.Include.NON_DEFAULT) @JsonSetter(nulls = Nulls.AS_EMPTY) boolean compound,
                             @JsonInclude(JsonInclude.Include.NON_EMPTY) String why) {

        public static final int MAX_TEXT_CHARS = 200;
        public static final int MAX_SNIPPET_CHARS = 400;

        public MentionHit {
            text = cut(text, MAX_TEXT_CHARS);
            snippet = cut(snippet, MAX_SNIPPET_CHARS);
            why = why == null ? "" : cut(why, MAX_SNIPPET_CHARS);
            java.util.Map<String, String> words = new java.util.LinkedHashMap<>();
            if (substituted != null) {
                substituted.forEach((aliasWord, textWord) -> words.put(aliasWord, cut(textWord, MAX_TEXT_CHARS)));
            }
            substituted = java.util.Collections.unmodifiableMap(words);
        }

        /** An exact, standalone hit. */
        public MentionHit(String field, int start, int end, String text, String alias, String snippet) {
            this(field, start, end, text, alias, snippet, false, java.util.Map.of(), false, "");
        }

        private static String cut(String s, int max) {
            if (s == null || s.length() <= max) {
                return s;
            }
            int end = max - 1;
            if (Character.isHighSurrogate(s.charAt(end - 1))) {
                end--;
            }
            return s.substring(0, end) + "…";
        }
    }
}
