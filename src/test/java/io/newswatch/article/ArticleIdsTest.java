package io.newswatch.article;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleIdsTest {

    @Test
    void shouldGiveOneIdToTheSameUrlWithDifferentTrackingParameters() {
        String plain = ArticleIds.derive("https://news.example.org/2024/05/story?page=2", "A", "x");
        String tracked = ArticleIds.derive(
                "HTTPS://News.Example.org:443/2024/05/story?utm_source=rss&page=2&utm_medium=feed&fbclid=abc#comments", "B", "y");
        String otherCampaign = ArticleIds.derive("https://news.example.org/2024/05/story?utm_campaign=spring&page=2", null, "z");

        assertThat(tracked).isEqualTo(plain).isEqualTo(otherCampaign).startsWith("u-");
        assertThat(ArticleIds.derive("https://news.example.org/2024/05/story?page=3", "A", "x")).isNotEqualTo(plain);
    }

    @Test
    void shouldDeriveFromContentWhenThereIsNoUrl() {
        assertThat(ArticleIds.derive(null, "Title", "Body")).isEqualTo(ArticleIds.derive(" ", " Title ", "Body\n"))
                .startsWith("c-")
                .isNotEqualTo(ArticleIds.derive(null, "Title", "Other body"));
    }

    @Test
    void shouldScopeKeyedIdsToTheirFeed() {
        assertThat(ArticleIds.fromKey("https://a.example/feed", "42")).isEqualTo(ArticleIds.fromKey("https://a.example/feed", "42"))
                .isNotEqualTo(ArticleIds.fromKey("https://b.example/feed", "42"))
                .startsWith("k-");
    }
}
