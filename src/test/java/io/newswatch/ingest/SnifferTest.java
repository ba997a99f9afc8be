package io.newswatch.ingest;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class SnifferTest {

    private static Format detect(String content, String extension) {
        return Sniffer.detect(content.getBytes(StandardCharsets.UTF_8), extension, null);
    }

    @Test
    void shouldDetectRssByContentNotExtension() {
        assertThat(detect("<?xml version=\"1.0\"?>\n<!-- hi -->\n<rss version=\"2.0\"><channel/></rss>", "atom")).isEqualTo(Format.RSS);
        assertThat(detect("\uFEFF<rdf:RDF xmlns:rdf=\"x\"></rdf:RDF>", "txt")).isEqualTo(Format.RSS);
        assertThat(detect("  <feed xmlns=\"http://www.w3.org/2005/Atom\"/>", "html")).isEqualTo(Format.RSS);
    }

    @Test
    void shouldDetectHtmlPagesEvenWithAnXmlName() {
        assertThat(detect("<!DOCTYPE html><html><body><p>x</p></body></html>", "xml")).isEqualTo(Format.HTML);
        assertThat(detect("<html lang=\"en\"><p>x</p></html>", "")).isEqualTo(Format.HTML);
    }

    @Test
    void shouldTellJsonFromJsonLinesAndCsvFromText() {
        assertThat(detect("[{\"body\":\"x\"}]", "jsonl")).isEqualTo(Format.JSON);
        assertThat(detect("{\"body\":\"x\"}\n{\"body\":\"y\"}", "")).isEqualTo(Format.JSONL);
        assertThat(detect("{\n  \"body\": \"x\"\n}", "json")).isEqualTo(Format.JSON);
        assertThat(detect("url,date,title,text\nhttps://a,2019-01-01,T,B", "")).isEqualTo(Format.CSV);
        assertThat(detect("A headline, with a comma\nThe body.", "")).isEqualTo(Format.TXT);
        assertThat(detect("a;b\n1;2", "csv")).isEqualTo(Format.CSV);
    }
}
