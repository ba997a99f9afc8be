package io.newswatch.topics;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class TopicSpecParserTest {

    private static TopicSpec parse(String... lines) {
        return TopicSpecParser.parse("topics/x.properties", List.of(lines));
    }

    @Test
    void shouldReadNamePartitionsReplicationRoleAndConfigs() {
        TopicSpec spec = parse(
                "# comment",
                "name = news.watchlist",
                "role = watchlist",
                "partitions = 1",
                "replication.factor = 3",
                "",
                "config.cleanup.policy = compact");

        assertThat(spec.name()).isEqualTo("news.watchlist");
        assertThat(spec.role()).contains(TopicRole.WATCHLIST);
        assertThat(spec.partitions()).isEqualTo(1);
        assertThat(spec.replicationFactor()).isEqualTo((short) 3);
        assertThat(spec.configs()).isEqualTo(Map.of("cleanup.policy", "compact"));
    }

    @Test
    void shouldDefaultReplicationToClusterDefaultAndRoleToNone() {
        TopicSpec spec = parse("name = team.alerts", "partitions = 2");

        assertThat(spec.replicationFactor()).isEqualTo((short) -1);
        assertThat(spec.role()).isEqualTo(Optional.empty());
    }

    @Test
    void shouldRefuseUnknownKeyNamingFileLineAndField() {
        assertThatThrownBy(() -> parse("name = a", "partitions = 1", "retention = 5"))
                .isInstanceOf(TopicSpecException.class)
                .hasMessageStartingWith("topics/x.properties:3: unknown field 'retention'");
    }

    @Test
    void shouldRefuseNonNumericPartitions() {
        assertThatThrownBy(() -> parse("name = a", "partitions = six"))
                .hasMessage("topics/x.properties:2: field 'partitions' must be a whole number, got 'six'");
    }

    @Test
    void shouldRefuseZeroPartitions() {
        assertThatThrownBy(() -> parse("name = a", "partitions = 0"))
                .hasMessageContaining("field 'partitions' must be between 1 and");
    }

    @Test
    void shouldRefuseMissingName() {
        assertThatThrownBy(() -> parse("partitions = 1"))
                .hasMessage("topics/x.properties: field 'name' is missing");
    }

    @Test
    void shouldRefuseMissingPartitions() {
        assertThatThrownBy(() -> parse("name = a"))
                .hasMessage("topics/x.properties: field 'partitions' is missing");
    }

    @Test
    void shouldRefuseRepeatedKey() {
        assertThatThrownBy(() -> parse("name = a", "partitions = 1", "name = b"))
                .hasMessage("topics/x.properties:3: field 'name' repeated (first on line 1)");
    }

    @Test
    void shouldRefuseInvalidTopicNameAndUnknownRole() {
        assertThatThrownBy(() -> parse("name = bad name", "partitions = 1"))
                .hasMessageContaining("field 'name' is not a valid topic name");
        assertThatThrownBy(() -> parse("name = a", "partitions = 1", "role = metrics"))
                .hasMessageContaining(":3: field 'role' must be one of");
    }

    @Test
    void shouldRefuseLineWithoutEqualsAndZeroReplication() {
        assertThatThrownBy(() -> parse("name = a", "partitions 1"))
                .hasMessage("topics/x.properties:2: expected 'key = value', got no '='");
        assertThatThrownBy(() -> parse("name = a", "partitions = 1", "replication.factor = 0"))
                .hasMessageContaining(":3: field 'replication.factor'");
    }
}
