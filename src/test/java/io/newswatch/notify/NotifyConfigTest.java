package io.newswatch.notify;

import io.newswatch.watchlist.AlertKind;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NotifyConfigTest {

    private static final String VALID = """
            receivers:
              - name: hook
                webhook:
                  url: https://hooks.example.org/newswatch
                  secret: {env: HOOK_SECRET}
              - name: desk
                slack: {url: {env: SLACK_URL}}
              - name: mail
                email:
                  to: [editor@example.org]
                  from: newswatch@example.org
                  smtp: smtp.example.org:587
                  username: newswatch
                  password: {env: SMTP_PASSWORD}
                digest: {cron: "0 8 * * *", time_zone: Europe/Berlin}
              - name: archive
                file: alerts.jsonl
            retry: {max_attempts: 3, max_age: 10m}
            route:
              receiver: archive
              group_by: [entity]
              group_wait: 10s
              routes:
                - match: {tag: [nuclear]}
                  receiver: desk
                  continue: true
                - match: {entity: [icc], kind: [MENTION, spread]}
                  receiver: hook
                  group_wait: 0s
            """;

    private static final Map<String, String> ENV = Map.of("HOOK_SECRET", "s3cret", "SLACK_URL", "https://hooks.slack.com/services/T/B/X",
            "SMTP_PASSWORD", "pw");

    @Test
    void shouldReadReceiversRoutesAndRetry() throws Exception {
        NotifyConfig config = NotifyConfig.parse("notify.yaml", VALID, ENV, java.nio.file.Path.of("/etc/newswatch"));

        assertThat(config.receivers()).containsOnlyKeys("hook", "desk", "mail", "archive");
        assertThat(config.receivers().get("hook").secret().value()).isEqualTo("s3cret");
        assertThat(config.receivers().get("desk").url()).isEqualTo("https://hooks.slack.com/services/T/B/X");
        assertThat(config.receivers().get("mail").isDigest()).isTrue();
        assertThat(config.receivers().get("mail").email().to()).containsExactly("editor@example.org");
        assertThat(config.receivers().get("archive").path()).isEqualTo("/etc/newswatch/alerts.jsonl");
        assertThat(config.retry().maxAttempts()).isEqualTo(3);
        assertThat(config.retry().maxAge()).isEqualTo(Duration.ofMinutes(10));
        NotifyConfig.Route icc = config.route().routes().get(1);
        assertThat(icc.match().kinds()).containsExactlyInAnyOrder(AlertKind.MENTION, AlertKind.SPREAD);
        assertThat(icc.groupBy()).as("inherited").containsExactly("entity");
        assertThat(icc.groupWait()).isZero();
        assertThat(config.route().routes().get(0).groupWait()).as("inherited").isEqualTo(Duration.ofSeconds(10));
        assertThat(config.route().routes().get(0).continueMatching()).isTrue();
    }

    @Test
    void shouldListEveryProblemWithItsLine() {
        String bad = """
                receivers:
                  - name: hook
                    webhook:
                      url: ftp://example.org/x
                      secret: inline-secret
                  - name: mail
                    email: {to: [nobody], from: a@b.c, smtp: "smtp:x"}
                    digest: {cron: "0 25 * * *", time_zone: Mars/Base}
                route:
                  receiver: archive
                  group_by: [entity, colour]
                  group_wait: soon
                  routes:
                    - match: {kind: [RUMOUR]}
                      receiver: hook
                      colour: red
                """;

        assertThatThrownBy(() -> NotifyConfig.parse("notify.yaml", bad, Map.of(), null))
                .isInstanceOfSatisfying(NotifyConfig.ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "notify.yaml:4: not an http(s) URL with a host",
                        "notify.yaml:5: write secrets as {env: VARIABLE} or {file: PATH}, not in the configuration itself",
                        "notify.yaml:8: cron \"0 25 * * *\": hour 25 is out of range 0-23",
                        "notify.yaml:8: 'Mars/Base' is not a time zone (e.g. UTC, Europe/Berlin)",
                        "notify.yaml:7: 'nobody' is not an email address",
                        "notify.yaml:7: 'smtp:x' is not HOST:PORT",
                        "notify.yaml:10: receiver 'archive' is not defined (receivers: hook, mail)",
                        "notify.yaml:11: cannot group by 'colour': use [entity, kind, story, tag, topic]",
                        "notify.yaml:12: 'group_wait': 'soon' is not a duration (e.g. 30s, 15m, 2h, 7d or PT2H)",
                        "notify.yaml:16: unknown field 'colour' (expected continue, group_by, group_interval, group_wait, match, receiver, repeat_interval, routes)",
                        "notify.yaml:14: kind 'RUMOUR' is not one of [MENTION, THRESHOLD, SPIKE, CO_MENTION, SPREAD]"));
    }

    @Test
    void shouldNameAMissingSecretWithoutGuessingItsValue() {
        String config = """
                receivers:
                  - name: desk
                    slack: {url: {env: SLACK_URL}}
                route: {receiver: desk}
                """;

        assertThatThrownBy(() -> NotifyConfig.parse("n.yaml", config, Map.of(), null))
                .hasMessage("n.yaml:3: environment variable SLACK_URL is not set");
    }

    @Test
    void shouldRefuseAFileWithoutReceiversOrRoute() {
        assertThatThrownBy(() -> NotifyConfig.parse("n.yaml", "retry: {max_attempts: 0}\n", Map.of(), null))
                .isInstanceOfSatisfying(NotifyConfig.ConfigException.class, e -> assertThat(e.problems()).containsExactly(
                        "n.yaml:1: 'receivers' must list at least one receiver",
                        "n.yaml:1: 'route' is missing: it names the receiver of every alert (route: {receiver: NAME})",
                        "n.yaml:1: 'max_attempts' is a whole number of at least 1"));
        assertThatThrownBy(() -> NotifyConfig.parse("n.yaml", "receivers: [\n", Map.of(), null))
                .hasMessage("n.yaml:1: not valid YAML: while parsing a flow node");
    }
}
