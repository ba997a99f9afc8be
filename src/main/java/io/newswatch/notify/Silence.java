package io.newswatch.notify;

import io.newswatch.alert.Alert;
import io.newswatch.watchlist.AlertKind;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A silence: while it is active, {@code newswatch notify} does not deliver the alerts it matches.
 * The value of a record of the silences topic (compacted, key = {@link #id}); a silence expired
 * early is written again with its new end, so the topic keeps the latest version of each.
 *
 * <pre>{@code
 * {"id":"s-1f2e3d4c","entityId":"icc","kind":"SPIKE","startsAt":"2026-03-01T10:00:00Z",
 *  "endsAt":"2026-03-01T14:00:00Z","comment":"hearing today, spikes expected","createdBy":"alice",
 *  "createdAt":"2026-03-01T10:00:00Z"}
 * }</pre>
 *
 * <p>Matchers: at least one of {@code entityId}, {@code tag} and {@code kind} is set, and an alert
 * is matched when every matcher that is set holds ({@link #matches}). Active from {@code startsAt}
 * (inclusive) until {@code endsAt} (exclusive). {@code createdBy} and {@code createdAt} may be
 * absent (a silence written by another program); everything else is required. Strings are
 * stripped; a blank one is refused, as is an end before the start.
 *
 * @param id        the record key: short, e.g. {@code s-1f2e3d4c}
 * @param entityId  matches an alert about this entity, also as the co-mentioned one; or null
 * @param tag       matches an alert whose entity has this tag (exact, case-sensitive); or null
 * @param kind      matches an alert of this kind; or null
 * @param comment   why: shown by {@code silence list}
 * @param createdBy who, or null
 * @param createdAt when it was written, or null
 */
public record Silence(String id, String entityId, String tag, AlertKind kind, Instant startsAt, Instant endsAt,
                      String comment, String createdBy, Instant createdAt) {

    /** Longest id, entity id, tag and author, in characters. */
    public static final int MAX_NAME_CHARS = 64;
    /** Longest comment, in characters. */
    public static final int MAX_COMMENT_CHARS = 1_000;

    public Silence {
        id = text("id", Objects.requireNonNull(id, "id"), MAX_NAME_CHARS);
        entityId = entityId == null ? null : text("entityId", entityId, MAX_NAME_CHARS);
        tag = tag == null ? null : text("tag", tag, MAX_NAME_CHARS);
        if (entityId == null && tag == null && kind == null) {
            throw new IllegalArgumentException("a silence needs at least one matcher: entityId, tag or kind");
        }
        Objects.requireNonNull(startsAt, "startsAt");
        Objects.requireNonNull(endsAt, "endsAt");
        if (endsAt.isBefore(startsAt)) {
            throw new IllegalArgumentException("endsAt is before startsAt");
        }
        comment = text("comment", Objects.requireNonNull(comment, "comment"), MAX_COMMENT_CHARS);
        createdBy = createdBy == null ? null : text("createdBy", createdBy, MAX_NAME_CHARS);
    }

    /** Whether every matcher that is set holds for {@code alert}. */
    public boolean matches(Alert alert) {
        return (entityId == null || entityId.equals(alert.entityId()) || entityId.equals(alert.coEntityId()))
                && (tag == null || alert.tags().contains(tag))
                && (kind == null || kind == alert.kind());
    }

    /** Whether the silence is in force at {@code t}: {@code startsAt <= t < endsAt}. */
    public boolean activeAt(Instant t) {
        return !t.isBefore(startsAt) && t.isBefore(endsAt);
    }

    /**
     * This silence ended at {@code now}: a silence not started yet gets an empty window at
     * {@code now}, so it never becomes active.
     */
    public Silence expiredAt(Instant now) {
        Instant start = startsAt.isAfter(now) ? now : startsAt;
        return new Silence(id, entityId, tag, kind, start, now, comment, createdBy, createdAt);
    }

    /** The matchers as {@code entity=icc tag=asia kind=SPIKE}, those that are set, in that order. */
    public String describeMatchers() {
        List<String> parts = new ArrayList<>(3);
        if (entityId != null) {
            parts.add("entity=" + entityId);
        }
        if (tag != null) {
            parts.add("tag=" + tag);
        }
        if (kind != null) {
            parts.add("kind=" + kind);
        }
        return String.join(" ", parts);
    }

    /** Stripped, not blank, not longer than {@code max} code points; the message names the field only. */
    private static String text(String field, String value, int max) {
        String s = value.strip();
        if (s.isEmpty()) {
            throw new IllegalArgumentException(field + " is blank");
        }
        int chars = s.codePointCount(0, s.length());
        if (chars > max) {
            throw new IllegalArgumentException(field + ": " + chars + " characters, at most " + max);
        }
        return s;
    }
}
