package io.newswatch.monitor;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.newswatch.article.Article;
import io.newswatch.article.InvalidArticleException;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.JsonErrors;
import io.newswatch.metrics.MonitorMetrics;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;

/**
 * First step for every raw record of {@code news.articles}: a valid article goes on keyed by its
 * (possibly derived) id, flagged whether it already sits in the partition that keeps its id
 * ({@link ArticlePartitioner}); anything else becomes a bounded dead letter with the reason it
 * chose and the source coordinates in its headers ({@link DeadLetters}). Logs name coordinates and
 * reasons, never content.
 *
 * <p>Every article that goes on is bounded: the value had at most
 * {@link MonitorSettings#maxValueBytes()} bytes (larger ones are refused before parsing), the body
 * at most {@code maxBodyBytes}, the title {@code maxTitleChars}, and id, URL, source and language
 * at most {@value #MAX_ID_CHARS}, {@value #MAX_URL_CHARS}, {@value #MAX_SOURCE_CHARS} and
 * {@value #MAX_LANGUAGE_CHARS} characters, so everything the monitor writes about it is bounded too.
 *
 * <p>Each article is stamped with the watchlist version it will be matched with; where that
 * version changes on a partition is written to the applied topic ({@link AppliedVersion}). A probe
 * record writes where the partition stands and is otherwise ignored.
 */
final class ArticleParser implements Processor<byte[], byte[], String, Parsed> {

    static final int MAX_ID_CHARS = 512;
    static final int MAX_URL_CHARS = 8 * 1024;
    static final int MAX_SOURCE_CHARS = 512;
    static final int MAX_LANGUAGE_CHARS = 64;

