package io.newswatch.monitor;

import io.newswatch.article.Article;
import io.newswatch.kafka.ClientDefaults;
import io.newswatch.kafka.JsonSerde;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.match.EntityMentions;
import io.newswatch.match.Matcher;
import io.newswatch.match.TokenTrace;
import io.newswatch.story.Sketcher;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.WatchedEntity;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListConsumerGroupOffsetsSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerGroupMetadata;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * Runs one entity, added or changed late, over the articles still on {@code news.articles} that
 * live matching read before the entity's definition went live, and hands what it finds to the
 * monitor's story stage (through {@code news.backfill}), which publishes the mentions and alerts
 * as live processing would have, flagged {@code backfill} and with the ids live processing gives.
 *
 * <p><b>The seam.</b> The monitor stamps every article with the watchlist version it matches it
 * with and writes where that version changes on each partition to {@code news.watchlist.applied}
 * ({@link AppliedVersion}). An entity whose definition is the watchlist record at offset V was
 * matched live exactly for the articles stamped V or later; backfill takes the others, and no
 * more: per offset, so nothing is missed or counted twice however fast articles arrive. To learn
 * where live matching of V begins on a partition, backfill sends a probe record there and waits
 * for the monitor to say which version it matched the probe's offset with.
 *
 * <p><b>Exactly once, resumable.</b> Backfill reads as a consumer of its own group
 * ({@code newswatch-backfill-ENTITY-V}) and writes with a transactional producer of the same id,
 * committing its read positions in the transaction of what it wrote; the range it works on (from
 * the first offset at the requested time to the seam) is committed first, in the offsets'
 * metadata. Run again after a failure it fences the old run, takes the range it committed and goes
 * on from where the last transaction ended; ids of the articles before that point are read again,
 * without matching, so duplicates are judged as in one run.
 *
 * <p>An article already mentioning the entity on {@code news.mentions} (matched under an earlier
 * definition) is not backfilled; nor is one the monitor would refuse, nor an article id seen
 * earlier in the range (the monitor keeps the first copy).
 */
public final class Backfill {

    /**
     * The entity to backfill, its version (the offset of its record on the watchlist topic), the
     * whole watchlist with each entity's version, the time to start from, and at most how many
     * articles a second to read (0: as fast as it goes), to spare a busy monitor.
     */
    public record Request(WatchedEntity entity, long version, Collection<WatchedEntity> watchlist, Map<String, Long> versions,
                          Instant from, int maxRate) {
    }

    /** Where a run stands: offsets read of the range, and articles published. */
    public record Progress(long read, long total, long published) {
    }

    /**
     * What a run did.
     *
     * @param ranges    per articles partition: the first offset at the requested time and the seam
     * @param live      articles in the time range live matching had already matched with the entity live
     * @param published articles in which the entity was found, handed to the story stage
     */
    public record Summary(String entityId, long version, boolean resumed, Map<Integer, long[]> ranges, long read, long live,
                          long matchedBefore, long duplicates, long refused, long published) {
    }

    /** The cluster failed mid-way: what was committed stands, and a re-run goes on from there. */
    public static final class Failed extends RuntimeException {
        private final transient Progress done;

        Failed(String message, Progress done, Throwable cause) {
            super(message, cause);
            this.done = done;
        }

        public Progress done() {
            return done;
        }
    }

    /** Articles read per transaction: what a failure makes a re-run read again. */
    private static final int COMMIT_EVERY = 100;
    private static final org.apache.kafka.common.serialization.Deserializer<AppliedVersion> APPLIED =
            JsonSerde.of(AppliedVersion.class).deserializer();
    private static final Duration POLL = Duration.ofMillis(200);

    private final KafkaSettings kafka;
    private final Topics topics;
    private final MonitorSettings settings;
    private final Duration seamTimeout;

    /** @param seamTimeout how long to wait for the monitor to reach the probes */
    public Backfill(KafkaSettings kafka, Topics topics, MonitorSettings settings, Duration seamTimeout) {
        this.kafka = kafka;
        this.topics = topics;
        this.settings = settings;
        this.seamTimeout = seamTimeout;
    }

    /** The group and transactional id of the backfill of one entity definition. */
    public static String groupId(String entityId, long version) {
        return "newswatch-backfill-" + entityId + "-" + version;
    }

