package io.newswatch.ingest;

import com.rometools.rome.feed.module.DCModule;
import com.rometools.rome.feed.synd.SyndContent;
import com.rometools.rome.feed.synd.SyndEntry;
import com.rometools.rome.feed.synd.SyndFeed;
import com.rometools.rome.io.FeedException;
import com.rometools.rome.io.SAXBuilder;
import com.rometools.rome.io.SyndFeedInput;
import com.rometools.rome.io.WireFeedInput;
import com.rometools.rome.io.XmlReader;
import com.rometools.rome.io.impl.XmlFixerReader;
import io.newswatch.article.ArticleIds;
import org.jdom2.Document;
import org.jdom2.Element;
import org.jdom2.JDOMException;
import org.jdom2.Namespace;
import org.jdom2.filter.Filters;
import org.jdom2.located.LocatedElement;
import org.jdom2.located.LocatedJDOMFactory;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/**
 * Feeds through Rome: RSS 0.9x and 2.0, RSS 1.0 (RDF) and Atom, whatever the file is called.
 * Each item becomes an article: title, link as url, the item's full content where present
 * ({@code content:encoded}, Atom {@code content}) else its description, reduced to clean text;
 * the date as written, with its time zone (Rome keeps only an instant, so the date elements are
 * read from the document as well); the item's language or the feed's; the feed's title as
 * source. An item without a link gets an id from its guid, scoped to the feed.
 */
final class FeedReader {

    private static final Set<String> ITEM_ELEMENTS = Set.of("item", "entry");
    /** Date elements in order of preference: when it was published, then when it last changed. */
    private static final List<String> DATE_ELEMENTS = List.of("pubDate", "published", "issued", "date", "created",
            "updated", "modified");
    private static final Pattern LOOKS_LIKE_HTML = Pattern.compile("</?[a-zA-Z][^>]*>|&(#\\d+|#x[0-9a-fA-F]+|[a-zA-Z]+);");

    /** Rome's own hardened parser (no external entities, no DTD loading), recording line numbers. */
    private static final class Parser extends WireFeedInput {
        SAXBuilder saxBuilder() {
            SAXBuilder builder = createSAXBuilder();
            builder.setJDOMFactory(new LocatedJDOMFactory());
            return builder;
        }
    }

    private FeedReader() {
    }

    static void read(Input input, Consumer<Parsed> out) throws IOException {
        Document document;
        SyndFeed feed;
        try (InputStream in = input.open();
             XmlReader xml = input.contentType() == null ? new XmlReader(in, true, "UTF-8")
                     : new XmlReader(in, input.contentType(), true, "UTF-8")) {
            document = new Parser().saxBuilder().build(new XmlFixerReader(xml));
            feed = new SyndFeedInput().build(document);
        } catch (JDOMException e) {
            out.accept(new Parsed.Bad(input.name(), Reason.UNREADABLE, "not well-formed XML: " + firstLine(e.getMessage())));
            return;
        } catch (FeedException | IllegalArgumentException e) {
            out.accept(new Parsed.Bad(input.name(), Reason.UNREADABLE, "not a feed: " + firstLine(e.getMessage())));
            return;
        }
        List<Element> items = new ArrayList<>();
        for (Element e : document.getRootElement().getDescendants(Filters.element())) {
            if (ITEM_ELEMENTS.contains(e.getName()) && !insideItem(e)) {
                items.add(e);
            }
        }
        List<SyndEntry> entries = feed.getEntries();
        boolean aligned = items.size() == entries.size();
        String source = HtmlText.inline(feed.getTitle());
        String feedLanguage = firstNonBlank(feed.getLanguage(), lang(document.getRootElement()));
        String base = firstNonBlank(input.baseUrl(), feed.getLink());
        String scope = firstNonBlank(feed.getLink(), feed.getUri(), input.baseUrl(), source, input.name());

        for (int i = 0; i < entries.size(); i++) {
            SyndEntry entry = entries.get(i);
            Element element = aligned ? items.get(i) : null;
            String where = input.name() + (element instanceof LocatedElement located ? ":" + located.getLine() : "")
                    + " (item " + (i + 1) + ")";
            String url = resolve(base, firstNonBlank(entry.getLink(), httpUrl(entry.getUri())));
            String id = url == null && entry.getUri() != null && !entry.getUri().isBlank()
                    ? ArticleIds.fromKey(scope, entry.getUri().strip()) : null;
            OffsetDateTime date = element == null ? null : rawDate(element);
            if (date == null) {
                date = instant(entry.getPublishedDate() != null ? entry.getPublishedDate() : entry.getUpdatedDate());
            }
            out.accept(new Parsed.Draft(id, url, source, HtmlText.inline(entry.getTitle()), body(entry),
                    firstNonBlank(itemLanguage(entry, element), feedLanguage), date, where));
        }
    }

