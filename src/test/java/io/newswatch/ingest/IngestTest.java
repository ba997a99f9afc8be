package io.newswatch.ingest;

import io.newswatch.article.Article;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** A whole run with a recording sink instead of Kafka: validation, reporting, duplicates, strict mode. */
class IngestTest {

    @TempDir
    Path dir;

    private final StringWriter err = new StringWriter();
    private final RecordingSink sink = new RecordingSink();

    private Ingest.Builder ingest() {
        return Ingest.builder().sink(sink).err(new PrintWriter(err, true));
    }

    private Path write(String name, String content) throws IOException {
        Path file = dir.resolve(name);
        Files.createDirectories(file.getParent());
        Files.writeString(file, content, StandardCharsets.UTF_8);
        return file;
    }

    @Test
    void shouldReportEachBadLineWithFileAndLineAndKeepItsNeighbours() throws IOException {
        Path file = write("a.jsonl", """
                {"title":"one","body":"first body","url":"https://x.org/1"}
                {"title":"two","body":"SECRET TEXT OF A BROKEN LINE"
                
                {"title":" ","body":"   "}
                ["not", "an", "object"]
                {"title":"four","body":"fourth body","publishedAt":"2024-01-02T03:04:05+06:00"}
                {"title":"five","body":123}
                """);

        IngestSummary summary = ingest().build().run(List.of(file.toString()));

        assertThat(sink.titles()).containsExactly("one", "four");
        assertThat(sink.sent.get(1).publishedAt()).hasToString("2024-01-02T03:04:05+06:00");
        assertThat(err.toString().lines().toList()).containsExactly(
                "rejected " + file + ":2: invalid-json: invalid JSON at line 1 column 53: unexpected end of input",
                "rejected " + file + ":4: blank-body: the body is blank and there is no title",
                "rejected " + file + ":5: invalid-record: not a JSON object",
                "rejected " + file + ":7: invalid-record: field body: expected a string, got number");
        assertThat(err.toString()).doesNotContain("SECRET");
        assertThat(summary.read()).isEqualTo(6);
        assertThat(summary.sent()).isEqualTo(2);
        assertThat(summary.rejected()).isEqualTo(Map.of("invalid-json", 1L, "blank-body", 1L, "invalid-record", 2L));
        assertThat(summary.succeeded()).isTrue();
    }

    @Test
    void shouldSendAHeadlineWithoutBodyFromJsonAndFromAFeed() throws IOException {
        Path lines = write("headlines.jsonl", "{\"title\":\"Rohingya refugees reach the camp\",\"url\":\"https://x.org/h1\"}\n");
        Path feed = write("headlines.xml", """
                <?xml version="1.0" encoding="UTF-8"?>
                <rss version="2.0"><channel><title>Headlines</title><link>https://news.example.jp/</link>
                <item><title>Rosatom signs a reactor deal</title><link>https://news.example.jp/1</link><description></description></item>
                </channel></rss>
                """);

        IngestSummary summary = ingest().build().run(List.of(lines.toString(), feed.toString()));

        assertThat(sink.titles()).containsExactly("Rohingya refugees reach the camp", "Rosatom signs a reactor deal");
        assertThat(sink.sent).extracting(a -> a.body()).containsOnly("");
        assertThat(summary.rejected()).isEmpty();
    }

    @Test
    void shouldFailStrictRunsBeforeSendingAnything() throws IOException {
        Path good = write("good.jsonl", "{\"title\":\"fine\",\"body\":\"fine body\"}\n");
        Path bad = write("bad.jsonl", "{\"title\":\"fine too\",\"body\":\"ok\"}\n{\"title\":\"  \"}\n");

        assertThatThrownBy(() -> ingest().strict(true).build().run(List.of(good.toString(), bad.toString())))
                .isInstanceOfSatisfying(IngestException.class, e -> assertThat(e.badInput()).isTrue())
                .hasMessage("1 bad record; nothing sent (--strict)");

        assertThat(sink.sent).isEmpty();
        assertThat(err.toString()).contains("rejected " + bad + ":2: blank-body: no body and no title");
    }

    @Test
    void shouldSendEverythingInStrictModeWhenAllIsValid() throws IOException {
        Path good = write("good.jsonl", "{\"title\":\"fine\",\"body\":\"fine body\"}\n");

        IngestSummary summary = ingest().strict(true).build().run(List.of(good.toString()));

        assertThat(summary.sent()).isEqualTo(1);
        assertThat(sink.titles()).containsExactly("fine");
    }

