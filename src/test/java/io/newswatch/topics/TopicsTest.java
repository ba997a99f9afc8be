package io.newswatch.topics;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicsTest {

    @Test
    void shouldLoadTheRepositoryTopicsWithEveryRole() {
        Topics topics = Topics.fromDirectory(Path.of("topics"));

        assertThat(topics.name(TopicRole.ARTICLES)).isEqualTo("news.articles");
        assertThat(topics.name(TopicRole.WATCHLIST)).isEqualTo("news.watchlist");
        assertThat(topics.name(TopicRole.MENTIONS)).isEqualTo("news.mentions");
        assertThat(topics.name(TopicRole.ALERTS)).isEqualTo("news.alerts");
        assertThat(topics.name(TopicRole.DLQ)).isEqualTo("news.articles.dlq");
        assertThat(topics.spec(TopicRole.WATCHLIST).configs()).containsEntry("cleanup.policy", "compact");
        assertThat(topics.all()).allSatisfy(s -> assertThat(s.configs()).containsKey("cleanup.policy"));
    }

    @Test
    void shouldBundleTheSameTopicsInTheProgram() {
        assertThat(Topics.bundled().all()).isEqualTo(Topics.fromDirectory(Path.of("topics")).all().stream()
                .map(s -> new TopicSpec(s.name(), s.role(), s.partitions(), s.replicationFactor(), s.configs(),
                        "topics/" + Path.of(s.source()).getFileName()))
                .toList());
    }

    @Test
    void shouldRefuseDuplicateTopicAcrossFiles(@TempDir Path dir) throws IOException {
        copyRepositoryTopics(dir);
        Files.writeString(dir.resolve("zz-copy.properties"), "name = news.alerts\npartitions = 1\n");

        assertThatThrownBy(() -> Topics.fromDirectory(dir))
                .isInstanceOf(TopicSpecException.class)
                .hasMessageContaining("zz-copy.properties: field 'name': topic news.alerts is already declared in");
    }

    @Test
    void shouldRefuseDirectoryMissingARole(@TempDir Path dir) throws IOException {
        copyRepositoryTopics(dir);
        Files.delete(dir.resolve("news.articles.dlq.properties"));

        assertThatThrownBy(() -> Topics.fromDirectory(dir)).hasMessageContaining("no topic file has 'role = dlq'");
    }

    @Test
    void shouldAcceptExtraTopicsWithoutRole(@TempDir Path dir) throws IOException {
        copyRepositoryTopics(dir);
        Files.writeString(dir.resolve("team.alerts.properties"), "name = news.alerts.justice\npartitions = 1\n");

        assertThat(Topics.fromDirectory(dir).byName("news.alerts.justice")).isPresent();
    }

    private static void copyRepositoryTopics(Path dir) throws IOException {
        try (var files = Files.list(Path.of("topics"))) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(f.getFileName()));
            }
        }
    }
}
