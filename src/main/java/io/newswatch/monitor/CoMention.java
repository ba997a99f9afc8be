package io.newswatch.monitor;

import io.newswatch.alert.Alert;

import java.util.Objects;

/**
 * Two watched entities found in one article, on their way to the CO_MENTION rule. {@code entityId}
 * is the one whose alert settings ask for CO_MENTION alerts and {@code evidence} is its first hit;
 * the record is keyed by {@link #pairKey()} so that every occurrence of a pair meets in one task.
 */
record CoMention(String entityId, String coEntityId, Alert.Evidence evidence, long watchlistVersion) {

    CoMention {
        Objects.requireNonNull(entityId, "entityId");
        Objects.requireNonNull(coEntityId, "coEntityId");
        Objects.requireNonNull(evidence, "evidence");
    }

    String pairKey() {
        return entityId + "+" + coEntityId;
    }
}
