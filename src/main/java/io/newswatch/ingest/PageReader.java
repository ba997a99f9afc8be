package io.newswatch.ingest;

import org.jsoup.Jsoup;
import org.jsoup.nodes.Document;

import java.io.IOException;
import java.io.InputStream;
import java.util.function.Consumer;

/**
 * A web page is one article (see {@link HtmlPage}): its URL is the canonical URL the page
 * declares, else the URL it was fetched from. The charset comes from the page's meta tag or
 * byte order mark, else UTF-8.
 */
final class PageReader {

    private PageReader() {
    }

    static void read(Input input, Consumer<Parsed> out) throws IOException {
        Document doc;
        try (InputStream in = input.open()) {
            doc = Jsoup.parse(in, charset(input.contentType()), input.baseUrl() == null ? "" : input.baseUrl());
        }
        HtmlPage page = HtmlPage.extract(doc);
        String url = page.canonicalUrl != null ? page.canonicalUrl : input.baseUrl();
        out.accept(new Parsed.Draft(null, url, page.siteName, page.title, page.text, page.language,
                page.publishedAt, input.name()));
    }

    private static String charset(String contentType) {
        if (contentType == null) {
            return null;
        }
        for (String part : contentType.split(";")) {
            String p = part.strip();
            if (p.regionMatches(true, 0, "charset=", 0, 8)) {
                return p.substring(8).replace("\"", "").strip();
            }
        }
        return null;
    }
}
