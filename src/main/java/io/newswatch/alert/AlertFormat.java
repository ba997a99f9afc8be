package io.newswatch.alert;

import io.newswatch.text.Printable;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * One alert as one human-readable line: time, kind, entity, counts, top headline and source,
 * and the snippet with the matched words highlighted when writing to a terminal.
 *
 * <p>Every string taken from the alert passes through {@link Printable#line(String)} first: titles,
 * sources and snippets are written by publishers, and a line break or an escape sequence in them
 * must not forge an alert line or drive the terminal. The only escape sequences of a line are the
 * highlight's own.
 */
public final class AlertFormat {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);
    /** The publication time as the article gave it, in its own offset. */
    private static final DateTimeFormatter PUBLISHED = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mmxxx");
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";
    private static final int SNIPPET_CHARS = 140;

    private AlertFormat() {
    }

    public static String line(Alert alert, boolean ansi) {
        StringBuilder out = new StringBuilder();
        out.append(TIME.format(alert.windowStart()));
        out.append("  ").append(String.format(Locale.ROOT, "%-10s", alert.kind()));
        out.append(' ').append(Printable.line(alert.entityId()));
        if (alert.coEntityId() != null) {
            out.append(" + ").append(Printable.line(alert.coEntityId()));
        }
        if (alert.pairs().size() > 1) {
            int more = alert.pairs().size() - 1;
            out.append(" and ").append(more).append(more == 1 ? " more pair" : " more pairs");
        }
        out.append("  ");
        if (alert.storyCount() > 0 && alert.storyCount() < alert.articleCount()) {
            out.append(alert.storyCount()).append(alert.storyCount() == 1 ? " story, " : " stories, ");
        }
        out.append(alert.articleCount()).append(alert.articleCount() == 1 ? " article" : " articles");
        if (alert.sourceCount() > 1) {
            out.append(" from ").append(alert.sourceCount()).append(" sources");
        }
        if (alert.windowEnd() != null && alert.windowEnd().isAfter(alert.windowStart())) {
            out.append(" in ").append(Duration.between(alert.windowStart(), alert.windowEnd()).toString()
                    .substring(2).toLowerCase(Locale.ROOT));
        }
        if (alert.score() != null) {
            out.append(String.format(Locale.ROOT, " (baseline %.1f, z %.1f)", alert.baseline(), alert.score()));
        }
        if (alert.backfill()) {
            out.append(" [backfill]");
        }
        if (!alert.evidence().isEmpty()) {
            Alert.Evidence top = alert.evidence().get(0);
            if (top.title() != null) {
                out.append("  \"").append(Printable.line(shorten(top.title(), 80))).append('"');
            }
            if (top.source() != null) {
                out.append(" — ").append(Printable.line(top.source()));
            }
            if (top.publishedAt() != null) {
                out.append(", published ").append(PUBLISHED.format(top.publishedAt()));
            }
            if (top.snippet() != null) {
                String snippet = Printable.line(shorten(oneLine(top.snippet()), SNIPPET_CHARS));
                out.append("  | ").append(highlight(snippet, Printable.line(top.matched()), ansi));
            }
            if (top.url() != null) {
                out.append("  ").append(Printable.line(top.url()));
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
        if (s.length() <= max) {
            return s;
        }
        int end = Character.isHighSurrogate(s.charAt(max - 2)) ? max - 2 : max - 1;
        return s.substring(0, end) + "…";
    }
}
