package io.newswatch.reliability;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.alert.Alert;
import io.newswatch.article.Article;
import io.newswatch.cli.NewswatchCli;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.monitor.Mention;
import io.newswatch.monitor.Monitor;
import io.newswatch.story.Story;
import io.newswatch.testing.KafkaBroker;
import io.newswatch.testing.Tags;
import io.newswatch.testing.TestData;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.AlertKind;
import io.newswatch.watchlist.WatchlistFiles;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two monitor instances share the work; a wire story and three copies from other outlets arrive
 * at once, each on another partition (so, with two instances, at both of them). They meet in the
 * one story index: one story id on every mention, one MENTION per entity, one story of four on
 * {@code news.stories}, and {@code newswatch alerts} shows "+3 outlets".
 */
@Tag(Tags.INTEGRATION)
@Timeout(300)
class StoriesIT {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path stateDir;

    private static final Topics TOPICS = Topics.fromDirectory(Path.of("topics"));

    @Test
    void shouldGiveCopiesOnDifferentPartitionsOfTwoInstancesOneStory() throws Exception {
        try (Admin admin = kafka.admin()) {
            Outputs.create(admin, TOPICS);
        }
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            Outputs.sendWatchlist(producer, TOPICS.name(TopicRole.WATCHLIST), WatchlistFiles.starter());
        }
        KafkaSettings settings = KafkaSettings.of(kafka.bootstrapServers(), Map.of());
        Monitor.Options options = Monitor.Options.defaults().withApplicationId("stories-it").withThreads(1);
        try (Monitor a = Monitor.start(settings, TOPICS, options.withStateDir(stateDir.resolve("a")), new SimpleMeterRegistry());
             Monitor b = Monitor.start(settings, TOPICS, options.withStateDir(stateDir.resolve("b")), new SimpleMeterRegistry())) {
            assertThat(a.awaitRunning(Duration.ofSeconds(60))).isTrue();
            assertThat(b.awaitRunning(Duration.ofSeconds(60))).isTrue();

            // When the wire story and three copies arrive together, each on a partition of its own
            List<Article> articles = wireAndCopies();
            Set<Integer> partitions = new HashSet<>();
            try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
                for (Article article : articles) {
                    int partition = partition(article.id());
                    partitions.add(partition);
                    producer.send(new ProducerRecord<>(TOPICS.name(TopicRole.ARTICLES), partition, null,
                            article.id().getBytes(StandardCharsets.UTF_8), Outputs.json(article)));
                }
            }
            assertThat(partitions).hasSize(4);

            // Then every mention of the four names one story
            List<Mention> mentions = new ArrayList<>();
            for (ConsumerRecord<byte[], byte[]> r : kafka.await(TOPICS.name(TopicRole.MENTIONS),
                    r -> read(r.value(), Mention.class).entityId().equals("putin"), 4, Duration.ofSeconds(120))) {
                mentions.add(read(r.value(), Mention.class));
            }
            assertThat(mentions).extracting(Mention::articleId).containsExactlyInAnyOrderElementsOf(
                    articles.stream().map(Article::id).toList());
            assertThat(mentions).extracting(Mention::storyId).containsOnly(mentions.get(0).storyId());
            assertThat(mentions).filteredOn(Mention::firstInStory).hasSize(1);
            String storyId = mentions.get(0).storyId();

            // and the story has four members from four outlets
            List<ConsumerRecord<byte[], byte[]>> complete = kafka.await(TOPICS.name(TopicRole.STORIES),
                    r -> read(r.value(), Story.class).members() == 4, 1, Duration.ofSeconds(60));
            assertThat(complete).singleElement().satisfies(r -> {
                Story story = read(r.value(), Story.class);
                assertThat(story.storyId()).isEqualTo(storyId);
                assertThat(story.outletCount()).isEqualTo(4);
                assertThat(story.entities()).contains("rosatom", "icc", "myanmar");
            });

            // and one MENTION per entity, for that story
            List<Alert> alerts = kafka.read(TOPICS.name(TopicRole.ALERTS), 100, Duration.ofSeconds(5)).stream()
                    .map(r -> read(r.value(), Alert.class)).toList();
            List<Alert> mentionAlerts = alerts.stream().filter(x -> x.kind() == AlertKind.MENTION).toList();
            assertThat(mentionAlerts).extracting(Alert::entityId).contains("rosatom", "icc", "myanmar").doesNotHaveDuplicates();
            assertThat(mentionAlerts).extracting(Alert::storyId).containsOnly(storyId);

            // and the alerts command shows how far the story has spread
            StringWriter screen = new StringWriter();
            var cli = NewswatchCli.commandLine();
            cli.setOut(new PrintWriter(screen, true));
            cli.setErr(new PrintWriter(screen, true));
            assertThat(cli.execute("--bootstrap-server", kafka.bootstrapServers(), "alerts", "--entity", "rosatom")).isZero();
            assertThat(screen.toString()).contains("MENTION    rosatom").contains("+3 outlets");
        }
    }

    private static List<Article> wireAndCopies() {
        String wire = TestData.seedArticle();
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        List<Article> out = new ArrayList<>();
        out.add(new Article(idOnFreshPartition("wire", out), "https://wire.example.org/1", "Wire",
                "Putin hosts Myanmar junta chief", wire, "en", now));
        out.add(new Article(idOnFreshPartition("daily", out), "https://daily.example.org/2", "Daily",
                "Kremlin welcomes Myanmar's military ruler", wire, "en", now));
        out.add(new Article(idOnFreshPartition("times", out), "https://times.example.org/3", "Times", "Putin and the general",
                "Sign up for our newsletter.\n" + wire + "\nAll rights reserved.", "en", now));
        String[] paragraphs = wire.split("\n");
        out.add(new Article(idOnFreshPartition("post", out), "https://post.example.org/4", "Post", "Junta chief in Moscow",
                String.join("\n", List.of(paragraphs).subList(0, paragraphs.length * 6 / 10)), "en", now));
        return out;
    }

    /** {@code base} with a number added, so that it lands on a partition none of {@code taken} is on. */
    private static String idOnFreshPartition(String base, List<Article> taken) {
        Set<Integer> used = new HashSet<>();
        taken.forEach(t -> used.add(partition(t.id())));
        for (int i = 0; ; i++) {
            String id = base + "-" + i;
            if (!used.contains(partition(id))) {
                return id;
            }
        }
    }

    private static int partition(String id) {
        return Utils.toPositive(Utils.murmur2(id.getBytes(StandardCharsets.UTF_8))) % TOPICS.spec(TopicRole.ARTICLES).partitions();
    }

    private static <T> T read(byte[] json, Class<T> type) {
        try {
            return Json.mapper().readValue(json, type);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
