package io.newswatch.topics;

import io.newswatch.cli.NewswatchCli;
import io.newswatch.testing.KafkaBroker;
import io.newswatch.testing.Tags;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewPartitions;
import org.apache.kafka.common.config.ConfigResource;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/** {@code topics apply} against a real broker: create, read back, no-op, config drift, partition drift. */
@Tag(Tags.INTEGRATION)
@Timeout(120)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class TopicsApplyIT {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    private final StringWriter out = new StringWriter();

    private int apply(String... extra) {
        CommandLine cli = NewswatchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(out, true));
        String[] args = new String[extra.length + 5];
        args[0] = "--bootstrap-server";
        args[1] = kafka.bootstrapServers();
        args[2] = "topics";
        args[3] = "apply";
        args[4] = "--dir=topics";
        System.arraycopy(extra, 0, args, 5, extra.length);
        return cli.execute(args);
    }

    @Test
    @Order(1)
    void shouldPrintPlanAndChangeNothingOnDryRun() throws Exception {
        assertThat(apply("--dry-run")).isZero();

        assertThat(out.toString()).contains("would create news.articles", "dry run: nothing changed");
        try (Admin admin = kafka.admin()) {
            assertThat(admin.listTopics().names().get()).doesNotContain("news.articles");
        }
    }

    @Test
    @Order(2)
    void shouldCreateEveryDeclaredTopicWithItsConfigs() throws Exception {
        assertThat(apply()).isZero();

        Topics declared = Topics.fromDirectory(Path.of("topics"));
        try (Admin admin = kafka.admin()) {
            Set<String> names = admin.listTopics().names().get();
            assertThat(names).containsAll(declared.all().stream().map(TopicSpec::name).toList());
            for (TopicSpec spec : declared.all()) {
                assertThat(admin.describeTopics(List.of(spec.name())).allTopicNames().get().get(spec.name()).partitions())
                        .hasSize(spec.partitions());
                Config config = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, spec.name())))
                        .all().get().values().iterator().next();
                Map<String, String> actual = spec.configs().keySet().stream()
                        .collect(Collectors.toMap(k -> k, k -> config.get(k).value()));
                assertThat(actual).as(spec.name()).isEqualTo(spec.configs());
            }
            Config watchlist = admin.describeConfigs(List.of(new ConfigResource(ConfigResource.Type.TOPIC, "news.watchlist")))
                    .all().get().values().iterator().next();
            assertThat(watchlist.get("cleanup.policy").value()).isEqualTo("compact");
        }
        assertThat(out.toString()).contains("applied: 11 of 11 topics changed");
    }

    @Test
    @Order(3)
    void shouldReportNoChangeOnSecondRun() {
        assertThat(apply()).isZero();

        assertThat(out.toString()).contains("no changes: 11 topics").doesNotContain("create", "update");
    }

    @Test
    @Order(4)
    void shouldRestoreAConfigChangedByHandAndReportPartitionDriftWithoutTouchingIt() throws Exception {
        ConfigResource alerts = new ConfigResource(ConfigResource.Type.TOPIC, "news.alerts");
        try (Admin admin = kafka.admin()) {
            admin.incrementalAlterConfigs(Map.of(alerts, List.of(
                    new AlterConfigOp(new ConfigEntry("retention.ms", "1000"), AlterConfigOp.OpType.SET)))).all().get();
            admin.createPartitions(Map.of("news.mentions", NewPartitions.increaseTo(8))).all().get();
            // The controller has committed both changes; wait until the broker that apply asks has them too.
            Awaitility.await("the hand-made changes reached the broker").atMost(Duration.ofSeconds(30))
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> "1000".equals(admin.describeConfigs(List.of(alerts)).all().get().get(alerts).get("retention.ms").value())
                            && admin.describeTopics(List.of("news.mentions")).allTopicNames().get().get("news.mentions")
                            .partitions().size() == 8);
        }

        assertThat(apply()).isZero();

        assertThat(out.toString())
                .contains("update news.alerts: retention.ms 1000 -> 7776000000")
                .contains("drift news.mentions: declares 6 partitions, cluster has 8");
        try (Admin admin = kafka.admin()) {
            assertThat(admin.describeConfigs(List.of(alerts)).all().get().get(alerts).get("retention.ms").value())
                    .isEqualTo("7776000000");
            assertThat(admin.describeTopics(List.of("news.mentions")).allTopicNames().get().get("news.mentions").partitions())
                    .hasSize(8);
        }
    }
}
