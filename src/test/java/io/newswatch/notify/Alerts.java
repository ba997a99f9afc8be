package io.newswatch.notify;

import io.newswatch.alert.Alert;
import io.newswatch.watchlist.AlertKind;

import java.time.Instant;
import java.util.List;

/** Alerts for notify's tests. */
final class Alerts {

    private Alerts() {
    }

    static Alert alert(String id, AlertKind kind, String entity, String... tags) {
        Instant t = Instant.parse("2026-12-06T10:00:00Z");
        return new Alert(id, kind, entity, entity.toUpperCase(java.util.Locale.ROOT), null, null, t, t, 1, List.of("Wire"),
                null, null, List.of(new Alert.Evidence("a-" + id, "Headline <" + id + ">", "https://news.example/" + id, "Wire",
                "A snippet about " + entity + " & more", entity, t)), List.of(tags), 7, null, 0, List.of());
    }
}
