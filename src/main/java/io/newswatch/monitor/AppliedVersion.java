package io.newswatch.monitor;

import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

import java.nio.ByteBuffer;

/**
 * Where a watchlist version went live on one partition of {@code news.articles}: the articles of
 * {@code partition} from {@code offset} on, up to the partition's next record on
 * {@code news.watchlist.applied}, were matched with watchlist version {@code watchlistVersion}.
 *
 * <p>The parser stamps every article with the version it sees ({@link #STAMP_HEADER}) and writes a
 * record here whenever that version changes on a partition, in the transaction of the article, so
 * the boundary between what live matching saw and what it did not is exact per offset: an entity
 * put at watchlist offset V is matched live for the articles stamped V or later, and backfill
 * takes the ones before. A record carrying {@link #PROBE_HEADER} on {@code news.articles} is no
 * article: it asks the monitor to write where it stands on that partition (backfill sends one to
 * learn the boundary on a partition no article has arrived on since the change).
 */
public record AppliedVersion(int partition, long offset, long watchlistVersion) {

    /** Header on articles between the parser and the matcher: the watchlist version stamped (8 bytes, big-endian). */
    static final String STAMP_HEADER = "newswatch.watchlist-version";
    /** Header of a probe record on the articles topic. */
    public static final String PROBE_HEADER = "newswatch.probe";

    static void stamp(Headers headers, long version) {
        headers.remove(STAMP_HEADER);
        headers.add(STAMP_HEADER, ByteBuffer.allocate(Long.BYTES).putLong(version).array());
    }

    /** The version stamped on an article, and the stamp removed; null when it has none. */
    static Long takeStamp(Headers headers) {
        Header header = headers.lastHeader(STAMP_HEADER);
        if (header == null || header.value() == null || header.value().length != Long.BYTES) {
            return null;
        }
        headers.remove(STAMP_HEADER);
        return ByteBuffer.wrap(header.value()).getLong();
    }

    /** Whether a record of the articles topic is a probe rather than an article. */
    public static boolean isProbe(Headers headers) {
        return headers.lastHeader(PROBE_HEADER) != null;
    }
}
