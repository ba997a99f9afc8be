package io.newswatch.cli;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.monitor.Monitor;
import io.newswatch.testing.KafkaBroker;
import io.newswatch.testing.Tags;
import io.newswatch.topics.Topics;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** The watchlist and alerts commands in-process against a real broker, with a running monitor. */
@Tag(Tags.INTEGRATION)
@Timeout(240)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class WatchlistAndAlertsIT {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    static Path tmp;

    private static Monitor monitor;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void start() throws InterruptedException {
        assertThat(NewswatchCli.commandLine().execute("--bootstrap-server", kafka.bootstrapServers(), "topics", "apply", "--dir", "topics")).isZero();
        monitor = Monitor.start(KafkaSettings.of(kafka.bootstrapServers(), Map.of()), Topics.fromDirectory(Path.of("topics")),
                Monitor.Options.defaults().withApplicationId("cli-it").withStateDir(tmp.resolve("state")).withThreads(1),
                new SimpleMeterRegistry());
        assertThat(monitor.awaitRunning(Duration.ofSeconds(60))).isTrue();
    }

    @AfterAll
    static void stop() {
        if (monitor != null) {
            monitor.close();
        }
    }

    private int run(String... args) {
        CommandLine cli = NewswatchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--bootstrap-server", kafka.bootstrapServers()));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    @Test
    @Order(1)
    void shouldAddListShowAndReplaceAnEntity() {
        assertThat(run("watchlist", "add", "rohingya", "--name", "Rohingya", "--alias", "Rohingya", "--tag", "asia")).isZero();
        assertThat(out.toString()).contains("added rohingya (Rohingya, 1 alias)");

        assertThat(run("watchlist", "add", "rohingya", "--name", "Rohingya people", "--alias", "Rohingya",
                "--alias", "Rohingya Muslims", "--tag", "asia")).isZero();
        assertThat(out.toString()).contains("replaced rohingya (Rohingya people, 2 aliases)");

        assertThat(run("watchlist", "list")).isZero();
        assertThat(out.toString()).containsPattern("rohingya\\s+Rohingya people\\s+Rohingya \\| Rohingya Muslims\\s+\\[asia]")
                .contains("1 entity");

        assertThat(run("watchlist", "show", "rohingya")).isZero();
        assertThat(out.toString()).contains("\"name\" : \"Rohingya people\"");
    }

    @Test
    @Order(2)
    void shouldListEveryValidationErrorAndWriteNothing() {
        assertThat(run("watchlist", "add", "Bad Id!", "--name", "X", "--alias", "   ")).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString().strip()).doesNotContain("\n").contains("invalid entity").contains("id").contains("alias");
        assertThat(run("watchlist", "list", "--json")).isZero();
        assertThat(out.toString().lines().count()).isEqualTo(1);
    }

    @Test
    @Order(3)
    void shouldAskHowFarBackABackfillGoes() {
        assertThat(run("watchlist", "add", "x", "--name", "X", "--alias", "X", "--backfill")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--backfill");
        assertThat(run("watchlist", "add", "x", "--name", "X", "--alias", "X", "--backfill", "soon")).isEqualTo(ExitCodes.USAGE);
    }

    @Test
    @Order(4)
    void shouldImportAndExportWatchlistFiles() throws Exception {
        Path file = tmp.resolve("more.yaml");
        Files.writeString(file, """
                - id: rosatom
                  name: Rosatom
                  aliases: [Rosatom, Росатом]
                - id: icc
                  name: International Criminal Court
                  aliases: [ICC]
                """);
        assertThat(run("watchlist", "import", file.toString())).as(err.toString()).isZero();
        assertThat(out.toString()).contains("imported 2 entities", "2 added");

        Path bad = tmp.resolve("bad.json");
        Files.writeString(bad, "[{\"id\":\"ok\",\"name\":\"Ok\",\"aliases\":[\"Ok\"]},{\"id\":\"no alias\",\"name\":\"x\",\"aliases\":[]}]");
        assertThat(run("watchlist", "import", bad.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("bad.json");

        Path exported = tmp.resolve("out.json");
        assertThat(run("watchlist", "export", exported.toString())).isZero();
        assertThat(Files.readString(exported)).contains("rosatom", "icc", "rohingya").doesNotContain("\"ok\"");
    }

    @Test
    @Order(5)
    void shouldShowTheNewEntitysAlertsForArticlesSentAfterTheAdd() throws Exception {
        kafka.send("news.articles", "after-add".getBytes(), """
                {"id":"after-add","title":"Refugees","source":"wire","body":"Rohingya refugees reached the camp."}""".getBytes());

        assertThat(run("alerts", "--entity", "rohingya", "--from-beginning", "--follow", "--max", "1")).isZero();

        assertThat(out.toString()).contains("MENTION", "rohingya", "\"Refugees\" — wire", "Rohingya refugees reached the camp.");
    }

    @Test
    @Order(6)
    void shouldPrintAlertsAsJsonLinesAndFilterByKind() throws Exception {
        assertThat(run("alerts", "--json", "--entity", "rohingya")).isZero();
        assertThat(out.toString().lines().filter(l -> l.startsWith("{")).toList()).singleElement()
                .satisfies(line -> assertThat(line).contains("\"kind\":\"MENTION\"", "\"entityId\":\"rohingya\""));

        assertThat(run("alerts", "--kind", "THRESHOLD")).isZero();
        assertThat(out.toString()).doesNotContain("THRESHOLD");
    }

    @Test
    @Order(7)
    void shouldRemoveAnEntity() {
        assertThat(run("watchlist", "remove", "rohingya")).isZero();
        assertThat(run("watchlist", "remove", "rohingya")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("no entity 'rohingya'");
    }

    @Test
    @Order(8)
    void shouldRefuseAnAlertTopicOfAnotherRoleAndWriteNothing() throws Exception {
        long before = watchlistEndOffset();

        assertThat(run("watchlist", "add", "x", "--name", "X", "--alias", "X", "--alert-topic", "news.watchlist"))
                .isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString().strip()).doesNotContain("\n")
                .contains("invalid entity: entity 'x': ")
                .contains("alerts.topic: 'news.watchlist' is one of newswatch's own topics, not an alert topic");
        assertThat(out.toString()).isEmpty();
        assertThat(watchlistEndOffset()).isEqualTo(before);
    }

    @Test
    @Order(9)
    void shouldRefuseAKafkaInternalAlertTopicAndCreateNothing() throws Exception {
        long before = watchlistEndOffset();

        assertThat(run("watchlist", "add", "x", "--name", "X", "--alias", "X", "--alert-topic", "__consumer_offsets"))
                .isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString().strip()).doesNotContain("\n")
                .contains("alerts.topic: '__consumer_offsets' is an internal Kafka topic");
        assertThat(out.toString()).as("no topic claimed created").isEmpty();
        assertThat(watchlistEndOffset()).isEqualTo(before);
    }

    @Test
    @Order(10)
    void shouldRefuseToImportAFileRoutingAlertsToTheMentionsTopic() throws Exception {
        Path file = tmp.resolve("loop.yaml");
        Files.writeString(file, """
                - id: fine
                  aliases: [Fine]
                - id: loop
                  aliases: [Loop]
                  alerts: {topic: news.mentions}
                """);
        long before = watchlistEndOffset();

        assertThat(run("watchlist", "import", file.toString())).isEqualTo(ExitCodes.USAGE);

        assertThat(err.toString().strip()).doesNotContain("\n")
                .contains("loop.yaml:3 (entry 2): entity 'loop': alerts.topic: 'news.mentions' is one of newswatch's own topics");
        assertThat(watchlistEndOffset()).isEqualTo(before);
    }

    @Test
    @Order(11)
    void shouldNotListAnEntityWhoseNewestRecordHasAnotherIdAndReportIt() throws Exception {
        assertThat(run("watchlist", "add", "kilo", "--name", "Kilo", "--alias", "Kilo")).isZero();
        kafka.send("news.watchlist", "kilo".getBytes(StandardCharsets.UTF_8),
                "{\"id\":\"lima\",\"name\":\"Lima\",\"aliases\":[\"Lima\"]}".getBytes(StandardCharsets.UTF_8));
        clear();

        assertThat(run("watchlist", "list")).isZero();

        assertThat(out.toString()).contains("rosatom").doesNotContain("kilo").doesNotContain("lima");
        assertThat(err.toString().strip()).matches(
                "skipped watchlist record at news\\.watchlist/0@\\d+: key-mismatch: the entity id in the value differs from the record key");
        clear();
        assertThat(run("watchlist", "show", "kilo")).isEqualTo(ExitCodes.USAGE);

        // a tombstone clears the invalid record
        clear();
        assertThat(run("watchlist", "remove", "kilo")).isZero();
        assertThat(out.toString()).contains("removed kilo (its record was invalid)");
        clear();
        assertThat(run("watchlist", "list")).isZero();
        assertThat(err.toString()).isEmpty();
    }

    @Test
    @Order(12)
    void shouldAddASingleCharacterAliasOnlyWhenAskedFor() {
        assertThat(run("watchlist", "add", "omega", "--name", "Omega", "--alias", "Ω")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("alias 'Ω' is a single character after normalisation ('ω')");

        assertThat(run("watchlist", "add", "omega", "--name", "Omega", "--alias", "Omega", "--single-character", "Ω"))
                .as(err.toString()).isZero();
        assertThat(run("watchlist", "show", "omega")).isZero();
        assertThat(out.toString()).containsPattern("\\{\\s*\"text\" : \"Ω\",\\s*\"case\" : \"exact\",\\s*\"singleCharacter\" : true\\s*}");
    }

    @Test
    @Order(12)
    void shouldAddAnEntityWhoseAliasesAreAllApproximateAndThatCountsOnlyStandaloneNames() {
        assertThat(run("watchlist", "add", "sc", "--name", "Supreme Court", "--alias", "Supreme Court", "--alias", "SCOTUS",
                "--all-approximate", "--standalone")).as(err.toString()).isZero();
        assertThat(run("watchlist", "show", "sc")).isZero();
        assertThat(out.toString()).contains("\"approximate\" : true").contains("\"compounds\" : false");
    }

    @Test
    @Order(13)
    void shouldAlertOnTheSeedArticleAndNotOnACricketReportForAnEntityAddedWithAQuery() throws Exception {
        assertThat(run("watchlist", "add", "icc-query", "--name", "International Criminal Court", "--query",
                "(\"International Criminal Court\" OR ICC) AND (warrant OR judges OR court) NOT cricket")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("added icc-query (International Criminal Court, 0 aliases, query (");
        org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> monitor.watchlist().current().matcher().entity("icc-query").isPresent());

        // the cricket report first, in the seed's partition: once the seed's alert is readable, the report has been matched
        String seedId = "seed-query";
        String cricketId = sameArticlePartition(seedId, "cricket-");
        kafka.send("news.articles", cricketId.getBytes(StandardCharsets.UTF_8), io.newswatch.kafka.Json.mapper().writeValueAsBytes(Map.of(
                "id", cricketId, "title", "World Cup schedule", "source", "Sports Daily",
                "body", "The ICC confirmed the schedule of the cricket World Cup, and the judges of the players' appeals court met.")));
        kafka.send("news.articles", seedId.getBytes(StandardCharsets.UTF_8), io.newswatch.kafka.Json.mapper().writeValueAsBytes(Map.of(
                "id", seedId, "title", "Myanmar junta chief in Moscow", "source", "Wire",
                "body", io.newswatch.testing.TestData.read("seed/myanmar-putin.txt"))));

        assertThat(run("alerts", "--entity", "icc-query", "--from-beginning", "--follow", "--max", "1")).isZero();
        assertThat(out.toString()).contains("MENTION", "icc-query", "\"Myanmar junta chief in Moscow\" — Wire");
        clear();
        assertThat(run("alerts", "--json", "--entity", "icc-query")).isZero();
        assertThat(out.toString().lines().filter(l -> l.startsWith("{")).toList()).singleElement()
                .satisfies(line -> assertThat(line).contains(seedId).doesNotContain(cricketId));
    }

    @Test
    @Order(17)
    void shouldSayWhenTheEntityAskedForIsNotOnTheWatchlist() {
        assertThat(run("alerts", "--entity", "nosuch")).isZero();
        assertThat(err.toString().strip()).isEqualTo("alerts: 'nosuch' is not on the watchlist ('newswatch watchlist list' shows what is);"
                + " only alerts from before it was removed can match");
        clear();
        assertThat(run("alerts", "--entity", "rosatom")).isZero();
        assertThat(err.toString()).doesNotContain("not on the watchlist");
    }

    @Test
    @Order(16)
    void shouldPrintExistingAlertsInTimeOrderAcrossPartitions() throws Exception {
        try (Admin admin = kafka.admin()) {
            admin.createTopics(List.of(new org.apache.kafka.clients.admin.NewTopic("news.alerts.order", 2, (short) 1))).all()
                    .get(30, TimeUnit.SECONDS);
        }
        java.time.Instant t0 = java.time.Instant.parse("2026-03-01T10:00:00Z");
        try (var producer = kafka.rawProducer()) {
            // partition 0 holds the later alert, partition 1 the earlier: read partition by partition, they come out reversed
            for (int i = 0; i < 2; i++) {
                io.newswatch.alert.Alert alert = new io.newswatch.alert.Alert("order-" + i, io.newswatch.watchlist.AlertKind.MENTION,
                        "e" + i, "E" + i, null, null, t0.plusSeconds(60L * (1 - i)), t0.plusSeconds(60L * (1 - i)), 1, List.of("wire"),
                        null, null, List.of(), List.of(), 1, null, 0, null);
                producer.send(new org.apache.kafka.clients.producer.ProducerRecord<>("news.alerts.order", i, null,
                        io.newswatch.kafka.Json.mapper().writeValueAsBytes(alert))).get();
            }
        }
        assertThat(run("alerts", "--topic", "news.alerts.order")).as(err.toString()).isZero();
        assertThat(out.toString().lines().filter(l -> l.startsWith("2026")).toList())
                .extracting(l -> l.substring(0, 20)).containsExactly("2026-03-01 10:00:00Z", "2026-03-01 10:01:00Z");
    }

    @Test
    @Order(15)
    void shouldAddANameAloneAsGoogleAlertsDoesAndListItsAlertKinds() {
        assertThat(run("watchlist", "add", "Aung San Suu Kyi")).as(err.toString()).isZero();
        assertThat(out.toString()).contains("added aung-san-suu-kyi (Aung San Suu Kyi, 1 alias)");
        clear();
        assertThat(run("watchlist", "list")).isZero();
        assertThat(out.toString()).containsPattern("aung-san-suu-kyi\\s+Aung San Suu Kyi\\s+Aung San Suu Kyi\\s+MENTION");
    }

    @Test
    @Order(14)
    void shouldExportToTheTerminalWithoutFileOrWithDashAndRefuseToImportAMissingFile() {
        assertThat(run("watchlist", "export")).isZero();
        assertThat(out.toString()).contains("- id: rosatom", "- id: icc-query");
        clear();
        assertThat(run("watchlist", "export", "-")).isZero();
        assertThat(out.toString()).contains("- id: rosatom");
        assertThat(Path.of("-")).doesNotExist();

        assertThat(run("watchlist", "import", tmp.resolve("missing.json").toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip()).isEqualTo("newswatch watchlist import: cannot import " + tmp.resolve("missing.json")
                + ": there is no such file; give a watchlist file (.json, .jsonl, .yaml)");
    }

    /** An article id with this prefix whose record lands in the same partition of news.articles as {@code id}'s. */
    private static String sameArticlePartition(String id, String prefix) {
        int partitions = 6;
        int want = org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % partitions;
        for (int i = 0; ; i++) {
            String candidate = prefix + i;
            int p = org.apache.kafka.common.utils.Utils.toPositive(
                    org.apache.kafka.common.utils.Utils.murmur2(candidate.getBytes(StandardCharsets.UTF_8))) % partitions;
            if (p == want) {
                return candidate;
            }
        }
    }

    private void clear() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }

    private static long watchlistEndOffset() throws Exception {
        try (Admin admin = kafka.admin()) {
            TopicPartition partition = new TopicPartition("news.watchlist", 0);
            return admin.listOffsets(Map.of(partition, OffsetSpec.latest())).partitionResult(partition)
                    .get(30, TimeUnit.SECONDS).offset();
        }
    }
}
