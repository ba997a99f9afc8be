package io.newswatch.api;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.alert.Alert;
import io.newswatch.monitor.LiveWatchlist;
import io.newswatch.monitor.StoryRef;
import io.newswatch.watchlist.AlertKind;
import io.newswatch.watchlist.Alias;
import io.newswatch.watchlist.WatchedEntity;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The web console's pages, rendered on the server so they read without JavaScript: the alert
 * inbox, an entity's page and the watchlist. {@code console.js} adds the live updates (server-sent
 * events), the counts chart (uPlot) and the watchlist forms' writes through the API.
 */
final class Console {

    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm'Z'").withZone(ZoneOffset.UTC);

    private Console() {
    }

    static String inbox(List<Alert> alerts, String entity, String kind, String tag, boolean partial, LiveWatchlist watchlist) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>Alert inbox</h1>\n");
        body.append("<form class=\"filters\" method=\"get\" action=\"/\" role=\"search\">\n");
        body.append("<label>Entity <select name=\"entity\" id=\"filter-entity\"><option value=\"\">all</option>");
        List<WatchedEntity> entities = sorted(watchlist);
        for (WatchedEntity e : entities) {
            body.append("<option value=\"").append(Http.html(e.id())).append('"').append(e.id().equals(entity) ? " selected" : "")
                    .append('>').append(Http.html(e.name())).append("</option>");
        }
        body.append("</select></label>\n<label>Kind <select name=\"kind\" id=\"filter-kind\"><option value=\"\">all</option>");
        for (AlertKind k : AlertKind.values()) {
            body.append("<option").append(k.name().equals(kind) ? " selected" : "").append('>').append(k.name()).append("</option>");
        }
        body.append("</select></label>\n<label>Tag <input name=\"tag\" id=\"filter-tag\" value=\"").append(Http.html(tag))
                .append("\" size=\"12\"></label>\n<button type=\"submit\">Filter</button>\n</form>\n");
        if (partial) {
            body.append("<p class=\"warning\" role=\"status\">Partial: an instance of the monitor could not be asked.</p>\n");
        }
        body.append("<p class=\"live\" role=\"status\" aria-live=\"polite\" id=\"live-status\">New alerts appear here as they arrive.</p>\n");
        body.append("<table id=\"alerts\"><caption>Latest alerts, newest first</caption>\n<thead><tr><th scope=\"col\">Time</th>"
                + "<th scope=\"col\">Kind</th><th scope=\"col\">Entity</th><th scope=\"col\">Articles</th><th scope=\"col\">Article</th></tr></thead>\n<tbody>\n");
        for (Alert a : alerts) {
            body.append(alertRow(a));
        }
        body.append("</tbody></table>\n");
        if (alerts.isEmpty()) {
            body.append("<p id=\"no-alerts\">No alerts yet.</p>\n");
        }
        return page("Alert inbox", "inbox", body.toString());
    }

    /** One row of the inbox; {@code console.js} renders new ones the same way. */
    static String alertRow(Alert a) {
        Alert.Evidence top = a.evidence().isEmpty() ? null : a.evidence().get(0);
        StringBuilder row = new StringBuilder("<tr data-alert-id=\"").append(Http.html(a.alertId())).append("\">");
        row.append("<td><time datetime=\"").append(a.windowStart()).append("\">").append(TIME.format(a.windowStart())).append("</time></td>");
        row.append("<td>").append(a.kind()).append(a.backfill() ? " <span class=\"tag\">backfill</span>" : "").append("</td>");
        row.append("<td><a href=\"/entities/").append(Http.url(a.entityId())).append("\">").append(Http.html(a.entityName()))
                .append("</a>");
        if (a.coEntityId() != null) {
            row.append(" + <a href=\"/entities/").append(Http.url(a.coEntityId())).append("\">").append(Http.html(a.coEntityName()))
                    .append("</a>");
        }
        row.append("</td><td>").append(a.articleCount()).append("</td><td>");
        if (top != null) {
            String title = top.title() == null ? top.articleId() : top.title();
            if (top.url() != null && (top.url().startsWith("https://") || top.url().startsWith("http://"))) {
                row.append("<a href=\"").append(Http.html(top.url())).append("\" rel=\"noopener noreferrer\">").append(Http.html(title))
                        .append("</a>");
            } else {
                row.append(Http.html(title));
            }
            if (top.source() != null) {
                row.append(" <span class=\"source\">— ").append(Http.html(top.source())).append("</span>");
            }
        }
        return row.append("</td></tr>\n").toString();
    }

    static String entity(WatchedEntity e, JsonNode definition, List<StoryRef> stories, List<Alert> alerts, List<CountSeries.Point> days) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>").append(Http.html(e.name())).append(" <small>").append(Http.html(e.id())).append("</small></h1>\n");
        body.append("<section aria-labelledby=\"counts-h\"><h2 id=\"counts-h\">Articles and stories naming it</h2>\n");
        body.append("<div id=\"chart\" data-entity=\"").append(Http.html(e.id())).append("\" role=\"img\" aria-label=\"Articles and stories per hour, last 7 days\"></div>\n");
        body.append("<table id=\"daily-counts\"><caption>Last 7 days</caption><thead><tr><th scope=\"col\">Day</th><th scope=\"col\">Articles</th>"
                + "<th scope=\"col\">Stories</th></tr></thead><tbody>\n");
        for (CountSeries.Point p : days) {
            body.append("<tr><td>").append(p.start().toString(), 0, 10).append("</td><td>").append(p.articles()).append("</td><td>")
                    .append(p.stories()).append("</td></tr>\n");
        }
        body.append("</tbody></table></section>\n");
        body.append("<section aria-labelledby=\"stories-h\"><h2 id=\"stories-h\">Latest stories</h2>\n<ul id=\"stories\">\n");
        for (StoryRef s : stories) {
            body.append("<li>");
            if (s.url() != null && (s.url().startsWith("https://") || s.url().startsWith("http://"))) {
                body.append("<a href=\"").append(Http.html(s.url())).append("\" rel=\"noopener noreferrer\">").append(Http.html(s.title()))
                        .append("</a>");
            } else {
                body.append(Http.html(s.title()));
            }
            body.append(" — ").append(s.articles()).append(s.articles() == 1 ? " article" : " articles");
            if (!s.outlets().isEmpty()) {
                body.append(" from ").append(Http.html(String.join(", ", s.outlets())));
            }
            body.append(", latest <time datetime=\"").append(s.latest()).append("\">").append(TIME.format(s.latest())).append("</time></li>\n");
        }
        body.append("</ul>\n").append(stories.isEmpty() ? "<p>No stories yet.</p>\n" : "").append("</section>\n");
        body.append("<section aria-labelledby=\"alerts-h\"><h2 id=\"alerts-h\">Alerts</h2>\n<table id=\"alerts\"><thead><tr><th scope=\"col\">Time</th>"
                + "<th scope=\"col\">Kind</th><th scope=\"col\">Entity</th><th scope=\"col\">Articles</th><th scope=\"col\">Article</th></tr></thead><tbody>\n");
        alerts.forEach(a -> body.append(alertRow(a)));
        body.append("</tbody></table></section>\n");
        body.append("<section aria-labelledby=\"def-h\"><h2 id=\"def-h\">Definition</h2>\n<pre id=\"definition\">")
                .append(Http.html(definition.toPrettyString())).append("</pre>\n<p><a href=\"/watchlist?edit=").append(Http.url(e.id()))
                .append("\">Edit in the watchlist</a></p></section>\n");
        return page(e.name(), "entity", body.toString());
    }

    static String watchlist(LiveWatchlist watchlist, WatchedEntity editing, boolean writesEnabled) {
        StringBuilder body = new StringBuilder();
        body.append("<h1>Watchlist <small>version ").append(watchlist.current().version()).append("</small></h1>\n");
        body.append("<table id=\"watchlist\"><thead><tr><th scope=\"col\">Entity</th><th scope=\"col\">Aliases</th>"
                + "<th scope=\"col\">Tags</th><th scope=\"col\">Alerts</th><th scope=\"col\"><span class=\"sr-only\">Actions</span></th></tr></thead><tbody>\n");
        for (WatchedEntity e : sorted(watchlist)) {
            body.append("<tr data-entity=\"").append(Http.html(e.id())).append("\"><td><a href=\"/entities/").append(Http.url(e.id()))
                    .append("\">").append(Http.html(e.name())).append("</a> <small>").append(Http.html(e.id())).append("</small></td><td>")
                    .append(Http.html(e.aliases().stream().map(Alias::text).collect(Collectors.joining(", "))))
                    .append("</td><td>").append(Http.html(String.join(", ", e.tags()))).append("</td><td>")
                    .append(e.alerts().kinds().stream().map(Enum::name).sorted().collect(Collectors.joining(", ")))
                    .append("</td><td><a href=\"/watchlist?edit=").append(Http.url(e.id())).append("\">Edit</a> ")
                    .append("<button type=\"button\" class=\"remove\" data-entity=\"").append(Http.html(e.id()))
                    .append("\">Remove</button></td></tr>\n");
        }
        body.append("</tbody></table>\n");
        WatchedEntity e = editing;
        body.append("<h2 id=\"form-h\">").append(e == null ? "Add an entity" : "Edit " + Http.html(e.id())).append("</h2>\n");
        if (!writesEnabled) {
            body.append("<p class=\"warning\">Writes are disabled: start the monitor with an API token.</p>\n");
        }
        body.append("<form id=\"entity-form\" aria-labelledby=\"form-h\" novalidate>\n");
        field(body, "id", "Id", e == null ? "" : e.id(), "lower case: letters, digits, . _ -");
        field(body, "name", "Name", e == null ? "" : e.name(), null);
        body.append("<p><label for=\"f-aliases\">Aliases, one per line</label><br><textarea id=\"f-aliases\" name=\"aliases\" rows=\"3\" cols=\"40\">")
                .append(e == null ? "" : Http.html(e.aliases().stream().map(Alias::text).collect(Collectors.joining("\n"))))
                .append("</textarea></p>\n");
        field(body, "query", "Query", e == null || e.query() == null ? "" : e.query().text(), "optional: (A OR B) AND C NOT D");
        field(body, "tags", "Tags, comma-separated", e == null ? "" : String.join(", ", e.tags()), null);
        body.append("<fieldset><legend>Alerts</legend>");
        for (AlertKind k : AlertKind.values()) {
            boolean on = e == null ? k == AlertKind.MENTION : e.alerts().enabled(k);
            body.append("<label><input type=\"checkbox\" name=\"kinds\" value=\"").append(k.name()).append('"').append(on ? " checked" : "")
                    .append("> ").append(k.name()).append("</label> ");
        }
        body.append("</fieldset>\n");
        body.append("<p><label for=\"f-token\">API token</label><br><input id=\"f-token\" name=\"token\" type=\"password\" autocomplete=\"off\" size=\"30\"></p>\n");
        body.append("<div id=\"form-error\" role=\"alert\" class=\"error\" hidden></div>\n");
        body.append("<div id=\"form-done\" role=\"status\" hidden></div>\n");
        body.append("<p><button type=\"submit\" id=\"save\">Save</button> <a href=\"/watchlist\">New</a></p>\n</form>\n");
        body.append("<noscript><p>Saving needs JavaScript (the form sends the entity to the API with the token); reading does not.</p></noscript>\n");
        return page("Watchlist", "watchlist", body.toString());
    }

    private static void field(StringBuilder body, String name, String label, String value, String hint) {
        body.append("<p><label for=\"f-").append(name).append("\">").append(label).append("</label><br><input id=\"f-").append(name)
                .append("\" name=\"").append(name).append("\" value=\"").append(Http.html(value)).append("\" size=\"40\"");
        if (hint != null) {
            body.append(" aria-describedby=\"h-").append(name).append("\"");
        }
        body.append(">");
        if (hint != null) {
            body.append(" <small id=\"h-").append(name).append("\">").append(Http.html(hint)).append("</small>");
        }
        body.append("</p>\n");
    }

    static String notFound(String what) {
        return page("Not found", "", "<h1>Not found</h1>\n<p>" + Http.html(what) + "</p>\n<p><a href=\"/\">Alert inbox</a></p>\n");
    }

    private static List<WatchedEntity> sorted(LiveWatchlist watchlist) {
        List<WatchedEntity> all = new ArrayList<>(watchlist.current().matcher().entities());
        all.sort(Comparator.comparing(WatchedEntity::name, String.CASE_INSENSITIVE_ORDER));
        return all;
    }

    private static String page(String title, String current, String main) {
        Map<String, String> nav = Map.of("inbox", "/", "watchlist", "/watchlist");
        StringBuilder out = new StringBuilder("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
                .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n<title>")
                .append(Http.html(title)).append(" — newswatch</title>\n")
                .append("<link rel=\"stylesheet\" href=\"/assets/console.css\">\n<link rel=\"stylesheet\" href=\"/assets/uPlot.min.css\">\n")
                .append("</head>\n<body data-page=\"").append(current).append("\">\n<a class=\"sr-only\" href=\"#main\">Skip to content</a>\n")
                .append("<header><nav aria-label=\"Console\"><strong>newswatch</strong> ");
        for (String page : List.of("inbox", "watchlist")) {
            out.append("<a href=\"").append(nav.get(page)).append('"').append(page.equals(current) ? " aria-current=\"page\"" : "")
                    .append('>').append(page.equals("inbox") ? "Alert inbox" : "Watchlist").append("</a> ");
        }
        out.append("<a href=\"/api/openapi.json\">API</a></nav></header>\n<main id=\"main\">\n").append(main)
                .append("</main>\n<script src=\"/assets/uPlot.iife.min.js\"></script>\n<script src=\"/assets/console.js\"></script>\n</body>\n</html>\n");
        return out.toString();
    }
}
