package io.newswatch.monitor;

import io.newswatch.kafka.JsonSerde;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serializer;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Map;

/**
 * {@link MatchedArticle}s through the story stage's topic, in a binary form: every matched article
 * is written there and read back once, and as JSON that cost the monitor about a twentieth of its
 * time (escaping and parsing the hits' snippets). Nothing outside the monitor reads this topic.
 *
 * <p>The form: a version byte, a byte saying how the article came (live or backfill), then the article's fields, its sketch and its mentions; a string is
 * its UTF-8 length (-1 for null) and bytes. A mention's article fields are the article's and are
 * not repeated. A record that starts with {@code '{'} is JSON, as a monitor before this form wrote
 * it, and is read as such: an upgrade loses nothing in flight.
 */
final class MatchedArticleSerde implements Serde<MatchedArticle>, Serializer<MatchedArticle>, Deserializer<MatchedArticle> {

    /** 2 added a byte after the version: how the article came ({@link MatchedArticle.Backfill}). */
    private static final byte VERSION = 2;
    private static final JsonSerde<MatchedArticle> JSON = JsonSerde.of(MatchedArticle.class);

    @Override
    public byte[] serialize(String topic, MatchedArticle a) {
        if (a == null) {
            return null;
        }
        Writer out = new Writer();
        out.b(VERSION);
        out.b((byte) a.backfill().ordinal());
        out.str(a.articleId());
        out.str(a.url());
        out.str(a.title());
        out.str(a.source());
        out.time(a.publishedAt());
        out.bytes(a.sketchBytes());
        out.l(a.watchlistVersion());
        out.i(a.mentions().size());
        for (Mention m : a.mentions()) {
            out.str(m.entityId());
            out.str(m.entityName());
            out.i(m.truncated());
            out.i(m.hits().size());
            for (Mention.MentionHit h : m.hits()) {
                out.str(h.field());
                out.i(h.start());
                out.i(h.end());
                out.str(h.text());
                out.str(h.alias());
                out.str(h.snippet());
                // flags: 1 approximate, 2 compound, 4 substitutions follow, 8 why follows (older records have only 0 or 1)
                out.b((byte) ((h.approximate() ? 1 : 0) | (h.compound() ? 2 : 0) | (h.substituted().isEmpty() ? 0 : 4)
                        | (h.why().isEmpty() ? 0 : 8)));
                if (!h.substituted().isEmpty()) {
                    out.i(h.substituted().size());
                    h.substituted().forEach((aliasWord, textWord) -> {
                        out.str(aliasWord);
                        out.str(textWord);
                    });
                }
                if (!h.why().isEmpty()) {
                    out.str(h.why());
                }
            }
        }
        return out.toBytes();
    }

