package io.newswatch.match;

import java.util.Objects;

/**
 * Why a candidate mention of an entity counted, or why it did not: what
 * {@code newswatch match --explain} prints. Candidates are the places where an alias's words
 * occur (whatever their case) or, for an approximate alias, where one of its words does.
 *
 * @param entityId the entity
 * @param field    title or body
 * @param start    offset of the candidate's first character in the title or body
 * @param end      offset after its last character
 * @param text     the candidate as written
 * @param alias    the alias it is a candidate of
 * @param counts   whether it is a hit
 * @param why      one line: for a hit, the alias and its case rule, the paraphrased words, the
 *                 context term that satisfied the rule and where, compound and possessive; for a
 *                 near-miss, the rule that rejected it
 */
public record Decision(String entityId, Hit.Field field, int start, int end, String text, String alias, boolean counts,
                       String why) {

    public Decision {
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(why, "why");
    }
}
