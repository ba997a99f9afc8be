package io.newswatch.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.article.Article;
import io.newswatch.kafka.Json;
import io.newswatch.match.EntityMentions;
import io.newswatch.match.Hit;
import io.newswatch.match.Matcher;
import io.newswatch.text.Printable;
import io.newswatch.watchlist.AlertKind;
import io.newswatch.watchlist.WatchedEntity;

import java.io.PrintWriter;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * {@code match --topic}: a watchlist over the articles already on a topic, as a preview before
 * it goes live: per entity the articles and mentions it finds, a few of them, the MENTION alerts
 * it would have raised, and, against the live watchlist, the articles it adds and loses. Writes
 * nothing anywhere.
 */
final class TopicPreview {

    /** Articles shown per entity. */
    static final int SAMPLES = 3;

    /** One entity's count. */
    private static final class Tally {
        final WatchedEntity entity;
        int articles;
        int mentions;
        int added;
        int lost;
        final List<String[]> samples = new ArrayList<>(SAMPLES);

        Tally(WatchedEntity entity) {
            this.entity = entity;
        }
    }

    private final Matcher matcher;
    private final Matcher live;
    private final Set<String> only;
    private final Map<String, Tally> tallies = new LinkedHashMap<>();

    /**
     * @param matcher the watchlist to try
     * @param live    the live watchlist to compare with, or null when {@code matcher} is it
     * @param only    entity ids to report, or empty for all
     */
    TopicPreview(Matcher matcher, Matcher live, Set<String> only) {
        this.matcher = matcher;
        this.live = live;
        this.only = only;
        for (WatchedEntity e : matcher.entities()) {
            if (only.isEmpty() || only.contains(e.id())) {
                tallies.put(e.id(), new Tally(e));
            }
        }
    }

    void add(Article article) {
        Set<String> found = new HashSet<>();
        for (EntityMentions m : matcher.match(article)) {
            found.add(m.id());
            Tally t = tallies.get(m.id());
            if (t == null) {
                continue;
            }
            t.articles++;
            t.mentions += m.count();
            if (t.samples.size() < SAMPLES) {
                Hit h = m.hits().get(0);
                t.samples.add(new String[] {article.id(), article.title() == null ? "" : article.title(),
                        article.source() == null ? "" : article.source(), h.text(), h.snippet()});
            }
        }
        if (live == null) {
            return;
        }
        Set<String> liveFound = new HashSet<>();
        for (EntityMentions m : live.match(article)) {
            liveFound.add(m.id());
        }
        for (String id : found) {
            if (!liveFound.contains(id) && tallies.containsKey(id)) {
                tallies.get(id).added++;
            }
        }
        for (String id : liveFound) {
            if (!found.contains(id) && tallies.containsKey(id)) {
                tallies.get(id).lost++;
            }
        }
    }

    void print(PrintWriter out, String topic, Instant since, TopicArticles.Summary read, boolean json) {
        if (json) {
            for (Tally t : tallies.values()) {
                ObjectNode o = Json.mapper().createObjectNode();
                o.put("entity", t.entity.id());
                o.put("name", t.entity.name());
                o.put("articles", t.articles);
                o.put("mentions", t.mentions);
                o.put("mentionAlerts", t.entity.alerts().kinds().contains(AlertKind.MENTION) ? t.articles : 0);
                if (live != null) {
                    o.put("added", t.added);
                    o.put("lost", t.lost);
                }
                var samples = o.putArray("samples");
                for (String[] s : t.samples) {
                    samples.addObject().put("article", s[0]).put("title", s[1]).put("source", s[2]).put("text", s[3])
                            .put("snippet", s[4]);
                }
                out.println(o);
            }
            out.flush();
            return;
        }
        Map<Integer, long[]> offsets = new TreeMap<>(read.offsets());
        StringBuilder ranges = new StringBuilder();
        offsets.forEach((p, r) -> ranges.append(ranges.length() == 0 ? "" : ", ").append(p).append(':').append(r[0]).append('-').append(r[1]));
        out.printf(Locale.ROOT, "%s since %s: %,d %s read (%,d duplicate %s, %,d skipped), partition:offsets %s; nothing written%n",
                topic, since, read.articles(), read.articles() == 1 ? "article" : "articles", read.duplicates(),
                read.duplicates() == 1 ? "id" : "ids", read.skipped(), ranges);
        int shown = 0;
        for (Tally t : tallies.values()) {
            if (t.articles == 0 && t.lost == 0 && only.isEmpty()) {
                continue;
            }
            shown++;
            StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "  %s [%s]: %,d %s, %,d %s",
                    Printable.line(t.entity.name()), Printable.line(t.entity.id()), t.articles, t.articles == 1 ? "article" : "articles",
                    t.mentions, t.mentions == 1 ? "mention" : "mentions"));
            if (t.entity.alerts().kinds().contains(AlertKind.MENTION) && t.articles > 0) {
                line.append(String.format(Locale.ROOT, "; MENTION alerts on %,d", t.articles));
            }
            if (live != null) {
                line.append(String.format(Locale.ROOT, "; against the live watchlist: +%,d, −%,d %s", t.added, t.lost,
                        t.lost == 1 ? "article" : "articles"));
            }
            out.println(line);
            for (String[] s : t.samples) {
                out.printf(Locale.ROOT, "    %s%s: %s  | %s%n", Printable.line(s[1].isEmpty() ? s[0] : "\"" + s[1] + "\""),
                        s[2].isEmpty() ? "" : " — " + Printable.line(s[2]), Printable.line(s[3]), Printable.line(s[4]));
            }
        }
        if (shown == 0) {
            out.println("  no entity found");
        }
        out.flush();
    }
}
