package io.newswatch.bench;

import io.newswatch.article.Article;
import io.newswatch.match.Matcher;
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
    void shouldMakeAMonitoringWatchlistWhereAMinorityOfArticlesHasAFewHits() {
        // Given 50 real names among 10,000 entities, and the dense watchlist of the same size
        List<WatchedEntity> monitoring = data.monitoringWatchlist(10_000, 50);
        List<WatchedEntity> dense = data.watchlist(10_000);

        // When both are matched over the corpus
        double[] m = density(monitoring);
        double[] d = density(dense);

        // Then about four articles in ten name an entity, one or two each; the dense list hits nearly all, many each
        assertThat(monitoring).hasSize(10_000);
        assertThat(monitoring.stream().filter(e -> e.id().startsWith("real-")).count()).isEqualTo(50);
        assertThat(monitoring.stream().map(WatchedEntity::id).distinct().count()).isEqualTo(10_000);
        assertThat(m[0]).isBetween(0.3, 0.6);
        assertThat(m[1]).isBetween(1.0, 3.0);
        assertThat(d[0]).isGreaterThan(0.95);
        assertThat(d[1]).isGreaterThan(10.0);
    }

    @Test
    void shouldKeepRealNamesAndTheirIdsFromTheDenseWatchlist() {
        List<WatchedEntity> dense = data.watchlist(10_000);
        List<WatchedEntity> monitoring = data.monitoringWatchlist(200, 20);

        assertThat(monitoring).hasSize(200);
        assertThat(monitoring.get(0)).isEqualTo(dense.get(0));
        assertThat(monitoring.subList(0, 20)).allSatisfy(e -> assertThat(dense).contains(e));
        assertThat(monitoring.subList(20, 200)).allSatisfy(e -> assertThat(e.id()).startsWith("syn-"));
        assertThat(data.monitoringWatchlist(10, 50)).hasSize(10);
    }

    @Test
    void shouldTakePercentilesByNearestRank() {
        double[] sorted = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertThat(EndToEndBench.percentile(sorted, 50)).isEqualTo(5);
        assertThat(EndToEndBench.percentile(sorted, 99)).isEqualTo(10);
        assertThat(EndToEndBench.percentile(new double[0], 50)).isNaN();
    }

    /** Share of the corpus's articles naming an entity, and entities per such article. */
    private double[] density(List<WatchedEntity> watchlist) {
        Matcher matcher = Matcher.compile(watchlist);
        int withHits = 0;
        int entities = 0;
        for (Article a : data.articles()) {
            int found = matcher.match(a.title(), a.body()).size();
            if (found > 0) {
                withHits++;
                entities += found;
            }
        }
        return new double[] {(double) withHits / data.articles().size(), (double) entities / withHits};
    }

    private static List<String> sorted(String body) {
        return List.of(body.split("\n+")).stream().filter(s -> !s.isBlank()).sorted().toList();
    }
}
