package io.newswatch.monitor;

import io.newswatch.watchlist.AlertKind;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/** Deterministic alert ids: a hash of what the alert is about, so a re-run gives the same ids. */
final class AlertIds {

    private AlertIds() {
    }

    /** {@code kind} plus the parts that identify one alert of that kind (entity, window, article, pair). */
    static String of(AlertKind kind, String... parts) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            digest.update(kind.name().getBytes(StandardCharsets.UTF_8));
            for (String part : parts) {
                digest.update((byte) 0);
                digest.update(String.valueOf(part).getBytes(StandardCharsets.UTF_8));
            }
            return kind.name().toLowerCase(Locale.ROOT) + "-" + HexFormat.of().formatHex(digest.digest(), 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
