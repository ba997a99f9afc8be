package io.newswatch.alert;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One alert as one human-readable line: time, kind, entity, counts, top headline and source,
 * and the snippet with the matched words highlighted when writing to a terminal.
 */
public final class AlertFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";
    private static final int SNIPPET_CHARS = 140;

    private AlertFormat() {
    }

    public static String line(Alert alert, boolean ansi) {
        StringBuilder out = new StringBuilder();
        out.append(TIME.format(alert.windowEnd() == null ? alert.windowStart() : alert.kind().name().equals("MENTION")
                ? alert.windowStart() : alert.windowEnd()));
        out.append("  ").append(String.format(Locale.ROOT, "%-10s", alert.kind()));
        out.append(' ').append(alert.entityId());
        if (alert.coEntityId() != null) {
            out.append(" + ").append(alert.coEntityId());
        }
        out.append("  ").append(alert.articleCount()).append(alert.articleCount() == 1 ? " article" : " articles");
        if (alert.sourceCount() > 1) {
            out.append(" from ").append(alert.sourceCount()).append(" sources");
        }
        if (alert.score() != null) {
            out.append(String.format(Locale.ROOT, " (baseline %.1f, z %.1f)", alert.baseline(), alert.score()));
        }
        if (!alert.evidence().isEmpty()) {
            Alert.Evidence top = alert.evidence().get(0);
            if (top.title() != null) {
                out.append("  \"").append(shorten(top.title(), 80)).append('"');
            }
            if (top.source() != null) {
                out.append(" — ").append(top.source());
            }
            if (top.snippet() != null) {
                out.append("  | ").append(highlight(shorten(oneLine(top.snippet()), SNIPPET_CHARS), top.matched(), ansi));
            }
        }
        return out.toString();
    }

    private static String highlight(String snippet, String matched, boolean ansi) {
        if (!ansi || matched == null || matched.isEmpty()) {
            return snippet;
        }
        return snippet.replace(matched, BOLD + matched + RESET);
    }

    private static String oneLine(String s) {
        return s.replaceAll("\\s+", " ").strip();
    }

    private static String shorten(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max - 1) + "…";
    }
}
