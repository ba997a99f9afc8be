package io.newswatch.reliability;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.article.Article;
import io.newswatch.cli.NewswatchCli;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.monitor.Monitor;
import io.newswatch.testing.KafkaBroker;
import io.newswatch.testing.Tags;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.WatchedEntity;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The monitor as a separate JVM is killed with SIGKILL three times (while it starts, and twice
 * while it works through a backlog) and the broker is bounced once under load; once it has caught
 * up, the committed mentions and alert ids equal a fault-free run over the same input on a second
 * set of topics: nothing lost, nothing twice.
 *
 * <p>The input size is {@code -Dnewswatch.crash.articles}: 20,000 by default, as the issue asks
 * (about six minutes on 2 cores); fewer for a quick try.
 */
@Tag(Tags.INTEGRATION)
@Timeout(value = 60, unit = java.util.concurrent.TimeUnit.MINUTES)
class CrashConsistencyIT {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path dir;

    private static final Topics TOPICS = Topics.fromDirectory(Path.of("topics"));
    private static final Topics REFERENCE = Outputs.prefixed(TOPICS, "ref.");
    private static final int ARTICLES = Integer.getInteger("newswatch.crash.articles", 20_000);
    /** The longest wait for one step (catching up, a share of the mentions), growing with the input. */
    private static final Duration STEP = Duration.ofSeconds(180 + ARTICLES / 20);

    private final List<Process> children = new ArrayList<>();
    private int starts;

    @AfterEach
    void killChildren() throws InterruptedException {
        for (Process p : children) {
            p.destroyForcibly().waitFor();
        }
    }

    @Test
    void shouldPublishExactlyTheFaultFreeOutputAfterKillsAndABrokerBounce() throws Exception {
        // Given the same watchlist on both topic sets, and the whole input for the reference run
        try (Admin admin = kafka.admin()) {
            Outputs.create(admin, TOPICS);
            Outputs.create(admin, REFERENCE);
        }
        List<WatchedEntity> watchlist = Outputs.watchlist();
        List<Article> articles = Outputs.articles(ARTICLES);
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            Outputs.sendWatchlist(producer, TOPICS.name(TopicRole.WATCHLIST), watchlist);
            Outputs.sendWatchlist(producer, REFERENCE.name(TopicRole.WATCHLIST), watchlist);
            Outputs.sendArticles(producer, REFERENCE.name(TopicRole.ARTICLES), articles);
        }
        List<String> refMentions;
        List<String> refAlerts;
        try (Monitor reference = Monitor.start(KafkaSettings.of(kafka.bootstrapServers(), Map.of()), REFERENCE,
                Monitor.Options.defaults().withApplicationId("crash-ref").withThreads(1).withStateDir(dir.resolve("ref")),
                new SimpleMeterRegistry())) {
            assertThat(reference.awaitRunning(Duration.ofSeconds(60))).isTrue();
            try (Admin admin = kafka.admin()) {
                Outputs.awaitCaughtUp(admin, "crash-ref", REFERENCE.name(TopicRole.ARTICLES),
                        REFERENCE.spec(TopicRole.ARTICLES).partitions(), STEP);
            }
            List<ConsumerRecord<byte[], byte[]>> refMentionRecords = Outputs.settled(kafka, REFERENCE.name(TopicRole.MENTIONS));
            refMentions = Outputs.mentionKeys(refMentionRecords);
            refAlerts = Outputs.alertKeys(Outputs.settled(kafka, REFERENCE.name(TopicRole.ALERTS)), Outputs.storyKeys(refMentionRecords));
        }
        assertThat(refMentions).doesNotHaveDuplicates().hasSizeGreaterThan(ARTICLES / 2);
        assertThat(refAlerts).doesNotHaveDuplicates().hasSizeGreaterThan(100);
        String mentionsTopic = TOPICS.name(TopicRole.MENTIONS);
        int quarter = ARTICLES / 4;

        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            // When: kill 1 while the monitor starts up with the first quarter waiting
            Outputs.sendArticles(producer, TOPICS.name(TopicRole.ARTICLES), articles.subList(0, quarter));
            Process monitor = startMonitor();
            awaitLog(monitor, "running", Duration.ofSeconds(120));
            kill(monitor);

            // kill 2 under load, once some of the second quarter's output is committed
            monitor = startMonitor();
            Outputs.sendArticles(producer, TOPICS.name(TopicRole.ARTICLES), articles.subList(quarter, 2 * quarter));
            awaitMentions(mentionsTopic, refMentions.size() / 3);
            kill(monitor);

