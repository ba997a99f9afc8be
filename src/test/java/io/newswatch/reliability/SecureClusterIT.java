package io.newswatch.reliability;

import io.newswatch.broker.EmbeddedBroker;
import io.newswatch.cli.NewswatchCli;
import io.newswatch.testing.Tags;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The embedded broker with SASL/SCRAM-SHA-512 over TLS, keys made at run time with the JDK's
 * keytool; every command works with nothing but {@code --command-config client.properties}, fails
 * in one line with a wrong password, and never prints a password. The commands run as separate
 * JVMs with the product's logging configuration, so their whole output is what a user sees.
 */
@Tag(Tags.INTEGRATION)
@Timeout(300)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SecureClusterIT {

    @TempDir
    static Path dir;

    private static final String ADMIN_PASSWORD = "adm-" + UUID.randomUUID();
    private static final String USER_PASSWORD = "usr-" + UUID.randomUUID();
    private static final String STORE_PASSWORD = "sto-" + UUID.randomUUID();
    private static EmbeddedBroker broker;
    private static Path good;
    private static Path bad;
    private static final List<String> outputs = new ArrayList<>();

    private record Result(int exit, String output) {
    }

    @BeforeAll
    static void startSecureBroker() throws Exception {
        Path keystore = dir.resolve("broker.p12");
        Path cert = dir.resolve("broker.crt");
        Path truststore = dir.resolve("trust.p12");
        keytool("-genkeypair", "-alias", "broker", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=localhost", "-ext", "SAN=ip:127.0.0.1,dns:localhost",
                "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", STORE_PASSWORD, "-keypass", STORE_PASSWORD);
        keytool("-exportcert", "-alias", "broker", "-keystore", keystore.toString(), "-storepass", STORE_PASSWORD, "-file", cert.toString());
        keytool("-importcert", "-noprompt", "-alias", "ca", "-file", cert.toString(), "-keystore", truststore.toString(),
                "-storetype", "PKCS12", "-storepass", STORE_PASSWORD);

        Map<String, Object> adminClient = Map.of(
                "security.protocol", "SASL_SSL", "sasl.mechanism", "SCRAM-SHA-512",
                "sasl.jaas.config", jaas("admin", ADMIN_PASSWORD),
                "ssl.truststore.location", truststore.toString(), "ssl.truststore.password", STORE_PASSWORD,
                "ssl.truststore.type", "PKCS12");
        broker = EmbeddedBroker.builder().port(0).dataDir(dir.resolve("broker"))
                .listenerProtocol("SASL_SSL")
                .scramCredentials(List.of("SCRAM-SHA-512=[name=admin,password=" + ADMIN_PASSWORD + "]",
                        "SCRAM-SHA-512=[name=newswatch,password=" + USER_PASSWORD + "]"))
                .override("sasl.enabled.mechanisms", "SCRAM-SHA-512")
                .override("sasl.mechanism.inter.broker.protocol", "SCRAM-SHA-512")
                .override("listener.name.client.scram-sha-512.sasl.jaas.config", jaas("admin", ADMIN_PASSWORD))
                .override("ssl.keystore.location", keystore.toString())
                .override("ssl.keystore.password", STORE_PASSWORD)
                .override("ssl.keystore.type", "PKCS12")
                .override("ssl.key.password", STORE_PASSWORD)
                .override("ssl.truststore.location", truststore.toString())
                .override("ssl.truststore.password", STORE_PASSWORD)
                .override("ssl.truststore.type", "PKCS12")
                .override("super.users", "User:admin")
                .clientConfig(adminClient)
                .start();
        good = clientProperties("client.properties", USER_PASSWORD, truststore);
        bad = clientProperties("wrong.properties", "not-the-password", truststore);
    }

    @AfterAll
    static void stopBroker() {
        if (broker != null) {
            broker.close();
        }
        for (String output : outputs) {
            for (String secret : List.of(ADMIN_PASSWORD, USER_PASSWORD, STORE_PASSWORD)) {
                assertThat(output).as("captured output").doesNotContain(secret);
            }
        }
    }

    @Test
    @Order(1)
    void shouldRunEveryCommandWithOnlyAClientPropertiesFile() throws Exception {
        assertThat(cli(good, "topics", "apply", "--dir", "topics").exit()).isZero();
        Result add = cli(good, "watchlist", "add", "myanmar", "--name", "Myanmar", "--alias", "Myanmar", "--alert", "MENTION");
        assertThat(add.exit()).as(add.output()).isZero();
        Result list = cli(good, "watchlist", "list");
        assertThat(list.output()).contains("myanmar");
        Path article = dir.resolve("article.txt");
        Files.writeString(article, "Myanmar's junta chief arrived in Moscow.\n");

        Process monitor = start(good, "run", "--application-id", "secure-it", "--state-dir", dir.resolve("state").toString(),
                "--threads", "1", "--metrics-port", "-1", "--topics-dir", "topics");
        try {
            Path log = dir.resolve("run.log");
            awaitText(monitor, log, "running");
            Result ingest = cli(good, "ingest", "--source", "test", article.toString());
            assertThat(ingest.exit()).as(ingest.output()).isZero();
            Result alerts = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
            while (System.nanoTime() < deadline) {
                alerts = cli(good, "alerts", "--from-beginning", "--max", "1", "--json");
                if (alerts.exit() == 0 && alerts.output().contains("myanmar")) {
                    break;
                }
            }
            assertThat(alerts.output()).contains("\"entityId\":\"myanmar\"");
        } finally {
            monitor.destroyForcibly().waitFor();
            outputs.add(Files.readString(dir.resolve("run.log")));
        }
    }

    @Test
    @Order(2)
    void shouldFailInOneLineWithAWrongPassword() throws Exception {
        List<List<String>> commands = List.of(
                List.of("topics", "apply", "--dir", "topics"),
                List.of("watchlist", "add", "x", "--name", "X", "--alias", "Xavier"),
                List.of("watchlist", "list"),
                List.of("ingest", "--source", "test", dir.resolve("article.txt").toString()),
                List.of("alerts", "--from-beginning", "--max", "1"),
                List.of("run", "--application-id", "secure-bad", "--metrics-port", "-1", "--topics-dir", "topics"));
        for (List<String> command : commands) {
            Result r = cli(bad, command.toArray(String[]::new));
            System.out.printf("SecureClusterIT: wrong password, %s -> exit %d: %s%n", command.get(0), r.exit(), r.output().strip());
            assertThat(r.exit()).as(String.join(" ", command)).isNotZero();
            assertThat(r.output().strip().lines().count()).as(r.output()).isEqualTo(1);
            assertThat(r.output()).containsIgnoringCase("authentication");
        }
    }

    private static Result cli(Path config, String... args) throws Exception {
        Path log = dir.resolve("cli-" + UUID.randomUUID() + ".log");
        Process p = start(config, log, args);
        if (!p.waitFor(60, TimeUnit.SECONDS)) {
            p.destroyForcibly().waitFor();
            throw new AssertionError("hung: " + String.join(" ", args) + "\n" + Files.readString(log));
        }
        String output = Files.readString(log);
        outputs.add(output);
        return new Result(p.exitValue(), output);
    }

    private static Process start(Path config, String... args) throws IOException {
        return start(config, dir.resolve("run.log"), args);
    }

    private static Process start(Path config, Path log, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx256m", "-Dlog4j2.configurationFile=" + Path.of("target/classes/log4j2.xml").toAbsolutePath(), "-cp", System.getProperty("java.class.path"), NewswatchCli.class.getName(),
                "--bootstrap-server", broker.bootstrapServers(), "--command-config", config.toString()));
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        return pb.start();
    }

    private static void awaitText(Process p, Path log, String text) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
        while (System.nanoTime() < deadline && p.isAlive()) {
            if (Files.exists(log) && Files.readString(log).contains(text)) {
                return;
            }
            p.waitFor(100, TimeUnit.MILLISECONDS);
        }
        throw new AssertionError("no '" + text + "' in:\n" + Files.readString(log));
    }

    private static Path clientProperties(String name, String password, Path truststore) throws IOException {
        Path file = dir.resolve(name);
        Files.writeString(file, String.join("\n",
                "security.protocol=SASL_SSL",
                "sasl.mechanism=SCRAM-SHA-512",
                "sasl.jaas.config=" + jaas("newswatch", password),
                "ssl.truststore.location=" + truststore,
                "ssl.truststore.password=" + STORE_PASSWORD,
                "ssl.truststore.type=PKCS12", ""));
        return file;
    }

    private static String jaas(String user, String password) {
        return "org.apache.kafka.common.security.scram.ScramLoginModule required username=\"" + user
                + "\" password=\"" + password + "\";";
    }

    private static void keytool(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "keytool").toString()));
        command.addAll(List.of(args));
        Process p = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(dir.resolve("keytool.log").toFile()).start();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(Files.readString(dir.resolve("keytool.log"))).isZero();
    }
}
