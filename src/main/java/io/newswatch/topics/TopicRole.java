package io.newswatch.topics;

import java.util.Locale;

/**
 * What a topic is for. Code refers to topics by role; their names come from {@code topics/}
 * (each file says {@code role = articles}, …), so no topic name is written anywhere else.
 */
public enum TopicRole {
    /** Incoming articles: key = article id, value = Article JSON. */
    ARTICLES,
    /** The live watchlist, compacted: key = entity id, value = WatchedEntity JSON, null = delete. */
    WATCHLIST,
    /** One record per (article, entity): key = entity id, value = Mention JSON. */
    MENTIONS,
    /** Default alert topic: key = entity id, value = Alert JSON. */
    ALERTS,
    /** Stories, compacted: key = story id, value = Story JSON, the newest record being the story now. */
    STORIES,
    /** Records that could not be processed, original bytes plus the reason in headers. */
    DLQ;

    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    static TopicRole fromKey(String key) {
        for (TopicRole role : values()) {
            if (role.key().equals(key)) {
                return role;
            }
        }
        return null;
    }
}
