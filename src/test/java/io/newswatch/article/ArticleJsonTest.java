package io.newswatch.article;

import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.JsonErrors;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.time.OffsetDateTime;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** {@code publishedAt} in JSON: an ISO-8601 date-time with an offset, and nothing else. */
class ArticleJsonTest {

    private static Article read(String publishedAt) throws IOException {
        return Json.mapper().readValue("{\"body\":\"b\",\"publishedAt\":" + publishedAt + "}", Article.class);
    }

    @Test
    void shouldReadADateTimeWithItsOffset() throws IOException {
        assertThat(read("\"2026-12-05T10:00:00Z\"").publishedAt()).isEqualTo(OffsetDateTime.parse("2026-12-05T10:00:00Z"));
        assertThat(read("\"2026-12-05T10:00:00+01:00\"").publishedAt()).hasToString("2026-12-05T10:00+01:00");
        assertThat(read("\"2026-12-05T10:00:00.250-05:00\"").publishedAt()).hasToString("2026-12-05T10:00:00.250-05:00");
        assertThat(read("\"2026-12-05T10:00:00+0100\"").publishedAt()).as("basic offset").hasToString("2026-12-05T10:00+01:00");
    }

    @Test
    void shouldTakeNullBlankOrNothingAsNoDate() throws IOException {
        assertThat(read("null").publishedAt()).isNull();
        assertThat(read("\"  \"").publishedAt()).isNull();
        assertThat(Json.mapper().readValue("{\"body\":\"b\"}", Article.class).publishedAt()).isNull();
    }

    @Test
    void shouldRefuseEverythingElseAsAWrongTypeOnPublishedAt() {
        String[] wrong = {
                "1e300", "1764928800", "-1", "0.5", "true", "false", "{\"epochSecond\":1}", "[\"2026-12-05T10:00:00Z\"]",
                "\"yesterday\"", "\"2026-12-05T10:00:00\"", "\"2026-12-05\"", "\"2026-12-05 10:00:00Z\"", "\"1764928800\"",
        };
        for (String value : wrong) {
            // When an article with this publishedAt is read
            Throwable failure = catchThrowable(() -> read(value));

            // Then it is refused as a mismatched input on publishedAt, which the monitor counts as wrong-type
            assertThat(failure).as(value).isInstanceOf(MismatchedInputException.class);
            assertThat(((JsonMappingException) failure).getPath()).as(value).singleElement()
                    .satisfies(ref -> assertThat(ref.getFieldName()).isEqualTo("publishedAt"));
            assertThat(failure.getMessage()).as(value).doesNotContain("yesterday", "1764928800", "1e300");
            assertThat(JsonErrors.describe(failure)).as(value)
                    .isEqualTo("field publishedAt: must be an ISO-8601 date-time such as 2026-12-05T10:00:00Z");
        }
    }

    @Test
    void shouldWriteArticlesAsBefore() throws IOException {
        Article article = new Article("a-1", "https://example.org/a-1", "wire", "Title", "Body.", "en",
                OffsetDateTime.parse("2026-12-05T10:00:00.5+01:00"));

        String json = Json.mapper().writeValueAsString(article);

        assertThat(json).isEqualTo("{\"id\":\"a-1\",\"url\":\"https://example.org/a-1\",\"source\":\"wire\",\"title\":\"Title\","
                + "\"body\":\"Body.\",\"language\":\"en\",\"publishedAt\":\"2026-12-05T10:00:00.5+01:00\"}");
        assertThat(Json.mapper().readValue(json, Article.class)).isEqualTo(article);
    }
}