    @Test
    void shouldRejectBodiesOverTheLimitCountingUtf8Bytes() throws IOException {
        // "ü" is two bytes in UTF-8: 6 characters, 12 bytes
        Path file = write("sizes.jsonl", "{\"title\":\"small\",\"body\":\"üüü\"}\n{\"title\":\"big\",\"body\":\"üüüüüü\"}\n");

        IngestSummary summary = ingest().maxBodyBytes(10).build().run(List.of(file.toString()));

        assertThat(sink.titles()).containsExactly("small");
        assertThat(summary.rejected()).isEqualTo(Map.of("body-too-large", 1L));
        assertThat(err.toString()).contains(file + ":2: body-too-large: the body is 12 bytes, over the limit of 10");
    }

    @Test
    void shouldSkipTheSameArticleSeenTwiceInOneRun() throws IOException {
        Path a = write("a.jsonl", "{\"url\":\"https://x.org/s?utm_source=a\",\"body\":\"v1\"}\n");
        Path b = write("b.jsonl", "{\"url\":\"https://X.org/s?utm_source=b\",\"body\":\"v2\"}\n");

        IngestSummary summary = ingest().build().run(List.of(a.toString(), b.toString()));

        assertThat(sink.sent).singleElement().extracting(Article::body).isEqualTo("v1");
        assertThat(summary.duplicates()).isEqualTo(1);
    }

    @Test
    void shouldWalkADirectoryOfMixedFilesDetectingEachFormat() throws IOException {
        write("feeds/radio.atom", Files.readString(Fixtures.path("mislabelled.atom")));
        write("pages/story.html", Files.readString(Fixtures.path("page.html")));
        write("notes/memo.txt", "Memo title\nThe memo body.\n");
        write("table.csv", "title,text\nRow one,Body one\n");
        write("array.json", "[{\"title\":\"J1\",\"body\":\"b1\"},\n {\"title\":\"J2\",\"body\":\"b2\"}]");
        write("README.md", "# not an article\n");
        write(".hidden/secret.jsonl", "{\"title\":\"hidden\",\"body\":\"x\"}\n");

        IngestSummary summary = ingest().build().run(List.of(dir.toString()));

        assertThat(sink.titles()).containsExactlyInAnyOrder("J1", "J2", "Bridge closed for repairs", "School year ends",
                "Memo title", "Flood defences completed after three years", "Row one");
        assertThat(summary.inputs()).isEqualTo(5);
        assertThat(sink.sent).allSatisfy(a -> assertThat(a.id()).isNotBlank());
    }

    @Test
    void shouldSayWhatEachInputOfADirectoryGave() throws IOException {
        Path jsonl = write("wire/today.jsonl", """
                {"id":"w1","title":"One","body":"b"}
                {"id":"w2","title":"Two","body":"b"}
                {"id":"w1","title":"One","body":"b"}
                {not json
                """);
        Path empty = write("feeds/empty.xml", "");
        Path japanese = dir.resolve("feeds/japanese.xml");
        Files.copy(Fixtures.path("japanese.xml"), japanese);

        IngestSummary summary = ingest().build().run(List.of(dir.toString()));

        assertThat(summary.lines()).contains(
                "  " + jsonl + ": 2 articles, 1 rejected, 1 duplicates",
                "  " + empty + ": 0 articles, 1 rejected",
                "  " + japanese + ": 1 article");
        assertThat(summary.lines()).first().isEqualTo("read        6 records from 3 inputs");
        assertThat(summary.lines()).contains("rejected    2 (invalid-json 1, unreadable 1)");
        assertThat(err.toString()).contains("rejected " + empty + ": unreadable: empty: nothing to read");
    }

    @Test
    void shouldReadJsonLinesOrTextFromStdin() {
        byte[] lines = "{\"title\":\"s1\",\"body\":\"b\"}\n{\"title\":\"s2\",\"body\":\"c\"}\n".getBytes(StandardCharsets.UTF_8);
        ingest().stdin(new ByteArrayInputStream(lines)).build().run(List.of("-"));

        byte[] text = "Plain headline\n\nPlain body.".getBytes(StandardCharsets.UTF_8);
        ingest().stdin(new ByteArrayInputStream(text)).build().run(List.of("-"));

        assertThat(sink.titles()).containsExactly("s1", "s2", "Plain headline");
        assertThat(sink.sent.get(2).body()).isEqualTo("Plain body.");
    }

