package io.newswatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.monitor.Monitor;
import io.newswatch.testing.KafkaBroker;
import io.newswatch.testing.Tags;
import io.newswatch.story.Sketcher;
import io.newswatch.story.StoryIndex;
import io.newswatch.story.StoryRule;
import io.newswatch.testing.TestData;
import io.newswatch.topics.Topics;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupListing;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Backfill against a real broker and a real monitor: an entity added while articles keep arriving
 * gets exactly one mention per article that names it — live or backfilled, never both, never
 * neither — and the alerts a monitor that watched it from the start gives, THRESHOLD windows
 * included, even with the backfill killed mid-way (a child JVM, {@code kill -9}) and run again.
 */
@Tag(Tags.INTEGRATION)
@Timeout(420)
class BackfillIT {

    private static final int ARTICLES = 1_000;
    private static final int BEFORE = 500;
    private static final String[] ROHINGYA = {"--name", "Rohingya", "--alias", "Rohingya", "--alert", "MENTION,THRESHOLD",
            "--threshold", "5", "--threshold-window", "1m"};

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    static Path tmp;

    private static final List<Process> children = new ArrayList<>();
    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @AfterAll
    static void killChildren() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void shouldGiveEveryArticleOneMentionAndTheAlertsOfAMonitorThatWatchedFromTheStart() throws Exception {
        List<ProducerRecord<byte[], byte[]>> articles = articles();

        // Given the alerts of a monitor that watched Rohingya from the start (topics named ref.*)
        Path refTopics = renamedTopics("ref.");
        Set<String> reference = referenceAlerts(refTopics, articles);
        assertThat(reference).as("one MENTION per article (each is its own story) and THRESHOLD windows")
                .hasSizeGreaterThan(ARTICLES + 10);

        // and a monitor watching only Myanmar that has read the first 500 articles
        assertThat(run("topics", "apply", "--dir", "topics")).as(err.toString()).isZero();
        assertThat(run("watchlist", "add", "myanmar", "--name", "Myanmar", "--alias", "Myanmar")).as(err.toString()).isZero();
        try (Monitor monitor = Monitor.start(KafkaSettings.of(kafka.bootstrapServers(), Map.of()), Topics.fromDirectory(Path.of("topics")),
                Monitor.Options.defaults().withApplicationId("bf-live").withStateDir(tmp.resolve("live-state")).withThreads(1),
                new SimpleMeterRegistry());
             KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            assertThat(monitor.awaitRunning(Duration.ofSeconds(60))).isTrue();
            for (ProducerRecord<byte[], byte[]> r : articles.subList(0, BEFORE)) {
                producer.send(to("news.articles", r));
            }
            producer.flush();
            await().atMost(Duration.ofSeconds(120)).until(() -> committedToEnd("bf-live", "news.articles"));

            // When Rohingya is added with --backfill 1h (a child JVM) while 500 more articles arrive
            CountDownLatch sending = new CountDownLatch(1);
            Thread sender = new Thread(() -> {
                for (ProducerRecord<byte[], byte[]> r : articles.subList(BEFORE, ARTICLES)) {
                    producer.send(to("news.articles", r));
                    sending.countDown();
                    pace(33); // a steady stream: about 30 articles a second
                }
                producer.flush();
            });
            sender.start();
            assertThat(sending.await(30, TimeUnit.SECONDS)).isTrue();
            List<String> add = new ArrayList<>(List.of("watchlist", "add", "rohingya"));
            add.addAll(List.of(ROHINGYA));
            add.addAll(List.of("--backfill", "1h", "--max-rate", "100"));
            Process child = startChild(add);

            // and killed (kill -9) once it has committed part of its work
            long[] progress = new long[2];
            await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(50)).until(() -> {
                long[] p = backfillProgress("rohingya");
                progress[0] = p[0];
                progress[1] = p[1];
                return p[0] >= 150 || !child.isAlive();
            });
            child.destroyForcibly().waitFor();
            assertThat(progress[0]).as("killed mid-way: %s", log("child-0")).isBetween(150L, progress[1] - 1);
            sender.join();

            // and run again
            out.getBuffer().setLength(0);
            assertThat(run("watchlist", "backfill", "rohingya", "--since", "1h")).as(err.toString()).isZero();
            assertThat(out.toString()).contains("resumed and finished the backfill of rohingya").contains("published (backfill: true)")
                    .contains("live matching of rohingya starts at news.articles offsets");

            // Then every article names Rohingya in exactly one mention, live or backfilled
            Set<String> expected = articles.stream().map(r -> new String(r.key(), StandardCharsets.UTF_8)).collect(Collectors.toSet());
            await().atMost(Duration.ofSeconds(120)).until(() -> mentionedArticles("news.mentions").keySet().equals(expected));
            await().atMost(Duration.ofSeconds(60)).until(() -> committedToEnd("bf-live", "news.articles", "news.backfill", "news.mentions"));
            Map<String, List<JsonNode>> mentions = mentionedArticles("news.mentions");
            assertThat(mentions.values()).allSatisfy(m -> assertThat(m).hasSize(1));
            Map<Boolean, Long> byBackfill = mentions.values().stream().collect(Collectors.partitioningBy(
                    m -> m.get(0).path("backfill").asBoolean(), Collectors.counting()));
            assertThat(byBackfill.get(true)).as("backfilled: the 500 read before, and those stamped before the add")
                    .isGreaterThanOrEqualTo(BEFORE);
            assertThat(byBackfill.get(false)).as("matched live after the seam").isPositive();
            for (ProducerRecord<byte[], byte[]> r : articles.subList(0, BEFORE)) {
                assertThat(mentions.get(new String(r.key(), StandardCharsets.UTF_8)).get(0).path("backfill").asBoolean()).isTrue();
            }

            // and the alerts are those of the monitor that watched from the start, each once, backfilled ones marked
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(alertIds("news.alerts")).isEqualTo(reference));
            List<JsonNode> alerts = alerts("news.alerts");
            assertThat(alerts).extracting(a -> a.get("alertId").asText()).doesNotHaveDuplicates();
            assertThat(alerts).anySatisfy(a -> assertThat(a.path("backfill").asBoolean()).isTrue())
                    .anySatisfy(a -> assertThat(a.path("backfill").asBoolean()).isFalse())
                    .anySatisfy(a -> assertThat(a.get("kind").asText()).isEqualTo("THRESHOLD"));
            out.getBuffer().setLength(0);
            assertThat(run("alerts", "--entity", "rohingya", "--from-beginning", "--max", "5")).as(err.toString()).isZero();
            assertThat(out.toString()).contains("MENTION    rohingya").contains("[backfill]");

