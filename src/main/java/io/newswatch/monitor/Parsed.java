package io.newswatch.monitor;

import io.newswatch.article.Article;

/** What the parser made of one raw record: an article, or a rejection for the dead-letter topic. */
sealed interface Parsed {

    /**
     * @param inPlace true when the record is keyed by the article id and sits in the partition
     *                that keeps that id, so no repartition is needed
     */
    record Accepted(Article article, boolean inPlace) implements Parsed {
    }

    /** The original key and value, cut to the dead-letter bounds; reason and origin travel in the headers. */
    record Rejected(byte[] key, byte[] value, RejectReason reason) implements Parsed {
    }
}
