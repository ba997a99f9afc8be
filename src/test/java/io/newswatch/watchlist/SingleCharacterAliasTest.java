package io.newswatch.watchlist;

import io.newswatch.kafka.JsonSerde;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SingleCharacterAliasTest {

    @TempDir
    Path dir;

    private static String refusal(String alias, String normalised) {
        return "alias '" + alias + "' is a single character after normalisation ('" + normalised
                + "'): it would match any stray letter; to watch it anyway give it case: exact and singleCharacter: true";
    }

    @Test
    void shouldRefuseAnAliasOfOneCharacterInAnyScript() {
        assertThatThrownBy(() -> Alias.of("a")).hasMessage(refusal("a", "a"));
        assertThatThrownBy(() -> Alias.of("Ω")).hasMessage(refusal("Ω", "ω"));
        assertThatThrownBy(() -> Alias.of("中")).hasMessage(refusal("中", "中"));
        assertThatThrownBy(() -> Alias.of("7")).hasMessage(refusal("7", "7"));
    }

    @Test
    void shouldCountOnlyWordCharactersSoPunctuationDoesNotHideASingleLetter() {
        assertThatThrownBy(() -> Alias.of("(a+)+$")).hasMessage(refusal("(a+)+$", "a"));
        assertThatThrownBy(() -> Alias.of("U.")).hasMessage(refusal("U.", "u"));
        // a letter with a combining accent is still one character
        assertThatThrownBy(() -> Alias.of("e\u0301")).hasMessageContaining("is a single character");
        // full-width and circled forms are one character after NFKC
        assertThatThrownBy(() -> Alias.of("Ａ")).hasMessage(refusal("Ａ", "a"));
    }

    @Test
    void shouldAcceptTwoCharactersAndLigaturesThatNormaliseToTwo() {
        assertThat(Alias.of("UN").text()).isEqualTo("UN");
        assertThat(Alias.of("a b").wordCount()).isEqualTo(2);
        assertThat(Alias.of("中国").text()).isEqualTo("中国");
        assertThat(Alias.of("ﬁ").text()).as("NFKC makes it fi").isEqualTo("ﬁ");
    }

    @Test
    void shouldAcceptASingleCharacterOnlyWhenExactAndExplicitlyAllowed() {
        Alias omega = new Alias("Ω", CaseMode.EXACT, false, true);

        assertThat(omega.singleCharacter()).isTrue();
        assertThat(omega.caseMode()).isEqualTo(CaseMode.EXACT);
        assertThatThrownBy(() -> new Alias("Ω", CaseMode.EXACT, false, false)).hasMessage(refusal("Ω", "ω"));
        assertThatThrownBy(() -> new Alias("Ω", CaseMode.SMART, false, true)).hasMessage(refusal("Ω", "ω"));
        assertThatThrownBy(() -> new Alias("Ω", null, false, true)).as("the default case mode of one letter is not exact")
                .hasMessage(refusal("Ω", "ω"));
    }

    @Test
    void shouldRefuseSingleCharacterOnALongerAlias() {
        assertThatThrownBy(() -> new Alias("ICC", CaseMode.EXACT, false, true))
                .hasMessage("alias 'ICC': singleCharacter is only for an alias of one character");
    }

    @Test
    void shouldReadTheOptionFromJsonAndYamlAndListTheProblemInTheEntity() throws IOException {
        WatchedEntity e = WatchlistFiles.parse("{\"id\":\"omega\",\"aliases\":[{\"text\":\"Ω\",\"case\":\"exact\",\"singleCharacter\":true}]}");
        assertThat(e.aliases()).containsExactly(new Alias("Ω", CaseMode.EXACT, false, true));

        assertThatThrownBy(() -> WatchlistFiles.parse("{\"id\":\"x\",\"aliases\":[\"Xavier\",\"(a+)+$\"]}"))
                .isInstanceOf(InvalidEntityException.class)
                .hasMessage("entity 'x': aliases[1]: " + refusal("(a+)+$", "a"));
        assertThatThrownBy(() -> WatchlistFiles.parse("{\"id\":\"x\",\"aliases\":[{\"text\":\"Ω\",\"singleCharacter\":\"yes\"}]}"))
                .hasMessageContaining("aliases[0].singleCharacter: must be true or false, got a string");

        Path yaml = dir.resolve("w.yaml");
        java.nio.file.Files.writeString(yaml, """
                - id: zhong
                  aliases:
                    - text: 中
                      case: exact
                      singleCharacter: true
                """);
        assertThat(WatchlistFiles.load(yaml).get(0).aliases().get(0).singleCharacter()).isTrue();
    }

    @Test
    void shouldWriteTheOptionOnlyWhenTrueAndRoundTripInEveryFormat() throws IOException {
        WatchedEntity omega = WatchedEntity.builder("omega").name("Omega")
                .alias(new Alias("Ω", CaseMode.EXACT, false, true)).alias("Omega").build();

        String json = WatchlistFiles.toJson(omega);

        assertThat(json).isEqualTo("{\"id\":\"omega\",\"name\":\"Omega\",\"aliases\":["
                + "{\"text\":\"Ω\",\"case\":\"exact\",\"singleCharacter\":true},\"Omega\"]}");
        assertThat(WatchlistFiles.toJson(WatchedEntity.of("icc", "ICC", "ICC"))).doesNotContain("singleCharacter");
        JsonSerde<WatchedEntity> serde = JsonSerde.of(WatchedEntity.class);
        assertThat(serde.deserialize("t", serde.serialize("t", omega))).isEqualTo(omega);
        for (String name : List.of("w.json", "w.jsonl", "w.yaml")) {
            Path p = dir.resolve(name);
            WatchlistFiles.save(p, List.of(omega));
            assertThat(WatchlistFiles.load(p)).as(name).containsExactly(omega);
        }
    }
}