            // broker bounce under load, then kill 3 right after the third quarter went in
            monitor = startMonitor();
            Outputs.sendArticles(producer, TOPICS.name(TopicRole.ARTICLES), articles.subList(2 * quarter, 3 * quarter));
            awaitMentions(mentionsTopic, refMentions.size() / 2);
            kafka.restart();
            Outputs.sendArticles(producer, TOPICS.name(TopicRole.ARTICLES), articles.subList(3 * quarter, ARTICLES));
            awaitMentions(mentionsTopic, refMentions.size() * 2 / 3);
            kill(monitor);
            startMonitor();
        }

        // Then the committed output equals the fault-free run
        try (Admin admin = kafka.admin()) {
            Outputs.awaitCaughtUp(admin, "crash-it", TOPICS.name(TopicRole.ARTICLES), TOPICS.spec(TopicRole.ARTICLES).partitions(),
                    STEP);
        }
        List<ConsumerRecord<byte[], byte[]>> mentionRecords = Outputs.readAll(kafka, mentionsTopic, refMentions.size(), STEP);
        List<String> mentions = Outputs.mentionKeys(mentionRecords);
        List<String> alerts = Outputs.alertKeys(Outputs.settled(kafka, TOPICS.name(TopicRole.ALERTS)), Outputs.storyKeys(mentionRecords));
        System.out.printf("CrashConsistencyIT: %d articles, 3 SIGKILLs, 1 broker bounce, %d starts; mentions %d (fault-free %d), "
                + "alerts %d (fault-free %d), of which not SPIKE %d (fault-free %d)%n", ARTICLES, starts, mentions.size(),
                refMentions.size(), alerts.size(), refAlerts.size(), withoutSpikes(alerts).size(), withoutSpikes(refAlerts).size());
        System.out.println("mentions only after faults: " + Outputs.missingFrom(refMentions, mentions)
                + "; only fault-free: " + Outputs.missingFrom(mentions, refMentions));
        System.out.println("alerts only after faults: " + Outputs.missingFrom(refAlerts, alerts)
                + "; only fault-free: " + Outputs.missingFrom(alerts, refAlerts));
        assertThat(mentions).doesNotHaveDuplicates();
        assertThat(new TreeSet<>(mentions)).isEqualTo(new TreeSet<>(refMentions));
        assertThat(alerts).doesNotHaveDuplicates();
        // SPIKE alerts also judge quiet entities on wall-clock time, so two runs need not agree on them.
        assertThat(withoutSpikes(alerts)).isEqualTo(withoutSpikes(refAlerts)).hasSizeGreaterThan(100);
    }

    static TreeSet<String> withoutSpikes(List<String> alertIds) {
        TreeSet<String> out = new TreeSet<>(alertIds);
        out.removeIf(id -> id.startsWith("spike-"));
        return out;
    }

    private Process startMonitor() throws IOException {
        Path config = dir.resolve("client.properties");
        // A killed member leaves the group after this, not after the default 45 s.
        Files.writeString(config, "session.timeout.ms=6000\nheartbeat.interval.ms=1000\n");
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ProcessBuilder pb = new ProcessBuilder(java, "-Xmx512m", "-cp", System.getProperty("java.class.path"),
                NewswatchCli.class.getName(), "--bootstrap-server", kafka.bootstrapServers(), "--command-config", config.toString(),
                "run", "--application-id", "crash-it", "--state-dir", dir.resolve("state").toString(), "--threads", "2",
                "--metrics-port", "-1", "--topics-dir", "topics");
        pb.redirectErrorStream(true);
        pb.redirectOutput(dir.resolve("monitor-" + (++starts) + ".log").toFile());
        Process p = pb.start();
        children.add(p);
        return p;
    }

    private void kill(Process p) throws InterruptedException {
        p.destroyForcibly().waitFor();
    }

    private void awaitLog(Process p, String text, Duration timeout) throws Exception {
        Path log = dir.resolve("monitor-" + starts + ".log");
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            p.waitFor(100, java.util.concurrent.TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("monitor did not log '" + text + "' within " + timeout + ":\n" + Files.readString(log));
    }

    private void awaitMentions(String topic, int atLeast) throws IOException {
        int got = kafka.read(topic, atLeast, STEP).size();
        if (got < atLeast) {
            String log = Files.readString(dir.resolve("monitor-" + starts + ".log"));
            try (Admin admin = kafka.admin()) {
                System.out.println(Outputs.describe(admin, "crash-it", admin.listTopics().names().get().stream()
                        .filter(t -> !t.startsWith("ref.") && !t.startsWith("crash-ref") && !t.startsWith("__")).toList()));
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            throw new AssertionError("only " + got + " of " + atLeast + " mentions; monitor start " + starts + " logged:\n"
                    + log.substring(Math.max(0, log.length() - 6_000)));
        }
    }
}
