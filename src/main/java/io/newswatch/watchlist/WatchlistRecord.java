package io.newswatch.watchlist;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.kafka.Json;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * One record of the watchlist topic, decoded by the rules that the monitor and the
 * {@code watchlist} command both apply, so that they always agree on what is live:
 *
 * <ul>
 *   <li>a record without a key (or with an empty one) is {@link Rejected rejected} as
 *       {@link Reason#MISSING_KEY} and changes nothing;</li>
 *   <li>a null value {@link Remove removes} the entity of its key;</li>
 *   <li>a value that is not a valid entity ({@link Reason#INVALID_ENTITY}), whose entity id differs
 *       from the key ({@link Reason#KEY_MISMATCH}), or whose {@code alerts.topic} is one of the
 *       program's own topics that are not alert topics ({@link Reason#FORBIDDEN_ALERT_TOPIC}) is
 *       rejected, and its key has no live entity afterwards: the newest record of a key decides,
 *       as compaction keeps only the newest;</li>
 *   <li>anything else {@link Put puts} the entity.</li>
 * </ul>
 *
 * <pre>{@code
 * WatchlistRecord r = WatchlistRecord.decode(record.key(), record.value(), forbiddenAlertTopics);
 * if (r instanceof WatchlistRecord.Put put) { ... put.entity() ... }
 * else if (r instanceof WatchlistRecord.Remove remove) { ... remove.id() ... }
 * else if (r instanceof WatchlistRecord.Rejected rejected) { log(rejected.describe("news.watchlist/0@7")); }
 * }</pre>
 *
 * A rejection's detail is one line that never quotes the record's content: it names fields, not
 * their values.
 */
public sealed interface WatchlistRecord permits WatchlistRecord.Put, WatchlistRecord.Remove, WatchlistRecord.Rejected {

    /** Why a record was not applied; {@link #key()} is the {@code reason} tag of the metric. */
    enum Reason {
        /** No entity id in the record key. */
        MISSING_KEY,
        /** The value is not JSON, not an object, or not a valid entity. */
        INVALID_ENTITY,
        /** The entity id in the value differs from the record key. */
        KEY_MISMATCH,
        /** {@code alerts.topic} names one of the program's own topics that is not an alert topic. */
        FORBIDDEN_ALERT_TOPIC;

        /** {@code missing-key}, {@code invalid-entity}, {@code key-mismatch}, {@code forbidden-alert-topic}. */
        public String key() {
            return name().toLowerCase(Locale.ROOT).replace('_', '-');
        }
    }

    /** The entity to add or replace under its id (which equals the record key). */
    record Put(WatchedEntity entity) implements WatchlistRecord {
        public Put {
            Objects.requireNonNull(entity, "entity");
        }
    }

    /** A tombstone: the entity with this id is removed. */
    record Remove(String id) implements WatchlistRecord {
        public Remove {
            Objects.requireNonNull(id, "id");
        }
    }

    /**
     * A record that is not applied.
     *
     * @param key    the record key: the id that has no live entity after this record; null only
     *               for {@link Reason#MISSING_KEY}
     * @param reason why
     * @param detail one line saying what is wrong, never quoting the record's content
     */
    record Rejected(String key, Reason reason, String detail) implements WatchlistRecord {
        public Rejected {
            Objects.requireNonNull(reason, "reason");
            Objects.requireNonNull(detail, "detail");
            if ((key == null) != (reason == Reason.MISSING_KEY)) {
                throw new IllegalArgumentException("a key is required unless the reason is " + Reason.MISSING_KEY.key());
            }
        }

        /**
         * The line the monitor logs and the command prints, e.g.
         * {@code skipped watchlist record at news.watchlist/0@7: key-mismatch: the entity id in the value differs from the record key}.
         *
         * @param where the record's coordinates, {@code topic/partition@offset}
         */
        public String describe(String where) {
            return "skipped watchlist record at " + where + ": " + reason.key() + ": " + detail;
        }
    }

    /**
     * Decodes one record of the watchlist topic.
     *
     * @param key                  the record key (UTF-8 entity id), possibly null
     * @param value                the record value (entity JSON), null for a tombstone
     * @param forbiddenAlertTopics the program's own topics that are not alert topics
     */
    static WatchlistRecord decode(byte[] key, byte[] value, Set<String> forbiddenAlertTopics) {
        if (key == null || key.length == 0) {
            return new Rejected(null, Reason.MISSING_KEY, "no entity id in the record key");
        }
        String id = new String(key, StandardCharsets.UTF_8);
        if (value == null) {
            return new Remove(id);
        }
        if (value.length == 0) {
            return new Rejected(id, Reason.INVALID_ENTITY, "empty value");
        }
        JsonNode node;
        try {
            node = Json.mapper().readTree(value);
        } catch (JsonProcessingException e) {
            return new Rejected(id, Reason.INVALID_ENTITY, "not valid JSON" + (e.getLocation() == null ? ""
                    : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")"));
        } catch (IOException e) {
            return new Rejected(id, Reason.INVALID_ENTITY, "not valid JSON");
        }
        if (node == null || !node.isObject()) {
            return new Rejected(id, Reason.INVALID_ENTITY, "the value is " + EntityCodec.kind(node) + ", not an entity object");
        }
        WatchedEntity entity;
        try {
            entity = EntityCodec.fromTree(node);
        } catch (InvalidEntityException e) {
            return new Rejected(id, Reason.INVALID_ENTITY, e.fieldSummary());
        }
        if (!entity.id().equals(id)) {
            return new Rejected(id, Reason.KEY_MISMATCH, "the entity id in the value differs from the record key");
        }
        String topic = entity.alerts().topic();
        if (topic != null && forbiddenAlertTopics.contains(topic)) {
            // the topic is one of the program's own names, not content of the record
            return new Rejected(id, Reason.FORBIDDEN_ALERT_TOPIC, EntityCodec.forbiddenAlertTopic(topic));
        }
        return new Put(entity);
    }
}
