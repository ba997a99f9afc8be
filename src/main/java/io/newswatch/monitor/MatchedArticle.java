package io.newswatch.monitor;

import io.newswatch.article.Article;
import io.newswatch.watchlist.AlertKind;
import io.newswatch.watchlist.WatchedEntity;
import org.apache.kafka.streams.KeyValue;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * What matching made of one article: the watched entities found in it, each with its
 * {@link Mention}, under one watchlist version. The steps after matching each take their part:
 * the mentions, the MENTION alerts, the pairs for CO_MENTION.
 *
 * @param timestamp the article record's time (epoch ms)
 */
record MatchedArticle(Article article, List<Found> found, long watchlistVersion, long timestamp) {

    /** One entity found, as the watchlist version that matched defines it, and its mention. */
    record Found(WatchedEntity entity, Mention mention) {
    }

    MatchedArticle {
        found = List.copyOf(found);
    }

    /** The mentions, keyed by entity id, for {@code news.mentions}. */
    List<KeyValue<String, Mention>> mentions() {
        List<KeyValue<String, Mention>> out = new ArrayList<>(found.size());
        for (Found f : found) {
            out.add(KeyValue.pair(f.entity().id(), f.mention()));
        }
        return out;
    }

    /** Every ordered pair of entities found whose first asks for CO_MENTION alerts, keyed by the pair. */
    List<KeyValue<String, CoMention>> pairs() {
        if (found.size() < 2) {
            return List.of();
        }
        List<KeyValue<String, CoMention>> out = new ArrayList<>();
        for (Found a : found) {
            if (!a.entity().alerts().enabled(AlertKind.CO_MENTION)) {
                continue;
            }
            for (Found b : found) {
                if (a != b) {
                    CoMention pair = new CoMention(a.entity().id(), b.entity().id(),
                            a.mention().evidence(Instant.ofEpochMilli(timestamp)), watchlistVersion);
                    out.add(KeyValue.pair(pair.pairKey(), pair));
                }
            }
        }
        return out;
    }
}