    @Test
    void shouldUseTheGivenSourceElseTheRecordsElseTheHost() throws IOException {
        Path file = write("s.jsonl", "{\"url\":\"https://Agency.example/1\",\"body\":\"a\"}\n"
                + "{\"url\":\"https://x.example/2\",\"source\":\"Own\",\"body\":\"b\"}\n");

        ingest().build().run(List.of(file.toString()));
        List<String> defaults = sink.sent.stream().map(Article::source).toList();
        sink.sent.clear();
        ingest().source("Wire").build().run(List.of(file.toString()));

        assertThat(defaults).containsExactly("agency.example", "Own");
        assertThat(sink.sent).extracting(Article::source).containsExactly("Wire", "Wire");
    }

    @Test
    void shouldFailWhenAnArticleIsNotDelivered() throws IOException {
        Path file = write("d.jsonl", "{\"id\":\"ok\",\"body\":\"a\"}\n{\"id\":\"lost\",\"body\":\"b\"}\n");
        RecordingSink failing = new RecordingSink(Set.of("lost"));

        IngestSummary summary = Ingest.builder().sink(failing).err(new PrintWriter(err, true)).build()
                .run(List.of(file.toString()));

        assertThat(summary.failed()).isEqualTo(1);
        assertThat(summary.succeeded()).isFalse();
        assertThat(summary.lines()).anySatisfy(l -> assertThat(l).contains("1 NOT delivered"));
    }

    @Test
    void shouldRefuseAMissingPathBeforeReadingAnything() throws IOException {
        Path good = write("good.jsonl", "{\"body\":\"x\"}\n");

        assertThatThrownBy(() -> ingest().build().run(List.of(good.toString(), dir.resolve("nope.csv").toString())))
                .isInstanceOf(IngestException.class)
                .hasMessageEndingWith("nope.csv: no such file or directory");
        assertThat(sink.sent).isEmpty();
    }

    @Test
    void shouldReportABadRecordOnOneLineWhateverItsFileIsCalled() throws IOException {
        // Given a file found in a directory, named with a line break, a fake alert line and an escape
        String name = "evil\n2026-01-01 00:00:00Z  MENTION    fake  1 article\u001b[2J.jsonl";
        write("in/" + name, "{\"url\":\"https://example.org/nothing-here\"}\n");

        // When the directory is ingested, normally and strictly
        ingest().build().run(List.of(dir.resolve("in").toString()));
        assertThatThrownBy(() -> ingest().strict(true).build().run(List.of(dir.resolve("in").toString())))
                .isInstanceOf(IngestException.class);

        // Then each report is one line, the name shown inside it
        String shown = dir.resolve("in") + "/evil 2026-01-01 00:00:00Z  MENTION    fake  1 article\\x1b[2J.jsonl";
        assertThat(err.toString()).doesNotContain("\u001b");
        assertThat(err.toString().lines().toList()).containsExactly(
                "rejected " + shown + ":1: blank-body: no body and no title",
                "rejected " + shown + ":1: blank-body: no body and no title");
    }

    @Test
    void shouldNameAMissingPathOnOneLine() {
        String missing = dir.resolve("nope\n\u001b[2J.csv").toString();

        assertThatThrownBy(() -> ingest().build().run(List.of(missing)))
                .isInstanceOf(IngestException.class)
                .hasMessage(dir.resolve("nope") + " \\x1b[2J.csv: no such file or directory");
    }

    @Test
    void shouldPrintASummaryWithRejectionsByReason() {
        IngestSummary summary = new IngestSummary(3, 0, 10, 7, 1, 0, Map.of("blank-body", 1L, "invalid-json", 1L), 0,
                "news.articles", java.time.Duration.ofMillis(1500), List.of());

        assertThat(summary.lines()).containsExactly(
                "read        10 records from 3 inputs",
                "sent        7 to news.articles",
                "duplicates  1 skipped",
                "rejected    2 (blank-body 1, invalid-json 1)",
                "took        1.5 s");
    }
}
