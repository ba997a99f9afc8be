package io.newswatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.testing.TestData;
import io.newswatch.kafka.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class MatchCommandTest {

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = NewswatchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("match"));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void shouldPrintEveryMentionOfTheSeedArticleWithTheStarterWatchlist() {
        String seed = TestData.path("seed/myanmar-putin.txt").toString();

        int code = run(seed);

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(err.toString()).isEmpty();
        assertThat(out.toString())
                .contains("Myanmar [myanmar] 10")
                .contains("Rosatom [rosatom] 1")
                .contains("Minutes Aung Hlaing ≈ Min Aung Hlaing (approximate: Min → Minutes)")
                // read as ingest reads a .txt file: the first line is the title, the rest the body
                .contains("body  3406-3409  ICC  | This demand is presently under evaluation by ICC judges")
                .contains("1 article, ");
    }

    @Test
    void shouldExplainWhyTheSeedArticlesCourtMentionsCountAndWhyALowerCaseIccWouldNot() throws IOException {
        String seed = TestData.path("seed/myanmar-putin.txt").toString();
        Path lower = dir.resolve("lower.txt");
        Files.writeString(lower, "Court report\nThe icc judges met.\n");

        int code = run("--explain", "--entity", "icc", seed, lower.toString());

        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(out.toString())
                .contains("✓ body  3406-3409  ICC: alias 'ICC', exact case, context 'judges' right after")
                .contains("✓ title 168-192  worldwide criminal court: alias 'International Criminal Court', insensitive case,"
                        + " approximate: International → worldwide (WordNet), context 'court' in the hit itself")
                .contains("✗ body  4-7  icc: case rule: 'ICC' is exact case, the text writes 'icc'")
                .doesNotContain("[myanmar]");
        assertThat(run("--explain", "--entity", "nosuch", seed)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("--entity nosuch: no such entity in the watchlist");
    }

    @Test
    void shouldFindAQueryEntityInTheSeedArticleAndNotInACricketReport() throws IOException {
        Path watchlist = write("w.yaml", "- id: icc\n  name: International Criminal Court\n"
                + "  query: '(\"International Criminal Court\" OR ICC) AND (warrant OR judges OR court) NOT cricket'\n");
        Path cricket = write("cricket.txt", "The ICC named the umpires for the cricket final; the judges of the "
                + "players' appeals court met at Lord's.\n");
        String seed = TestData.path("seed/myanmar-putin.txt").toString();

        int code = run("--watchlist", watchlist.toString(), "--json", seed, cricket.toString());

        assertThat(code).isEqualTo(ExitCodes.OK);
        List<JsonNode> lines = new ArrayList<>();
        for (String line : out.toString().strip().split("\n")) {
            lines.add(Json.mapper().readTree(line));
        }
        assertThat(lines).isNotEmpty().allSatisfy(l -> assertThat(l.toString()).contains("\"entity\":\"icc\"", "myanmar-putin.txt")
                .doesNotContain("umpires", "cricket"));
        assertThat(out.toString()).contains("ICC judges");
    }

    @Test
    void shouldPrintJsonLinesForJsonlArticlesWithAGivenWatchlist() throws IOException {
        Path watchlist = write("w.yaml", "- id: rosatom\n  aliases: [Rosatom, Росатом]\n");
        Path articles = write("a.jsonl", """
                {"id":"a1","title":"Rosatom deal","body":"Rosatom will build a plant."}
                {"url":"https://example.org/x","body":"Госкорпорация «Росатом» заявила."}
                """);

        int code = run("--watchlist", watchlist.toString(), "--json", articles.toString());

        assertThat(code).isEqualTo(ExitCodes.OK);
        List<JsonNode> lines = new ArrayList<>();
        for (String l : out.toString().split("\n")) {
            lines.add(Json.mapper().readTree(l));
        }
        assertThat(lines).hasSize(3);
        assertThat(lines.get(0).get("article").asText()).isEqualTo("a1");
        assertThat(lines.get(0).get("field").asText()).isEqualTo("title");
        assertThat(lines.get(0).get("start").asInt()).isZero();
        assertThat(lines.get(0).get("end").asInt()).isEqualTo(7);
        assertThat(lines.get(2).get("text").asText()).isEqualTo("Росатом");
        assertThat(lines.get(2).get("where").asText()).isEqualTo(articles + ":2");
        assertThat(lines.get(2).get("article").asText()).startsWith("u-");
        assertThat(lines.get(2).get("approximate").asBoolean()).isFalse();
    }

    @Test
    void shouldExitTwoWithOneLineNamingFileAndLineForABadWatchlist() throws IOException {
        Path watchlist = write("bad.yaml", "- id: good\n  aliases: [Good]\n- id: Bad Id\n  aliases: [X]\n");
        Path article = write("a.txt", "Good news.");

        int code = run("--watchlist", watchlist.toString(), article.toString());

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(out.toString()).isEmpty();
        assertThat(err.toString()).hasLineCount(1)
                .startsWith("newswatch match: invalid watchlist: " + watchlist + ":3 (entry 2): entity 'Bad Id': id must match");
    }

    @Test
    void shouldExitTwoForAnUnreadableArticleFile() {
        int code = run(dir.resolve("missing.txt").toString());

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).hasLineCount(1).contains("cannot read").contains("missing.txt").contains("no such file");
    }

    @Test
    void shouldExitTwoForAnInvalidArticleLineNamingTheLineAndMatchTheRest() throws IOException {
        Path articles = write("a.jsonl", "{\"id\":\"a1\",\"body\":\"Myanmar\"}\n{\"id\":\"a2\"}\n");

        int code = run(articles.toString());

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip()).isEqualTo("rejected " + articles + ":2: blank-body: no body and no title");
        assertThat(out.toString()).contains("Myanmar [myanmar] 1");
    }

    @Test
    void shouldExitTwoForAMissingWatchlistFile() throws IOException {
        Path article = write("a.txt", "Text.");

        int code = run("--watchlist", dir.resolve("nope.yaml").toString(), article.toString());

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).hasLineCount(1).contains("nope.yaml").contains("no such file");
    }

    @Test
    void shouldKeepEveryTextLineOneLineWhateverTheArticleAndWatchlistHold() throws IOException {
        // Given a watchlist name, a file name, a title and a body that carry line breaks, a fake
        // result line and terminal escapes
        Path watchlist = write("w.json", "[{\"id\":\"rosatom\",\"name\":\"Rosatom\\u001b[2J\\nfake [fake] 9\","
                + "\"aliases\":[\"Rosatom\"]}]");
        Path articles = write("a\n2026-01-01 00:00:00Z  MENTION    fake  1 article.jsonl",
                "{\"id\":\"a1\",\"title\":\"Rosatom deal\\n2026-01-01 00:00:00Z  MENTION    fake  1 article\\u001b[2J\","
                        + "\"body\":\"Rosatom\\u001b[2J builds a plant.\\u2028\\u202eNext.\"}\n");

        // When it is matched, for a human
        int code = run("--watchlist", watchlist.toString(), articles.toString());

        // Then each line of the output is what it says, with the foreign text shown inside it
        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(out.toString()).doesNotContain("\u001b", "\u202e", "\u2028", "\r");
        assertThat(out.toString().lines().toList()).containsExactly(
                dir + "/a 2026-01-01 00:00:00Z  MENTION    fake  1 article.jsonl:1"
                        + "  \"Rosatom deal 2026-01-01 00:00:00Z MENTION fake 1 article\\x1b[2J\": 1 entity, 2 mentions",
                "  Rosatom\\x1b[2J fake [fake] 9 [rosatom] 2",
                "    title 0-7  Rosatom  | Rosatom deal 2026-01-01 00:00:00Z MENTION fake 1 article\\x1b[2J",
                "    body  0-7  Rosatom  | Rosatom\\x1b[2J builds a plant. \\u202e",
                "1 article, 2 mentions of 1 entity (watchlist of 1)");
    }
}