            System.out.printf("BackfillIT: %d articles naming the entity, %d mentions backfilled, %d live; backfill killed after"
                            + " %d of %d offsets, resumed; %d alert ids, equal to the reference run's%n", ARTICLES, byBackfill.get(true),
                    byBackfill.get(false), progress[0], progress[1], reference.size());

            // and an entity that is not in the watchlist is named
            assertThat(run("watchlist", "backfill", "nobody")).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString()).contains("no entity 'nobody' in the watchlist");

            // and a backfill run again finds nothing left to do
            out.getBuffer().setLength(0);
            assertThat(run("watchlist", "backfill", "rohingya")).as(err.toString()).isZero();
            assertThat(out.toString()).contains("resumed and finished").contains(" 0 articles with rohingya published");
        }
    }

    /** The alert ids for Rohingya of a monitor that had it in its watchlist before any article arrived. */
    private Set<String> referenceAlerts(Path refTopics, List<ProducerRecord<byte[], byte[]>> articles) throws Exception {
        assertThat(run("topics", "apply", "--dir", refTopics.toString())).as(err.toString()).isZero();
        assertThat(run("watchlist", "--topics-dir", refTopics.toString(), "add", "myanmar", "--name", "Myanmar", "--alias", "Myanmar"))
                .as(err.toString()).isZero();
        List<String> add = new ArrayList<>(List.of("watchlist", "--topics-dir", refTopics.toString(), "add", "rohingya"));
        add.addAll(List.of(ROHINGYA));
        assertThat(run(add.toArray(String[]::new))).as(err.toString()).isZero();
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            articles.forEach(r -> producer.send(to("ref.articles", r)));
        }
        try (Monitor monitor = Monitor.start(KafkaSettings.of(kafka.bootstrapServers(), Map.of()), Topics.fromDirectory(refTopics),
                Monitor.Options.defaults().withApplicationId("bf-ref").withStateDir(tmp.resolve("ref-state")).withThreads(1),
                new SimpleMeterRegistry())) {
            assertThat(monitor.awaitRunning(Duration.ofSeconds(60))).isTrue();
            await().atMost(Duration.ofSeconds(180)).until(() -> mentionedArticles("ref.mentions").size() == ARTICLES
                    && committedToEnd("bf-ref", "ref.articles", "ref.mentions"));
            return alertIds("ref.alerts");
        }
    }

    /**
     * Real news (paragraphs of Wikinews articles, CC BY 2.5: 1,000 distinct texts, each its own
     * story, so that no story's founder depends on the order articles arrive in) naming Rohingya, every other one Myanmar too, keyed by id, one and a half seconds
     * apart within the last hour.
     */
    private static List<ProducerRecord<byte[], byte[]>> articles() {
        List<ProducerRecord<byte[], byte[]>> out = new ArrayList<>();
        long start = Instant.now().minus(Duration.ofMinutes(40)).toEpochMilli();
        Set<String> seen = new HashSet<>();
        StoryIndex stories = new StoryIndex(StoryRule.DEFAULT, Duration.ofDays(3), 100_000);
        for (TestData.WikinewsArticle w : TestData.wikinews(Integer.MAX_VALUE)) {
            for (String paragraph : w.text().split("\n")) {
                String text = paragraph.strip();
                if (out.size() == ARTICLES || text.length() < 300 || !seen.add(text)) {
                    continue;
                }
                int i = out.size();
                String id = "bf-" + i;
                String title = String.join(" ", java.util.Arrays.asList(text.split("\\s+")).subList(0, 8));
                String body = text + " Rohingya." + (i % 2 == 0 ? " Myanmar." : "");
                if (!stories.place(id, Sketcher.sketch(title, body), start + i * 1_500L).founded()) {
                    continue; // a copy of an earlier paragraph (agency boilerplate): which one founds its story depends on order
                }
                byte[] value = Json.mapper().createObjectNode().put("id", id).put("url", w.url()).put("title", title)
                        .put("body", body).toString().getBytes(StandardCharsets.UTF_8);
                out.add(new ProducerRecord<>("news.articles", null, start + i * 1_500L, id.getBytes(StandardCharsets.UTF_8), value));
            }
        }
        assertThat(out).hasSize(ARTICLES);
        return out;
    }

    private static ProducerRecord<byte[], byte[]> to(String topic, ProducerRecord<byte[], byte[]> r) {
        return new ProducerRecord<>(topic, null, r.timestamp(), r.key(), r.value());
    }

    private static void pace(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The topics of {@code topics/} under other names, for a second, independent pipeline on the same broker. */
    private static Path renamedTopics(String prefix) throws IOException {
        Path dir = Files.createDirectories(tmp.resolve(prefix + "topics"));
        try (var files = Files.list(Path.of("topics"))) {
            for (Path f : files.toList()) {
                Files.writeString(dir.resolve(f.getFileName()), Files.readString(f).replace("name = news.", "name = " + prefix));
            }
        }
        return dir;
    }

    /** Mentions of Rohingya on a mentions topic by article id. */
    private static Map<String, List<JsonNode>> mentionedArticles(String topic) throws IOException {
        Map<String, List<JsonNode>> out = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readToEnd(topic)) {
            JsonNode m = Json.mapper().readTree(r.value());
            if (m.get("entityId").asText().equals("rohingya")) {
                out.computeIfAbsent(m.get("articleId").asText(), k -> new ArrayList<>()).add(m);
            }
        }
        return out;
    }

    private static List<JsonNode> alerts(String topic) throws IOException {
        List<JsonNode> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readToEnd(topic)) {
            JsonNode a = Json.mapper().readTree(r.value());
            if (a.get("entityId").asText().equals("rohingya")) {
                out.add(a);
            }
        }
        return out;
    }

    private static Set<String> alertIds(String topic) throws IOException {
        return alerts(topic).stream().map(a -> a.get("alertId").asText()).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Whether the monitor's group has committed every record of these topics. */
    private static boolean committedToEnd(String group, String... topics) throws Exception {
        try (Admin admin = kafka.admin()) {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get();
            for (String topic : topics) {
                Map<TopicPartition, Long> end = endOffsets(admin, topic);
                for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
                    OffsetAndMetadata c = committed.get(e.getKey());
                    if (e.getValue() > 0 && (c == null || c.offset() < e.getValue())) {
                        return false;
                    }
                }
            }
            return true;
        }
    }

    private static Map<TopicPartition, Long> endOffsets(Admin admin, String topic) throws Exception {
        Map<TopicPartition, org.apache.kafka.clients.admin.OffsetSpec> latest = new HashMap<>();
        admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                .forEach(p -> latest.put(new TopicPartition(topic, p.partition()), org.apache.kafka.clients.admin.OffsetSpec.latest()));
        Map<TopicPartition, Long> out = new HashMap<>();
        admin.listOffsets(latest).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /** The backfill of the entity's newest definition: offsets committed past its range's start, and the range's size. */
    private static long[] backfillProgress(String entityId) throws Exception {
        try (Admin admin = kafka.admin()) {
            String group = null;
            for (ConsumerGroupListing g : admin.listConsumerGroups().all().get()) {
                if (g.groupId().startsWith("newswatch-backfill-" + entityId + "-")) {
                    group = g.groupId();
                }
            }
            if (group == null) {
                return new long[] {0, Long.MAX_VALUE};
            }
            long done = 0;
            long total = 0;
            for (OffsetAndMetadata om : admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values()) {
                String[] parts = om.metadata().split(";");
                long from = Long.parseLong(parts[0].substring("from=".length()));
                long until = Long.parseLong(parts[1].substring("until=".length()));
                done += om.offset() - from;
                total += until - from;
            }
            return new long[] {done, total};
        }
    }

    private Process startChild(List<String> args) throws IOException {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path"),
                NewswatchCli.class.getName(), "--bootstrap-server", kafka.bootstrapServers()));
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.redirectErrorStream(true);
        pb.redirectOutput(tmp.resolve("child-" + children.size() + ".log").toFile());
        Process p = pb.start();
        children.add(p);
        return p;
    }

    private static String log(String name) {
        try {
            return Files.readString(tmp.resolve(name + ".log"));
        } catch (IOException e) {
            return "(no log: " + e + ")";
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
}
