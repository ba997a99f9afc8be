package io.newswatch.ingest;

import io.newswatch.article.Article;

import java.io.PrintWriter;
import java.net.URI;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * From parsed records to sent articles: validates each draft (body present and within the size
 * limit), fills in source and id, reports and counts bad records, skips duplicates by id, and
 * hands the rest to the sink. One instance per run; not thread-safe.
 */
final class Pipeline {

    /** More bad records than this are counted, not printed one by one. */
    static final int MAX_REPORTED = 100;

    private final ArticleSink sink;
    private final String sourceOverride;
    private final long maxBodyBytes;
    private final PrintWriter err;
    private final Progress progress;
    private final Set<String> ids = new HashSet<>();
    private final Map<Reason, Long> rejected = new EnumMap<>(Reason.class);
    private long read;
    private long duplicates;
    private long seen;
    private long reported;

    Pipeline(ArticleSink sink, String sourceOverride, long maxBodyBytes, PrintWriter err, Progress progress) {
        this.sink = sink;
        this.sourceOverride = sourceOverride;
        this.maxBodyBytes = maxBodyBytes;
        this.err = err;
        this.progress = progress;
    }

    /** Either a valid article or the reason it is not one. */
    record Checked(Article article, Parsed.Bad bad) {
    }

    /** Validates a parsed record; does not count or send. */
    static Checked check(Parsed parsed, String sourceOverride, long maxBodyBytes) {
        if (parsed instanceof Parsed.Bad bad) {
            return new Checked(null, bad);
        }
        Parsed.Draft d = (Parsed.Draft) parsed;
        String title = d.title() == null ? null : HtmlText.collapse(d.title());
        boolean titled = title != null && !title.isBlank();
        if ((d.body() == null || d.body().isBlank()) && !titled) {
            // a headline alone is an article (whole feeds publish only titles); a record with neither is not
            return new Checked(null, new Parsed.Bad(d.where(), Reason.BLANK_BODY,
                    d.body() == null ? "no body and no title" : "the body is blank and there is no title"));
        }
        long bytes = d.body() == null ? 0 : utf8Length(d.body());
        if (bytes > maxBodyBytes) {
            return new Checked(null, new Parsed.Bad(d.where(), Reason.BODY_TOO_LARGE,
                    "the body is " + bytes + " bytes, over the limit of " + maxBodyBytes + " (--max-body-bytes)"));
        }
        String source = sourceOverride != null ? sourceOverride : d.source() != null ? d.source() : host(d.url());
        // surrounding blank lines (common in CSV exports) carry nothing and would shift every offset
        Article article = new Article(d.id(), d.url(), source, title, d.body() == null ? "" : d.body().strip(), d.language(), d.publishedAt())
                .withDerivedId();
        return new Checked(article, null);
    }

    /** Counts, validates and sends one record; {@code alreadySent} filters items sent by earlier polls. */
    Article accept(Parsed parsed, Predicate<String> alreadySent) {
        read++;
        Checked checked = check(parsed, sourceOverride, maxBodyBytes);
        Article sent = null;
        if (checked.bad() != null) {
            reject(checked.bad());
        } else if (alreadySent.test(checked.article().id())) {
            seen++;
        } else if (!ids.add(checked.article().id())) {
            duplicates++;
        } else {
            sink.send(checked.article());
            sent = checked.article();
        }
        progress.update(read, sink.delivered(), rejectedTotal());
        return sent;
    }

    /** Starts a new batch (one poll of one feed): duplicates are then judged within the batch only. */
    void newBatch() {
        ids.clear();
    }

    void reject(Parsed.Bad bad) {
        rejected.merge(bad.reason(), 1L, Long::sum);
        report(bad);
    }

    /** Prints one line for a bad record, up to {@link #MAX_REPORTED} of them. */
    void report(Parsed.Bad bad) {
        reported++;
        if (reported <= MAX_REPORTED) {
            progress.clear();
            err.println("rejected " + bad.describe());
        } else if (reported == MAX_REPORTED + 1) {
            progress.clear();
            err.println("more rejected records: counted in the summary, not listed");
        }
        err.flush();
    }

    long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    Map<String, Long> rejectedByReason() {
        Map<String, Long> out = new LinkedHashMap<>();
        rejected.forEach((reason, n) -> out.put(reason.key(), n));
        return out;
    }

    long read() {
        return read;
    }

    long duplicates() {
        return duplicates;
    }

    long seen() {
        return seen;
    }

    static long utf8Length(String s) {
        long n = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                n++;
            } else if (c < 0x800) {
                n += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                n += 4;
                i++;
            } else {
                n += 3;
            }
        }
        return n;
    }

    private static String host(String url) {
        if (url == null) {
            return null;
        }
        try {
            String host = new URI(url.strip()).getHost();
            return host == null ? null : host.toLowerCase(java.util.Locale.ROOT);
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }
}
