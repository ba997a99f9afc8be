package io.newswatch.monitor;

import io.newswatch.article.Article;
import org.apache.kafka.streams.KeyValue;

/**
 * What the parser made of one raw record: an article to match, or a dead letter (its reason and
 * origin are in the record's headers). The topology routes by {@link #rejected()} and
 * {@link #inPlace()}.
 *
 * @param inPlace true when the record is keyed by the article id and sits in the partition that
 *                keeps that id, so no repartition is needed
 */
record Parsed(Article article, boolean inPlace, byte[] deadKey, byte[] deadValue) {

    static Parsed article(Article article, boolean inPlace) {
        return new Parsed(article, inPlace, null, null);
    }

    /** The original key and value, cut to the dead-letter bounds. */
    static Parsed deadLetter(byte[] key, byte[] value) {
        return new Parsed(null, false, key, value);
    }

    boolean rejected() {
        return article == null;
    }

    KeyValue<byte[], byte[]> deadLetter() {
        return KeyValue.pair(deadKey, deadValue);
    }
}
