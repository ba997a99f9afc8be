package io.newswatch.bench;

import io.newswatch.article.Article;
import io.newswatch.testing.TestData;
import io.newswatch.watchlist.WatchedEntity;
import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

class BenchDataTest {

    private final BenchData data = BenchData.load(TestData.dir());

    @Test
    void shouldGiveTheSameVariantForTheSameNumber() {
        assertThat(data.variant("a-", 1234)).isEqualTo(BenchData.load(TestData.dir()).variant("a-", 1234));
    }

    @Test
    void shouldVaryLaterPassesButKeepTheirText() {
        int n = data.articles().size();
        Article first = data.variant("a-", 3);
        Article second = data.variant("a-", 3 + n);

        assertThat(first.body()).isEqualTo(data.articles().get(3).body());
        assertThat(second.body()).isNotEqualTo(first.body());
        assertThat(sorted(second.body())).isEqualTo(sorted(first.body()));
        assertThat(second.id()).isEqualTo("a-" + (3 + n));
        assertThat(second.url()).isNotEqualTo(first.url());
    }

    @Test
    void shouldAverageAboutFourKilobytesOfText() {
        double average = data.articles().stream().mapToInt(a -> a.body().length()).average().orElseThrow();
        assertThat(average).isBetween(3_500.0, 5_500.0);
    }

    @Test
    void shouldMakeWatchlistsThatGrowByPrefix() {
        List<WatchedEntity> small = data.watchlist(100);
        List<WatchedEntity> large = data.watchlist(2_000);

        assertThat(large.subList(0, 100)).isEqualTo(small);
        Set<String> ids = new HashSet<>();
        large.forEach(e -> ids.add(e.id()));
        assertThat(ids).hasSize(2_000);
    }

    @Test
    void shouldTakePercentilesByNearestRank() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(EndToEndBench.percentile(sorted, 50)).isEqualTo(5);
        assertThat(EndToEndBench.percentile(sorted, 99)).isEqualTo(10);
        assertThat(EndToEndBench.percentile(new double[0], 50)).isNaN();
    }

    private static List<String> sorted(String body) {
        return List.of(body.split("\n+")).stream().filter(s -> !s.isBlank()).sorted().toList();
    }
}
