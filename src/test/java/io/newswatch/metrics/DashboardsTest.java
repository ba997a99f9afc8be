package io.newswatch.metrics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The dashboards, read statically: well-formed, on the provisioned datasource, only known
 * variables, and covering what operators need. {@code PrometheusDashboardsIT} then runs every
 * query against a real Prometheus.
 */
class DashboardsTest {

    private static final Map<String, String> BUILT_INS = Map.of(
            "__rate_interval", "1m", "__interval", "15s", "__range", "1h", "__interval_ms", "15000", "__range_s", "3600");

    @Test
    void shouldHaveWellFormedDashboardsWithUniqueUidsAndPanelIds() {
        assertThat(Dashboards.files()).isNotEmpty();
        Set<String> uids = new HashSet<>();
        for (Path file : Dashboards.files()) {
            JsonNode dashboard = Dashboards.read(file);
            assertThat(dashboard.path("title").asText()).as("title of %s", file).isNotBlank();
            assertThat(uids.add(dashboard.path("uid").asText())).as("uid of %s is unique", file).isTrue();
            Set<Integer> ids = new HashSet<>();
            forEachPanel(dashboard.path("panels"), panel ->
                    assertThat(ids.add(panel.path("id").asInt())).as("%s: panel id %s unique", file, panel.path("id")).isTrue());
            assertThat(Dashboards.queries(file)).as("queries of %s", file).isNotEmpty()
                    .allSatisfy(q -> assertThat(q.refId()).as("refId of %s", q).isNotBlank());
        }
    }