    private static final Logger LOG = LoggerFactory.getLogger(ArticleParser.class);
    private static final ObjectReader READER = Json.mapper().readerFor(Article.class)
            .with(com.fasterxml.jackson.databind.DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private final MonitorSettings settings;
    private final DeadLetters deadLetters;
    private final ArticlePartitioner partitioner;
    private final MonitorMetrics metrics;
    private final LiveWatchlist watchlist;
    /** Per input partition, the watchlist version last written to the applied topic by this processor. */
    private final Map<Integer, Long> applied = new HashMap<>();
    private ProcessorContext<String, Parsed> context;

    ArticleParser(MonitorSettings settings, DeadLetters deadLetters, ArticlePartitioner partitioner, MonitorMetrics metrics,
                  LiveWatchlist watchlist) {
        this.settings = settings;
        this.deadLetters = deadLetters;
        this.partitioner = partitioner;
        this.metrics = metrics;
        this.watchlist = watchlist;
    }

    @Override
    public void init(ProcessorContext<String, Parsed> context) {
        this.context = context;
        // a task revived after an aborted transaction starts over: its last applied record may not have been committed
        applied.clear();
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        if (AppliedVersion.isProbe(record.headers())) {
            stamp(record, true);
            return;
        }
        Reading read = read(record.value(), settings);
        if (read.article() == null) {
            reject(record, read.reason(), read.error());
            return;
        }
        Article withId = read.article();
        byte[] idBytes = withId.id().getBytes(StandardCharsets.UTF_8);
        boolean inPlace = record.key() != null && Arrays.equals(record.key(), idBytes)
                && context.recordMetadata().map(m -> m.partition() == partitioner.partition(idBytes)).orElse(false);
        metrics.articleIn();
        AppliedVersion.stamp(record.headers(), stamp(record, false));
        context.forward(record.withKey(withId.id()).withValue(Parsed.article(withId, inPlace)));
    }

    /**
     * The watchlist version this record is matched with; writes where it went live on the
     * record's partition when it differs from the last one written (or always, for a probe).
     */
    private long stamp(Record<byte[], byte[]> record, boolean always) {
        long version = watchlist.current().version();
        context.recordMetadata().ifPresent(m -> {
            Long last = applied.get(m.partition());
            if (always || last == null || last != version) {
                applied.put(m.partition(), version); // only on a change: this runs for every article
                context.forward(new Record<>(String.valueOf(m.partition()),
                        Parsed.applied(new AppliedVersion(m.partition(), m.offset(), version)), record.timestamp()));
            }
        });
        return version;
    }

    /** What one raw value is: an article within the limits (its id derived when it had none), or why it is not. */
    record Reading(Article article, RejectReason reason, String error) {
        static Reading rejected(RejectReason reason, String error) {
            return new Reading(null, reason, error);
        }
    }

    /** Reads a raw value of the articles topic by the monitor's rules and limits; backfill reads by the same. */
    static Reading read(byte[] value, MonitorSettings settings) {
        if (value == null) {
            return Reading.rejected(RejectReason.NULL_VALUE, "null value");
        }
        if (value.length > settings.maxValueBytes()) {
            return Reading.rejected(RejectReason.VALUE_TOO_LARGE, "value has " + value.length + " bytes, limit "
                    + settings.maxValueBytes());
        }
        if (isBlank(value)) {
            return Reading.rejected(RejectReason.EMPTY_VALUE, "empty value");
        }
        if (!isValidUtf8(value)) {
            return Reading.rejected(RejectReason.INVALID_UTF8, "value is not valid UTF-8");
        }
        Article article;
        try {
            article = READER.readValue(value);
        } catch (StreamConstraintsException e) {
            return nestingDepth(value) > Json.MAX_NESTING_DEPTH
                    ? Reading.rejected(RejectReason.TOO_DEEP, "document nested deeper than " + Json.MAX_NESTING_DEPTH + " levels")
                    : Reading.rejected(RejectReason.FIELD_TOO_LARGE, "a string or number is longer than the JSON parser allows");
        } catch (JsonParseException e) {
            return Reading.rejected(RejectReason.MALFORMED_JSON, JsonErrors.describe(e));
        } catch (ValueInstantiationException e) {
            RejectReason reason = !(e.getCause() instanceof InvalidArticleException invalid) ? RejectReason.WRONG_TYPE
                    : switch (invalid.problem()) {
                        case MISSING_BODY -> RejectReason.MISSING_BODY;
                        case BLANK_BODY -> RejectReason.BLANK_BODY;
                    };
            return Reading.rejected(reason, JsonErrors.describe(e));
        } catch (MismatchedInputException e) {
            RejectReason reason = e.getPath().isEmpty() ? RejectReason.WRONG_SHAPE : RejectReason.WRONG_TYPE;
            return Reading.rejected(reason, JsonErrors.describe(e));
        } catch (IOException | RuntimeException e) {
            return Reading.rejected(RejectReason.MALFORMED_JSON, JsonErrors.describe(e));
        }
        if (article == null) {
            return Reading.rejected(RejectReason.WRONG_SHAPE, "JSON null is not an article");
        }
        if (article.title() != null && article.title().length() > settings.maxTitleChars()) {
            return Reading.rejected(RejectReason.TITLE_TOO_LARGE, "title has " + article.title().length()
                    + " characters, limit " + settings.maxTitleChars());
        }
        // the body's UTF-8 form is never longer than the JSON it was read from (an escape is
        // longer than what it stands for), so most records need no count
        long bodyBytes = value.length <= settings.maxBodyBytes() ? 0 : utf8Length(article.body());
        if (bodyBytes > settings.maxBodyBytes()) {
            return Reading.rejected(RejectReason.BODY_TOO_LARGE, "body has " + bodyBytes + " bytes, limit " + settings.maxBodyBytes());
        }
        String tooLong = tooLong("id", article.id(), MAX_ID_CHARS);
        tooLong = tooLong != null ? tooLong : tooLong("url", article.url(), MAX_URL_CHARS);
        tooLong = tooLong != null ? tooLong : tooLong("source", article.source(), MAX_SOURCE_CHARS);
        tooLong = tooLong != null ? tooLong : tooLong("language", article.language(), MAX_LANGUAGE_CHARS);
        if (tooLong != null) {
            return Reading.rejected(RejectReason.FIELD_TOO_LARGE, tooLong);
        }
        return new Reading(article.withDerivedId(), null, null);
    }

    private static String tooLong(String field, String value, int max) {
        return value != null && value.length() > max
                ? "field " + field + " has " + value.length() + " characters, limit " + max : null;
    }

    private void reject(Record<byte[], byte[]> record, RejectReason reason, String error) {
        metrics.rejected(reason.key());
        var source = context.recordMetadata();
        LOG.warn("rejected record at {}: {}: {}", DeadLetters.coordinates(source), reason.key(), error);
        Record<byte[], byte[]> dead = deadLetters.of(record, reason, error, source);
        context.forward(dead.<String>withKey(null).withValue(Parsed.deadLetter(dead.key(), dead.value())));
    }

    /** The deepest nesting of arrays and objects in a JSON text (strings skipped). */
    static int nestingDepth(byte[] json) {
        int depth = 0;
        int max = 0;
        boolean inString = false;
        for (int i = 0; i < json.length; i++) {
            byte b = json[i];
            if (inString) {
                if (b == '\\') {
                    i++;
                } else if (b == '"') {
                    inString = false;
                }
            } else if (b == '"') {
                inString = true;
            } else if (b == '[' || b == '{') {
                max = Math.max(max, ++depth);
            } else if (b == ']' || b == '}') {
                depth--;
            }
        }
        return max;
    }

    private static boolean isBlank(byte[] value) {
        for (byte b : value) {
            if (b != ' ' && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }

    /**
     * Whether {@code b} is well-formed UTF-8 (Unicode Table 3-7: no overlong forms, no surrogates,
     * nothing above U+10FFFF), the same verdict as a reporting {@code CharsetDecoder}, without
     * decoding: ASCII, most of an article, costs one comparison per byte.
     */
    static boolean isValidUtf8(byte[] b) {
        int i = 0;
        int n = b.length;
        while (i < n) {
            // runs of ASCII (most of a news article), eight bytes at a time
            while (i + Long.BYTES <= n && ((long) LONGS.get(b, i) & 0x8080808080808080L) == 0) {
                i += Long.BYTES;
            }
            if (i >= n) {
                break;
            }
            int c = b[i];
            if (c >= 0) {
                i++;
                continue;
            }
            c &= 0xFF;
            if (c >= 0xC2 && c <= 0xDF) {
                if (i + 1 >= n || !isContinuation(b[i + 1])) {
                    return false;
                }
                i += 2;
            } else if (c >= 0xE0 && c <= 0xEF) {
                if (i + 2 >= n) {
                    return false;
                }
                int c1 = b[i + 1] & 0xFF;
                int lo = c == 0xE0 ? 0xA0 : 0x80;
                int hi = c == 0xED ? 0x9F : 0xBF;
                if (c1 < lo || c1 > hi || !isContinuation(b[i + 2])) {
                    return false;
                }
                i += 3;
            } else if (c >= 0xF0 && c <= 0xF4) {
                if (i + 3 >= n) {
                    return false;
                }
                int c1 = b[i + 1] & 0xFF;
                int lo = c == 0xF0 ? 0x90 : 0x80;
                int hi = c == 0xF4 ? 0x8F : 0xBF;
                if (c1 < lo || c1 > hi || !isContinuation(b[i + 2]) || !isContinuation(b[i + 3])) {
                    return false;
                }
                i += 4;
            } else {
                return false;
            }
        }
        return true;
    }

    private static final VarHandle LONGS = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);

    private static boolean isContinuation(byte b) {
        return (b & 0xC0) == 0x80;
    }

    static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c)) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
