package io.newswatch.ingest;

import io.newswatch.article.Article;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** A sink that keeps what it is sent; articles whose id is in {@code failing} are not delivered. */
final class RecordingSink implements ArticleSink {

    final List<Article> sent = new ArrayList<>();
    private final Set<String> failing;
    private long failed;
    int flushes;

    RecordingSink() {
        this(Set.of());
    }

    RecordingSink(Set<String> failing) {
        this.failing = failing;
    }

    @Override
    public void send(Article article) {
        if (failing.contains(article.id())) {
            failed++;
        } else {
            sent.add(article);
        }
    }

    @Override
    public void flush() {
        flushes++;
    }

    @Override
    public long delivered() {
        return sent.size();
    }

    @Override
    public long failed() {
        return failed;
    }

    @Override
    public String destination() {
        return "test.articles";
    }

    @Override
    public void close() {
    }

    List<String> titles() {
        return sent.stream().map(Article::title).toList();
    }
}
