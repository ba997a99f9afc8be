package io.newswatch.monitor;

import io.newswatch.article.Article;
import org.apache.kafka.streams.KeyValue;

/**
 * What the parser made of one raw record: an article to match, or a dead letter (its reason and
 * origin are in the record's headers); and, beside them, where a new watchlist version went live. The topology routes by {@link #rejected()} and
 * {@link #inPlace()}.
 *
 * @param inPlace true when the record is keyed by the article id and sits in the partition that
 *                keeps that id, so no repartition is needed
 */
record Parsed(Article article, boolean inPlace, byte[] deadKey, byte[] deadValue, AppliedVersion applied) {

    static Parsed article(Article article, boolean inPlace) {
        return new Parsed(article, inPlace, null, null, null);
    }

    /** The original key and value, cut to the dead-letter bounds. */
    static Parsed deadLetter(byte[] key, byte[] value) {
        return new Parsed(null, false, key, value, null);
    }

    /** Where the partition's articles are now matched with another watchlist version. */
    static Parsed applied(AppliedVersion applied) {
        return new Parsed(null, false, null, null, applied);
    }

    boolean rejected() {
        return article == null && applied == null;
    }

    KeyValue<byte[], byte[]> deadLetter() {
        return KeyValue.pair(deadKey, deadValue);
    }
}
