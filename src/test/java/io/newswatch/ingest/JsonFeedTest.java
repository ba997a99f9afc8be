package io.newswatch.ingest;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** JSON Feed 1 and 1.1 are feeds: their items are articles, found by content whatever the file is called. */
class JsonFeedTest {

    @TempDir
    Path dir;

    private final RecordingSink sink = new RecordingSink();
    private final StringWriter err = new StringWriter();

    private static final String FEED_V1 = """
            {
              "version": "https://jsonfeed.org/version/1",
              "title": "Example Wire",
              "home_page_url": "https://wire.example.org/",
              "items": [
                {
                  "id": "1",
                  "url": "https://wire.example.org/rosatom-deal",
                  "title": "Rosatom signs a reactor deal",
                  "content_text": "Rosatom, Russia's state nuclear corporation, signed a deal with Myanmar.",
                  "date_published": "2026-03-02T10:00:00+01:00"
                },
                {
                  "id": "2",
                  "title": "ICC judges weigh a warrant",
                  "content_html": "<p>The <b>ICC</b> judges met.</p>",
                  "date_modified": "2026-03-02T11:00:00Z"
                },
                {
                  "id": "3",
                  "url": "https://wire.example.org/headline-only",
                  "title": "Headline only"
                }
              ]
            }
            """;

    private static final String FEED_V11 = "{\"version\":\"https://jsonfeed.org/version/1.1\",\"title\":\"Wire 1.1\",\"language\":\"de\","
            + "\"items\":[{\"id\":\"a\",\"url\":\"https://wire.example.org/a\",\"summary\":\"Ein Vertrag mit Rosatom.\",\"title\":\"Rosatom\"}]}";

    @Test
    void shouldReadEveryItemOfAJsonFeedAsAnArticle() throws Exception {
        Path feed = Files.writeString(dir.resolve("feed"), FEED_V1, StandardCharsets.UTF_8);

        IngestSummary summary = Ingest.builder().sink(sink).err(new PrintWriter(err, true)).build().run(List.of(feed.toString()));

        assertThat(err.toString()).isEmpty();
        assertThat(summary.sent()).isEqualTo(3);
        assertThat(sink.sent).extracting(a -> a.title())
                .containsExactly("Rosatom signs a reactor deal", "ICC judges weigh a warrant", "Headline only");
        assertThat(sink.sent.get(0).body()).startsWith("Rosatom, Russia's state nuclear corporation");
        assertThat(sink.sent.get(0).url()).isEqualTo("https://wire.example.org/rosatom-deal");
        assertThat(sink.sent.get(0).source()).isEqualTo("Example Wire");
        assertThat(sink.sent.get(0).publishedAt()).hasToString("2026-03-02T10:00+01:00");
        assertThat(sink.sent.get(1).body()).isEqualTo("The ICC judges met.");
        assertThat(sink.sent.get(1).id()).as("an item without url: an id from its id, scoped to the feed").isNotBlank();
        assertThat(sink.sent.get(2).body()).isEmpty();
    }

    @Test
    void shouldReadVersion11OnOneLineWithTheFeedsLanguage() throws Exception {
        Path feed = Files.writeString(dir.resolve("feed.jsonl"), FEED_V11, StandardCharsets.UTF_8);

        Ingest.builder().sink(sink).err(new PrintWriter(err, true)).build().run(List.of(feed.toString()));

        assertThat(err.toString()).isEmpty();
        assertThat(sink.sent).singleElement().satisfies(a -> {
            assertThat(a.body()).isEqualTo("Ein Vertrag mit Rosatom.");
            assertThat(a.language()).isEqualTo("de");
        });
    }

    @Test
    void shouldSniffAJsonFeedByContentTypeOrVersionNotAsJsonLines() {
        byte[] pretty = FEED_V1.getBytes(StandardCharsets.UTF_8);
        assertThat(Sniffer.detect(pretty, "", null)).isEqualTo(Format.JSON);
        assertThat(Sniffer.detect("{\n \"items\": []\n}".getBytes(StandardCharsets.UTF_8), "", "application/feed+json"))
                .isEqualTo(Format.JSON);
        assertThat(Sniffer.detect("{\"title\":\"a\",\"body\":\"b\"}".getBytes(StandardCharsets.UTF_8), "", null)).isEqualTo(Format.JSONL);
    }
}
