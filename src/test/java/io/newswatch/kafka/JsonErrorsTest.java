package io.newswatch.kafka;

import com.fasterxml.jackson.core.type.TypeReference;
import io.newswatch.alert.Alert;
import io.newswatch.article.Article;
import io.newswatch.watchlist.WatchedEntity;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

/** Every description names the problem and where it is, and never a value of the input. */
class JsonErrorsTest {

    /** Appears in every bad input below; must never appear in a description. */
    private static final String MARKER = "Zq7secretMarker";

    private static String describe(String json, Class<?> type) {
        return describe(json, Json.mapper().getTypeFactory().constructType(type));
    }

    private static String describe(String json, TypeReference<?> type) {
        return describe(json, Json.mapper().getTypeFactory().constructType(type));
    }

    private static String describe(String json, com.fasterxml.jackson.databind.JavaType type) {
        Throwable failure = catchThrowable(() -> Json.mapper().readValue(json.getBytes(StandardCharsets.UTF_8), type));
        assertThat(failure).as("reading %s", json).isNotNull();
        String description = JsonErrors.describe(failure);
        assertThat(description).as("the description of %s", json).doesNotContain(MARKER).doesNotContain("\n");
        return description;
    }

    @Test
    void shouldNameTheFieldOfAStringThatIsNoDateTime() {
        assertThat(describe("{\"body\":\"b\",\"publishedAt\":\"yesterday " + MARKER + "\"}", Article.class))
                .isEqualTo("field publishedAt: must be an ISO-8601 date-time such as 2026-12-05T10:00:00Z");
    }

    @Test
    void shouldNotQuoteAnUnrecognizedToken() {
        assertThat(describe(MARKER + "thisisnotjson", Article.class))
                .isEqualTo("invalid JSON at line 1 column 1: unexpected character");
        assertThat(describe("{\"body\":\n  " + MARKER + "}", Article.class))
                .isEqualTo("invalid JSON at line 2 column 3: unexpected character");
    }

    @Test
    void shouldGiveTheLocationOfAnUnexpectedCharacter() {
        assertThat(describe("{\"body\" @" + MARKER + "}", Article.class))
                .isEqualTo("invalid JSON at line 1 column 9: unexpected character");
        assertThat(describe("{\"body\":\"a\\q" + MARKER + "\"}", Article.class)).as("a bad escape in a string")
                .isEqualTo("invalid JSON at line 1 column 12: unexpected character");
        assertThat(describe("{\"body\":\"" + MARKER + "\u0001\"}", Article.class)).as("a raw control character")
                .startsWith("invalid JSON at line 1 column ").endsWith(": unexpected character");
    }

    @Test
    void shouldSayWhereADocumentEndsTooEarly() {
        assertThat(describe("{\"title\":\"a\",\n\"body\":\"" + MARKER, Article.class))
                .isEqualTo("invalid JSON at line 2 column " + (9 + MARKER.length()) + ": unexpected end of input");
        assertThat(describe("{\"title\":\"" + MARKER + "\",\n\"body\":\"x\"\n", Article.class))
                .isEqualTo("invalid JSON at line 3 column 1: unexpected end of input");
    }

    @Test
    void shouldSayWhatAFieldShouldHoldAndWhatItHeld() {
        assertThat(describe("{\"body\":\"b\",\"title\":987654321}", Article.class)).as("a number where text is expected")
                .isEqualTo("field title: expected a string, got a number")
                .doesNotContain("987654321");
        assertThat(describe("{\"body\":\"b\",\"title\":{\"" + MARKER + "\":1}}", Article.class))
                .isEqualTo("field title: expected a string, got an object");
        assertThat(describe("{\"body\":\"b\",\"title\":[\"" + MARKER + "\"]}", Article.class))
                .isEqualTo("field title: expected a string, got an array");
        assertThat(describe("[\"" + MARKER + "\"]", Article.class))
                .isEqualTo("expected an object, got an array");
    }

    @Test
    void shouldRefuseANumberForPublishedAt() {
        assertThat(describe("{\"body\":\"b\",\"publishedAt\":1e300}", Article.class))
                .isEqualTo("field publishedAt: must be an ISO-8601 date-time such as 2026-12-05T10:00:00Z");
    }

