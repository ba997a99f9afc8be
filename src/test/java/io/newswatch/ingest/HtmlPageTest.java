package io.newswatch.ingest;

import org.jsoup.Jsoup;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class HtmlPageTest {

    @Test
    void shouldKeepTheArticleTextAndLeaveOutNavigationScriptsAndFooter() {
        List<Parsed.Draft> pages = Fixtures.drafts(Fixtures.read("page.html", Format.HTML));

        assertThat(pages).singleElement().satisfies(page -> {
            assertThat(page.title()).isEqualTo("Flood defences completed after three years");
            assertThat(page.body()).isEqualTo("Flood defences completed after three years\n\n"
                    + "By A. Reporter\n\n"
                    + "The new flood wall along the river was finished on Monday, three years after work began.\n\n"
                    + "Engineers say it will protect 2,000 homes from a once-in-a-century flood – the council paid £12 million.\n\n"
                    + "Residents who were flooded in 2020 welcomed the news.");
            assertThat(page.body()).doesNotContain("Sport", "cookies", "loadComments", "Most read", "rights reserved", "Share on");
            assertThat(page.url()).isEqualTo("https://riverside.example.com/news/flood-defences?utm_campaign=share");
            assertThat(page.source()).isEqualTo("Riverside Post");
            assertThat(page.language()).isEqualTo("en-GB");
            assertThat(page.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-02-20T07:45:00Z"));
        });
    }

    @Test
    void shouldPreferTheArticleElementWhenThereIsOne() {
        String html = "<html><body><div><p>" + "Sidebar text that is long enough to count here. ".repeat(5) + "</p></div>"
                + "<article><h1>Headline</h1><p>Short story.</p></article></body></html>";

        HtmlPage page = HtmlPage.extract(Jsoup.parse(html, "https://example.com/story"));

        assertThat(page.text).isEqualTo("Headline\n\nShort story.");
        assertThat(page.title).isEqualTo("Headline");
        assertThat(page.canonicalUrl).isNull();
    }

    @Test
    void shouldResolveARelativeCanonicalUrlAgainstThePage() {
        String html = "<html><head><link rel=canonical href=\"/a/b\"></head><body><p>Text</p></body></html>";

        HtmlPage page = HtmlPage.extract(Jsoup.parse(html, "https://example.com/x/y?z=1"));

        assertThat(page.canonicalUrl).isEqualTo("https://example.com/a/b");
    }

    @Test
    void shouldTurnFragmentsIntoParagraphsAndLineBreaks() {
        String text = HtmlText.fromFragment("<div>One&nbsp;&amp;&#160;two</div><ul><li>a</li><li>b</li></ul>"
                + "line<br>break <style>x{}</style><noscript>js off</noscript>   end");

        assertThat(text).isEqualTo("One & two\n\na\n\nb\n\nline\nbreak end");
    }
}
