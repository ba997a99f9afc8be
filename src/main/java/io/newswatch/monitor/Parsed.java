package io.newswatch.monitor;

import io.newswatch.article.Article;

/** What the parser made of one raw record: an article, or a rejection for the dead-letter topic. */
sealed interface Parsed {

    /** @param keyedById true when the record key already is the article id (no repartition needed) */
    record Accepted(Article article, boolean keyedById) implements Parsed {
    }

    /** The original key and value, kept byte for byte; the reason travels in the record headers. */
    record Rejected(byte[] key, byte[] value, RejectReason reason) implements Parsed {
    }
}
