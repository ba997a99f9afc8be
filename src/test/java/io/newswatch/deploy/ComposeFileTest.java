package io.newswatch.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code docker-compose.yml} checked without a Docker engine: it parses, every service can be
 * built or pulled, every mounted file and every container path a service is told about exists
 * in the repository, ports do not clash, and the services find each other (Prometheus scrapes the
 * monitor's metrics port, Grafana reads that Prometheus, clients use an advertised Kafka listener).
 */
class ComposeFileTest {

    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());
    /** Maven runs tests from the project root, where docker-compose.yml lives. */
    private static final Path ROOT = Path.of("").toAbsolutePath();

    private static JsonNode services;
    private static JsonNode namedVolumes;

    @BeforeAll
    static void parse() throws IOException {
        JsonNode compose = YAML.readTree(ROOT.resolve("docker-compose.yml").toFile());
        services = compose.path("services");
        namedVolumes = compose.path("volumes");
        assertThat(services.isObject()).as("docker-compose.yml has services").isTrue();
        assertThat(services.size()).isGreaterThanOrEqualTo(5);
    }

    @Test
    void shouldBringAWorkingSystemNotAnEmptyOne() throws IOException {
        List<String> watchlistJob = strings(services.get("watchlist").path("command"));
        assertThat(watchlistJob).containsSubsequence("watchlist", "import", "/app/watchlist/starter.yaml");
        assertThat(io.newswatch.watchlist.WatchlistFiles.load(Path.of("src/main/resources/io/newswatch/watchlist/starter.yaml")))
                .hasSizeGreaterThan(5);

        List<String> poller = strings(services.get("poller").path("command"));
        assertThat(poller).containsSubsequence("ingest", "--poll").containsSubsequence("--opml", "/app/feeds/feeds.opml");
        assertThat(io.newswatch.ingest.Opml.feeds(Path.of("feeds.opml"))).hasSizeGreaterThanOrEqualTo(5)
                .allSatisfy(url -> assertThat(url).startsWith("https://"));
    }

    @Test
    void shouldGiveEveryServiceAnImageOrABuild() {
        services.fields().forEachRemaining(service ->
                assertThat(service.getValue().has("image") || service.getValue().has("build"))
                        .as("service %s has an image or a build", service.getKey()).isTrue());
    }

    @Test
    void shouldBuildFromADockerfileThatCopiesOnlyExistingUnignoredFiles() throws IOException {
        List<String> built = new ArrayList<>();
        for (Map.Entry<String, JsonNode> service : iterable(services)) {
            JsonNode build = service.getValue().path("build");
            if (build.isMissingNode()) {
                continue;
            }
            built.add(service.getKey());
            Path context = ROOT.resolve(build.isTextual() ? build.asText() : build.path("context").asText(".")).normalize();
            Path dockerfile = context.resolve(build.path("dockerfile").asText("Dockerfile"));
            assertThat(dockerfile).as("Dockerfile of service %s", service.getKey()).isRegularFile();
            Set<String> ignored = dockerIgnored(context);
            for (String source : copiedSources(Files.readAllLines(dockerfile))) {
                assertThat(context.resolve(source)).as("%s copies %s", dockerfile.getFileName(), source).exists();
                assertThat(ignored).as(".dockerignore must not exclude %s, which the Dockerfile copies", source)
                        .doesNotContain(firstSegment(source));
            }
            String finalName = pomValue("finalName");
            assertThat(Files.readString(dockerfile)).as("the image runs the jar the pom builds")
                    .contains("target/" + finalName + ".jar");
        }
        assertThat(built).as("the monitor is built from this repository").contains(monitorName());
    }

    @Test
    void shouldBindMountOnlyPathsThatExistAndDeclareEveryNamedVolume() {
        int binds = 0;
        for (Map.Entry<String, JsonNode> service : iterable(services)) {
            for (Mount mount : mounts(service.getValue())) {
                if (mount.bind()) {
                    binds++;
                    assertThat(ROOT.resolve(mount.source()).normalize())
                            .as("bind mount %s of service %s", mount.source(), service.getKey()).exists();
                } else {
                    assertThat(namedVolumes.has(mount.source()))
                            .as("named volume %s of service %s is declared under volumes:", mount.source(), service.getKey())
                            .isTrue();
                }
            }
        }
        assertThat(binds).as("the configuration is bind-mounted from the repository").isGreaterThanOrEqualTo(4);
    }

    @Test
    void shouldReferOnlyToContainerFilesThatAreMountedFromTheRepository() {
        Pattern absolutePath = Pattern.compile("(?:^|=)(/[\\w./-]+)");
        int checked = 0;
        for (Map.Entry<String, JsonNode> service : iterable(services)) {
            List<String> values = new ArrayList<>(strings(service.getValue().path("command")));
            values.addAll(strings(service.getValue().path("entrypoint")));
            values.addAll(environment(service.getValue()).values());
            for (String value : values) {
                Matcher m = absolutePath.matcher(value);
                while (m.find()) {
                    Optional<Path> inRepo = toRepository(service.getValue(), m.group(1));
                    if (inRepo.isPresent()) {
                        checked++;
                        assertThat(inRepo.get()).as("%s of service %s (mounted from the repository)", m.group(1), service.getKey())
                                .exists();
                    }
                }
            }
        }
        assertThat(checked).as("paths checked: topics dir, Prometheus config, Grafana home dashboard").isGreaterThanOrEqualTo(4);
    }

    @Test
    void shouldPublishEachHostPortOnceAndOnlyOnLocalhost() {
        Set<String> published = new HashSet<>();
        for (Map.Entry<String, JsonNode> service : iterable(services)) {
            for (Port port : ports(service.getValue())) {
                assertThat(published.add(port.hostPort())).as("host port %s published twice (again by %s)",
                        port.hostPort(), service.getKey()).isTrue();
                assertThat(port.hostIp()).as("port %s of %s binds to localhost only", port.hostPort(), service.getKey())
                        .isEqualTo("127.0.0.1");
            }
        }
        assertThat(published).contains("9092", "9464", "9090", "3000");
    }

    @Test
    void shouldScrapeTheMonitorThePollerAndTheNotifierOnTheirMetricsPorts() throws IOException {
        List<String> targets = scrapeTargets();
        for (String service : List.of(monitorName(), "poller", "notify")) {
            JsonNode command = services.get(service);
            String port = argument(command, "--metrics-port")
                    .orElseThrow(() -> new AssertionError(service + " has no --metrics-port"));
            assertThat(argument(command, "--metrics-host")).as("%s listens beyond its own container", service).contains("0.0.0.0");
            assertThat(targets).as("scrape targets of the compose Prometheus").contains(service + ":" + port);
        }
    }

    /** The static targets of the Prometheus configuration the compose file mounts. */
    private List<String> scrapeTargets() throws IOException {
        String prometheus = serviceWithImage("prom/prometheus");
        String config = argument(services.get(prometheus), "--config.file")
                .orElseThrow(() -> new AssertionError("prometheus has no --config.file"));
        Path file = toRepository(services.get(prometheus), config)
                .orElseThrow(() -> new AssertionError(config + " is not mounted from the repository"));
        List<String> targets = new ArrayList<>();
        for (JsonNode job : YAML.readTree(file.toFile()).path("scrape_configs")) {
            for (JsonNode sc : job.path("static_configs")) {
                sc.path("targets").forEach(t -> targets.add(t.asText()));
            }
        }
        return targets;
    }

    @Test
    void shouldPointTheGrafanaDatasourceAtThePrometheusService() throws IOException {
        String prometheus = serviceWithImage("prom/prometheus");
        String listen = argument(services.get(prometheus), "--web.listen-address").orElse(":9090");
        String prometheusPort = listen.substring(listen.lastIndexOf(':') + 1);

        List<URI> urls = new ArrayList<>();
        for (Path file : provisioning("datasources")) {
            for (JsonNode ds : YAML.readTree(file.toFile()).path("datasources")) {
                if (ds.path("type").asText().equals("prometheus")) {
                    urls.add(URI.create(ds.path("url").asText()));
                }
            }
        }
        assertThat(urls).as("Prometheus datasources").isNotEmpty();
        for (URI url : urls) {
            assertThat(url.getHost()).as("datasource %s", url).isEqualTo(prometheus);
            assertThat(String.valueOf(url.getPort())).as("datasource %s", url).isEqualTo(prometheusPort);
        }
    }

    @Test
    void shouldProvisionDashboardsFromAMountedDirectoryHoldingThem() throws IOException {
        String grafana = serviceWithImage("grafana/grafana");
        List<String> paths = new ArrayList<>();
        for (Path file : provisioning("dashboards")) {
            for (JsonNode provider : YAML.readTree(file.toFile()).path("providers")) {
                paths.add(provider.path("options").path("path").asText());
            }
        }
        assertThat(paths).as("dashboard providers").isNotEmpty();
        for (String path : paths) {
            Path dir = toRepository(services.get(grafana), path)
                    .orElseThrow(() -> new AssertionError("dashboard path " + path + " is not mounted from the repository"));
            try (Stream<Path> files = Files.list(dir)) {
                assertThat(files.filter(f -> f.toString().endsWith(".json")).count())
                        .as("dashboards in %s", ROOT.relativize(dir)).isPositive();
            }
        }
    }

    @Test
    void shouldLetAnonymousUsersViewDashboardsButNotEditThem() {
        Map<String, String> env = environment(services.get(serviceWithImage("grafana/grafana")));
        assertThat(env).containsEntry("GF_AUTH_ANONYMOUS_ENABLED", "true")
                .containsEntry("GF_AUTH_ANONYMOUS_ORG_ROLE", "Viewer");
    }

    @Test
    void shouldRunTheOfficialKafkaImageOfTheClientVersionInKraftMode() throws IOException {
        String kafka = serviceWithImage("apache/kafka");
        assertThat(services.get(kafka).path("image").asText()).isEqualTo("apache/kafka:" + pomValue("kafka.version"));
        Map<String, String> env = environment(services.get(kafka));
        assertThat(env.get("KAFKA_PROCESS_ROLES")).contains("broker", "controller");
        assertThat(env).containsKey("KAFKA_CONTROLLER_QUORUM_VOTERS");
    }

    @Test
    void shouldConnectEveryClientToAnAdvertisedKafkaListener() {
        String kafka = serviceWithImage("apache/kafka");
        Map<String, String> advertised = listeners(environment(services.get(kafka)).get("KAFKA_ADVERTISED_LISTENERS"));
        Map<String, String> bound = listeners(environment(services.get(kafka)).get("KAFKA_LISTENERS"));
        assertThat(advertised).as("advertised listeners").containsValue(kafka + ":9092");

        List<String> clients = new ArrayList<>();
        for (Map.Entry<String, JsonNode> service : iterable(services)) {
            Optional<String> bootstrap = argument(service.getValue(), "--bootstrap-server");
            if (bootstrap.isPresent()) {
                clients.add(service.getKey());
                assertThat(advertised.values()).as("--bootstrap-server of %s", service.getKey()).contains(bootstrap.get());
                assertThat(dependsOn(service.getValue())).as("%s waits for its dependencies", service.getKey()).isNotEmpty();
            }
        }
        assertThat(clients).contains("topics", monitorName());

        // The listener advertised as localhost:P must be reachable from the host: P published to its port.
        advertised.forEach((name, hostPort) -> {
            if (hostPort.startsWith("localhost:")) {
                String containerPort = bound.get(name).substring(bound.get(name).lastIndexOf(':') + 1);
                assertThat(ports(services.get(kafka))).as("listener %s published", name)
                        .contains(new Port("127.0.0.1", hostPort.substring("localhost:".length()), containerPort));
            }
        });
    }

    @Test
    void shouldDependOnlyOnDeclaredServices() {
        for (Map.Entry<String, JsonNode> service : iterable(services)) {
            assertThat(dependsOn(service.getValue())).as("depends_on of %s", service.getKey())
                    .allSatisfy(dep -> assertThat(services.has(dep)).as("service %s exists", dep).isTrue());
        }
        assertThat(dependsOn(services.get(monitorName()))).contains("topics");
    }

    // --- reading the compose file -------------------------------------------------------------

    record Mount(String source, String target, boolean bind) {
    }

    record Port(String hostIp, String hostPort, String containerPort) {
    }

    /** The service running {@code newswatch run}. */
    private static String monitorName() {
        for (Map.Entry<String, JsonNode> service : iterable(services)) {
            if (strings(service.getValue().path("command")).contains("run")) {
                return service.getKey();
            }
        }
        throw new AssertionError("no service runs 'newswatch run'");
    }

    private static String serviceWithImage(String image) {
        for (Map.Entry<String, JsonNode> service : iterable(services)) {
            if (service.getValue().path("image").asText().startsWith(image + ":")) {
                return service.getKey();
            }
        }
        throw new AssertionError("no service runs the image " + image);
    }

    private static List<Mount> mounts(JsonNode service) {
        List<Mount> mounts = new ArrayList<>();
        for (JsonNode v : service.path("volumes")) {
            if (v.isTextual()) {
                String[] parts = v.asText().split(":");
                mounts.add(new Mount(parts[0], parts[1], isBindSource(parts[0])));
            } else {
                mounts.add(new Mount(v.path("source").asText(), v.path("target").asText(), v.path("type").asText().equals("bind")));
            }
        }
        return mounts;
    }

    private static boolean isBindSource(String source) {
        return source.startsWith(".") || source.startsWith("/") || source.startsWith("~");
    }

    /** The repository path behind a container path, if a bind mount of the service covers it. */
    private static Optional<Path> toRepository(JsonNode service, String containerPath) {
        for (Mount mount : mounts(service)) {
            if (mount.bind() && (containerPath.equals(mount.target()) || containerPath.startsWith(mount.target() + "/"))) {
                return Optional.of(ROOT.resolve(mount.source()).resolve(containerPath.substring(mount.target().length())
                        .replaceFirst("^/", "")).normalize());
            }
        }
        return Optional.empty();
    }

    /** Provisioning files of one kind (datasources, dashboards) mounted into the Grafana service. */
    private static List<Path> provisioning(String kind) throws IOException {
        JsonNode grafana = services.get(serviceWithImage("grafana/grafana"));
        Path dir = toRepository(grafana, "/etc/grafana/provisioning/" + kind)
                .orElseThrow(() -> new AssertionError("/etc/grafana/provisioning is not mounted from the repository"));
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(f -> f.toString().endsWith(".yml") || f.toString().endsWith(".yaml")).sorted().toList();
        }
    }

    private static List<Port> ports(JsonNode service) {
        List<Port> ports = new ArrayList<>();
        for (JsonNode p : service.path("ports")) {
            if (p.isObject()) {
                ports.add(new Port(p.path("host_ip").asText("0.0.0.0"), p.path("published").asText(), p.path("target").asText()));
                continue;
            }
            String[] parts = p.asText().replaceFirst("/(tcp|udp)$", "").split(":");
            switch (parts.length) {
                case 3 -> ports.add(new Port(parts[0], parts[1], parts[2]));
                case 2 -> ports.add(new Port("0.0.0.0", parts[0], parts[1]));
                default -> throw new AssertionError("port " + p.asText() + " has no fixed host port");
            }
        }
        return ports;
    }

    private static Map<String, String> environment(JsonNode service) {
        Map<String, String> env = new LinkedHashMap<>();
        JsonNode node = service.path("environment");
        if (node.isObject()) {
            node.fields().forEachRemaining(e -> env.put(e.getKey(), e.getValue().asText()));
        } else {
            for (JsonNode item : node) {
                String[] kv = item.asText().split("=", 2);
                env.put(kv[0], kv.length > 1 ? kv[1] : "");
            }
        }
        return env;
    }

    private static List<String> dependsOn(JsonNode service) {
        JsonNode node = service.path("depends_on");
        List<String> names = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> names.add(n.asText()));
        } else {
            node.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    /** The value of {@code --name VALUE} or {@code --name=VALUE} in the service's command. */
    private static Optional<String> argument(JsonNode service, String name) {
        List<String> args = strings(service.path("command"));
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals(name) && i + 1 < args.size()) {
                return Optional.of(args.get(i + 1));
            }
            if (args.get(i).startsWith(name + "=")) {
                return Optional.of(args.get(i).substring(name.length() + 1));
            }
        }
        return Optional.empty();
    }

    private static List<String> strings(JsonNode node) {
        List<String> out = new ArrayList<>();
        if (node.isTextual()) {
            out.addAll(List.of(node.asText().trim().split("\\s+")));
        } else {
            node.forEach(n -> out.add(n.asText()));
        }
        return out;
    }

    /** {@code NAME://host:port,…} as name → host:port. */
    private static Map<String, String> listeners(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        for (String listener : spec.split(",")) {
            String[] parts = listener.trim().split("://", 2);
            out.put(parts[0], parts[1]);
        }
        return out;
    }

    private static List<String> copiedSources(List<String> dockerfile) {
        List<String> sources = new ArrayList<>();
        for (String line : dockerfile) {
            String[] words = line.trim().split("\\s+");
            if (words.length < 3 || !(words[0].equals("COPY") || words[0].equals("ADD"))) {
                continue;
            }
            List<String> args = Stream.of(words).skip(1).filter(w -> !w.startsWith("--")).toList();
            if (Stream.of(words).anyMatch(w -> w.startsWith("--from="))) {
                continue;
            }
            sources.addAll(args.subList(0, args.size() - 1));
        }
        assertThat(sources).as("COPY instructions in the Dockerfile").isNotEmpty();
        return sources;
    }

    private static Set<String> dockerIgnored(Path context) throws IOException {
        Path file = context.resolve(".dockerignore");
        Set<String> ignored = new HashSet<>();
        if (Files.exists(file)) {
            for (String line : Files.readAllLines(file)) {
                if (!line.isBlank() && !line.startsWith("#")) {
                    ignored.add(firstSegment(line.trim()));
                }
            }
        }
        return ignored;
    }

    private static String firstSegment(String path) {
        String p = path.replaceFirst("^\\./", "").replaceFirst("^/", "");
        int slash = p.indexOf('/');
        return slash < 0 ? p : p.substring(0, slash);
    }

    private static String pomValue(String element) throws IOException {
        Matcher m = Pattern.compile("<" + Pattern.quote(element) + ">([^<]+)</").matcher(Files.readString(ROOT.resolve("pom.xml")));
        assertThat(m.find()).as("pom.xml has <%s>", element).isTrue();
        return m.group(1).trim();
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(JsonNode object) {
        return object::fields;
    }
}
