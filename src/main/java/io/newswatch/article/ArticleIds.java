package io.newswatch.article;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Stable article ids. An article without an id gets one derived from its canonical URL (scheme
 * and host lower-cased, default port, fragment and tracking parameters dropped), else from its
 * title and body, so re-sending the same article gives the same id and the same record key.
 */
public final class ArticleIds {

    private static final Set<String> TRACKING_PARAMS = Set.of(
            "fbclid", "gclid", "dclid", "msclkid", "mc_cid", "mc_eid", "igshid", "_ga", "ref_src", "cmpid", "ocid",
            "yclid", "gbraid", "wbraid", "_hsenc", "_hsmi", "mkt_tok");

    private ArticleIds() {
    }

    public static String derive(String url, String title, String body) {
        if (url != null && !url.isBlank()) {
            return "u-" + sha256Hex(canonicalUrl(url)).substring(0, 32);
        }
        String content = (title == null ? "" : title.strip()) + "\n" + (body == null ? "" : body.strip());
        return "c-" + sha256Hex(content).substring(0, 32);
    }

    /**
     * The id of an article known by a key that is unique only within a scope: a feed item's guid
     * (often {@code 1234} or a {@code tag:} URI) within its feed.
     */
    public static String fromKey(String scope, String key) {
        return "k-" + sha256Hex((scope == null ? "" : scope.strip()) + "\n" + key.strip()).substring(0, 32);
    }

    /** The URL as used for identity: {@code HTTPS://Example.com:443/a?utm_source=x#top} → {@code https://example.com/a}. */
    public static String canonicalUrl(String url) {
        String trimmed = url.strip();
        URI uri;
        try {
            uri = new URI(trimmed);
        } catch (URISyntaxException e) {
            return trimmed;
        }
        if (uri.getScheme() == null || uri.getRawAuthority() == null) {
            return trimmed;
        }
        String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
        String host = uri.getHost() == null ? uri.getRawAuthority().toLowerCase(Locale.ROOT)
                : uri.getHost().toLowerCase(Locale.ROOT);
        int port = uri.getPort();
        boolean defaultPort = port == -1 || (scheme.equals("http") && port == 80) || (scheme.equals("https") && port == 443);
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        StringBuilder out = new StringBuilder(scheme).append("://").append(host);
        if (!defaultPort) {
            out.append(':').append(port);
        }
        out.append(path);
        String query = keptQuery(uri.getRawQuery());
        if (!query.isEmpty()) {
            out.append('?').append(query);
        }
        return out.toString();
    }

    private static String keptQuery(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return "";
        }
        List<String> kept = new ArrayList<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String name = pair.split("=", 2)[0].toLowerCase(Locale.ROOT);
            if (!name.startsWith("utm_") && !TRACKING_PARAMS.contains(name)) {
                kept.add(pair);
            }
        }
        kept.sort(null);
        return String.join("&", kept);
    }

    static String sha256Hex(String s) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            return HexFormat.of().formatHex(digest.digest(s.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required by every JVM", e);
        }
    }
}