    @Override
    public MatchedArticle deserialize(String topic, byte[] data) {
        if (data == null) {
            return null;
        }
        if (data.length > 0 && data[0] == '{') {
            return JSON.deserialize(topic, data);
        }
        try {
            ByteBuffer in = ByteBuffer.wrap(data);
            byte version = in.get();
            if (version != 1 && version != VERSION) {
                throw new SerializationException("not a valid MatchedArticle: unknown version " + version);
            }
            MatchedArticle.Backfill backfill = version == 1 ? MatchedArticle.Backfill.NO
                    : MatchedArticle.Backfill.values()[in.get()];
            String articleId = str(in);
            String url = str(in);
            String title = str(in);
            String source = str(in);
            OffsetDateTime publishedAt = time(in);
            byte[] sketch = new byte[count(in)];
            in.get(sketch);
            long watchlistVersion = in.getLong();
            int mentionCount = count(in);
            List<Mention> mentions = new ArrayList<>(mentionCount);
            for (int m = 0; m < mentionCount; m++) {
                String entityId = str(in);
                String entityName = str(in);
                int truncated = in.getInt();
                int hitCount = count(in);
                List<Mention.MentionHit> hits = new ArrayList<>(hitCount);
                for (int h = 0; h < hitCount; h++) {
                    String field = str(in);
                    int start = in.getInt();
                    int end = in.getInt();
                    String text = str(in);
                    String alias = str(in);
                    String snippet = str(in);
                    byte flags = in.get();
                    Map<String, String> substituted = new LinkedHashMap<>();
                    for (int n = (flags & 4) != 0 ? count(in) : 0; n > 0; n--) {
                        substituted.put(str(in), str(in));
                    }
                    String why = (flags & 8) != 0 ? str(in) : "";
                    hits.add(new Mention.MentionHit(field, start, end, text, alias, snippet, (flags & 1) != 0, substituted,
                            (flags & 2) != 0, why));
                }
                mentions.add(new Mention(articleId, url, title, source, publishedAt, entityId, entityName, hits, truncated,
                        watchlistVersion, null, false, backfill != MatchedArticle.Backfill.NO));
            }
            if (in.hasRemaining()) {
                throw new SerializationException("not a valid MatchedArticle: " + in.remaining() + " bytes after its end");
            }
            return new MatchedArticle(articleId, url, title, source, publishedAt, sketch, mentions, watchlistVersion, backfill);
        } catch (BufferUnderflowException | IllegalArgumentException | NullPointerException | ArrayIndexOutOfBoundsException e) {
            throw new SerializationException("not a valid MatchedArticle: cut short or malformed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private static String str(ByteBuffer in) {
        int length = in.getInt();
        if (length < 0) {
            return null;
        }
        if (length > in.remaining()) {
            throw new BufferUnderflowException();
        }
        String s = new String(in.array(), in.position(), length, StandardCharsets.UTF_8);
        in.position(in.position() + length);
        return s;
    }

    private static int count(ByteBuffer in) {
        int n = in.getInt();
        if (n < 0 || n > in.remaining()) {
            throw new IllegalArgumentException("count " + n);
        }
        return n;
    }

    private static OffsetDateTime time(ByteBuffer in) {
        if (in.get() == 0) {
            return null;
        }
        long seconds = in.getLong();
        int nanos = in.getInt();
        int offset = in.getInt();
        return OffsetDateTime.ofInstant(Instant.ofEpochSecond(seconds, nanos), ZoneOffset.ofTotalSeconds(offset));
    }

    /** A growing byte array, big-endian like {@link ByteBuffer}. */
    private static final class Writer {
        private byte[] buf = new byte[1024];
        private int size;

        private void ensure(int more) {
            if (size + more > buf.length) {
                buf = Arrays.copyOf(buf, Math.max(size + more, buf.length * 2));
            }
        }

        void b(byte v) {
            ensure(1);
            buf[size++] = v;
        }

        void i(int v) {
            ensure(4);
            buf[size++] = (byte) (v >>> 24);
            buf[size++] = (byte) (v >>> 16);
            buf[size++] = (byte) (v >>> 8);
            buf[size++] = (byte) v;
        }

        void l(long v) {
            i((int) (v >>> 32));
            i((int) v);
        }

        void bytes(byte[] v) {
            i(v.length);
            ensure(v.length);
            System.arraycopy(v, 0, buf, size, v.length);
            size += v.length;
        }

        void str(String s) {
            if (s == null) {
                i(-1);
            } else {
                bytes(s.getBytes(StandardCharsets.UTF_8));
            }
        }

        void time(OffsetDateTime t) {
            if (t == null) {
                b((byte) 0);
                return;
            }
            b((byte) 1);
            l(t.toEpochSecond());
            i(t.getNano());
            i(t.getOffset().getTotalSeconds());
        }

        byte[] toBytes() {
            return Arrays.copyOf(buf, size);
        }
    }

    @Override
    public void close() {
    }

    @Override
    public void configure(Map<String, ?> configs, boolean isKey) {
    }

    @Override
    public Serializer<MatchedArticle> serializer() {
        return this;
    }

    @Override
    public Deserializer<MatchedArticle> deserializer() {
        return this;
    }
}
