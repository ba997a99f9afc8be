package io.newswatch.reliability;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.newswatch.article.Article;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.monitor.Monitor;
import io.newswatch.testing.KafkaBroker;
import io.newswatch.testing.Tags;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.WatchlistFiles;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.streams.KafkaStreams;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.LockSupport;

import static io.newswatch.reliability.Outputs.bytes;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A bounded soak: 45 s at a steady 20 articles/s while the watchlist changes every second. No
 * record is rejected, the monitor keeps running, the heap after GC grows by less than
 * {@value #HEAP_BOUND_MB} MB, and the monitor's lag returns to zero.
 */
@Tag(Tags.INTEGRATION)
@Timeout(180)
class SoakIT {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    @TempDir
    Path stateDir;

    private static final Topics TOPICS = Topics.fromDirectory(Path.of("topics"));
    private static final int SECONDS = 45;
    private static final int PER_SECOND = 20;
    static final int HEAP_BOUND_MB = 64;

    @Test
    void shouldKeepUpWithASteadyStreamAndAChangingWatchlist() throws Exception {
        try (Admin admin = kafka.admin()) {
            Outputs.create(admin, TOPICS);
        }
        List<Article> articles = Outputs.articles(SECONDS * PER_SECOND);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer();
             Monitor monitor = Monitor.start(KafkaSettings.of(kafka.bootstrapServers(), Map.of()), TOPICS,
                     Monitor.Options.defaults().withApplicationId("soak-it").withThreads(1).withStateDir(stateDir), registry)) {
            Outputs.sendWatchlist(producer, TOPICS.name(TopicRole.WATCHLIST), Outputs.watchlist());
            assertThat(monitor.awaitRunning(Duration.ofSeconds(60))).isTrue();
            long heapBefore = usedHeapAfterGc();
            long start = System.nanoTime();
            for (int second = 0; second < SECONDS; second++) {
                String id = "soak-" + (second % 10);
                producer.send(new ProducerRecord<>(TOPICS.name(TopicRole.WATCHLIST), bytes(id), Outputs.json(
                        WatchlistFiles.parse("{\"id\":\"" + id + "\",\"name\":\"Soak " + second + "\",\"aliases\":[\"Soak"
                                + second + "\",\"police\"]}"))));
                Outputs.sendArticles(producer, TOPICS.name(TopicRole.ARTICLES),
                        articles.subList(second * PER_SECOND, (second + 1) * PER_SECOND));
                LockSupport.parkNanos(Math.max(0, start + (second + 1) * 1_000_000_000L - System.nanoTime()));
            }
            try (Admin admin = kafka.admin()) {
                Outputs.awaitCaughtUp(admin, "soak-it", TOPICS.name(TopicRole.ARTICLES),
                        TOPICS.spec(TopicRole.ARTICLES).partitions(), Duration.ofSeconds(60));
            }
            long heapAfter = usedHeapAfterGc();
            double rejected = registry.find("newswatch.articles.rejected").counters().stream().mapToDouble(c -> c.count()).sum();
            double watchlistRejected = registry.find("newswatch.watchlist.rejected").counters().stream().mapToDouble(c -> c.count()).sum();
            long growthMb = (heapAfter - heapBefore) / (1024 * 1024);
            System.out.printf("SoakIT: %d articles in %d s, %d watchlist changes, heap after GC %d -> %d MB (growth %d MB, bound %d MB), "
                            + "lag 0, rejected %.0f%n", articles.size(), SECONDS, SECONDS, heapBefore >> 20, heapAfter >> 20, growthMb,
                    HEAP_BOUND_MB, rejected + watchlistRejected);
            assertThat(rejected + watchlistRejected).isZero();
            assertThat(monitor.state()).isEqualTo(KafkaStreams.State.RUNNING);
            assertThat(monitor.watchlist().current().matcher().entity("soak-" + ((SECONDS - 1) % 10))).isPresent();
            assertThat(growthMb).isLessThan(HEAP_BOUND_MB);
        }
    }

    private static long usedHeapAfterGc() {
        System.gc();
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }
}
