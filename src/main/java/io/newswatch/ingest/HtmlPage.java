package io.newswatch.ingest;

import org.jsoup.nodes.Document;
import org.jsoup.nodes.Element;
import org.jsoup.select.Elements;

import java.net.URI;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * A web page as an article: its title, its main text with the boilerplate (navigation, header,
 * footer, sidebars, share buttons, …) left out as far as a simple readability heuristic allows,
 * its canonical URL, publication date, language and site name when the page declares them.
 *
 * <p>The heuristic: drop what is boilerplate by element ({@code nav}, {@code footer}, …), by ARIA
 * role or by a class/id that says so; then take the one {@code article} element (the longest if
 * several), else {@code main}, else the element whose paragraphs hold the most text, scoring
 * each paragraph's length to its parent and half to its grandparent.
 */
final class HtmlPage {

    private static final String BOILERPLATE_ELEMENTS = "nav, header, footer, aside, menu, dialog, "
            + "[role=navigation], [role=banner], [role=contentinfo], [role=complementary], [role=search], "
            + "[aria-hidden=true], [hidden]";
    private static final Pattern BOILERPLATE_NAMES = Pattern.compile(
            "(?i)(^|[\\s_-])(nav|navbar|navigation|menu|footer|sidebar|side-bar|breadcrumbs?|share|sharing|social|"
                    + "comments?|cookies?|consent|banner|related|promo|advert|ads?|sponsor|subscribe|newsletter|"
                    + "masthead|skip-link|popup|modal)($|[\\s_-])");

    final String title;
    final String text;
    final String canonicalUrl;
    final OffsetDateTime publishedAt;
    final String language;
    final String siteName;

    private HtmlPage(String title, String text, String canonicalUrl, OffsetDateTime publishedAt,
                     String language, String siteName) {
        this.title = title;
        this.text = text;
        this.canonicalUrl = canonicalUrl;
        this.publishedAt = publishedAt;
        this.language = language;
        this.siteName = siteName;
    }

    static HtmlPage extract(Document doc) {
        String title = firstNonBlank(meta(doc, "og:title"), meta(doc, "twitter:title"));
        Element h1 = doc.selectFirst("article h1, main h1, h1");
        if (title == null && h1 != null) {
            title = h1.text();
        }
        if (title == null) {
            title = doc.title();
        }
        String canonical = absolute(doc.selectFirst("link[rel=canonical][href]"), "href");
        if (canonical == null) {
            canonical = httpUrl(meta(doc, "og:url"));
        }
        OffsetDateTime published = date(firstNonBlank(meta(doc, "article:published_time"),
                meta(doc, "datePublished"), meta(doc, "date"), meta(doc, "dc.date"), meta(doc, "DC.date.issued"),
                meta(doc, "pubdate"), attr(doc.selectFirst("article time[datetime], time[datetime]"), "datetime")));
        String language = firstNonBlank(attr(doc.selectFirst("html[lang]"), "lang"),
                meta(doc, "og:locale") == null ? null : meta(doc, "og:locale").replace('_', '-'));
        String siteName = meta(doc, "og:site_name");

        Element body = doc.body().clone();
        body.select(HtmlText.DROPPED).remove();
        body.select(BOILERPLATE_ELEMENTS).remove();
        for (Element e : body.select("[class], [id]")) {
            if (e.parent() != null && !e.nameIs("article") && !e.nameIs("main")
                    && (BOILERPLATE_NAMES.matcher(e.className()).find() || BOILERPLATE_NAMES.matcher(e.id()).find())) {
                e.remove();
            }
        }
        String text = HtmlText.of(mainContent(body));
        return new HtmlPage(title == null || title.isBlank() ? null : HtmlText.collapse(title).strip(), text,
                canonical, published, language, siteName);
    }

    private static Element mainContent(Element body) {
        Elements articles = body.select("article");
        if (!articles.isEmpty()) {
            return articles.stream().max((a, b) -> Integer.compare(a.text().length(), b.text().length())).orElseThrow();
        }
        Element main = body.selectFirst("main, [role=main]");
        if (main != null) {
            return main;
        }
        Map<Element, Double> scores = new HashMap<>();
        for (Element p : body.select("p, pre, blockquote")) {
            int length = p.text().length();
            if (length < 25) {
                continue;
            }
            Element parent = p.parent();
            if (parent != null) {
                scores.merge(parent, (double) length, Double::sum);
                if (parent.parent() != null) {
                    scores.merge(parent.parent(), length / 2.0, Double::sum);
                }
            }
        }
        return scores.entrySet().stream()
                .max(Map.Entry.comparingByValue())
                .map(Map.Entry::getKey)
                .orElse(body);
    }

    private static OffsetDateTime date(String value) {
        try {
            return Dates.parse(value);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String meta(Document doc, String name) {
        for (Element m : doc.select("meta[content]")) {
            if (name.equalsIgnoreCase(m.attr("property")) || name.equalsIgnoreCase(m.attr("name"))
                    || name.equalsIgnoreCase(m.attr("itemprop"))) {
                String content = m.attr("content").strip();
                if (!content.isEmpty()) {
                    return content;
                }
            }
        }
        return null;
    }

    private static String absolute(Element e, String attr) {
        if (e == null) {
            return null;
        }
        String abs = e.absUrl(attr);
        return httpUrl(abs.isEmpty() ? e.attr(attr) : abs);
    }

    private static String httpUrl(String s) {
        if (s == null) {
            return null;
        }
        try {
            URI uri = new URI(s.strip());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            return (scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null ? uri.toString() : null;
        } catch (java.net.URISyntaxException e) {
            return null;
        }
    }

    private static String attr(Element e, String name) {
        return e == null ? null : e.attr(name);
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }
}
