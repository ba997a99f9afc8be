package io.newswatch.watchlist;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class EntityLimitsTest {

    private static String chars(int n) {
        return "x".repeat(n);
    }

    private static List<String> distinct(String prefix, int n) {
        List<String> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(prefix + i);
        }
        return out;
    }

    private static List<Alias> aliases(int n) {
        return distinct("Alias ", n).stream().map(Alias::of).toList();
    }

    private static WatchedEntity entity(String name, List<Alias> aliases, List<String> context, List<String> exclude, List<String> tags) {
        return new WatchedEntity("x", name, aliases, context, 30, exclude, 30, tags, null);
    }

    @Test
    void shouldAcceptEveryLimitExactly() {
        WatchedEntity e = entity(chars(WatchedEntity.MAX_NAME_CHARS), aliases(WatchedEntity.MAX_ALIASES),
                Collections.nCopies(WatchedEntity.MAX_TERMS, chars(WatchedEntity.MAX_TERM_CHARS)),
                Collections.nCopies(WatchedEntity.MAX_TERMS, chars(WatchedEntity.MAX_TERM_CHARS)),
                distinct(chars(WatchedEntity.MAX_TAG_CHARS - 2), WatchedEntity.MAX_TAGS));

        assertThat(e.aliases()).hasSize(1_000);
        assertThat(e.tags()).hasSize(50);
        assertThat(Alias.of(chars(Alias.MAX_CHARS)).text()).hasSize(200);
    }

    @Test
    void shouldNameTheLimitsAsPublicConstants() {
        assertThat(List.of(Alias.MAX_CHARS, WatchedEntity.MAX_NAME_CHARS, WatchedEntity.MAX_ALIASES, WatchedEntity.MAX_TAGS,
                WatchedEntity.MAX_TAG_CHARS, WatchedEntity.MAX_TERM_CHARS, WatchedEntity.MAX_TERMS))
                .containsExactly(200, 200, 1_000, 50, 64, 200, 1_000);
    }

    @Test
    void shouldRefuseALongAlias() {
        assertThatThrownBy(() -> Alias.of(chars(201))).hasMessage("alias is 201 characters long, at most 200");
        // characters, not UTF-16 units: 200 letters outside the BMP are accepted
        assertThat(Alias.of("\uD835\uDC00".repeat(200)).text()).hasSize(400);
    }

    @Test
    void shouldListEveryViolationInOneException() {
        List<String> context = new ArrayList<>(Collections.nCopies(WatchedEntity.MAX_TERMS, "court"));
        context.add(chars(201));
        List<String> exclude = List.of("cricket", chars(250));
        List<String> tags = new ArrayList<>(distinct("t", WatchedEntity.MAX_TAGS + 1));
        tags.add(chars(65));

        assertThatThrownBy(() -> entity(chars(201), aliases(WatchedEntity.MAX_ALIASES + 1), context, exclude, tags))
                .isInstanceOf(InvalidEntityException.class)
                .satisfies(t -> assertThat(((InvalidEntityException) t).problems()).containsExactly(
                        "entity 'x': aliases: 1001 given, at most 1000",
                        "name: 201 characters, at most 200",
                        "context: 1001 given, at most 1000",
                        "context[1000]: 201 characters, at most 200",
                        "exclude[1]: 250 characters, at most 200",
                        "tags[51]: 65 characters, at most 64",
                        "tags: 51 given, at most 50"));
    }

    @Test
    void shouldReportALongAliasOfAFileEntryAmongItsOtherProblems() {
        String json = "{\"id\":\"x\",\"name\":\"" + chars(300) + "\",\"aliases\":[\"Xavier\",\"" + chars(201) + "\"],"
                + "\"tags\":[\"" + chars(70) + "\"]}";

        assertThatThrownBy(() -> WatchlistFiles.parse(json))
                .isInstanceOf(InvalidEntityException.class)
                .satisfies(t -> assertThat(((InvalidEntityException) t).problems()).containsExactly(
                        "entity 'x': name: 300 characters, at most 200",
                        "tags[0]: 70 characters, at most 64",
                        "aliases[1]: alias is 201 characters long, at most 200"));
    }

    @Test
    void shouldKeepTheStarterWatchlistWithinTheLimits() {
        assertThat(WatchlistFiles.starter()).isNotEmpty();
    }
}
