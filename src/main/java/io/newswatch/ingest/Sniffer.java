package io.newswatch.ingest;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Detects an input's format from its first bytes, because real inputs lie about it (a file
 * named {@code .atom} is often RSS 2.0, a {@code .xml} may be a web page). Markup is told apart
 * by its first element; JSON by its first character; CSV and plain text, which have no
 * signature, by extension and then by a header row naming a text or body column.
 */
final class Sniffer {

    static final int HEAD_BYTES = 8192;

    /** Extensions read when walking a directory; other files there are left alone. */
    static final Set<String> KNOWN_EXTENSIONS = Set.of(
            "jsonl", "ndjson", "json", "csv", "txt", "text", "xml", "rss", "rdf", "atom", "feed", "html", "htm", "xhtml");

    private static final Pattern FIRST_ELEMENT = Pattern.compile("<([A-Za-z][\\w.:-]*)");
    private static final Set<String> FEED_ROOTS = Set.of("rss", "rdf", "feed", "channel");
    /** A JSON Feed (often pretty-printed over many lines, so never JSON Lines) names its version first or early. */
    private static final Pattern JSON_FEED_VERSION = Pattern.compile("\"version\"\\s*:\\s*\"https://jsonfeed\\.org/version/");

    private Sniffer() {
    }

    static Format detect(byte[] head, String extension, String contentType) {
        String text = decode(head).stripLeading();
        if (text.startsWith("<")) {
            return markup(text, contentType);
        }
        if (text.startsWith("[")) {
            return Format.JSON;
        }
        if (text.startsWith("{")) {
            boolean jsonFeed = contentType != null && contentType.toLowerCase(Locale.ROOT).contains("feed+json")
                    || JSON_FEED_VERSION.matcher(text).find();
            return extension.equals("json") || jsonFeed ? Format.JSON : Format.JSONL;
        }
        if (extension.equals("csv") || (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("csv"))) {
            return Format.CSV;
        }
        if (extension.equals("txt") || extension.equals("text")) {
            return Format.TXT;
        }
        if (extension.startsWith("htm") || extension.equals("xhtml")) {
            return Format.HTML;
        }
        return looksLikeCsvHeader(text) ? Format.CSV : Format.TXT;
    }

    private static Format markup(String text, String contentType) {
        String s = text;
        // skip the prolog: <?xml …?>, comments, processing instructions, a doctype
        while (true) {
            if (s.startsWith("<?")) {
                s = after(s, "?>");
            } else if (s.startsWith("<!--")) {
                s = after(s, "-->");
            } else if (s.regionMatches(true, 0, "<!doctype", 0, 9)) {
                if (s.regionMatches(true, 9, " html", 0, 5)) {
                    return Format.HTML;
                }
                s = after(s, ">");
            } else {
                break;
            }
            s = s.stripLeading();
        }
        Matcher m = FIRST_ELEMENT.matcher(s);
        if (m.lookingAt()) {
            String name = m.group(1).toLowerCase(Locale.ROOT);
            String local = name.substring(name.indexOf(':') + 1);
            if (FEED_ROOTS.contains(local)) {
                return Format.RSS;
            }
            if (local.equals("html") || local.equals("head") || local.equals("body")) {
                return Format.HTML;
            }
        }
        if (contentType != null && contentType.toLowerCase(Locale.ROOT).contains("html")) {
            return Format.HTML;
        }
        String lower = s.toLowerCase(Locale.ROOT);
        return lower.contains("<html") || lower.contains("<body") || lower.contains("<p>") || lower.contains("<div")
                ? Format.HTML : Format.RSS;
    }

    private static String after(String s, String end) {
        int i = s.indexOf(end);
        return i < 0 ? "" : s.substring(i + end.length());
    }

    private static boolean looksLikeCsvHeader(String text) {
        String first = text.lines().findFirst().orElse("").toLowerCase(Locale.ROOT);
        if (!first.contains(",")) {
            return false;
        }
        for (String column : first.split(",")) {
            String name = Fields.normalise(column);
            if (Fields.BODY.contains(name)) {
                return true;
            }
        }
        return false;
    }

    private static String decode(byte[] head) {
        int start = head.length >= 3 && (head[0] & 0xff) == 0xEF && (head[1] & 0xff) == 0xBB && (head[2] & 0xff) == 0xBF ? 3 : 0;
        if (head.length >= 2 && ((head[0] & 0xff) == 0xFE && (head[1] & 0xff) == 0xFF)) {
            return new String(head, 2, head.length - 2, StandardCharsets.UTF_16BE);
        }
        if (head.length >= 2 && ((head[0] & 0xff) == 0xFF && (head[1] & 0xff) == 0xFE)) {
            return new String(head, 2, head.length - 2, StandardCharsets.UTF_16LE);
        }
        return new String(head, start, head.length - start, StandardCharsets.UTF_8);
    }
}
