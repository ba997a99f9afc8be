package io.newswatch.ingest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class FeedReaderTest {

    @Test
    void shouldReadRss2FullContentAsCleanTextWithDatesInTheirZones() {
        List<Parsed.Draft> items = Fixtures.drafts(Fixtures.read("rss2-content-encoded.xml", Format.RSS));

        assertThat(items).hasSize(3);
        Parsed.Draft strike = items.get(0);
        assertThat(strike.title()).isEqualTo("Port strike ends after “historic” deal");
        assertThat(strike.url()).isEqualTo("https://news.example.org/2024/05/port-strike-ends?utm_source=rss&utm_medium=feed");
        assertThat(strike.source()).isEqualTo("Harbour Gazette & Times");
        assertThat(strike.language()).isEqualTo("en-gb");
        assertThat(strike.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-14T09:30:00+01:00"));
        assertThat(strike.publishedAt().getOffset().getTotalSeconds()).isEqualTo(3600);
        // content:encoded wins over the teaser; script and style gone; entities decoded; paragraphs kept
        assertThat(strike.body()).isEqualTo("Dock workers voted on Monday to end the strike.\n\n"
                + "The union said the deal was “historic” & fair.\nWork resumes on Wednesday.");
        assertThat(strike.where()).endsWith("rss2-content-encoded.xml:11 (item 1)");
    }

    @Test
    void shouldReduceEscapedHtmlDescriptionsAndCdataTitles() {
        List<Parsed.Draft> items = Fixtures.drafts(Fixtures.read("rss2-content-encoded.xml", Format.RSS));

        Parsed.Draft ferry = items.get(1);
        assertThat(ferry.title()).isEqualTo("Council approves new ferry timetable");
        assertThat(ferry.body()).isEqualTo("Ferries will run every twenty minutes from June.\n\nFares stay the same.");
        assertThat(ferry.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-15T17:05:00Z"));

        Parsed.Draft lighthouse = items.get(2);
        assertThat(lighthouse.body()).isEqualTo("After two years of repairs the lighthouse is open again — tickets cost £5.");
        assertThat(lighthouse.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-05-16T08:00:00-05:00"));
        assertThat(lighthouse.language()).as("the item's dc:language beats the channel's").isEqualTo("cy");
    }

    @Test
    void shouldReadRss1RdfItemsWithDublinCoreDates() {
        List<Parsed.Draft> items = Fixtures.drafts(Fixtures.read("rss1-rdf.rdf", Format.RSS));

        assertThat(items).extracting(Parsed.Draft::title)
                .containsExactly("Comet seen with the naked eye", "Glacier retreat measured by satellite");
        assertThat(items).extracting(Parsed.Draft::url)
                .containsExactly("https://science.example.net/a/comet", "https://science.example.net/a/glacier");
        assertThat(items.get(0).publishedAt()).isEqualTo(OffsetDateTime.parse("2024-03-02T21:15:00+11:00"));
        assertThat(items.get(0).body()).isEqualTo("Observers in the southern hemisphere reported a bright comet.");
        assertThat(items.get(0).source()).isEqualTo("Science Wire");
        assertThat(items.get(1).publishedAt()).isEqualTo(OffsetDateTime.parse("2024-03-04T06:00:00-05:00"));
        assertThat(items.get(1).body()).isEqualTo("A new survey finds the glacier lost 40 metres in a year.\n\nScientists blame warmer summers.");
        assertThat(items.get(1).language()).isEqualTo("en-ca");
    }

    @Test
    void shouldReadAtomHtmlXhtmlAndTextContent() {
        List<Parsed.Draft> items = Fixtures.drafts(Fixtures.read("atom-html.xml", Format.RSS));

        assertThat(items).hasSize(3);
        Parsed.Draft shares = items.get(0);
        assertThat(shares.title()).isEqualTo("Shares rise as inflation cools");
        assertThat(shares.url()).isEqualTo("https://markets.example.com/2024/06/shares-rise");
        assertThat(shares.body()).isEqualTo("European shares rose on Monday.\n\nInvestors welcomed the data & bond yields fell.");
        assertThat(shares.publishedAt()).as("published, not updated").isEqualTo(OffsetDateTime.parse("2024-06-03T09:00:00+02:00"));
        assertThat(shares.source()).isEqualTo("Markets Daily");

        Parsed.Draft rates = items.get(1);
        assertThat(rates.url()).as("relative link resolved").isEqualTo("https://markets.example.com/2024/06/rates");
        assertThat(rates.body()).isEqualTo("The central bank kept rates unchanged.\n\nIt will meet again in July.");
        assertThat(rates.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-06-03T15:45:00-04:00"));

        Parsed.Draft kurz = items.get(2);
        assertThat(kurz.url()).isNull();
        assertThat(kurz.id()).as("no link: id from the entry id").startsWith("k-");
        assertThat(kurz.body()).isEqualTo("Der DAX schloss 1 % höher.\nÖlpreise fielen.");
        assertThat(kurz.language()).isEqualTo("de");
    }

    @Test
    void shouldGiveAnItemWithoutLinkTheSameIdEveryTime() {
        String first = Fixtures.drafts(Fixtures.read("atom-html.xml", Format.RSS)).get(2).id();
        String second = Fixtures.drafts(Fixtures.read("atom-html.xml", Format.RSS)).get(2).id();

        assertThat(first).isEqualTo(second);
    }

    @Test
    void shouldKeepJapaneseTextIntact() {
        List<Parsed.Draft> items = Fixtures.drafts(Fixtures.read("japanese.xml", Format.RSS));

        assertThat(items).singleElement().satisfies(item -> {
            assertThat(item.title()).isEqualTo("東京で桜が満開に");
            assertThat(item.body()).isEqualTo("気象庁は３０日、東京の桜が満開になったと発表した。\n\n平年より５日遅い。");
            assertThat(item.source()).isEqualTo("東京ニュース");
            assertThat(item.language()).isEqualTo("ja");
            assertThat(item.publishedAt()).isEqualTo(OffsetDateTime.parse("2024-03-30T10:00:00+09:00"));
        });
    }

    @Test
    void shouldDecodeLatin1GermanAndFrenchFeeds() {
        List<Parsed.Draft> items = Fixtures.drafts(Fixtures.read("german-french-latin1.xml", Format.RSS));

        assertThat(items).extracting(Parsed.Draft::title).containsExactly(
                "Größte Brücke Österreichs eröffnet",
                "Fête de la musique : la préfecture prévoit « une édition record »");
        assertThat(items.get(0).body()).isEqualTo("Die Brücke über die Donau ist fünf Kilometer lang & kostete 1,2 Mrd. Euro.");
        assertThat(items.get(0).language()).isEqualTo("de");
        assertThat(items.get(1).body()).isEqualTo("Les élèves du conservatoire joueront à Besançon dès 18 h.");
        assertThat(items.get(1).language()).isEqualTo("fr");
    }

    @Test
    void shouldReadAMislabelledAtomFileAsTheRssItIs() throws Exception {
        Input input = Input.file(Fixtures.path("mislabelled.atom"));
        Format detected = Sniffer.detect(input.head(Sniffer.HEAD_BYTES), input.extension(), null);

        List<Parsed.Draft> items = Fixtures.drafts(Fixtures.read(input, detected));

        assertThat(items).extracting(Parsed.Draft::title).containsExactly("Bridge closed for repairs", "School year ends");
        assertThat(items.get(0).publishedAt()).isEqualTo(OffsetDateTime.parse("2024-07-01T06:00:00-07:00"));
        assertThat(items.get(0).source()).isEqualTo("Valley Radio News");
    }

    @Test
    void shouldReportAnInputThatIsNotAFeedAsOneUnreadableRecord() {
        Input input = Input.bytes("broken.xml", "<rss><channel><item>".getBytes(StandardCharsets.UTF_8), null, null);

        List<Parsed> parsed = Fixtures.read(input, Format.RSS);

        assertThat(parsed).singleElement().isInstanceOfSatisfying(Parsed.Bad.class, bad -> {
            assertThat(bad.reason()).isEqualTo(Reason.UNREADABLE);
            assertThat(bad.describe()).startsWith("broken.xml: unreadable: not well-formed XML");
        });
    }
}
