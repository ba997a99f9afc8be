package io.newswatch.reliability;

import io.newswatch.alert.Alert;
import io.newswatch.article.Article;
import io.newswatch.kafka.Json;
import io.newswatch.monitor.Mention;
import io.newswatch.testing.TestData;
import io.newswatch.topics.TopicApplier;
import io.newswatch.topics.TopicSpec;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.WatchedEntity;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Fixtures shared by the reliability tests: deterministic input, topic sets, output digests. */
final class Outputs {


    private Outputs() {
    }

    /** The same topics under a prefix, roles kept: a second, independent monitor on one broker. */
    static Topics prefixed(Topics base, String prefix) {
        return Topics.of(base.all().stream()
                .map(s -> new TopicSpec(prefix + s.name(), s.role(), s.partitions(), s.replicationFactor(), s.configs(), s.source()))
                .toList());
    }

    static void create(Admin admin, Topics topics) throws Exception {
        TopicApplier applier = new TopicApplier(admin);
        applier.apply(applier.plan(topics.all()));
    }

    /**
     * {@code n} articles from the Wikinews sample, varied deterministically: article {@code i}
     * is Wikinews article {@code i mod size} with its own id, title suffix and, every other
     * round, its paragraphs in reverse order. Publication times (and so record times) rise by
     * ten seconds per article and the last is about an hour old: record times must lie within the
     * topics' retention (7 days for articles) or the broker deletes the records while the test
     * runs, and not in the future, which the broker refuses.
     */
    static List<Article> articles(int n) {
        List<TestData.WikinewsArticle> wikinews = TestData.wikinews(Integer.MAX_VALUE);
        java.time.OffsetDateTime start = java.time.OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(java.time.temporal.ChronoUnit.HOURS)
                .minusHours(1).minusSeconds(10L * n);
        List<Article> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            TestData.WikinewsArticle w = wikinews.get(i % wikinews.size());
            int round = i / wikinews.size();
            String body = w.text();
            if (round % 2 == 1) {
                List<String> paragraphs = new ArrayList<>(List.of(body.split("\n")));
                java.util.Collections.reverse(paragraphs);
                body = String.join("\n", paragraphs);
            }
            String id = round == 0 ? "wn-" + i : copyId("wn-" + i, "wn-" + (i % wikinews.size()));
            out.add(new Article(id, w.url() + "#" + i, "Wikinews", w.title() + " (" + round + ")", body, "en",
                    start.plusSeconds(10L * i)));
        }
        return out;
    }

    /**
     * An id for a copy of the article {@code originalId} that a Java producer puts in the
     * original's partition: {@code id}, or {@code id} with a letter added. The story stage sees
     * articles of one partition in their order there, and articles of different partitions in an
     * order that changes from run to run; with every copy beside its original, the original
     * founds its story in every run, so story ids and the alert ids made of them can be compared
     * between runs.
     */
    private static final int ARTICLE_PARTITIONS = Topics.fromDirectory(java.nio.file.Path.of("topics"))
            .spec(io.newswatch.topics.TopicRole.ARTICLES).partitions();

    static String copyId(String id, String originalId) {
        int partitions = ARTICLE_PARTITIONS;
        int target = partition(originalId, partitions);
        String candidate = id;
        for (char c = 'a'; partition(candidate, partitions) != target; c++) {
            candidate = id + c;
        }
        return candidate;
    }

    private static int partition(String key, int partitions) {
        return org.apache.kafka.common.utils.Utils.toPositive(
                org.apache.kafka.common.utils.Utils.murmur2(key.getBytes(java.nio.charset.StandardCharsets.UTF_8))) % partitions;
    }

    /**
     * Creates the topics, writes {@code watchlist} and starts a monitor on them; returns once it
     * runs (and fails the test if it does not within a minute).
     */
    static io.newswatch.monitor.Monitor startMonitor(io.newswatch.testing.KafkaBroker kafka, Topics topics,
                                                     List<WatchedEntity> watchlist, io.newswatch.monitor.Monitor.Options options,
                                                     io.micrometer.core.instrument.MeterRegistry registry) throws Exception {
        try (Admin admin = kafka.admin()) {
            create(admin, topics);
        }
        try (KafkaProducer<byte[], byte[]> producer = kafka.rawProducer()) {
            sendWatchlist(producer, topics.name(io.newswatch.topics.TopicRole.WATCHLIST), watchlist);
        }
        io.newswatch.monitor.Monitor monitor = io.newswatch.monitor.Monitor.start(
                io.newswatch.kafka.KafkaSettings.of(kafka.bootstrapServers(), java.util.Map.of()), topics, options, registry);
        if (!monitor.awaitRunning(java.time.Duration.ofSeconds(60))) {
            monitor.close();
            throw new AssertionError("the monitor did not start within 60 s: " + monitor.state());
        }
        return monitor;
    }

    static void sendWatchlist(KafkaProducer<byte[], byte[]> producer, String topic, List<WatchedEntity> entities) throws Exception {
        for (WatchedEntity entity : entities) {
            producer.send(new ProducerRecord<>(topic, bytes(entity.id()), Json.mapper().writeValueAsBytes(entity))).get();
        }
    }

    static byte[] json(Object value) {
        try {
            return Json.mapper().writeValueAsBytes(value);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The starter watchlist plus a few entities common in general news, so that thousands of
     * Wikinews articles give thousands of mentions and alerts to compare.
     */
    static List<WatchedEntity> watchlist() {
        List<WatchedEntity> out = new ArrayList<>(io.newswatch.watchlist.WatchlistFiles.starter());
        String[][] broad = {
                {"us", "United States", "United States", "US"},
                {"china", "China", "China", "Beijing"},
                {"police", "Police", "police", "officers"},
                {"government", "Government", "government", "minister"},
                {"uk", "United Kingdom", "United Kingdom", "UK"},
        };
        for (String[] e : broad) {
            String aliases = java.util.Arrays.stream(e, 2, e.length).map(a -> "\"" + a + "\"")
                    .collect(java.util.stream.Collectors.joining(","));
            out.add(io.newswatch.watchlist.WatchlistFiles.parse("{\"id\":\"" + e[0] + "\",\"name\":\"" + e[1]
                    + "\",\"aliases\":[" + aliases + "],\"alerts\":{\"kinds\":[\"MENTION\",\"THRESHOLD\",\"CO_MENTION\"],"
                    + "\"threshold\":{\"count\":5,\"window\":\"1h\"}}}"));
        }
        return List.copyOf(out);
    }

    /** {@code articleId/entityId} of every mention record, duplicates kept. */
    static List<String> mentionKeys(List<ConsumerRecord<byte[], byte[]>> records) {
        List<String> out = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                Mention m = Json.mapper().readValue(r.value(), Mention.class);
                out.add(m.articleId() + "/" + m.entityId());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /**
     * Each story of the mentions, named by the smallest id of the articles in it: a name that
     * does not depend on which article founded it. Two originals on different partitions that
     * the rule takes for one story (two interviews built on one questionnaire) found it in either
     * order, and the story id — a hash of the founder's id — changes with the order.
     */
    static java.util.Map<String, String> storyKeys(List<ConsumerRecord<byte[], byte[]>> mentions) {
        java.util.Map<String, String> out = new java.util.HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : mentions) {
            try {
                Mention m = Json.mapper().readValue(r.value(), Mention.class);
                if (m.storyId() != null) {
                    out.merge(m.storyId(), m.articleId(), (a, b) -> a.compareTo(b) <= 0 ? a : b);
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    /**
     * What every alert record says, comparable between runs, duplicates kept: the alert id; for a
     * MENTION its entity and story, the story named by {@link #storyKeys}; for a CO_MENTION each
     * pair with its window. The pairs that cross in a window do not depend on the order the story
     * stage sees stories of different partitions in; which story brings a pair first, and so which
     * pairs share one alert, does.
     */
    static List<String> alertKeys(List<ConsumerRecord<byte[], byte[]>> records, java.util.Map<String, String> storyKeys) {
        List<String> out = new ArrayList<>(records.size());
        for (ConsumerRecord<byte[], byte[]> r : records) {
            try {
                Alert alert = Json.mapper().readValue(r.value(), Alert.class);
                if (alert.kind() == io.newswatch.watchlist.AlertKind.MENTION) {
                    out.add("mention:" + alert.entityId() + "/" + storyKeys.getOrDefault(alert.storyId(), alert.storyId()));
                } else if (alert.kind() == io.newswatch.watchlist.AlertKind.CO_MENTION) {
                    for (Alert.Pair pair : alert.pairs()) {
                        String a = pair.entityId();
                        String b = pair.coEntityId();
                        out.add("co_mention:" + (a.compareTo(b) < 0 ? a + "+" + b : b + "+" + a) + "@" + pair.windowStart());
                    }
                } else {
                    out.add(alert.alertId());
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
        return out;
    }

    static void sendArticles(KafkaProducer<byte[], byte[]> producer, String topic, List<Article> articles) throws Exception {
        for (Article article : articles) {
            // The record time is the publication time, so that windows see the same times in every run.
            producer.send(new ProducerRecord<>(topic, null, article.publishedAt() == null ? null : article.publishedAt().toInstant().toEpochMilli(),
                    bytes(article.id()), json(article)));
        }
        producer.flush();
    }

    /**
     * Reads a topic (read_committed) until it holds {@code expected} records, then a little
     * longer, so that a duplicate would show up as an extra record.
     */
    static List<ConsumerRecord<byte[], byte[]>> readAll(io.newswatch.testing.KafkaBroker kafka, String topic, int expected,
                                                         java.time.Duration timeout) {
        List<ConsumerRecord<byte[], byte[]>> records = kafka.read(topic, expected, timeout);
        if (records.size() < expected) {
            return records;
        }
        return kafka.read(topic, expected + 1, java.time.Duration.ofSeconds(3));
    }

    /** Reads a topic until it has stopped growing for a few seconds: its writer has caught up. */
    static List<ConsumerRecord<byte[], byte[]>> settled(io.newswatch.testing.KafkaBroker kafka, String topic) {
        List<ConsumerRecord<byte[], byte[]>> records = kafka.read(topic, 1, java.time.Duration.ofSeconds(60));
        int seen;
        do {
            seen = records.size();
            records = kafka.read(topic, seen + 1, java.time.Duration.ofSeconds(4));
        } while (records.size() > seen);
        return records;
    }

    /**
     * Waits until the application {@code groupId} has committed the end of every partition it
     * reads (all of the articles topic's among them) twice in a row: it has caught up with its input.
     */
    static void awaitCaughtUp(Admin admin, String groupId, String articlesTopic, int articlePartitions,
                              java.time.Duration timeout) throws Exception {
        long deadline = System.nanoTime() + timeout.toNanos();
        int streak = 0;
        while (System.nanoTime() < deadline) {
            var committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
            long articleParts = committed.keySet().stream().filter(tp -> tp.topic().equals(articlesTopic)).count();
            boolean caughtUp = articleParts == articlePartitions;
            if (caughtUp) {
                var request = new java.util.HashMap<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>();
                committed.keySet().forEach(tp -> request.put(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()));
                var ends = admin.listOffsets(request).all().get();
                for (var e : committed.entrySet()) {
                    // Topics the monitor writes end with a transaction marker that an idle task never
                    // commits past; an unprocessed record there would leave a lag of at least two.
                    long slack = e.getKey().topic().equals(articlesTopic) ? 0 : 1;
                    if (e.getValue() == null || e.getValue().offset() < ends.get(e.getKey()).offset() - slack) {
                        caughtUp = false;
                        break;
                    }
                }
            }
            streak = caughtUp ? streak + 1 : 0;
            if (streak == 2) {
                return;
            }
            java.util.concurrent.locks.LockSupport.parkNanos(500_000_000L);
        }
        throw new AssertionError(groupId + " did not catch up within " + timeout + ": committed "
                + admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get());
    }

    /**
     * One line per partition of the given topics: end offset, last stable offset (where
     * read_committed readers stop), the group's committed offset, and the producers with an open
     * transaction there. Printed when an output comparison fails, to tell a stuck transaction from
     * unprocessed input.
     */
    static String describe(Admin admin, String groupId, java.util.Collection<String> topics) throws Exception {
        var committed = admin.listConsumerGroupOffsets(groupId).partitionsToOffsetAndMetadata().get();
        var partitions = new java.util.ArrayList<org.apache.kafka.common.TopicPartition>();
        admin.describeTopics(topics).allTopicNames().get().forEach((name, d) ->
                d.partitions().forEach(p -> partitions.add(new org.apache.kafka.common.TopicPartition(name, p.partition()))));
        var latest = new java.util.HashMap<org.apache.kafka.common.TopicPartition, org.apache.kafka.clients.admin.OffsetSpec>();
        partitions.forEach(tp -> latest.put(tp, org.apache.kafka.clients.admin.OffsetSpec.latest()));
        var ends = admin.listOffsets(latest).all().get();
        var stable = admin.listOffsets(latest, new org.apache.kafka.clients.admin.ListOffsetsOptions(
                org.apache.kafka.common.IsolationLevel.READ_COMMITTED)).all().get();
        var producers = admin.describeProducers(partitions).all().get();
        StringBuilder out = new StringBuilder();
        partitions.sort(java.util.Comparator.comparing(org.apache.kafka.common.TopicPartition::toString));
        for (var tp : partitions) {
            var c = committed.get(tp);
            String open = producers.get(tp).activeProducers().stream()
                    .filter(ps -> ps.currentTransactionStartOffset().isPresent())
                    .map(ps -> "pid " + ps.producerId() + " epoch " + ps.producerEpoch() + " from " + ps.currentTransactionStartOffset().getAsLong())
                    .collect(java.util.stream.Collectors.joining(", "));
            out.append(String.format("  %s end %d stable %d committed %s%s%n", tp, ends.get(tp).offset(), stable.get(tp).offset(),
                    c == null ? "-" : c.offset(), open.isEmpty() ? "" : " open: " + open));
        }
        return out.toString();
    }

    /** Up to 20 of the elements of {@code b} that {@code a} lacks, for a readable failure. */
    static java.util.SortedSet<String> missingFrom(java.util.Collection<String> a, java.util.Collection<String> b) {
        TreeSet<String> out = new TreeSet<>(b);
        out.removeAll(new java.util.HashSet<>(a));
        return out.size() <= 20 ? out : new TreeSet<>(out.stream().limit(20).toList());
    }

    static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
