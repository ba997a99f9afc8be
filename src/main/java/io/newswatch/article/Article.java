package io.newswatch.article;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.deser.std.StdScalarDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;

import java.io.IOException;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;

/**
 * One news article, the value of every record on {@code news.articles}.
 *
 * <p>An article needs a non-blank {@code title} or {@code body} (many feeds publish headlines
 * only); a missing body is then the empty string. Everything else is optional. When {@code id}
 * is absent, {@link #withDerivedId()} gives the stable id of {@link ArticleIds}, so a re-sent
 * article keeps its id. Unknown JSON fields are ignored.
 *
 * <p>In JSON, {@code publishedAt} is an ISO-8601 date-time with an offset
 * ({@code 2026-12-05T10:00:00Z}, {@code 2026-12-05T10:00:00+01:00}); its offset is kept. Anything
 * else there (a number, a boolean, an object, a string that is no such date-time) fails reading
 * with a {@link MismatchedInputException} on the path {@code publishedAt}, never a guess: Jackson
 * would read a number as epoch seconds, and {@code 1e300} as 1970.
 */
public record Article(
        String id,
        String url,
        String source,
        String title,
        String body,
        String language,
        OffsetDateTime publishedAt) {

    @JsonCreator
    public Article(
            @JsonProperty("id") String id,
            @JsonProperty("url") String url,
            @JsonProperty("source") String source,
            @JsonProperty("title") String title,
            @JsonProperty("body") String body,
            @JsonProperty("language") String language,
            @JsonProperty("publishedAt") @JsonDeserialize(using = IsoDateTime.class) OffsetDateTime publishedAt) {
        boolean titled = title != null && !title.isBlank();
        if (body == null && !titled) {
            throw new InvalidArticleException(InvalidArticleException.Problem.MISSING_BODY);
        }
        if ((body == null || body.isBlank()) && !titled) {
            throw new InvalidArticleException(InvalidArticleException.Problem.BLANK_BODY);
        }
        this.id = blankToNull(id);
        this.url = blankToNull(url);
        this.source = blankToNull(source);
        this.title = blankToNull(title);
        this.body = body == null ? "" : body;
        this.language = blankToNull(language);
        this.publishedAt = publishedAt;
    }

    /** This article with its id filled in: the given one, else derived from URL or content. */
    public Article withDerivedId() {
        return id != null ? this : withId(ArticleIds.derive(url, title, body));
    }

    public Article withId(String newId) {
        return new Article(newId, url, source, title, body, language, publishedAt);
    }

    public Article withSource(String newSource) {
        return new Article(id, url, newSource, title, body, language, publishedAt);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    /** {@code publishedAt} from JSON: an ISO-8601 date-time string with an offset, or null. */
    static final class IsoDateTime extends StdScalarDeserializer<OffsetDateTime> {

        private static final String EXPECTED = "publishedAt must be an ISO-8601 date-time such as 2026-12-05T10:00:00Z";

        IsoDateTime() {
            super(OffsetDateTime.class);
        }

        @Override
        public OffsetDateTime deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (!p.hasToken(JsonToken.VALUE_STRING)) {
                throw MismatchedInputException.from(p, OffsetDateTime.class, EXPECTED);
            }
            String text = p.getText().strip();
            if (text.isEmpty()) {
                return null; // blank means absent, as for every optional field
            }
            try {
                return OffsetDateTime.parse(withOffsetColon(text));
            } catch (DateTimeParseException e) {
                // the exception keeps no copy of the text: it may end up in logs
                throw InvalidFormatException.from(p, EXPECTED, null, OffsetDateTime.class);
            }
        }

        /** {@code +0100} as {@code +01:00}: the offset's basic form, which Jackson's own reader took too. */
        private static String withOffsetColon(String text) {
            int sign = text.length() - 5;
            if (sign > 0 && (text.charAt(sign) == '+' || text.charAt(sign) == '-')
                    && text.substring(sign + 1).chars().allMatch(c -> c >= '0' && c <= '9')) {
                return text.substring(0, sign + 3) + ":" + text.substring(sign + 3);
            }
            return text;
        }
    }
}