    private static boolean insideItem(Element e) {
        for (Element p = e.getParentElement(); p != null; p = p.getParentElement()) {
            if (ITEM_ELEMENTS.contains(p.getName())) {
                return true;
            }
        }
        return false;
    }

    private static String body(SyndEntry entry) {
        List<String> parts = new ArrayList<>();
        for (SyndContent content : entry.getContents()) {
            String text = text(content);
            if (!text.isBlank()) {
                parts.add(text);
            }
        }
        if (parts.isEmpty() && entry.getDescription() != null) {
            parts.add(text(entry.getDescription()));
        }
        return String.join("\n\n", parts);
    }

    private static String text(SyndContent content) {
        String value = content.getValue() == null ? "" : content.getValue();
        String type = content.getType() == null ? "" : content.getType().toLowerCase(Locale.ROOT);
        boolean plain = type.equals("text") || type.equals("text/plain");
        if (plain && !LOOKS_LIKE_HTML.matcher(value).find()) {
            return value.replace("\r\n", "\n").strip();
        }
        return HtmlText.fromFragment(value);
    }

    private static OffsetDateTime rawDate(Element item) {
        for (String name : DATE_ELEMENTS) {
            for (Element child : item.getChildren()) {
                if (child.getName().equals(name)) {
                    try {
                        OffsetDateTime date = Dates.parse(child.getTextTrim());
                        if (date != null) {
                            return date;
                        }
                    } catch (IllegalArgumentException e) {
                        // Rome may still understand it; its instant is the fallback
                    }
                }
            }
        }
        return null;
    }

    private static OffsetDateTime instant(Date date) {
        return date == null ? null : date.toInstant().atOffset(ZoneOffset.UTC);
    }

    private static String itemLanguage(SyndEntry entry, Element element) {
        if (entry.getModule(DCModule.URI) instanceof DCModule dc && dc.getLanguage() != null && !dc.getLanguage().isBlank()) {
            return dc.getLanguage();
        }
        return element == null ? null : lang(element);
    }

    private static String lang(Element element) {
        return element.getAttributeValue("lang", Namespace.XML_NAMESPACE);
    }

    private static String resolve(String base, String link) {
        if (link == null) {
            return null;
        }
        try {
            URI uri = new URI(link.strip());
            if (uri.isAbsolute() || base == null) {
                return uri.toString();
            }
            return new URI(base).resolve(uri).toString();
        } catch (URISyntaxException | IllegalArgumentException e) {
            return link.strip();
        }
    }

    private static String httpUrl(String uri) {
        return uri != null && (uri.startsWith("http://") || uri.startsWith("https://")) ? uri : null;
    }

    private static String firstNonBlank(String... values) {
        for (String v : values) {
            if (v != null && !v.isBlank()) {
                return v.strip();
            }
        }
        return null;
    }

    private static String firstLine(String s) {
        return s == null ? "" : s.lines().findFirst().orElse("");
    }
}
