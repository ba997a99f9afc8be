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
    DLQ,
    /** Silences of {@code newswatch notify}, compacted: key = silence id, value = Silence JSON. */
    SILENCES,
    /** Alerts {@code notify} could not deliver after its retries: the alert plus receiver and error in headers. */
    NOTIFY_DLQ,
    /** Groups and digests of {@code notify} between flushes, compacted: key = receiver and group key. */
    NOTIFY_STATE,
    /** Where each watchlist version went live on each articles partition: key = partition, value = AppliedVersion JSON. */
    WATCHLIST_APPLIED,
    /** Articles matched by backfill for the story stage: key = article id, value = the monitor's matched-article form. */
    BACKFILL;

    /** The roles whose topics the monitor reads or writes, which must exist before it starts. */
    public static final java.util.Set<TopicRole> MONITOR = java.util.EnumSet.of(ARTICLES, WATCHLIST, MENTIONS, ALERTS, STORIES, DLQ,
            WATCHLIST_APPLIED, BACKFILL);

    public String key() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
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
