package io.newswatch.alert;

import io.newswatch.kafka.ClientDefaults;
import io.newswatch.kafka.Consumers;
import io.newswatch.kafka.JsonSerde;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.story.Story;
import io.newswatch.text.Printable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What the {@code alerts} command and the demo show of stories: it reads {@code news.stories} beside the alerts,
 * so an alert about a story says how many more outlets the story has reached ("+3 outlets"), and,
 * while following, a story behind a printed alert that reaches another outlet gets a STORY line.
 * Keeps only each story's size, not the story.
 */
public final class StoryOutlets implements AutoCloseable {

    private static final Deserializer<Story> STORY = JsonSerde.of(Story.class).deserializer();
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    /** A story's size as last read. */
    private record Size(int members, int outlets) {
    }

    private final KafkaConsumer<String, byte[]> consumer;
    private final Map<TopicPartition, Long> end;
    private final Map<String, Size> sizes = new HashMap<>();
    /** Outlets last shown for each story printed so far. */
    private final Map<String, Integer> shown = new HashMap<>();

    private StoryOutlets(KafkaConsumer<String, byte[]> consumer, Map<TopicPartition, Long> end) {
        this.consumer = consumer;
        this.end = end;
    }

    /** Reads {@code topic} from its beginning; a topic that does not exist gives a reader of nothing. */
    public static StoryOutlets open(KafkaSettings kafka, String topic, String clientId) {
        KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(kafka.with(ClientDefaults.reader(clientId)),
                new StringDeserializer(), new ByteArrayDeserializer());
        List<PartitionInfo> infos = consumer.partitionsFor(topic); // within default.api.timeout.ms: 10 s unless --command-config says otherwise
        List<TopicPartition> partitions = new ArrayList<>();
        if (infos != null) {
            infos.forEach(p -> partitions.add(new TopicPartition(topic, p.partition())));
        }
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
        return new StoryOutlets(consumer, partitions.isEmpty() ? Map.of() : consumer.endOffsets(partitions));
    }

    /** Reads the stories that were there when opened, for at most {@code max}. */
    public void catchUp(Duration max) {
        long deadline = System.nanoTime() + max.toNanos();
        while (!Consumers.caughtUp(consumer, end) && System.nanoTime() < deadline) {
            poll(Duration.ofMillis(200));
        }
    }

    /** Reads what arrived; returns the stories that changed. */
    public List<Story> poll(Duration timeout) {
        List<Story> changed = new ArrayList<>();
        if (consumer.assignment().isEmpty()) {
            return changed;
        }
        for (ConsumerRecord<String, byte[]> record : consumer.poll(timeout)) {
            if (record.value() == null) {
                continue;
            }
            try {
                Story story = STORY.deserialize(record.topic(), record.value());
                sizes.put(story.storyId(), new Size(story.members(), story.outletCount()));
                changed.add(story);
            } catch (RuntimeException e) {
                // not a story: nothing to show for it
            }
        }
        return changed;
    }

    /** What to append to an alert's line: the outlets its story has reached beyond the alert's own, if any. */
    public String suffix(Alert alert) {
        if (alert.storyId() == null) {
            return "";
        }
        Size size = sizes.get(alert.storyId());
        int outlets = Math.max(alert.sourceCount(), size == null ? 0 : size.outlets());
        shown.merge(alert.storyId(), outlets, Math::max);
        int more = outlets - Math.max(1, alert.sourceCount());
        return more > 0 ? "  +" + more + (more == 1 ? " outlet" : " outlets") : "";
    }

    /** A STORY line when a story behind a printed alert has reached more outlets than last shown, else null. */
    public String grown(Story story) {
        Integer before = shown.get(story.storyId());
        if (before == null || story.outletCount() <= before) {
            return null;
        }
        shown.put(story.storyId(), story.outletCount());
        StringBuilder line = new StringBuilder();
        line.append(TIME.format(story.updated())).append("  ").append(String.format("%-10s", "STORY"));
        line.append(' ').append(story.storyId()).append("  ").append(story.members()).append(story.members() == 1 ? " article" : " articles");
        line.append(" from ").append(story.outletCount()).append(story.outletCount() == 1 ? " outlet" : " outlets");
        line.append(" (+").append(story.outletCount() - before).append(")");
        if (story.first() != null && story.first().title() != null) {
            line.append("  \"").append(Printable.line(story.first().title())).append('"');
        }
        if (story.latest() != null && story.latest().source() != null) {
            line.append(" — latest ").append(Printable.line(story.latest().source()));
        }
        return line.toString();
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(1));
    }
}
