package io.newswatch.ingest;

import java.time.OffsetDateTime;
import java.util.Locale;
import java.util.Map;
import java.util.List;

/**
 * The names under which JSON fields and CSV columns are taken as Article fields. Names are
 * compared lower-cased without punctuation, so {@code published_at}, {@code publishedAt} and
 * {@code Published At} are one name.
 */
final class Fields {

    static final List<String> ID = List.of("id", "articleid", "guid");
    static final List<String> URL = List.of("url", "link", "href");
    static final List<String> SOURCE = List.of("source", "site", "publisher", "agency");
    static final List<String> TITLE = List.of("title", "headline");
    static final List<String> BODY = List.of("body", "text", "content", "articlebody");
    static final List<String> LANGUAGE = List.of("language", "lang");
    static final List<String> DATE = List.of("publishedat", "date", "published", "pubdate", "datepublished", "datetime");

    private Fields() {
    }

    static String normalise(String name) {
        StringBuilder b = new StringBuilder();
        for (char c : name.strip().toLowerCase(Locale.ROOT).toCharArray()) {
            if (Character.isLetterOrDigit(c)) {
                b.append(c);
            }
        }
        return b.toString();
    }

    /**
     * A draft from named values (nulls allowed). The first name present wins, in the order listed. Throws {@link IllegalArgumentException} naming the field when a
     * date does not parse.
     */
    static Parsed.Draft draft(Map<String, String> byNormalisedName, String where) {
        String date = pick(byNormalisedName, DATE, "publishedat");
        OffsetDateTime publishedAt;
        try {
            publishedAt = Dates.parse(date);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("field publishedAt: " + e.getMessage());
        }
        return new Parsed.Draft(
                pick(byNormalisedName, ID, "id"),
                pick(byNormalisedName, URL, "url"),
                pick(byNormalisedName, SOURCE, "source"),
                pick(byNormalisedName, TITLE, "title"),
                pick(byNormalisedName, BODY, "body"),
                pick(byNormalisedName, LANGUAGE, "language"),
                publishedAt,
                where);
    }

    /** The first non-blank value, else a blank one (so "blank" can be told from "missing"), else null. */
    private static String pick(Map<String, String> values, List<String> names, String preferred) {
        String v = values.get(preferred);
        if (v != null && !v.isBlank()) {
            return v;
        }
        String blank = v;
        for (String name : names) {
            v = values.get(name);
            if (v != null && !v.isBlank()) {
                return v;
            }
            blank = blank != null ? blank : v;
        }
        return blank;
    }
}
