package io.newswatch.ingest;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class CsvReaderTest {

    private static List<Parsed> read(String csv) {
        return Fixtures.read(Input.bytes("t.csv", csv.getBytes(StandardCharsets.UTF_8), null, null), Format.CSV);
    }

    private static List<List<String>> rows(String csv) throws IOException {
        CsvParser parser = new CsvParser(new StringReader(csv));
        List<List<String>> rows = new ArrayList<>();
        for (CsvParser.Row row; (row = parser.next()) != null; ) {
            rows.add(row.fields());
        }
        return rows;
    }

    @Test
    void shouldParseQuotedFieldsWithCommasLineBreaksAndDoubledQuotes() throws IOException {
        assertThat(rows("a,\"b,c\",\"line1\r\nline2\",\"say \"\"hi\"\"\"\r\nx,,\"\"\n"))
                .containsExactly(List.of("a", "b,c", "line1\r\nline2", "say \"hi\""), List.of("x", "", ""));
    }

    @Test
    void shouldReportTheLineWhereAnUnterminatedQuoteOpened() {
        assertThatThrownBy(() -> rows("a,b\nc,\"never\nclosed\n"))
                .isInstanceOf(CsvParser.UnterminatedQuoteException.class)
                .hasMessage("quoted field opened on line 2 is never closed");
    }

    @Test
    void shouldMapColumnsByNameInAnyOrderAndIgnoreOthers() {
        List<Parsed.Draft> drafts = Fixtures.drafts(read(
                "\uFEFFText,Extra,Title,published_at,URL,Source,Id\n"
                        + "\"First paragraph.\n\nSecond paragraph.\",ignored,A title,2020-03-01T10:00:00+05:30,https://x.org/a,Agency,id-1\n"));

        assertThat(drafts).singleElement().satisfies(d -> {
            assertThat(d.body()).isEqualTo("First paragraph.\n\nSecond paragraph.");
            assertThat(d.title()).isEqualTo("A title");
            assertThat(d.url()).isEqualTo("https://x.org/a");
            assertThat(d.source()).isEqualTo("Agency");
            assertThat(d.id()).isEqualTo("id-1");
            assertThat(d.publishedAt()).isEqualTo(OffsetDateTime.parse("2020-03-01T10:00:00+05:30"));
            assertThat(d.where()).isEqualTo("t.csv:2");
        });
    }

    @Test
    void shouldReadADateOnlyValueAsMidnightUtc() {
        List<Parsed.Draft> drafts = Fixtures.drafts(read("url,date,title,text\nhttps://x.org/a,2019-01-04,T,Body\n"));

        assertThat(drafts.get(0).publishedAt()).isEqualTo(OffsetDateTime.parse("2019-01-04T00:00:00Z"));
    }

    @Test
    void shouldNumberRecordsByTheLineTheyStartOnAndKeepGoodRowsAroundABadOne() {
        List<Parsed> parsed = read("title,text,date\nA,\"multi\nline\nbody\",2019-01-01\nB,body b,yesterday-ish\nC,body c,\n");

        assertThat(parsed).hasSize(3);
        assertThat(parsed.get(0)).isInstanceOf(Parsed.Draft.class).extracting(Parsed::where).isEqualTo("t.csv:2");
        assertThat(parsed.get(1)).isInstanceOfSatisfying(Parsed.Bad.class, bad -> assertThat(bad.describe())
                .isEqualTo("t.csv:5: invalid-record: field publishedAt: not a recognised date"));
        assertThat(parsed.get(2)).isInstanceOf(Parsed.Draft.class).extracting(Parsed::where).isEqualTo("t.csv:6");
    }

    @Test
    void shouldRefuseAFileWhoseHeaderHasNoTextColumn() {
        List<Parsed> parsed = read("url,title\nhttps://x.org,T\n");

        assertThat(parsed).singleElement().isInstanceOfSatisfying(Parsed.Bad.class, bad ->
                assertThat(bad.describe()).isEqualTo("t.csv:1: unreadable: the header row has no text or body column"));
    }
}