    @Test
    void shouldSayHowDeepADocumentMayBe() {
        String deep = "{\"body\":\"b\",\"" + MARKER + "\":" + "[".repeat(100) + "]".repeat(100) + "}";

        assertThat(describe(deep, Article.class)).isEqualTo("document nested deeper than 64 levels");
    }

    @Test
    void shouldNotQuoteAnUnknownEnumValueOfAWatchlistEntity() {
        String kinds = "{\"id\":\"x\",\"aliases\":[\"abc\"],\"alerts\":{\"kinds\":[\"MENTION\",\"" + MARKER + "\"]}}";
        String caseMode = "{\"id\":\"x\",\"aliases\":[{\"text\":\"abc\",\"case\":\"" + MARKER + "\"}]}";

        assertThat(describe(kinds, WatchedEntity.class))
                .isEqualTo("entity 'x': alerts.kinds[1]: unknown value (expected one of MENTION, THRESHOLD, SPIKE, CO_MENTION, SPREAD)");
        assertThat(describe(caseMode, WatchedEntity.class))
                .isEqualTo("entity 'x': aliases[0].case: unknown value (expected insensitive, smart or exact)");
    }

    @Test
    void shouldListTheValuesOfAnEnumReadByJackson() {
        assertThat(describe("{\"alertId\":\"a\",\"kind\":\"" + MARKER + "\",\"entityId\":\"e\"}", Alert.class))
                .isEqualTo("field kind: must be one of MENTION, THRESHOLD, SPIKE, CO_MENTION, SPREAD");
    }

    @Test
    void shouldWriteOnlyShortPlainFieldNamesAndIndexes() {
        TypeReference<Map<String, List<Integer>>> lists = new TypeReference<>() {
        };
        String plain = "a".repeat(64);
        String tooLong = MARKER + "a".repeat(64 - MARKER.length() + 1);

        assertThat(describe("{\"ok_name.$-9\":[1,\"" + MARKER + "\"]}", lists))
                .isEqualTo("field ok_name.$-9[1]: expected a whole number, got a string");
        assertThat(describe("{\"" + plain + "\":[\"" + MARKER + "\"]}", lists)).startsWith("field " + plain + "[0]: ");
        assertThat(describe("{\"" + tooLong + "\":[\"" + MARKER + "\"]}", lists)).startsWith("field <field>[0]: ");
        assertThat(describe("{\"" + MARKER + " \\u001b[2J\":[true]}", lists))
                .isEqualTo("field <field>[0]: expected a whole number, got a boolean");
    }

    @Test
    void shouldKeepTheMessagesOfTheProgramsOwnValidation() {
        assertThat(describe("{\"url\":\"" + MARKER + "\"}", Article.class)).isEqualTo("fields body and title: missing");
        assertThat(describe("{\"url\":\"" + MARKER + "\",\"title\":\" \",\"body\":\"  \"}", Article.class))
                .isEqualTo("fields body and title: blank");
        assertThat(describe("{\"kind\":\"MENTION\",\"entityId\":\"e\",\"articleCount\":1,\"watchlistVersion\":1}", Alert.class))
                .isEqualTo("field alertId: missing");
    }

    @Test
    void shouldKeepAnOwnMessageOnOneLine() {
        // the watchlist quotes an alias on purpose (a user's own file); a line break in it stays inside the line
        Throwable failure = catchThrowable(() -> Json.mapper().readValue(
                "{\"id\":\"x\",\"aliases\":[\"-\\n\\u001b[!\"]}", WatchedEntity.class));

        assertThat(JsonErrors.describe(failure)).isEqualTo("entity 'x': aliases[0]: alias '- \\x1b[!' has no letter or digit");
    }

    @Test
    void shouldNotPassOnTheMessagesOfOtherLibraries() {
        Throwable number = catchThrowable(() -> Integer.parseInt(MARKER));
        Throwable uri = catchThrowable(() -> URI.create("http://x/" + MARKER + " y"));

        assertThat(JsonErrors.describe(number)).isEqualTo("NumberFormatException");
        assertThat(JsonErrors.describe(uri)).isEqualTo("IllegalArgumentException");
        assertThat(JsonErrors.describe(new IllegalArgumentException("field x: wrong"))).isEqualTo("field x: wrong");
    }
}
