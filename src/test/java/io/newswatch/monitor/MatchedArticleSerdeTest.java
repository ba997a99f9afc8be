package io.newswatch.monitor;

import io.newswatch.article.Article;
import io.newswatch.kafka.JsonSerde;
import io.newswatch.match.EntityMentions;
import io.newswatch.match.Matcher;
import io.newswatch.story.Sketcher;
import io.newswatch.testing.TestData;
import io.newswatch.watchlist.WatchedEntity;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Matched articles through the story stage's topic: read back as written, whatever they hold. */
class MatchedArticleSerdeTest {

    private static final Matcher MATCHER = Matcher.compile(List.of(
            WatchedEntity.of("myanmar", "Myanmar", "Myanmar", "Naypyidaw"),
            WatchedEntity.of("russia", "Russia", "Russia", "Moscow", "Rosatom"),
            WatchedEntity.of("putin", "Vladimir Putin", "Putin")));

    private final MatchedArticleSerde serde = new MatchedArticleSerde();

    @Test
    void shouldReadBackWhatItWrote() {
        // Given the seed article matched (three entities, many hits, curly quotes and dashes) and one
        // without url, source, title or date, with a hit in Burmese
        MatchedArticle seed = matched(new Article("seed-1", "https://example.com/seed", "Example News",
                "Myanmar’s junta chief visits Moscow", TestData.seedArticle(), "en",
                OffsetDateTime.parse("2025-03-04T09:30:15.123456789+06:30")));
        MatchedArticle bare = matched(new Article("bare-1", null, null, null, "မြန်မာ Myanmar — Rosatom", null, null));

        for (MatchedArticle original : List.of(seed, bare)) {
            // When it is written and read back
            byte[] bytes = serde.serialize("t", original);
            MatchedArticle read = serde.deserialize("t", bytes);

            // Then every field is there as it was
            assertSame(read, original);
            assertThat(bytes.length).isLessThan(JsonSerde.of(MatchedArticle.class).serialize("t", original).length);
        }
        assertThat(seed.mentions()).hasSize(3);
        assertThat(seed.mentions().get(0).hits().size()).isGreaterThan(1);
    }

    @Test
    void shouldReadBackSubstitutedWordsAndCompounds() {
        // Given an approximate hit with two substituted words and a hit in a compound
        Matcher matcher = MATCHER.with(
                WatchedEntity.builder("icc").alias(io.newswatch.watchlist.Alias.approximate("International Criminal Court")).build());
        MatchedArticle original = matched(new Article("c-1", null, null, null,
                "The International Wrongdoer Tribunal and Moscow-based Rosatom.", null, null), matcher);
        Mention.MentionHit approximate = original.mentions().stream().filter(m -> m.entityId().equals("icc"))
                .findFirst().orElseThrow().hits().get(0);
        assertThat(approximate.substituted()).containsExactly(java.util.Map.entry("Criminal", "Wrongdoer"),
                java.util.Map.entry("Court", "Tribunal"));
        assertThat(approximate.why())
                .isEqualTo("alias 'International Criminal Court', smart case, approximate: Criminal → Wrongdoer Court → Tribunal (WordNet)");
        assertThat(original.mentions().stream().filter(m -> m.entityId().equals("russia")).findFirst().orElseThrow()
                .hits()).extracting(Mention.MentionHit::compound).containsExactly(true, false);

        // When it is written and read back
        // Then both are there as they were, in binary and in JSON
        assertSame(serde.deserialize("t", serde.serialize("t", original)), original);
        JsonSerde<MatchedArticle> json = JsonSerde.of(MatchedArticle.class);
        assertSame(json.deserialize("t", json.serialize("t", original)), original);
    }

    @Test
    void shouldReadARecordAnEarlierMonitorWroteAsJson() {
        // Given a matched article written as JSON
        MatchedArticle original = matched(new Article("a-1", "https://example.com/a", null, "Putin", "Putin in Naypyidaw.",
                "en", null));
        byte[] json = JsonSerde.of(MatchedArticle.class).serialize("t", original);

        // When it is read
        // Then it is the same article
        assertSame(serde.deserialize("t", json), original);
    }

    @Test
    void shouldRefuseBytesCutShortWithoutQuotingThem() {
        // Given a record cut in the middle of its mentions
        byte[] bytes = serde.serialize("t", matched(new Article("a-1", null, null, null, "Putin in Naypyidaw.", null, null)));
        byte[] cut = Arrays.copyOf(bytes, bytes.length - 5);

        // When it is read
        // Then it is refused, saying so
        assertThatThrownBy(() -> serde.deserialize("t", cut)).isInstanceOf(SerializationException.class)
                .hasMessage("not a valid MatchedArticle: cut short or malformed (BufferUnderflowException)");
        assertThatThrownBy(() -> serde.deserialize("t", new byte[] {9})).isInstanceOf(SerializationException.class)
                .hasMessage("not a valid MatchedArticle: unknown version 9");
    }

    private static MatchedArticle matched(Article a) {
        return matched(a, MATCHER);
    }

    private static MatchedArticle matched(Article a, Matcher matcher) {
        List<Mention> mentions = matcher.match(a.title(), a.body()).stream()
                .map((EntityMentions em) -> ArticleMatcher.toMention(a, em, 42)).toList();
        assertThat(mentions).isNotEmpty();
        return new MatchedArticle(a.id(), a.url(), a.title(), a.source(), a.publishedAt(), Sketcher.sketch(a.title(), a.body()),
                mentions, 42);
    }

    private static void assertSame(MatchedArticle read, MatchedArticle original) {
        assertThat(read).usingRecursiveComparison().isEqualTo(original);
        assertThat(read.sketch()).isEqualTo(original.sketch());
        assertThat(read.publishedAt()).isEqualTo(original.publishedAt());
    }
}
