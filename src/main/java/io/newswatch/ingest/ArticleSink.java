package io.newswatch.ingest;

import io.newswatch.article.Article;

/** Where validated articles go: Kafka in the program, a list in tests. Sends are asynchronous. */
interface ArticleSink extends AutoCloseable {

    /** Sends the article keyed by its id; a failure is counted, not thrown. */
    void send(Article article);

    /** Blocks until every send so far is acknowledged or failed. */
    void flush();

    /** Articles acknowledged so far. */
    long delivered();

    /** Articles that could not be delivered so far. */
    long failed();

    /** Where the articles go, for the summary. */
    String destination();

    @Override
    void close();
}
