package io.newswatch.reliability;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.article.Article;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.monitor.Monitor;
import io.newswatch.testing.KafkaBroker;
import io.newswatch.testing.Tags;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.WatchedEntity;
import io.newswatch.watchlist.WatchlistFiles;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Two monitor instances with one application id share the work; one stops mid-stream and the
 * other (with a standby replica configured) takes over. The mentions and alert ids they publish
 * together equal those of a single instance run over the same input on a second set of topics.
 */
@Tag(Tags.INTEGRATION)
@Timeout(300)
class ScaleOutIT {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path stateDir;

    private static final Topics TOPICS = Topics.fromDirectory(Path.of("topics"));
    private static final Topics REFERENCE = Outputs.prefixed(TOPICS, "ref.");
    private static final int ARTICLES = 600;

    @Test
    void shouldPublishWhatOneInstancePublishesWhenAnInstanceLeavesMidStream() throws Exception {
        // Given the same watchlist and articles on both topic sets
        try (Admin admin = kafka.admin()) {
            Outputs.create(admin, TOPICS);
            Outputs.create(admin, REFERENCE);
        }
        List<WatchedEntity> starter = WatchlistFiles.starter();
        List<Article> articles = Outputs.articles(ARTICLES);
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            Outputs.sendWatchlist(producer, TOPICS.name(TopicRole.WATCHLIST), starter);
            Outputs.sendWatchlist(producer, REFERENCE.name(TopicRole.WATCHLIST), starter);
            Outputs.sendArticles(producer, REFERENCE.name(TopicRole.ARTICLES), articles);
        }
        KafkaSettings settings = KafkaSettings.of(kafka.bootstrapServers(), Map.of());
        Monitor.Options options = Monitor.Options.defaults().withApplicationId("scale-out").withThreads(1);

        List<String> refMentions;
        List<String> refAlerts;
        try (Monitor reference = Monitor.start(settings, REFERENCE,
                Monitor.Options.defaults().withApplicationId("scale-ref").withThreads(1).withStateDir(stateDir.resolve("ref")),
                new SimpleMeterRegistry())) {
            assertThat(reference.awaitRunning(Duration.ofSeconds(60))).isTrue();
            // When two instances share the work and one leaves half-way through
            try (Monitor a = Monitor.start(settings, TOPICS, options.withStateDir(stateDir.resolve("a")).withStandbyReplicas(1),
                    new SimpleMeterRegistry());
                 Monitor b = Monitor.start(settings, TOPICS, options.withStateDir(stateDir.resolve("b")), new SimpleMeterRegistry())) {
                assertThat(a.awaitRunning(Duration.ofSeconds(60))).isTrue();
                assertThat(b.awaitRunning(Duration.ofSeconds(60))).isTrue();
                try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
                    Outputs.sendArticles(producer, TOPICS.name(TopicRole.ARTICLES), articles.subList(0, ARTICLES / 2));
                    assertThat(kafka.read(TOPICS.name(TopicRole.MENTIONS), 10, Duration.ofSeconds(60))).hasSizeGreaterThanOrEqualTo(10);
                    b.close(Duration.ofSeconds(30));
                    // B left the group as it closed: the group shrinks well before the 45 s session timeout.
                    try (Admin admin = kafka.admin()) {
                        Awaitility.await("instance B has left the group").atMost(Duration.ofSeconds(15))
                                .pollInterval(Duration.ofMillis(200))
                                .until(() -> admin.describeConsumerGroups(List.of("scale-out")).all().get()
                                        .get("scale-out").members().size() == 1);
                    }
                    Outputs.sendArticles(producer, TOPICS.name(TopicRole.ARTICLES), articles.subList(ARTICLES / 2, ARTICLES));
                }
                List<ConsumerRecord<byte[], byte[]>> refMentionRecords = Outputs.settled(kafka, REFERENCE.name(TopicRole.MENTIONS));
                refMentions = Outputs.mentionKeys(refMentionRecords);
                refAlerts = Outputs.alertKeys(Outputs.settled(kafka, REFERENCE.name(TopicRole.ALERTS)), Outputs.storyKeys(refMentionRecords));

                // Then the survivor finishes the work: the same mentions and alerts, none twice
                List<ConsumerRecord<byte[], byte[]>> mentionRecords = Outputs.readAll(kafka, TOPICS.name(TopicRole.MENTIONS),
                        refMentions.size(), Duration.ofSeconds(120));
                List<String> mentions = Outputs.mentionKeys(mentionRecords);
                List<String> alerts = Outputs.alertKeys(Outputs.settled(kafka, TOPICS.name(TopicRole.ALERTS)), Outputs.storyKeys(mentionRecords));
                if (mentions.size() != refMentions.size()) {
                    try (Admin admin = kafka.admin()) {
                        System.out.println(Outputs.describe(admin, "scale-out", admin.listTopics().names().get().stream()
                                .filter(t -> !t.startsWith("ref.") && !t.startsWith("scale-ref") && !t.startsWith("__")).toList()));
                    }
                }
                System.out.printf("ScaleOutIT: %d articles, mentions %d (reference %d), alerts %d (reference %d)%n",
                        ARTICLES, mentions.size(), refMentions.size(), alerts.size(), refAlerts.size());
                assertThat(refMentions).doesNotHaveDuplicates().hasSizeGreaterThan(20);
                assertThat(mentions).doesNotHaveDuplicates();
                assertThat(new TreeSet<>(mentions)).isEqualTo(new TreeSet<>(refMentions));
                assertThat(alerts).doesNotHaveDuplicates();
                assertThat(CrashConsistencyIT.withoutSpikes(alerts)).isEqualTo(CrashConsistencyIT.withoutSpikes(refAlerts));
                assertThat(a.isRunning()).isTrue();
            }
        }
    }
}
