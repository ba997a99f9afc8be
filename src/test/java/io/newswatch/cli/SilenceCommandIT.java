package io.newswatch.cli;

import io.newswatch.alert.Alert;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.notify.Silence;
import io.newswatch.notify.Silences;
import io.newswatch.testing.KafkaBroker;
import io.newswatch.testing.Tags;
import io.newswatch.topics.TopicRole;
import io.newswatch.topics.Topics;
import io.newswatch.watchlist.AlertKind;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/** The silence command in-process against a real broker, and {@link Silences} reading what it wrote. */
@Tag(Tags.INTEGRATION)
@Timeout(180)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SilenceCommandIT {

    @RegisterExtension
    static final KafkaBroker kafka = new KafkaBroker();

    private static final Pattern SILENCED = Pattern.compile("silenced (s-[0-9a-f]{8}) until \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ: (.*)");
    private static final String TOPIC = Topics.fromDirectory(Path.of("topics")).name(TopicRole.SILENCES);

    /** The ids of the silences added by the first test: about an entity, a tag and a kind. */
    private static String entitySilence;
    private static String tagSilence;
    private static String kindSilence;

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    @BeforeAll
    static void createTopics() {
        assertThat(NewswatchCli.commandLine().execute("--bootstrap-server", kafka.bootstrapServers(), "topics", "apply", "--dir", "topics"))
                .isZero();
    }

    private int run(String... args) {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
        CommandLine cli = NewswatchCli.commandLine();
        cli.setOut(new PrintWriter(out, true));
        cli.setErr(new PrintWriter(err, true));
        List<String> all = new ArrayList<>(List.of("--bootstrap-server", kafka.bootstrapServers()));
        all.addAll(List.of(args));
        return cli.execute(all.toArray(String[]::new));
    }

    /** Adds a silence, checks the line printed, and returns its id. */
    private String add(String matchers, String... args) {
        List<String> all = new ArrayList<>(List.of("silence", "add"));
        all.addAll(List.of(args));
        assertThat(run(all.toArray(String[]::new))).as(err.toString()).isZero();
        Matcher m = SILENCED.matcher(out.toString().strip());
        assertThat(m.matches()).as(out.toString()).isTrue();
        assertThat(m.group(2)).isEqualTo(matchers);
        return m.group(1);
    }

    private List<String> lines() {
        return out.toString().strip().lines().toList();
    }

    private static Alert alert(AlertKind kind, String entity, String coEntity, String... tags) {
        Instant now = Instant.now();
        return new Alert("a-1", kind, entity, entity, coEntity, coEntity, now, now, 1, List.of("Reuters"), null, null, List.of(),
                List.of(tags), 1, null, 0, List.of());
    }

    private static void awaitView(Silences silences, String what, Predicate<List<Silence>> condition) {
        Awaitility.await(what).atMost(Duration.ofSeconds(30)).until(() -> condition.test(silences.all()));
    }

    @Test
    @Order(1)
    void shouldSayNoSilencesOnAnEmptyTopic() {
        assertThat(run("silence", "list", "--all")).as(err.toString()).isZero();

        assertThat(out.toString().strip()).isEqualTo("no silences");
    }

    @Test
    @Order(2)
    void shouldAddListAndExpireSilences() {
        // Given three silences: an entity, a tag, a kind
        entitySilence = add("entity=icc", "--entity", "icc", "--for", "4h", "--comment", "hearing today, spikes expected",
                "--author", "alice");
        String until = Instant.now().plus(2, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS).toString();
        tagSilence = add("tag=sport", "--tag", "sport", "--until", until, "--comment", "World Cup: too much noise", "--author", "bob");
        kindSilence = add("kind=SPIKE", "--kind", "spike", "--for", "30m", "--comment", "baseline still learning", "--author", "alice");
        assertThat(List.of(entitySilence, tagSilence, kindSilence)).doesNotHaveDuplicates();

        // When listed, then each is one line: id, matchers, from – until, time left, comment, author
        assertThat(run("silence", "list")).isZero();
        assertThat(lines()).hasSize(3);
        assertThat(lines()).anySatisfy(line -> assertThat(line).matches(entitySilence
                + " +entity=icc +\\S+ \\S+Z – \\S+ \\S+Z +3h59m left +\"hearing today, spikes expected\" by alice"));
        assertThat(lines()).anySatisfy(line -> assertThat(line).matches(tagSilence
                + " +tag=sport +\\S+ \\S+Z – " + until.replace("T", " ") + " +1d23h left +\"World Cup: too much noise\" by bob"));
        assertThat(lines()).anySatisfy(line -> assertThat(line).matches(kindSilence
                + " +kind=SPIKE +\\S+ \\S+Z – \\S+ \\S+Z +29m left +\"baseline still learning\" by alice"));

        // When one is expired, then list no longer shows it, list --all does
        assertThat(run("silence", "expire", kindSilence)).as(err.toString()).isZero();
        assertThat(out.toString().strip()).matches("expired " + kindSilence + " \\(was until \\S+ \\S+Z\\): kind=SPIKE");

        assertThat(run("silence", "list")).isZero();
        assertThat(out.toString()).contains(entitySilence, tagSilence).doesNotContain(kindSilence);
        assertThat(run("silence", "list", "--all")).isZero();
        assertThat(lines()).hasSize(3).anySatisfy(line -> assertThat(line).startsWith(kindSilence).contains("expired <1m ago"));
    }

    @Test
    @Order(3)
    void shouldRefuseToExpireAnUnknownOrExpiredSilence() {
        assertThat(run("silence", "expire", kindSilence)).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip()).matches("newswatch silence expire: silence " + kindSilence
                + " already expired at \\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\dZ");

        assertThat(run("silence", "expire", "s-00000000")).isEqualTo(ExitCodes.USAGE);
        assertThat(err.toString().strip())
                .isEqualTo("newswatch silence expire: no silence 's-00000000' ('silence list --all' shows every silence)");
    }

    @Test
    @Order(4)
    void shouldSeeTheSameSilencesLiveAndAnswerWhetherAnAlertIsSilenced() throws Exception {
        try (Silences silences = Silences.open(KafkaSettings.of(kafka.bootstrapServers(), Map.of()), TOPIC, "silence-it")) {
            assertThat(silences.awaitLoaded(Duration.ofSeconds(30))).isTrue();

            assertThat(silences.all()).extracting(Silence::id).containsExactlyInAnyOrder(entitySilence, tagSilence, kindSilence);
            assertThat(silences.silencing(alert(AlertKind.MENTION, "icc", null), Instant.now()))
                    .map(Silence::id).contains(entitySilence);
            assertThat(silences.silencing(alert(AlertKind.CO_MENTION, "un", "icc"), Instant.now()))
                    .map(Silence::id).contains(entitySilence);
            assertThat(silences.silencing(alert(AlertKind.MENTION, "fifa", null, "sport", "europe"), Instant.now()))
                    .map(Silence::id).contains(tagSilence);
            assertThat(silences.silencing(alert(AlertKind.SPIKE, "un", null, "asia"), Instant.now()))
                    .as("the kind silence is expired").isEmpty();
            assertThat(silences.silencing(alert(AlertKind.MENTION, "who", null, "health"), Instant.now())).isEmpty();

            // a record that is not a silence is skipped, and the records after it still apply
            kafka.send(TOPIC, "s-broken".getBytes(StandardCharsets.UTF_8), "{\"id\":\"s-broken\"".getBytes(StandardCharsets.UTF_8));
            String later = add("entity=who kind=MENTION", "--entity", "who", "--kind", "MENTION", "--for", "1h", "--comment", "drill");
            awaitView(silences, "the new silence in the view", all -> all.stream().anyMatch(s -> s.id().equals(later)));
            assertThat(silences.all()).extracting(Silence::id).doesNotContain("s-broken");
            assertThat(silences.skipped()).isEqualTo(1);
            assertThat(silences.silencing(alert(AlertKind.MENTION, "who", null), Instant.now())).map(Silence::id).contains(later);

            // a purged silence leaves the view
            assertThat(run("silence", "expire", "--purge", later)).as(err.toString()).isZero();
            assertThat(out.toString().strip()).isEqualTo("purged " + later + ": entity=who kind=MENTION");
            awaitView(silences, "the purged silence gone from the view", all -> all.stream().noneMatch(s -> s.id().equals(later)));
        }
    }

    @Test
    @Order(5)
    void shouldRefuseBadUsageInOneLineAndWriteNothing() {
        String[][] cases = {
                {"give at least one matcher: --entity ID, --tag TAG or --kind KIND", "--for", "1h", "--comment", "x"},
                {"give how long: --for DURATION (30m, 4h, 7d) or --until TIME", "--entity", "icc", "--comment", "x"},
                {"give --for or --until, not both", "--entity", "icc", "--for", "1h", "--until", "2099-01-01T00:00:00Z", "--comment", "x"},
                {"--until 2020-01-01 00:00:00Z is in the past", "--entity", "icc", "--until", "2020-01-01T00:00:00Z", "--comment", "x"},
                {"--for must be longer than 0", "--entity", "icc", "--for", "0s", "--comment", "x"},
                {"give --comment TEXT: why these alerts are silenced", "--entity", "icc", "--for", "1h"},
                {"give --comment TEXT: why these alerts are silenced", "--entity", "icc", "--for", "1h", "--comment", " "},
                {"invalid silence: tag: 65 characters, at most 64", "--tag", "t".repeat(65), "--for", "1h", "--comment", "x"},
                {"Invalid value for option '--until': 'tomorrow' is not a time: give an ISO-8601 instant such as 2026-03-01T18:00:00Z"
                        + " or a local time such as '2026-03-01 18:00' (see 'newswatch silence add --help')",
                        "--entity", "icc", "--until", "tomorrow", "--comment", "x"},
        };
        for (String[] c : cases) {
            List<String> args = new ArrayList<>(List.of("silence", "add"));
            args.addAll(List.of(c).subList(1, c.length));

            assertThat(run(args.toArray(String[]::new))).as(c[0]).isEqualTo(ExitCodes.USAGE);
            assertThat(err.toString().strip()).isEqualTo("newswatch silence add: " + c[0]);
            assertThat(out.toString()).isEmpty();
        }
        assertThat(run("silence", "list", "--all")).isZero();
        assertThat(lines()).as("nothing was written").hasSize(3);
    }

    @Test
    @Order(6)
    void shouldSayTheClusterCannotBeReachedWithExitCode1(@TempDir Path dir) throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path config = Files.writeString(dir.resolve("client.properties"), "max.block.ms=1000\ndefault.api.timeout.ms=1000\n");
        for (String[] command : new String[][] {{"silence", "add", "--entity", "icc", "--for", "1h", "--comment", "x"},
                {"silence", "list"}, {"silence", "expire", "s-00000000"}}) {
            out.getBuffer().setLength(0);
            err.getBuffer().setLength(0);
            CommandLine cli = NewswatchCli.commandLine();
            cli.setOut(new PrintWriter(out, true));
            cli.setErr(new PrintWriter(err, true));
            List<String> args = new ArrayList<>(List.of("--bootstrap-server", "127.0.0.1:" + port, "--command-config", config.toString()));
            args.addAll(List.of(command));

            assertThat(cli.execute(args.toArray(String[]::new))).as(String.join(" ", command)).isEqualTo(ExitCodes.FAILURE);
            assertThat(err.toString().strip()).isEqualTo("newswatch " + command[0] + " " + command[1]
                    + ": cannot reach the Kafka cluster at 127.0.0.1:" + port + ": connection refused at 127.0.0.1:" + port
                    + " (is a broker running there?)");
        }
    }
}