    public Summary run(Request request, Consumer<Progress> progress) throws InterruptedException {
        String group = groupId(request.entity().id(), request.version());
        String articlesTopic = topics.name(TopicRole.ARTICLES);
        long read = 0;
        long published = 0;
        try (Admin admin = Admin.create(kafka.with(ClientDefaults.admin(group)));
             KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(kafka.with(ClientDefaults.plus(
                     ClientDefaults.reader(group), Map.of(ConsumerConfig.GROUP_ID_CONFIG, group))),
                     new ByteArrayDeserializer(), new ByteArrayDeserializer());
             KafkaProducer<byte[], byte[]> producer = new KafkaProducer<>(kafka.with(ClientDefaults.plus(
                     ClientDefaults.writer(group), Map.of(ProducerConfig.TRANSACTIONAL_ID_CONFIG, group,
                             ProducerConfig.MAX_BLOCK_MS_CONFIG, 30_000))),
                     new ByteArraySerializer(), new ByteArraySerializer())) {
            List<TopicPartition> partitions = partitions(consumer, articlesTopic);
            producer.initTransactions(); // fences an earlier run still writing
            Map<TopicPartition, OffsetAndMetadata> committed = committed(admin, group, partitions);
            boolean resumed = committed.keySet().containsAll(partitions);
            Map<Integer, long[]> ranges = new TreeMap<>();
            Map<Integer, TreeMap<Long, Long>> stamps;
            if (resumed) {
                for (TopicPartition tp : partitions) {
                    ranges.put(tp.partition(), Range.parse(committed.get(tp).metadata()));
                }
                stamps = new AppliedReader(partitions).readToEnd();
            } else {
                AppliedReader applied = new AppliedReader(partitions);
                Map<Integer, Long> seams = applied.probe(request.version());
                stamps = applied.stamps;
                Map<TopicPartition, Long> times = new HashMap<>();
                partitions.forEach(tp -> times.put(tp, request.from().toEpochMilli()));
                Map<TopicPartition, OffsetAndTimestamp> starts = consumer.offsetsForTimes(times);
                Map<TopicPartition, OffsetAndMetadata> plan = new HashMap<>();
                for (TopicPartition tp : partitions) {
                    long seam = seams.get(tp.partition());
                    OffsetAndTimestamp start = starts.get(tp);
                    long first = start == null ? seam : Math.min(start.offset(), seam);
                    ranges.put(tp.partition(), new long[] {first, seam});
                    plan.put(tp, new OffsetAndMetadata(first, Range.format(first, seam)));
                }
                producer.beginTransaction();
                producer.sendOffsetsToTransaction(plan, new ConsumerGroupMetadata(group));
                producer.commitTransaction();
                committed = plan;
            }
            long total = ranges.values().stream().mapToLong(r -> r[1] - r[0]).sum();

            Set<String> mentioned = mentionedAlready(consumer, request);
            Set<String> seen = new HashSet<>();
            Counts counts = new Counts();
            // ids before where the last run stopped, read again so duplicates are judged as in one run
            Map<TopicPartition, Long> resumeAt = new HashMap<>();
            for (TopicPartition tp : partitions) {
                resumeAt.put(tp, committed.get(tp).offset());
            }
            readRange(consumer, partitions, tp -> ranges.get(tp.partition())[0], resumeAt, r -> {
                ArticleParser.Reading reading = ArticleParser.read(r.value(), settings);
                if (reading.article() != null && stamp(stamps, r) < request.version()) {
                    seen.add(reading.article().id());
                }
            });
            read = resumeAt.entrySet().stream().mapToLong(e -> e.getValue() - ranges.get(e.getKey().partition())[0]).sum();

            Matcher matcher = Matcher.compile(request.watchlist());
            TokenTrace tokens = new TokenTrace(Sketcher.MAX_TOKENS);
            String backfillTopic = topics.name(TopicRole.BACKFILL);
            MatchedArticleSerde serde = new MatchedArticleSerde();
            Map<TopicPartition, Long> until = new HashMap<>();
            partitions.forEach(tp -> until.put(tp, ranges.get(tp.partition())[1]));
            Map<TopicPartition, Long> at = new HashMap<>(resumeAt);
            Set<TopicPartition> open = new HashSet<>(partitions);
            open.removeIf(tp -> at.get(tp) >= until.get(tp));
            consumer.assign(open);
            open.forEach(tp -> consumer.seek(tp, at.get(tp)));
            producer.beginTransaction();
            int inTransaction = 0;
            long started = System.nanoTime();
            long readBefore = read;
            while (!open.isEmpty()) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                    TopicPartition tp = new TopicPartition(r.topic(), r.partition());
                    if (r.offset() >= until.get(tp)) {
                        continue;
                    }
                    read++;
                    inTransaction++;
                    MatchedArticle found = match(request, matcher, tokens, r, stamps, mentioned, seen, counts);
                    if (found != null) {
                        producer.send(new ProducerRecord<>(backfillTopic, null, r.timestamp(),
                                found.articleId().getBytes(StandardCharsets.UTF_8), serde.serialize(backfillTopic, found)));
                        published++;
                    }
                    if (request.maxRate() > 0) {
                        pace(started, read - readBefore, request.maxRate());
                    }
                }
                open.forEach(tp -> at.put(tp, Math.min(consumer.position(tp), until.get(tp))));
                open.removeIf(tp -> at.get(tp) >= until.get(tp));
                if (inTransaction >= COMMIT_EVERY || open.isEmpty()) {
                    Map<TopicPartition, OffsetAndMetadata> positions = new HashMap<>();
                    for (TopicPartition tp : partitions) {
                        long[] range = ranges.get(tp.partition());
                        positions.put(tp, new OffsetAndMetadata(at.get(tp), Range.format(range[0], range[1])));
                    }
                    producer.sendOffsetsToTransaction(positions, new ConsumerGroupMetadata(group));
                    producer.commitTransaction();
                    inTransaction = 0;
                    if (!open.isEmpty()) {
                        producer.beginTransaction();
                    }
                }
                progress.accept(new Progress(read, total, published));
            }
            return new Summary(request.entity().id(), request.version(), resumed, ranges, read, counts.live,
                    counts.matchedBefore, counts.duplicates, counts.refused, published);
        } catch (KafkaException | ExecutionException | java.util.concurrent.TimeoutException e) {
            Throwable cause = e instanceof ExecutionException && e.getCause() != null ? e.getCause() : e;
            throw new Failed(cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage()),
                    new Progress(read, -1, published), cause);
        }
    }

    /** Waits until {@code read} articles are no more than {@code maxRate} a second since {@code started}. */
    private static void pace(long started, long read, int maxRate) throws InterruptedException {
        long due = started + read * 1_000_000_000L / maxRate;
        long early = due - System.nanoTime();
        if (early > 0) {
            TimeUnit.NANOSECONDS.sleep(early);
        }
    }

    private static final class Counts {
        long live;
        long matchedBefore;
        long duplicates;
        long refused;
    }

    /** The article at {@code r} as the story stage takes it, or null when it is not backfilled. */
    private MatchedArticle match(Request request, Matcher matcher, TokenTrace tokens, ConsumerRecord<byte[], byte[]> r,
                                 Map<Integer, TreeMap<Long, Long>> stamps, Set<String> mentioned, Set<String> seen, Counts counts) {
        if (AppliedVersion.isProbe(r.headers())) {
            return null;
        }
        long stamp = stamp(stamps, r);
        ArticleParser.Reading reading = ArticleParser.read(r.value(), settings);
        if (reading.article() == null) {
            counts.refused++;
            return null;
        }
        if (stamp >= request.version()) {
            counts.live++;
            return null;
        }
        Article article = reading.article();
        if (!seen.add(article.id())) {
            counts.duplicates++;
            return null;
        }
        if (mentioned.contains(article.id())) {
            counts.matchedBefore++;
            return null;
        }
        String entityId = request.entity().id();
        EntityMentions own = null;
        boolean others = false;
        for (EntityMentions em : matcher.match(article, tokens)) {
            if (em.entity().id().equals(entityId)) {
                own = em;
            } else if (request.versions().getOrDefault(em.entity().id(), -1L) <= stamp) {
                others = true; // live matching found it too: the article is in its story already
            }
        }
        if (own == null) {
            return null;
        }
        Mention mention = ArticleMatcher.toMention(article, own, request.version()).asBackfill();
        return new MatchedArticle(article.id(), article.url(), article.title(), article.source(), article.publishedAt(),
                Sketcher.sketch(tokens).toBytes(), List.of(mention), request.version(),
                others ? MatchedArticle.Backfill.IN_STORY_ALREADY : MatchedArticle.Backfill.NEW_TO_STORIES);
    }

    /** The watchlist version live matching stamped the record with: that of the applied record at or before it; -1 if none. */
    private static long stamp(Map<Integer, TreeMap<Long, Long>> stamps, ConsumerRecord<byte[], byte[]> r) {
        TreeMap<Long, Long> partition = stamps.get(r.partition());
        Map.Entry<Long, Long> at = partition == null ? null : partition.floorEntry(r.offset());
        return at == null ? -1 : at.getValue();
    }

    /** Reads {@code [start, end)} of each partition, passing every record but probes to {@code each}. */
    private static void readRange(KafkaConsumer<byte[], byte[]> consumer, List<TopicPartition> partitions,
                                  java.util.function.Function<TopicPartition, Long> start, Map<TopicPartition, Long> end,
                                  Consumer<ConsumerRecord<byte[], byte[]>> each) {
        Set<TopicPartition> open = new HashSet<>();
        for (TopicPartition tp : partitions) {
            if (start.apply(tp) < end.get(tp)) {
                open.add(tp);
            }
        }
        consumer.assign(open);
        open.forEach(tp -> consumer.seek(tp, start.apply(tp)));
        while (!open.isEmpty()) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                if (r.offset() < end.get(new TopicPartition(r.topic(), r.partition())) && !AppliedVersion.isProbe(r.headers())) {
                    each.accept(r);
                }
            }
            open.removeIf(tp -> consumer.position(tp) >= end.get(tp));
        }
    }

    /** Ids of the articles that mention the entity on {@code news.mentions} since the start time (matched under an earlier definition). */
    private Set<String> mentionedAlready(KafkaConsumer<byte[], byte[]> consumer, Request request) {
        String topic = topics.name(TopicRole.MENTIONS);
        byte[] key = request.entity().id().getBytes(StandardCharsets.UTF_8);
        int count = partitions(consumer, topic).size();
        TopicPartition tp = new TopicPartition(topic, Utils.toPositive(Utils.murmur2(key)) % count);
        OffsetAndTimestamp start = consumer.offsetsForTimes(Map.of(tp, request.from().toEpochMilli())).get(tp);
        long end = consumer.endOffsets(List.of(tp)).get(tp);
        Set<String> ids = new HashSet<>();
        if (start == null) {
            return ids;
        }
        JsonSerde<Mention> mentions = JsonSerde.of(Mention.class);
        readRange(consumer, List.of(tp), p -> start.offset(), Map.of(tp, end), r -> {
            if (r.key() != null && java.util.Arrays.equals(r.key(), key)) {
                try {
                    ids.add(mentions.deserializer().deserialize(topic, r.value()).articleId());
                } catch (RuntimeException e) {
                    // not a mention: the monitor skips it too
                }
            }
        });
        return ids;
    }

    private static List<TopicPartition> partitions(KafkaConsumer<?, ?> consumer, String topic) {
        List<PartitionInfo> infos = consumer.partitionsFor(topic, Duration.ofSeconds(30));
        if (infos == null || infos.isEmpty()) {
            throw new IllegalStateException("topic " + topic + " does not exist: create it with 'newswatch topics apply'");
        }
        return infos.stream().map(p -> new TopicPartition(topic, p.partition())).sorted(
                java.util.Comparator.comparingInt(TopicPartition::partition)).toList();
    }

    private static Map<TopicPartition, OffsetAndMetadata> committed(Admin admin, String group, List<TopicPartition> partitions)
            throws ExecutionException, InterruptedException, java.util.concurrent.TimeoutException {
        Map<TopicPartition, OffsetAndMetadata> offsets = admin.listConsumerGroupOffsets(
                        Map.of(group, new ListConsumerGroupOffsetsSpec().topicPartitions(partitions)))
                .partitionsToOffsetAndMetadata(group).get(30, TimeUnit.SECONDS);
        Map<TopicPartition, OffsetAndMetadata> found = new HashMap<>();
        offsets.forEach((tp, om) -> {
            if (om != null && Range.isRange(om.metadata())) {
                found.put(tp, om);
            }
        });
        return found;
    }

    /** A partition's range as committed in the offsets' metadata: {@code from=FIRST;until=SEAM}. */
    static final class Range {
        private Range() {
        }

        static String format(long first, long seam) {
            return "from=" + first + ";until=" + seam;
        }

        static boolean isRange(String metadata) {
            return metadata != null && metadata.startsWith("from=") && metadata.contains(";until=");
        }

        static long[] parse(String metadata) {
            String[] parts = metadata.split(";");
            return new long[] {Long.parseLong(parts[0].substring("from=".length())), Long.parseLong(parts[1].substring("until=".length()))};
        }
    }

    /** Reads {@code news.watchlist.applied}: where each watchlist version went live on each articles partition. */
    private final class AppliedReader {
        private final List<TopicPartition> articles;
        /** Per articles partition: offset → the version the monitor matched from there on. */
        final Map<Integer, TreeMap<Long, Long>> stamps = new HashMap<>();
        private final KafkaConsumer<byte[], byte[]> consumer;
        private final List<TopicPartition> own;

        AppliedReader(List<TopicPartition> articles) {
            this.articles = articles;
            this.consumer = new KafkaConsumer<>(kafka.with(ClientDefaults.reader("newswatch-backfill-applied")),
                    new ByteArrayDeserializer(), new ByteArrayDeserializer());
            this.own = partitions(consumer, topics.name(TopicRole.WATCHLIST_APPLIED));
            consumer.assign(own);
            consumer.seekToBeginning(own);
        }

        Map<Integer, TreeMap<Long, Long>> readToEnd() {
            try (consumer) {
                Map<TopicPartition, Long> end = consumer.endOffsets(own);
                while (own.stream().anyMatch(tp -> consumer.position(tp) < end.get(tp))) {
                    poll(r -> { });
                }
                return stamps;
            }
        }

        /**
         * Sends a probe to each articles partition and waits until the monitor has matched each
         * probe's offset with {@code version} or later; probes again where it had not applied it yet.
         *
         * @return per partition, the seam: the probe's offset
         */
        Map<Integer, Long> probe(long version) throws InterruptedException {
            int partitionCount = articles.size();
            try (consumer; KafkaProducer<String, byte[]> prober = new KafkaProducer<>(
                    kafka.with(ClientDefaults.writer("newswatch-backfill-probe")), new StringSerializer(), new ByteArraySerializer())) {
                Map<Integer, Long> seams = new TreeMap<>();
                Map<Integer, Long> probes = new HashMap<>();
                long deadline = System.nanoTime() + seamTimeout.toNanos();
                while (seams.size() < partitionCount) {
                    for (TopicPartition tp : articles) {
                        if (!seams.containsKey(tp.partition()) && !probes.containsKey(tp.partition())) {
                            RecordHeaders headers = new RecordHeaders();
                            headers.add(AppliedVersion.PROBE_HEADER, new byte[0]);
                            probes.put(tp.partition(), send(prober, new ProducerRecord<>(tp.topic(), tp.partition(), null, null,
                                    null, headers)));
                        }
                    }
                    poll(at -> {
                        Long probe = probes.get(at.partition());
                        if (probe != null && probe == at.offset()) {
                            probes.remove(at.partition());
                            if (at.watchlistVersion() >= version) {
                                seams.put(at.partition(), at.offset());
                            }
                        }
                    });
                    if (System.nanoTime() > deadline && seams.size() < partitionCount) {
                        List<Integer> waiting = new ArrayList<>();
                        articles.forEach(tp -> {
                            if (!seams.containsKey(tp.partition())) {
                                waiting.add(tp.partition());
                            }
                        });
                        throw new IllegalStateException("the monitor has not matched " + articles.get(0).topic() + " partitions "
                                + waiting + " with watchlist version " + version + " within " + seamTimeout.toSeconds()
                                + " s: is 'newswatch run' running against this cluster?");
                    }
                }
                return seams;
            }
        }

        private long send(KafkaProducer<String, byte[]> prober, ProducerRecord<String, byte[]> probe) throws InterruptedException {
            try {
                return prober.send(probe).get(30, TimeUnit.SECONDS).offset();
            } catch (ExecutionException | java.util.concurrent.TimeoutException e) {
                throw new KafkaException("cannot send a probe to " + probe.topic() + "/" + probe.partition() + ": " + e, e);
            }
        }

        private void poll(Consumer<AppliedVersion> each) {
            for (ConsumerRecord<byte[], byte[]> r : consumer.poll(POLL)) {
                AppliedVersion at;
                try {
                    at = APPLIED.deserialize(r.topic(), r.value());
                } catch (RuntimeException e) {
                    continue; // not the monitor's: it writes nothing else there
                }
                if (at != null) {
                    stamps.computeIfAbsent(at.partition(), p -> new TreeMap<>()).put(at.offset(), at.watchlistVersion());
                    each.accept(at);
                }
            }
        }
    }
}
