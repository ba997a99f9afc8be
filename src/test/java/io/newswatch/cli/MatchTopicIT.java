package io.newswatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.monitor.Monitor;
import io.newswatch.testing.KafkaBroker;
import io.newswatch.testing.Tags;
import io.newswatch.topics.Topics;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@code match --topic}: the same counts as the live monitor for the same watchlist, and nothing
 * written anywhere; against the live watchlist, what a new entity would add.
 */
@Tag(Tags.INTEGRATION)
@Timeout(240)
class MatchTopicIT {

    private static final String APP = "match-topic-it";

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    static Path tmp;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = NewswatchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--bootstrap-server", kafka.bootstrapServers()));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    @Test
    void shouldCountWhatTheLiveMonitorFoundAndWriteNothing() throws Exception {
        // Given the starter watchlist live, the demo's Wikinews sample and the seed article on
        // news.articles (each sent twice, as a re-sending producer would) and a record that is no article
        assertThat(run("topics", "apply", "--dir", "topics")).isZero();
        Path starter = tmp.resolve("starter.yaml");
        Files.write(starter, MatchTopicIT.class.getResourceAsStream("/io/newswatch/watchlist/starter.yaml").readAllBytes());
        assertThat(run("watchlist", "import", starter.toString())).as(err.toString()).isZero();
        List<String> articles = new ArrayList<>(Files.readAllLines(Path.of("src/main/resources/io/newswatch/demo/wikinews-sample.jsonl")));
        articles.add(Json.mapper().createObjectNode().put("id", "seed").put("title", "Putin hosts Myanmar junta chief")
                .put("body", Files.readString(Path.of("src/main/resources/io/newswatch/demo/seed-myanmar-putin.txt"))).toString());
        for (int copy = 0; copy < 2; copy++) {
            for (String a : articles) {
                kafka.send("news.articles", null, a.getBytes(StandardCharsets.UTF_8));
            }
        }
        kafka.send("news.articles", null, "{not an article".getBytes(StandardCharsets.UTF_8));

        // and a monitor reading them
        Map<String, int[]> preview;
        try (Monitor monitor = Monitor.start(KafkaSettings.of(kafka.bootstrapServers(), Map.of()), Topics.fromDirectory(Path.of("topics")),
                Monitor.Options.defaults().withApplicationId(APP).withStateDir(tmp.resolve("state")).withThreads(1),
                new SimpleMeterRegistry())) {
            assertThat(monitor.awaitRunning(Duration.ofSeconds(60))).isTrue();
            await().atMost(Duration.ofSeconds(120)).until(this::monitorReadTheArticles);

            // When the live watchlist is matched on the topic
            preview = preview("match", "--topic", "news.articles", "--since", "1h", "--json");

            // Then the monitor's mentions come to the same counts, per entity
            assertThat(preview).hasSizeGreaterThan(5).containsKeys("myanmar", "icc", "rosatom");
            await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertSameCounts(monitorCounts(), preview));
        }
        assertThat(err.toString()).contains("skipped news.articles/").contains("not an article");

        // and with the monitor stopped, a preview writes nothing anywhere
        Map<TopicPartition, Long> before = endOffsets();
        assertSameCounts(preview("match", "--topic", "news.articles", "--since", "1h", "--json"), preview);
        assertThat(endOffsets()).isEqualTo(before);

        // When a watchlist with one more entity is tried against the live one
        Path more = tmp.resolve("more.yaml");
        Files.writeString(more, Files.readString(starter) + """

                - id: rohingya
                  name: Rohingya
                  aliases: [Rohingya]
                """);
        out.getBuffer().setLength(0);
        assertThat(run("match", "--topic", "news.articles", "--since", "1h", "--watchlist", more.toString(), "--entity", "rohingya"))
                .as(err.toString()).isZero();

        // Then it says what the new entity adds: the seed article, and nothing lost
        assertThat(out.toString()).contains("news.articles since ").contains("nothing written")
                .contains("Rohingya [rohingya]: 1 article, 2 mentions; MENTION alerts on 1; against the live watchlist: +1, −0 articles")
                .contains("\"Putin hosts Myanmar junta chief\": Rohingya");
        assertThat(endOffsets()).isEqualTo(before);
    }

    /** The entities {@code match --topic ... --json} found, with their articles and mentions. */
    private Map<String, int[]> preview(String... args) throws Exception {
        out.getBuffer().setLength(0);
        assertThat(run(args)).as(err.toString()).isZero();
        Map<String, int[]> counts = new TreeMap<>();
        for (String line : out.toString().lines().toList()) {
            JsonNode n = Json.mapper().readTree(line);
            if (n.get("articles").asInt() > 0) {
                counts.put(n.get("entity").asText(), new int[] {n.get("articles").asInt(), n.get("mentions").asInt()});
            }
        }
        return counts;
    }

    private static void assertSameCounts(Map<String, int[]> actual, Map<String, int[]> expected) {
        assertThat(actual.keySet()).isEqualTo(expected.keySet());
        expected.forEach((id, counts) -> assertThat(actual.get(id)).as(id).containsExactly(counts));
    }

    /** The monitor's consumer group has committed past every article sent. */
    private boolean monitorReadTheArticles() throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = kafka.admin().listConsumerGroupOffsets(APP)
                .partitionsToOffsetAndMetadata().get();
        Map<TopicPartition, Long> end = endOffsets().entrySet().stream().filter(e -> e.getKey().topic().equals("news.articles"))
                .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
        return end.entrySet().stream().allMatch(e -> committed.containsKey(e.getKey())
                && committed.get(e.getKey()).offset() >= e.getValue());
    }

    /** End offsets of every topic but Kafka's own. */
    private Map<TopicPartition, Long> endOffsets() throws Exception {
        Set<String> names = kafka.admin().listTopics().names().get();
        Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
        kafka.admin().describeTopics(names).allTopicNames().get().values().forEach(d -> d.partitions()
                .forEach(p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
        Map<TopicPartition, Long> out = new HashMap<>();
        kafka.admin().listOffsets(latest).all().get().forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /** Per entity, the articles and mentions the monitor wrote to news.mentions. */
    private Map<String, int[]> monitorCounts() throws Exception {
        Map<String, Set<String>> articles = new TreeMap<>();
        Map<String, Integer> mentions = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : kafka.readToEnd("news.mentions")) {
            JsonNode m = Json.mapper().readTree(r.value());
            String entity = m.get("entityId").asText();
            if (articles.computeIfAbsent(entity, k -> new HashSet<>()).add(m.get("articleId").asText())) {
                mentions.merge(entity, m.get("hits").size() + m.path("truncated").asInt(0), Integer::sum);
            }
        }
        return articles.entrySet().stream().collect(Collectors.toMap(Map.Entry::getKey,
                e -> new int[] {e.getValue().size(), mentions.get(e.getKey())}, (a, b) -> a, TreeMap::new));
    }
}
