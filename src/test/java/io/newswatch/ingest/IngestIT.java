package io.newswatch.ingest;

import com.sun.net.httpserver.HttpServer;
import io.newswatch.article.Article;
import io.newswatch.article.ArticleIds;
import io.newswatch.cli.NewswatchCli;
import io.newswatch.kafka.JsonSerde;
import io.newswatch.testing.KafkaBroker;
import io.newswatch.testing.Tags;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code newswatch ingest} against a real broker: bulk files, the Wikinews data, re-ingest, feed polling. */
@Tag(Tags.INTEGRATION)
@Timeout(180)
class IngestIT {

    private static final int WIKINEWS_ARTICLES = 171 + 124;

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void applyTopics() {
        CommandLine cli = NewswatchCli.commandLine();
        cli.setOut(new PrintWriter(new StringWriter()));
        assertThat(cli.execute("--bootstrap-server", kafka.bootstrapServers(), "topics", "apply", "--dir=topics")).isZero();
    }

    @Test
    void shouldReadTheFeedsOfAnOpmlList() throws IOException {
        String topic = "it.opml.articles";
        kafka.createTopics(topic);
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        for (String name : List.of("one", "two")) {
            server.createContext("/" + name + ".xml", exchange -> sendRss(exchange, ScriptedFetcher.rss(name + " alpha", name + " beta")));
        }
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            Path opml = Files.writeString(dir.resolve("feeds.opml"), "<opml version=\"2.0\"><body><outline text=\"News\">"
                    + "<outline type=\"rss\" xmlUrl=\"" + base + "/one.xml\"/><outline type=\"rss\" xmlUrl=\"" + base + "/two.xml\"/>"
                    + "</outline></body></opml>");

            int code = ingest("--topic", topic, "--opml", opml.toString());

            assertThat(code).as(err.toString()).isZero();
            assertThat(err.toString()).contains("2 feeds from " + opml);
            assertThat(out.toString()).contains("read        4 records from 2 inputs", "sent        4 to " + topic);
            assertThat(articles(kafka.read(topic, 4, Duration.ofSeconds(10)))).extracting(Article::title)
                    .containsExactlyInAnyOrder("one alpha", "one beta", "two alpha", "two beta");
        } finally {
            server.stop(0);
        }
    }

    /** Answers 200 with an RSS document. */
    private static void sendRss(com.sun.net.httpserver.HttpExchange exchange, String xml) throws IOException {
        byte[] body = xml.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/rss+xml; charset=utf-8");
        exchange.sendResponseHeaders(200, body.length);
        try (OutputStream os = exchange.getResponseBody()) {
            os.write(body);
        }
    }

    private int ingest(String... args) {
        CommandLine cli = NewswatchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--bootstrap-server", kafka.bootstrapServers(), "ingest"));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    private static List<Article> articles(List<ConsumerRecord<byte[], byte[]>> records) {
        JsonSerde<Article> serde = JsonSerde.of(Article.class);
        return records.stream().map(r -> serde.deserialize(r.topic(), r.value())).toList();
    }

    /** {@code shared/data/wikinews}, found by walking up from the working directory. */
    static Path wikinews() {
        for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
            Path candidate = p.resolve("shared/data/wikinews");
            if (Files.isDirectory(candidate)) {
                return candidate;
            }
        }
        throw new IllegalStateException("shared/data/wikinews not found above " + Path.of("").toAbsolutePath());
    }

    @Test
    void shouldIngestMixedFilesAndWikinewsAndKeepTheSameKeysOnReingest() throws IOException {
        Path mixed = dir.resolve("mixed");
        Files.createDirectories(mixed.resolve("feeds"));
        Files.copy(Fixtures.path("mislabelled.atom"), mixed.resolve("feeds/radio.atom"));
        Files.copy(Fixtures.path("rss1-rdf.rdf"), mixed.resolve("feeds/science.rdf"));
        Files.copy(Fixtures.path("page.html"), mixed.resolve("story.html"));
        Files.writeString(mixed.resolve("wire.jsonl"), """
                {"id":"wire-1","title":"Wire one","body":"First wire story.","publishedAt":"2024-05-01T12:00:00+02:00"}
                {"title":"Broken","body":
                {"title":"Wire two","body":"Second wire story.","url":"https://wire.example/2?utm_source=x"}
                """);
        int mixedArticles = 2 + 2 + 1 + 2;
        int expected = mixedArticles + WIKINEWS_ARTICLES;

        long started = System.nanoTime();
        int code = ingest(mixed.toString(), wikinews().toString());
        Duration took = Duration.ofNanos(System.nanoTime() - started);

        assertThat(code).as(err.toString()).isZero();
        assertThat(out.toString()).contains("read        " + (expected + 1) + " records from 6 inputs",
                "sent        " + expected + " to news.articles", "rejected    1 (invalid-json 1)");
        assertThat(err.toString()).contains("wire.jsonl:2: invalid-json");
        List<ConsumerRecord<byte[], byte[]>> records = kafka.read("news.articles", expected, Duration.ofSeconds(60));
        assertThat(records).hasSize(expected);
        List<Article> articles = articles(records);
        for (int i = 0; i < records.size(); i++) {
            assertThat(new String(records.get(i).key(), StandardCharsets.UTF_8)).isEqualTo(articles.get(i).id());
        }
        List<Article> wiki = articles.stream().filter(a -> a.url() != null && a.url().startsWith("https://en.wikinews.org")).toList();
        assertThat(wiki).hasSize(WIKINEWS_ARTICLES);
        assertThat(wiki).extracting(Article::id).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(id).startsWith("u-"));
        assertThat(wiki).extracting(Article::source).containsOnly("en.wikinews.org");
        assertThat(wiki).allSatisfy(a -> assertThat(a.body()).isEqualTo(a.body().strip()));
        Article magnitogorsk = wiki.stream().filter(a -> a.title().startsWith("Magnitogorsk")).findFirst().orElseThrow();
        assertThat(magnitogorsk.title()).isEqualTo("Magnitogorsk apartment building collapses after explosion, dozens dead");
        assertThat(magnitogorsk.publishedAt()).isEqualTo(OffsetDateTime.parse("2019-01-04T00:00:00Z"));
        assertThat(magnitogorsk.body()).startsWith("Friday, January 4, 2019").contains("Magnitogorsk, a city in the Ural region");
        assertThat(magnitogorsk.id()).isEqualTo(ArticleIds.derive(magnitogorsk.url(), null, "x"));
        assertThat(articles).extracting(Article::title).contains("Wire one", "Wire two", "Bridge closed for repairs",
                "Comet seen with the naked eye", "Flood defences completed after three years");
        System.out.printf("ingested %d articles (%d from Wikinews) in %d ms%n", expected, WIKINEWS_ARTICLES, took.toMillis());

        out.getBuffer().setLength(0);
        assertThat(ingest(mixed.toString(), wikinews().toString())).isZero();

        List<ConsumerRecord<byte[], byte[]>> twice = kafka.read("news.articles", 2 * expected, Duration.ofSeconds(60));
        assertThat(twice).hasSize(2 * expected);
        Map<String, Long> perKey = twice.stream()
                .collect(Collectors.groupingBy(r -> new String(r.key(), StandardCharsets.UTF_8), Collectors.counting()));
        assertThat(perKey).hasSize(expected);
        assertThat(perKey.values()).containsOnly(2L);
    }

    @Test
    void shouldPollAFeedAndSendOnlyTheItemAddedAfterA304() throws IOException {
        String topic = "it.poll.articles";
        kafka.createTopics(topic);
        List<String> conditional = Collections.synchronizedList(new ArrayList<>());
        int[] requests = {0};
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/feed.xml", exchange -> {
            int n;
            synchronized (requests) {
                n = ++requests[0];
            }
            String ifNoneMatch = exchange.getRequestHeaders().getFirst("If-None-Match");
            conditional.add(String.valueOf(ifNoneMatch));
            String etag = n <= 2 ? "\"v1\"" : "\"v2\"";
            if (etag.equals(ifNoneMatch)) {
                exchange.getResponseHeaders().add("ETag", etag);
                exchange.sendResponseHeaders(304, -1);
                exchange.close();
                return;
            }
            exchange.getResponseHeaders().add("ETag", etag);
            sendRss(exchange, n <= 2 ? ScriptedFetcher.rss("alpha", "beta") : ScriptedFetcher.rss("gamma", "alpha", "beta"));
        });
        server.start();
        try {
            String url = "http://127.0.0.1:" + server.getAddress().getPort() + "/feed.xml";
            Path state = dir.resolve("state.json");

            int code = ingest("--topic", topic, "--poll", "100ms", "--poll-count", "3", "--state-file", state.toString(), url);

            assertThat(code).as(err.toString()).isZero();
            assertThat(conditional).containsExactly("null", "\"v1\"", "\"v1\"");
            assertThat(err.toString()).contains("not modified");
            List<Article> sent = articles(kafka.read(topic, 4, Duration.ofSeconds(10)));
            assertThat(sent).extracting(Article::title).containsExactly("alpha", "beta", "gamma");

            // a restart with the state file: the server has nothing new, nothing is sent
            assertThat(ingest("--topic", topic, "--poll", "100ms", "--poll-count", "1", "--state-file", state.toString(), url)).isZero();
            assertThat(conditional).last().isEqualTo("\"v2\"");
            assertThat(articles(kafka.read(topic, 4, Duration.ofSeconds(3)))).hasSize(3);
        } finally {
            server.stop(0);
        }
    }

    @Test
    void shouldExitWith1AndReportWhenTheTopicDoesNotExist() throws IOException {
        Path file = Files.writeString(dir.resolve("one.jsonl"), "{\"body\":\"x\"}\n");
        Path config = Files.writeString(dir.resolve("client.properties"), "max.block.ms=3000\n");

        int code = ingest("--command-config", config.toString(), "--topic", "it.no.such.topic", file.toString());

        assertThat(code).isEqualTo(1);
        assertThat(err.toString()).contains("topic it.no.such.topic is not available");
        assertThat(out.toString()).isEmpty();
    }
}
