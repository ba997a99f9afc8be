package io.newswatch.watchlist;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class WatchlistFilesTest {

    @TempDir
    Path dir;

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void shouldLoadTheSameWatchlistFromJsonArrayJsonLinesAndYaml() throws IOException {
        Path json = write("w.json", """
                [
                  {"id": "icc", "aliases": ["ICC"], "context": ["court"]},
                  {"id": "rosatom", "aliases": ["Rosatom", "Росатом"]}
                ]""");
        Path jsonl = write("w.jsonl", """
                {"id": "icc", "aliases": ["ICC"], "context": ["court"]}

                {"id": "rosatom", "aliases": ["Rosatom", "Росатом"]}
                """);
        Path yaml = write("w.yaml", """
                # two entities
                - id: icc
                  aliases: [ICC]
                  context: [court]
                - id: rosatom
                  aliases:
                    - Rosatom
                    - Росатом
                """);

        List<WatchedEntity> fromJson = WatchlistFiles.load(json);

        assertThat(fromJson).extracting(WatchedEntity::id).containsExactly("icc", "rosatom");
        assertThat(WatchlistFiles.load(jsonl)).isEqualTo(fromJson);
        assertThat(WatchlistFiles.load(yaml)).isEqualTo(fromJson);
    }

    @Test
    void shouldSniffTheFormatOfAFileWithoutKnownExtension() throws IOException {
        assertThat(WatchlistFiles.load(write("a.txt", "[{\"id\":\"a\",\"aliases\":[\"Ab\"]}]"))).hasSize(1);
        assertThat(WatchlistFiles.load(write("b.txt", "{\"id\":\"a\",\"aliases\":[\"Ab\"]}\n{\"id\":\"b\",\"aliases\":[\"Bc\"]}"))).hasSize(2);
        assertThat(WatchlistFiles.load(write("c.txt", "entities:\n  - id: a\n    aliases: [Ab]\n"))).hasSize(1);
    }

    @Test
    void shouldReportEveryBadEntryWithFileAndLine() throws IOException {
        Path yaml = write("bad.yaml", """
                - id: good
                  aliases: [Good]
                - id: x y
                  aliases: []
                - id: ok
                  aliases: [OK]
                  alerts:
                    kinds: [MENTION, SHOUT]
                """);

        assertThatThrownBy(() -> WatchlistFiles.load(yaml))
                .isInstanceOf(WatchlistException.class)
                .satisfies(e -> assertThat(((WatchlistException) e).problems()).containsExactly(
                        yaml + ":3 (entry 2): entity 'x y': id must match [a-z0-9][a-z0-9._-]{0,63}; aliases: none given (or give a query)",
                        yaml + ":5 (entry 3): entity 'ok': alerts.kinds[1]: unknown value (expected one of MENTION, THRESHOLD, SPIKE, CO_MENTION, SPREAD)"));
    }

    @Test
    void shouldRefuseADuplicateIdInAFile() throws IOException {
        Path jsonl = write("dup.jsonl", "{\"id\":\"a\",\"aliases\":[\"Ab\"]}\n{\"id\":\"b\",\"aliases\":[\"Bc\"]}\n{\"id\":\"a\",\"aliases\":[\"Alpha\"]}\n");

        assertThatThrownBy(() -> WatchlistFiles.load(jsonl))
                .hasMessage(jsonl + ":3 (entry 3): duplicate id 'a' (first at line 1)");
    }

    @Test
    void shouldReportSyntaxErrorsWithTheirLine() throws IOException {
        Path json = write("broken.json", "[\n {\"id\": \"a\", \"aliases\": [\"A\"]},\n {\"id\": \"b\" \"aliases\": []}\n]");
        Path jsonl = write("broken.jsonl", "{\"id\":\"a\",\"aliases\":[\"Ab\"]}\n{not json}\n");

        assertThatThrownBy(() -> WatchlistFiles.load(json)).hasMessageStartingWith(json + ":3:");
        assertThatThrownBy(() -> WatchlistFiles.load(jsonl)).hasMessageStartingWith(jsonl + ":2 (entry 2): not valid JSON");
    }

    @Test
    void shouldRefuseEntitiesRoutingAlertsToTheProgramsOwnTopicsWithFileAndLine() throws IOException {
        Path yaml = write("routes.yaml", """
                - id: fine
                  aliases: [Fine]
                  alerts: {topic: news.alerts.fine}
                - id: loop
                  aliases: [Loop]
                  alerts: {topic: news.mentions}
                """);

        assertThatThrownBy(() -> WatchlistFiles.load(yaml, java.util.Set.of("news.mentions", "news.watchlist")))
                .isInstanceOf(WatchlistException.class)
                .hasMessage(yaml + ":4 (entry 2): entity 'loop': alerts.topic: 'news.mentions' is one of newswatch's own topics, "
                        + "not an alert topic");
        assertThat(WatchlistFiles.load(yaml)).hasSize(2);
    }

    @Test
    void shouldSaveAndLoadBackEqualEntitiesInEveryFormat() throws IOException {
        List<WatchedEntity> starter = WatchlistFiles.starter();
        for (String name : List.of("out.json", "out.jsonl", "out.yaml")) {
            Path p = dir.resolve(name);

            WatchlistFiles.save(p, starter);

            assertThat(WatchlistFiles.load(p)).as(name).isEqualTo(starter);
        }
        assertThat(Files.readString(dir.resolve("out.yaml"))).contains("- id: icc").contains("Росатом");
    }

    @Test
    void shouldShipAStarterWatchlistWithTheSeedWorld() {
        List<WatchedEntity> starter = WatchlistFiles.starter();

        assertThat(starter).extracting(WatchedEntity::id)
                .contains("icc", "rosatom", "myanmar", "min-aung-hlaing", "putin")
                .doesNotContain("rohingya")
                .doesNotHaveDuplicates();
        WatchedEntity icc = starter.stream().filter(e -> e.id().equals("icc")).findFirst().orElseThrow();
        assertThat(icc.context()).contains("court");
        assertThat(icc.exclude()).contains("cricket");
        assertThat(icc.aliases()).filteredOn(Alias::approximate).extracting(Alias::text).containsExactly("International Criminal Court");
        WatchedEntity myanmar = starter.stream().filter(e -> e.id().equals("myanmar")).findFirst().orElseThrow();
        assertThat(myanmar.aliases()).extracting(Alias::text).contains("Myanmar", "Burma", "မြန်မာ");
        WatchedEntity rosatom = starter.stream().filter(e -> e.id().equals("rosatom")).findFirst().orElseThrow();
        assertThat(rosatom.aliases()).extracting(Alias::text).contains("Росатом");
    }
}
