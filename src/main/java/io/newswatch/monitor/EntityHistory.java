package io.newswatch.monitor;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import io.newswatch.kafka.Json;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.WindowStore;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * What the query API answers about an entity's past, kept from its mentions (read back from
 * {@code news.mentions}, keyed by entity id): each mention's time, story, title, link, outlet and
 * whether it was the first of its story for the entity, in {@value MonitorTopology#ENTITY_MENTIONS_STORE}
 * (a window store keeping every one, as long as the history setting says). One small write a
 * mention; {@link StateQueries} makes the counts per hour and the latest stories from it when
 * asked. A mention is read for these few fields only; its hits are skipped.
 */
final class EntityHistory implements Processor<String, byte[], Void, Void> {

    static final Duration HOUR = Duration.ofHours(1);
    /** Characters of a title or link kept per mention. */
    private static final int MAX_TEXT = 300;

    private static final Logger LOG = LoggerFactory.getLogger(EntityHistory.class);

    /** One mention as history keeps it. */
    record MentionRef(String storyId, String title, String url, String source, boolean firstInStory) {
    }

    /** A mention ref as a flag byte and four length-prefixed UTF-8 strings: written for every mention, read back by the thousand. */
    static final Serde<MentionRef> MENTION_REF = Serdes.serdeFrom(
            (topic, m) -> {
                if (m == null) {
                    return null;
                }
                byte[][] parts = {utf8(m.storyId()), utf8(m.title()), utf8(m.url()), utf8(m.source())};
                int size = 1;
                for (byte[] part : parts) {
                    size += 4 + (part == null ? 0 : part.length);
                }
                ByteBuffer out = ByteBuffer.allocate(size).put((byte) (m.firstInStory() ? 1 : 0));
                for (byte[] part : parts) {
                    out.putInt(part == null ? -1 : part.length);
                    if (part != null) {
                        out.put(part);
                    }
                }
                return out.array();
            },
            (topic, b) -> {
                if (b == null) {
                    return null;
                }
                ByteBuffer in = ByteBuffer.wrap(b);
                boolean first = in.get() == 1;
                return new MentionRef(str(in), str(in), str(in), str(in), first);
            });

    private static byte[] utf8(String s) {
        return s == null ? null : s.getBytes(StandardCharsets.UTF_8);
    }

    private static String str(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        String s = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    private final String storeName;
    private ProcessorContext<Void, Void> context;
    private WindowStore<String, MentionRef> mentions;

    EntityHistory(String storeName) {
        this.storeName = storeName;
    }

    @Override
    public void init(ProcessorContext<Void, Void> context) {
        this.context = context;
        this.mentions = context.getStateStore(storeName);
    }

    @Override
    public void process(Record<String, byte[]> record) {
        if (record.key() == null || record.value() == null) {
            return;
        }
        Fields m;
        try {
            m = Fields.read(record.value());
        } catch (IOException | RuntimeException e) {
            LOG.debug("history skips an undecodable mention at {}", DeadLetters.coordinates(context.recordMetadata()));
            return;
        }
        mentions.put(record.key(), new MentionRef(m.storyId != null ? m.storyId : m.articleId, m.title, m.url, m.source,
                m.firstInStory), record.timestamp());
    }

    /** The top-level fields of a mention that history keeps, read without building its hits. */
    static final class Fields {
        String articleId;
        String storyId;
        String title;
        String url;
        String source;
        boolean firstInStory;

        static Fields read(byte[] json) throws IOException {
            Fields f = new Fields();
            try (JsonParser p = Json.mapper().getFactory().createParser(json)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IOException("not an object");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken value = p.nextToken();
                    switch (name) {
                        case "articleId" -> f.articleId = p.getValueAsString();
                        case "storyId" -> f.storyId = p.getValueAsString();
                        case "title" -> f.title = cut(p.getValueAsString());
                        case "url" -> f.url = cut(p.getValueAsString());
                        case "source" -> f.source = cut(p.getValueAsString());
                        case "firstInStory" -> f.firstInStory = value == JsonToken.VALUE_TRUE;
                        default -> p.skipChildren();
                    }
                }
            }
            if (f.articleId == null) {
                throw new IOException("no articleId");
            }
            return f;
        }

        private static String cut(String s) {
            return s == null || s.length() <= MAX_TEXT ? s : s.substring(0, MAX_TEXT - 1) + "…";
        }
    }
}