    @Test
    void shouldQueryOnlyTheProvisionedDatasource() throws IOException {
        JsonNode provisioned = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of("grafana/provisioning/datasources/prometheus.yml").toFile()).path("datasources").get(0);
        String uid = provisioned.path("uid").asText();
        assertThat(uid).isNotBlank();
        for (Path file : Dashboards.files()) {
            JsonNode dashboard = Dashboards.read(file);
            forEachPanel(dashboard.path("panels"), panel -> {
                if (panel.has("targets")) {
                    assertThat(panel.path("datasource").path("uid").asText()).as("%s: datasource of panel %s", file,
                            panel.path("title").asText()).isEqualTo(uid);
                    panel.path("targets").forEach(t -> assertThat(t.path("datasource").path("uid").asText(uid))
                            .as("%s: datasource of a target of %s", file, panel.path("title").asText()).isEqualTo(uid));
                }
            });
            dashboard.path("templating").path("list").forEach(v ->
                    assertThat(v.path("datasource").path("uid").asText()).as("%s: datasource of variable %s", file,
                            v.path("name").asText()).isEqualTo(uid));
        }
    }

    @Test
    void shouldUseOnlyDefinedVariablesAndFilterEveryQueryByInstance() {
        for (Path file : Dashboards.files()) {
            Map<String, String> values = new HashMap<>(BUILT_INS);
            List<String> names = new ArrayList<>();
            for (Dashboards.Variable v : Dashboards.variables(file)) {
                values.put(v.name(), "x");
                names.add(v.name());
            }
            assertThat(names).as("variables of %s", file).contains("instance", "entity");
            for (Dashboards.Query q : Dashboards.queries(file)) {
                assertThat(Dashboards.substitute(q.expr(), values)).as("%s uses an undefined variable", q).doesNotContain("$");
                assertThat(q.expr()).as("%s filters by the instance variable", q).contains("instance=~\"$instance\"");
            }
            assertThat(Dashboards.queries(file)).as("some query of %s filters by entity", file)
                    .anySatisfy(q -> assertThat(q.expr()).contains("entity=~\"$entity\""));
        }
    }

    @Test
    void shouldSubstituteVariablesTheWayGrafanaDoes() {
        Map<String, String> values = Map.of("instance", Dashboards.regexValue(List.of("127.0.0.1:9464", "monitor:9464")),
                "__rate_interval", "30s", "__range", "1h");

        String expr = Dashboards.substitute("rate(x{instance=~\"$instance\"}[$__rate_interval]) + increase(y{i=\"${instance}\"}[${__range}])", values);

        assertThat(expr).isEqualTo("rate(x{instance=~\"(127\\\\.0\\\\.0\\\\.1:9464|monitor:9464)\"}[30s])"
                + " + increase(y{i=\"(127\\\\.0\\\\.0\\\\.1:9464|monitor:9464)\"}[1h])");
    }

    @Test
    void shouldCoverEveryAreaOperatorsWatch() {
        Set<String> metrics = new HashSet<>();
        List<String> exprs = new ArrayList<>();
        Pattern metric = Pattern.compile("\\b((?:newswatch|kafka|jvm|process)_[a-z0-9_]+)\\b");
        for (Path file : Dashboards.files()) {
            for (Dashboards.Query q : Dashboards.queries(file)) {
                exprs.add(q.expr());
                Matcher m = metric.matcher(q.expr());
                while (m.find()) {
                    metrics.add(m.group(1));
                }
            }
        }
        assertThat(metrics).contains(
                "newswatch_articles_in_total", "newswatch_mentions_total", "newswatch_alerts_total",
                "newswatch_articles_rejected_total", "newswatch_watchlist_rejected_total",
                "newswatch_alert_latency_seconds_bucket", "newswatch_match_time_seconds_bucket",
                "newswatch_watchlist_size", "newswatch_watchlist_version",
                "newswatch_stories_total", "newswatch_story_time_seconds_bucket",
                "newswatch_stories_sketches", "newswatch_stories_index_bytes",
                "newswatch_ingest_items_total", "newswatch_ingest_fetches_total", "newswatch_ingest_rejected_total",
                "newswatch_ingest_fetch_time_seconds_bucket",
                "newswatch_notify_notifications_total", "newswatch_notify_alerts_total",
                "newswatch_notify_delivery_time_seconds_bucket", "newswatch_notify_parked_alerts_total",
                "kafka_consumer_fetch_manager_records_lag", "kafka_stream_thread_process_total",
                "jvm_memory_used_bytes", "jvm_gc_pause_seconds_sum");
        for (String q : List.of("0.5", "0.95", "0.99")) {
            assertThat(exprs).anySatisfy(e -> assertThat(e).contains("histogram_quantile(" + q + ",")
                    .contains("newswatch_alert_latency_seconds_bucket"));
        }
        assertThat(exprs).anySatisfy(e -> assertThat(e).startsWith("topk(").contains("newswatch_mentions_total"));
        assertThat(exprs).anySatisfy(e -> assertThat(e).contains("sum by (kind)").contains("newswatch_alerts_total"));
        assertThat(exprs).anySatisfy(e -> assertThat(e).contains("sum by (reason)").contains("newswatch_articles_rejected_total"));
        for (String q : List.of("0.5", "0.99")) {
            assertThat(exprs).anySatisfy(e -> assertThat(e).contains("histogram_quantile(" + q + ",")
                    .contains("sum by (le, stage)").contains("newswatch_story_time_seconds_bucket"));
        }
    }

    @Test
    void shouldLabelRatesInWhatTheyCountNotRequests() {
        List<String> rates = new ArrayList<>();
        for (Path file : Dashboards.files()) {
            Dashboards.read(file).findParents("fieldConfig").forEach(panel -> {
                String unit = panel.path("fieldConfig").path("defaults").path("unit").asText("");
                assertThat(unit).as(panel.path("title").asText()).isNotIn("reqps", "rps", "ops");
                if (unit.endsWith("/s")) {
                    rates.add(panel.path("title").asText() + ": " + unit);
                }
            });
        }
        assertThat(rates).contains("Articles in: suffix: articles/s", "Mentions: suffix: mentions/s", "Alerts: suffix: alerts/s");
    }

    @Test
    void shouldShowStoriesBesideArticlesOfTheSameEntities() {
        Map<String, List<String>> panels = new HashMap<>();
        for (Path file : Dashboards.files()) {
            for (Dashboards.Query q : Dashboards.queries(file)) {
                panels.computeIfAbsent(q.dashboard() + " / " + q.panel(), k -> new ArrayList<>()).add(q.expr());
            }
        }

        // One panel, so that the gap between the two is the copies; the stories of the entities whose articles it shows.
        assertThat(panels.values()).anySatisfy(exprs -> {
            assertThat(exprs).anySatisfy(e -> assertThat(e).startsWith("topk(").contains("sum by (entity)")
                    .contains("newswatch_mentions_total").contains("entity=~\"$entity\""));
            assertThat(exprs).anySatisfy(e -> assertThat(e).contains("newswatch_stories_total").contains("sum by (entity)")
                    .contains("entity=~\"$entity\"").contains("and on (entity) topk("));
        });
    }

    @Test
    void shouldLayOutPanelsInsideTheGridWithoutOverlap() {
        for (Path file : Dashboards.files()) {
            List<JsonNode> panels = new ArrayList<>();
            Dashboards.read(file).path("panels").forEach(panels::add);
            for (JsonNode panel : panels) {
                JsonNode pos = panel.path("gridPos");
                assertThat(pos.path("w").asInt()).as("%s: width of %s", file, title(panel)).isPositive();
                assertThat(pos.path("h").asInt()).as("%s: height of %s", file, title(panel)).isPositive();
                assertThat(pos.path("x").asInt()).as("%s: x of %s", file, title(panel)).isNotNegative();
                assertThat(pos.path("y").asInt()).as("%s: y of %s", file, title(panel)).isNotNegative();
                assertThat(pos.path("x").asInt() + pos.path("w").asInt()).as("%s: right edge of %s", file, title(panel))
                        .isLessThanOrEqualTo(24);
                if (panel.path("type").asText().equals("row")) {
                    assertThat(pos.path("w").asInt()).as("%s: row %s spans the grid", file, title(panel)).isEqualTo(24);
                }
            }
            for (int i = 0; i < panels.size(); i++) {
                for (int j = i + 1; j < panels.size(); j++) {
                    assertThat(overlap(panels.get(i).path("gridPos"), panels.get(j).path("gridPos")))
                            .as("%s: %s overlaps %s", file, title(panels.get(i)), title(panels.get(j))).isFalse();
                }
            }
        }
    }

    private static boolean overlap(JsonNode a, JsonNode b) {
        return a.path("x").asInt() < b.path("x").asInt() + b.path("w").asInt()
                && b.path("x").asInt() < a.path("x").asInt() + a.path("w").asInt()
                && a.path("y").asInt() < b.path("y").asInt() + b.path("h").asInt()
                && b.path("y").asInt() < a.path("y").asInt() + a.path("h").asInt();
    }

    private static String title(JsonNode panel) {
        return panel.path("title").asText("panel " + panel.path("id").asText());
    }

    @Test
    void shouldCountConsumerLagOfADottedTopicOnce() {
        // Kafka reports per-partition consumer metrics of news.mentions also as news_mentions (deprecated).
        for (Path file : Dashboards.files()) {
            for (Dashboards.Query q : Dashboards.queries(file)) {
                if (q.expr().contains("kafka_consumer_fetch_manager_records_")) {
                    assertThat(q.expr()).as("%s leaves out the underscore copies", q).contains("topic=~\".*[.].*|[^_]*\"");
                }
            }
        }
    }

    private static void forEachPanel(JsonNode panels, java.util.function.Consumer<JsonNode> action) {
        for (JsonNode panel : panels) {
            action.accept(panel);
            forEachPanel(panel.path("panels"), action);
        }
    }
}
