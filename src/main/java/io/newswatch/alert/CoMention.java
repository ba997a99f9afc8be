package io.newswatch.alert;

import java.time.Instant;
import java.util.Objects;

/**
 * Two watched entities found in one article. {@code entityId} is the one whose alert settings
 * ask for CO_MENTION alerts; the record is keyed by {@link #pairKey()} so that every occurrence of
 * a pair meets in one place.
 */
public record CoMention(String entityId, String coEntityId, String articleId, String title, String url,
                        String source, String snippet, String matched, Instant timestamp, long watchlistVersion) {

    public CoMention {
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(coEntityId, "coEntityId");
        Objects.requireNonNull(articleId, "articleId");
    }

    public String pairKey() {
        return entityId + "+" + coEntityId;
    }
}
