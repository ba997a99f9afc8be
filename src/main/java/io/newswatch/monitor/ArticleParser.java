package io.newswatch.monitor;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import io.newswatch.article.Article;
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

/**
 * First step for every raw record of {@code news.articles}: valid articles go on keyed by their
 * (possibly derived) id; anything else becomes a {@link Parsed.Rejected} with the reason and
 * source coordinates in its headers. Logs name coordinates and reasons, never content.
 */
final class ArticleParser implements Processor<byte[], byte[], String, Parsed> {

    private static final Logger LOG = LoggerFactory.getLogger(ArticleParser.class);
    private static final ObjectReader READER = Json.mapper().readerFor(Article.class);

    private final MonitorSettings settings;
    private final MonitorMetrics metrics;
    private ProcessorContext<String, Parsed> context;

    ArticleParser(MonitorSettings settings, MonitorMetrics metrics) {
        this.settings = settings;
        this.metrics = metrics;
    }

    @Override
    public void init(ProcessorContext<String, Parsed> context) {
        this.context = context;
    }

    @Override
    public void process(Record<byte[], byte[]> record) {
        byte[] value = record.value();
        if (value == null) {
            reject(record, RejectReason.NULL_VALUE, "null value");
            return;
        }
        if (isBlank(value)) {
            reject(record, RejectReason.EMPTY_VALUE, "empty value");
            return;
        }
        if (!isValidUtf8(value)) {
            reject(record, RejectReason.INVALID_UTF8, "value is not valid UTF-8");
            return;
        }
        Article article;
        try {
            article = READER.readValue(value);
        } catch (StreamConstraintsException e) {
            reject(record, RejectReason.TOO_DEEP, JsonErrors.describe(e));
            return;
        } catch (JsonParseException e) {
            reject(record, RejectReason.MALFORMED_JSON, JsonErrors.describe(e));
            return;
        } catch (ValueInstantiationException e) {
            String message = String.valueOf(e.getCause() == null ? e.getMessage() : e.getCause().getMessage());
            RejectReason reason = message.contains("body: missing") ? RejectReason.MISSING_BODY
                    : message.contains("body: blank") ? RejectReason.BLANK_BODY : RejectReason.WRONG_TYPE;
            reject(record, reason, JsonErrors.describe(e));
            return;
        } catch (MismatchedInputException e) {
            RejectReason reason = e.getPath().isEmpty() ? RejectReason.WRONG_SHAPE : RejectReason.WRONG_TYPE;
            reject(record, reason, JsonErrors.describe(e));
            return;
        } catch (IOException | RuntimeException e) {
            reject(record, RejectReason.MALFORMED_JSON, JsonErrors.describe(e));
            return;
        }
        if (article == null) {
            reject(record, RejectReason.WRONG_SHAPE, "JSON null is not an article");
            return;
        }
        if (article.title() != null && article.title().length() > settings.maxTitleChars()) {
            reject(record, RejectReason.TITLE_TOO_LARGE, "title has " + article.title().length()
                    + " characters, limit " + settings.maxTitleChars());
            return;
        }
        // the body's UTF-8 form is never longer than the JSON it was read from (an escape is
        // longer than what it stands for), so most records need no count
        long bodyBytes = value.length <= settings.maxBodyBytes() ? 0 : utf8Length(article.body());
        if (bodyBytes > settings.maxBodyBytes()) {
            reject(record, RejectReason.BODY_TOO_LARGE, "body has " + bodyBytes + " bytes, limit " + settings.maxBodyBytes());
            return;
        }
        Article withId = article.withDerivedId();
        byte[] idBytes = withId.id().getBytes(StandardCharsets.UTF_8);
        boolean keyedById = record.key() != null && Arrays.equals(record.key(), idBytes);
        metrics.articleIn();
        context.forward(record.withKey(withId.id()).withValue(new Parsed.Accepted(withId, keyedById)));
    }

    private void reject(Record<byte[], byte[]> record, RejectReason reason, String error) {
        metrics.rejected(reason.key());
        var source = context.recordMetadata();
        LOG.warn("rejected record at {}: {}: {}", DeadLetters.coordinates(source), reason.key(), error);
        DeadLetters.annotate(record.headers(), reason, error, source);
        context.forward(record.<String>withKey(null).withValue(new Parsed.Rejected(record.key(), record.value(), reason)));
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
