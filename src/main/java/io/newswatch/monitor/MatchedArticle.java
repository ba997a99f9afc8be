package io.newswatch.monitor;

import io.newswatch.story.Sketch;
import io.newswatch.story.Story;

import java.net.URI;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;

/**
 * What matching made of one article, on its way to the story stage: the article without its body,
 * one {@link Mention} per watched entity found, and the article's {@link Sketch} (as bytes) — all
 * the story index needs, so the body does not travel through the story topic.
 */
record MatchedArticle(String articleId, String url, String title, String source, OffsetDateTime publishedAt,
                      byte[] sketchBytes, List<Mention> mentions, long watchlistVersion, Backfill backfill) {

    /** How an article came: read live, or by backfill — and then whether live matching already placed it in a story. */
    enum Backfill {
        NO,
        /** Backfilled; live matching found none of the entities then watched in it. */
        NEW_TO_STORIES,
        /** Backfilled; live matching found other entities in it, so it is a member of its story already. */
        IN_STORY_ALREADY
    }

    MatchedArticle {
        Objects.requireNonNull(articleId, "articleId");
        Objects.requireNonNull(sketchBytes, "sketchBytes");
        mentions = List.copyOf(mentions);
        backfill = backfill == null ? Backfill.NO : backfill;
        for (Mention m : mentions) {
            if (!m.articleId().equals(articleId) || m.storyId() != null) {
                throw new IllegalArgumentException("a matched article carries its own mentions, not yet in a story");
            }
        }
    }

    MatchedArticle(String articleId, String url, String title, String source, OffsetDateTime publishedAt, Sketch sketch,
                   List<Mention> mentions, long watchlistVersion) {
        this(articleId, url, title, source, publishedAt, sketch.toBytes(), mentions, watchlistVersion, Backfill.NO);
    }

    boolean backfilled() {
        return backfill != Backfill.NO;
    }

    Sketch sketch() {
        return Sketch.fromBytes(sketchBytes);
    }

    /** The article as a story member at {@code ts}: its outlet is its source, else its URL's host. */
    Story.Member member(long ts) {
        return new Story.Member(articleId, title, url, outlet(),
                publishedAt == null ? Instant.ofEpochMilli(ts) : publishedAt.toInstant());
    }

    private String outlet() {
        if (source != null || url == null) {
            return source;
        }
        try {
            String host = URI.create(url).getHost();
            return host == null ? null : host.startsWith("www.") ? host.substring(4) : host;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
