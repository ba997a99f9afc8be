package io.newswatch.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.kafka.Json;
import io.newswatch.story.StoryIds;
import io.newswatch.testing.TestData;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class StoriesCommandTest {

    private static final Path PLAIN = Path.of("src/test/resources/stories/myanmar-putin-plain.txt");
    /** Wide enough that the undated seed and plain version meet every Wikinews article of 2019. */
    private static final String EVERY_ARTICLE_MEETS = "3650d";

    @TempDir
    Path dir;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(String... args) {
        CommandLine cli = NewswatchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        String[] all = new String[args.length + 1];
        all[0] = "stories";
        System.arraycopy(args, 0, all, 1, args.length);
        return cli.execute(all);
    }

    /** The JSON lines printed, split into article documents (by where they were read) and story documents (by id). */
    private record JsonRun(Map<String, JsonNode> articlesByWhere, Map<String, JsonNode> stories) {
        String storyOf(String where) {
            assertThat(articlesByWhere).containsKey(where);
            return articlesByWhere.get(where).get("storyId").asText();
        }
    }

    private JsonRun json() throws IOException {
        Map<String, JsonNode> articles = new LinkedHashMap<>();
        Map<String, JsonNode> stories = new LinkedHashMap<>();
        for (String line : out.toString().split("\n")) {
            JsonNode node = Json.mapper().readTree(line);
            switch (node.get("type").asText()) {
                case "article" -> articles.put(node.get("where").asText(), node);
                case "story" -> stories.put(node.get("storyId").asText(), node);
                default -> throw new AssertionError("unexpected document " + line);
            }
        }
        return new JsonRun(articles, stories);
    }

    private Path write(String name, String content) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, content, StandardCharsets.UTF_8);
        return p;
    }

    /** An article as one JSON line. */
    private static String article(String id, String source, String title, String body, String publishedAt) {
        ObjectNode o = Json.mapper().createObjectNode();
        o.put("id", id);
        o.put("source", source);
        o.put("title", title);
        o.put("body", body);
        if (publishedAt != null) {
            o.put("publishedAt", publishedAt);
        }
        return o.toString();
    }

    /** The first {@code n} Wikinews articles of 2019 as JSON lines, dated, with their URLs (ids derive from them). */
    private Path wikinews(int n) throws IOException {
        StringBuilder lines = new StringBuilder();
        for (TestData.WikinewsArticle w : TestData.wikinews(n)) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("url", w.url());
            o.put("title", w.title());
            o.put("body", w.text());
            o.put("publishedAt", w.date() + "T00:00:00Z");
            lines.append(o).append('\n');
        }
        return write("wikinews.jsonl", lines.toString());
    }

    /** The middle two thirds of a Wikinews article: a cut copy under another headline. */
    private static String cut(String text) {
        return text.substring(text.length() / 6, text.length() * 5 / 6);
    }

    @Test
    void shouldGroupTheSpunSeedWithItsPlainVersion() throws IOException {
        // Given the spun seed article, a plain version of the same story and 30 Wikinews articles
        String seed = TestData.path("seed/myanmar-putin.txt").toString();
        Path others = wikinews(30);

        // When they are grouped
        int code = run("--json", "--window", EVERY_ARTICLE_MEETS, seed, PLAIN.toString(), others.toString());

        // Then the seed and the plain version are one story, which no other article joins
        assertThat(code).isEqualTo(ExitCodes.OK);
        JsonRun run = json();
        String story = run.storyOf(seed + ":1");
        assertThat(run.storyOf(PLAIN + ":1")).isEqualTo(story);
        assertThat(run.stories().get(story).get("members")).hasSize(2);
    }

    @Test
    void shouldKeepEveryWikinewsArticleOutOfTheSeedsAndThePlainVersionsStories() throws IOException {
        // Given the spun seed article, a plain version of the same story and 30 Wikinews articles
        String seed = TestData.path("seed/myanmar-putin.txt").toString();
        Path others = wikinews(30);

        // When they are grouped, every article within the window of every other
        int code = run("--json", "--window", EVERY_ARTICLE_MEETS, seed, PLAIN.toString(), others.toString());

        // Then no Wikinews article is in the story of the seed or of the plain version
        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(err.toString()).isEmpty();
        JsonRun run = json();
        assertThat(run.articlesByWhere()).hasSize(32);
        List<String> ours = List.of(run.storyOf(seed + ":1"), run.storyOf(PLAIN + ":1"));
        List<String> wikinewsStories = new ArrayList<>();
        run.articlesByWhere().forEach((where, a) -> {
            if (where.startsWith(others.toString())) {
                wikinewsStories.add(a.get("storyId").asText());
            }
        });
        assertThat(wikinewsStories).hasSize(30).doesNotContainAnyElementsOf(ours);
    }

    @Test
    void shouldGroupACutCopyUnderAnotherHeadlineAndPrintTheStoryWithItsOutlets() throws IOException {
        // Given a Wikinews article, a cut copy of it from another outlet, and an unrelated article
        List<TestData.WikinewsArticle> w = TestData.wikinews(2);
        Path file = write("copies.jsonl", String.join("\n",
                article("orig", "wikinews", w.get(0).title(), w.get(0).text(), "2019-01-04T08:00:00Z"),
                article("copy", "daily-example", "Dozens dead as building falls", cut(w.get(0).text()), "2019-01-04T11:00:00Z"),
                article("other", "wikinews", w.get(1).title(), w.get(1).text(), "2019-01-04T09:00:00Z")));

        int code = run(file.toString());

        // Then the copy is in the original's story, the other article in a story of its own
        assertThat(code).isEqualTo(ExitCodes.OK);
        String story = StoryIds.of("orig");
        assertThat(out.toString())
                .containsPattern("(?m)^" + story + "  new   orig   " + java.util.regex.Pattern.quote(w.get(0).title()) + "$")
                .containsPattern("(?m)^" + StoryIds.of("other") + "  new   other  ")
                .containsPattern("(?m)^" + story + "  0\\.\\d\\d  copy   Dozens dead as building falls$")
                .contains("STORY " + story + "  2 articles from 2 outlets\n"
                        + "  orig   wikinews       " + w.get(0).title() + "\n"
                        + "  copy   daily-example  Dozens dead as building falls\n")
                .doesNotContain("STORY " + StoryIds.of("other"))
                .endsWith("3 articles in 2 stories, 1 of more than one article\n");
        // titles only: no sentence of a body
        assertThat(out.toString()).doesNotContain(w.get(0).text().substring(200, 260));
    }

    @Test
    void shouldPrintOneJsonDocumentPerArticleInOrderOfPublicationThenOnePerStory() throws IOException {
        // Given a cut copy listed before its original but published after it
        TestData.WikinewsArticle w = TestData.wikinews(1).get(0);
        Path file = write("copies.jsonl", String.join("\n",
                article("copy", "daily-example", "Dozens dead", cut(w.text()), "2019-01-05T10:00:00+01:00"),
                article("orig", "wikinews", w.title(), w.text(), "2019-01-04T08:00:00Z")));

        int code = run("--json", file.toString());

        // Then the original is placed first and founds the story the copy joins
        assertThat(code).isEqualTo(ExitCodes.OK);
        String[] lines = out.toString().split("\n");
        assertThat(lines).hasSize(3);
        JsonNode orig = Json.mapper().readTree(lines[0]);
        JsonNode copy = Json.mapper().readTree(lines[1]);
        JsonNode story = Json.mapper().readTree(lines[2]);
        assertThat(orig.get("type").asText()).isEqualTo("article");
        assertThat(orig.get("articleId").asText()).isEqualTo("orig");
        assertThat(orig.get("storyId").asText()).isEqualTo(StoryIds.of("orig"));
        assertThat(orig.get("founded").asBoolean()).isTrue();
        assertThat(orig.get("where").asText()).isEqualTo(file + ":2");
        assertThat(orig.get("title").asText()).isEqualTo(w.title());
        assertThat(orig.get("source").asText()).isEqualTo("wikinews");
        assertThat(orig.get("publishedAt").asText()).isEqualTo("2019-01-04T08:00Z");
        assertThat(copy.get("articleId").asText()).isEqualTo("copy");
        assertThat(copy.get("storyId").asText()).isEqualTo(StoryIds.of("orig"));
        assertThat(copy.get("founded").asBoolean()).isFalse();
        assertThat(copy.get("publishedAt").asText()).isEqualTo("2019-01-05T10:00+01:00");
        assertThat(copy.get("score").asDouble()).isBetween(0.5, 1.0);
        assertThat(story.get("type").asText()).isEqualTo("story");
        assertThat(story.get("storyId").asText()).isEqualTo(StoryIds.of("orig"));
        assertThat(story.get("members")).extracting(JsonNode::asText).containsExactly("orig", "copy");
        assertThat(story.get("outlets")).extracting(JsonNode::asText).containsExactly("daily-example", "wikinews");
        assertThat(out.toString()).doesNotContain("\"body\"");
    }

    @Test
    void shouldJoinACopyOnlyWithinTheWindow() throws IOException {
        // Given a copy published three hours after its original
        TestData.WikinewsArticle w = TestData.wikinews(1).get(0);
        Path file = write("copies.jsonl", String.join("\n",
                article("orig", "wikinews", w.title(), w.text(), "2019-01-04T08:00:00Z"),
                article("copy", "daily-example", "Dozens dead", cut(w.text()), "2019-01-04T11:00:00Z")));

        // When grouped with a window of 2 hours, then of 4 hours, then of PT4H
        assertThat(run("--json", "--window", "2h", file.toString())).isEqualTo(ExitCodes.OK);
        JsonRun narrow = json();
        out.getBuffer().setLength(0);
        assertThat(run("--json", "--window", "4h", file.toString())).isEqualTo(ExitCodes.OK);
        JsonRun wide = json();
        out.getBuffer().setLength(0);
        assertThat(run("--json", "--window", "PT4H", file.toString())).isEqualTo(ExitCodes.OK);
        JsonRun iso = json();

        // Then the copy founds its own story in the narrow window and joins the original's in the wide ones
        assertThat(narrow.storyOf(file + ":2")).isEqualTo(StoryIds.of("copy"));
        assertThat(wide.storyOf(file + ":2")).isEqualTo(StoryIds.of("orig"));
        assertThat(iso.storyOf(file + ":2")).isEqualTo(StoryIds.of("orig"));
    }

    @Test
    void shouldRefuseAWindowThatIsNotAPositiveDuration() throws IOException {
        Path file = write("a.jsonl", article("a", null, "t", "some body text", null));

        assertThat(run("--window", "soon", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString()).contains("'soon' is not a duration");
        err.getBuffer().setLength(0);
        assertThat(run("--window", "0s", file.toString())).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip()).isEqualTo("newswatch stories: --window must be a positive duration, not PT0S");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void shouldReportABadLineWithFileAndLineAndStillGroupTheOthers() throws IOException {
        // Given an original, a broken line and a copy
        TestData.WikinewsArticle w = TestData.wikinews(1).get(0);
        Path file = write("mixed.jsonl", String.join("\n",
                article("orig", "wikinews", w.title(), w.text(), null),
                "{\"title\":\"broken\",",
                article("copy", "daily-example", "Dozens dead", cut(w.text()), null)) + "\n");

        int code = run("--json", file.toString());

        // Then the broken line is one line on stderr, and the others are still grouped
        assertThat(code).isEqualTo(ExitCodes.OK);
        assertThat(err.toString().lines().toList()).singleElement().asString()
                .startsWith("rejected " + file + ":2: invalid-json: ");
        JsonRun run = json();
        assertThat(run.articlesByWhere()).containsOnlyKeys(file + ":1", file + ":3");
        assertThat(run.storyOf(file + ":3")).isEqualTo(run.storyOf(file + ":1")).isEqualTo(StoryIds.of("orig"));
    }

    @Test
    void shouldGroupTheReadableFilesAndExitWithAUsageErrorWhenAFileCannotBeRead() throws IOException {
        // Given a CSV file without a text column, and a readable file of an original and its copy
        TestData.WikinewsArticle w = TestData.wikinews(1).get(0);
        Path csv = write("no-text.csv", "url,title\nhttps://example.org/a,A\n");
        Path file = write("copies.jsonl", String.join("\n",
                article("orig", "wikinews", w.title(), w.text(), null),
                article("copy", "daily-example", "Dozens dead", cut(w.text()), null)));

        int code = run(csv.toString(), file.toString());

        // Then the CSV file is named on stderr, the others are grouped, and the exit code says bad input
        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip())
                .isEqualTo("rejected " + csv + ":1: unreadable: the header row has no text or body column");
        assertThat(out.toString()).contains("STORY " + StoryIds.of("orig") + "  2 articles from 2 outlets");
    }

    @Test
    void shouldFailWithAUsageErrorNamingAMissingFileBeforeGroupingAnything() throws IOException {
        Path file = write("a.jsonl", article("a", null, "t", "some body text", null));
        Path missing = dir.resolve("missing.jsonl");

        int code = run(file.toString(), missing.toString());

        assertThat(code).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip()).isEqualTo("newswatch stories: " + missing + ": no such file");
        assertThat(out.toString()).isEmpty();
    }
}
