package io.newswatch.cli;

import io.newswatch.kafka.KafkaSettings;
import io.newswatch.notify.Silence;
import io.newswatch.notify.Silences;
import io.newswatch.text.Printable;
import io.newswatch.topics.TopicRole;
import io.newswatch.watchlist.AlertKind;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ThreadLocalRandom;

/** {@code newswatch silence}: add, list and expire silences of {@code newswatch notify}. */
@Command(name = "silence", mixinStandardHelpOptions = true,
        description = {"Silence notifications: add, list, expire.",
                "While a silence is active, notify does not deliver the alerts it matches; they stay on the alert topics."},
        subcommands = {SilenceCommand.Add.class, SilenceCommand.ListSilences.class, SilenceCommand.Expire.class})
final class SilenceCommand implements Runnable {

    private static final String CLIENT_ID = "newswatch-silence";
    private static final Duration LOAD_TIMEOUT = Duration.ofSeconds(30);
    static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss'Z'").withZone(ZoneOffset.UTC);

    @Mixin
    TopicsOption topicsOption;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    String topic() {
        return topicsOption.topics().name(TopicRole.SILENCES);
    }

    /** Every silence on the topic, read to its end. */
    List<Silence> read(KafkaSettings kafka) throws InterruptedException {
        try (Silences silences = Silences.open(kafka, topic(), CLIENT_ID)) {
            if (!silences.awaitLoaded(LOAD_TIMEOUT)) {
                throw new IllegalStateException("cannot read the silences topic " + topic() + " to its end within "
                        + LOAD_TIMEOUT.toSeconds() + " s");
            }
            return silences.all();
        }
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Silence the alerts that match every matcher given, from now for a while.",
                    "Example: silence add --entity icc --kind SPIKE --for 4h --comment 'hearing today, spikes expected'",
                    "Example: silence add --tag sport --until '2027-01-15 08:00' --comment 'World Cup draw: too much noise'"})
    static final class Add implements Callable<Integer> {
        @Option(names = "--entity", paramLabel = "ID", description = "Alerts about this entity, also as the co-mentioned one.")
        String entity;

        @Option(names = "--tag", paramLabel = "TAG", description = "Alerts about entities with this tag.")
        String tag;

        @Option(names = "--kind", paramLabel = "KIND", description = "Alerts of this kind: ${COMPLETION-CANDIDATES}.")
        AlertKind kind;

        @Option(names = "--for", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "How long, from now: 30m, 4h, 7d.")
        Duration duration;

        @Option(names = "--until", paramLabel = "TIME", converter = TimeConverter.class,
                description = "Until when: an ISO-8601 instant (2026-03-01T18:00:00Z) or a local time (yyyy-MM-dd HH:mm).")
        Instant until;

        @Option(names = "--comment", paramLabel = "TEXT", description = "Why (required): shown by 'silence list'.")
        String comment;

        @Option(names = "--author", paramLabel = "NAME", description = "Who (default: the user name, ${sys:user.name}).")
        String author;

        @ParentCommand
        SilenceCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Silence silence = silence(now);
            Silences.write(NewswatchCli.kafkaOptions(spec).settings(), parent.topic(), silence, CLIENT_ID);
            spec.commandLine().getOut().println("silenced " + silence.id() + " until " + TIME.format(silence.endsAt()) + ": "
                    + Printable.line(silence.describeMatchers()));
            return ExitCodes.OK;
        }

        /** The silence the options describe, or a usage error naming what is missing or wrong. */
        Silence silence(Instant now) {
            if (entity == null && tag == null && kind == null) {
                throw new UsageException("give at least one matcher: --entity ID, --tag TAG or --kind KIND");
            }
            if (duration == null && until == null) {
                throw new UsageException("give how long: --for DURATION (30m, 4h, 7d) or --until TIME");
            }
            if (duration != null && until != null) {
                throw new UsageException("give --for or --until, not both");
            }
            Instant end;
            if (duration != null) {
                if (duration.isNegative() || duration.isZero()) {
                    throw new UsageException("--for must be longer than 0");
                }
                try {
                    end = now.plus(duration);
                } catch (DateTimeException | ArithmeticException e) {
                    throw new UsageException("--for " + duration.toDays() + "d is too long");
                }
            } else {
                if (!until.isAfter(now)) {
                    throw new UsageException("--until " + TIME.format(until) + " is in the past");
                }
                end = until;
            }
            if (comment == null || comment.isBlank()) {
                throw new UsageException("give --comment TEXT: why these alerts are silenced");
            }
            String who = author != null ? author : System.getProperty("user.name");
            try {
                return new Silence(newId(), entity, tag, kind, now, end, comment, who == null || who.isBlank() ? null : who, now);
            } catch (IllegalArgumentException e) {
                throw new UsageException("invalid silence: " + e.getMessage());
            }
        }

        private static String newId() {
            return String.format(Locale.ROOT, "s-%08x", ThreadLocalRandom.current().nextInt());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true,
            description = {"List the active silences (reads the topic to its end): id, matchers, from – until, time left, "
                    + "comment, author."})
    static final class ListSilences implements Callable<Integer> {
        @Option(names = "--all", description = "Also the expired ones and those that have not started.")
        boolean all;

        @ParentCommand
        SilenceCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Instant now = Instant.now();
            List<Silence> silences = parent.read(NewswatchCli.kafkaOptions(spec).settings());
            List<Silence> shown = all ? silences : silences.stream().filter(s -> s.activeAt(now)).toList();
            for (Silence s : shown) {
                out.println(line(s, now));
            }
            if (shown.isEmpty()) {
                out.println(silences.isEmpty() ? "no silences"
                        : "no active silences (--all shows " + silences.size() + " expired or not started)");
            }
            return ExitCodes.OK;
        }

        /** One silence as one line; its texts through {@link Printable#line(String)}. */
        static String line(Silence s, Instant now) {
            String state = s.activeAt(now) ? span(Duration.between(now, s.endsAt())) + " left"
                    : s.startsAt().isAfter(now) ? "starts in " + span(Duration.between(now, s.startsAt()))
                    : "expired " + span(Duration.between(s.endsAt(), now)) + " ago";
            return String.format(Locale.ROOT, "%-11s %-32s %s – %s  %-16s \"%s\"%s", Printable.line(s.id()), Printable.line(s.describeMatchers()),
                    TIME.format(s.startsAt()), TIME.format(s.endsAt()), state, Printable.line(s.comment()),
                    s.createdBy() == null ? "" : " by " + Printable.line(s.createdBy()));
        }

        /** {@code 2d4h}, {@code 3h59m}, {@code 12m}, {@code <1m}. */
        static String span(Duration d) {
            long minutes = d.toMinutes();
            if (minutes < 1) {
                return "<1m";
            }
            long days = minutes / (24 * 60);
            long hours = minutes / 60 % 24;
            long mins = minutes % 60;
            if (days > 0) {
                return days + "d" + (hours > 0 ? hours + "h" : "");
            }
            return hours > 0 ? hours + "h" + (mins > 0 ? mins + "m" : "") : mins + "m";
        }
    }

    @Command(name = "expire", mixinStandardHelpOptions = true,
            description = {"End a silence now (it is written again with its new end; 'silence list --all' still shows it).",
                    "With --purge, remove it from the topic instead, whatever its state."})
    static final class Expire implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--purge", description = "Write a tombstone: the silence is gone from the topic, and from 'list --all'.")
        boolean purge;

        @ParentCommand
        SilenceCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            KafkaSettings kafka = NewswatchCli.kafkaOptions(spec).settings();
            Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
            Optional<Silence> found = parent.read(kafka).stream().filter(s -> s.id().equals(id)).findFirst();
            if (found.isEmpty()) {
                throw new UsageException("no silence '" + Printable.line(id) + "' ('silence list --all' shows every silence)");
            }
            Silence silence = found.get();
            PrintWriter out = spec.commandLine().getOut();
            if (purge) {
                Silences.delete(kafka, parent.topic(), id, CLIENT_ID);
                out.println("purged " + Printable.line(id) + ": " + Printable.line(silence.describeMatchers()));
                return ExitCodes.OK;
            }
            if (!silence.endsAt().isAfter(now)) {
                throw new UsageException("silence " + Printable.line(id) + " already expired at " + TIME.format(silence.endsAt()));
            }
            Silences.write(kafka, parent.topic(), silence.expiredAt(now), CLIENT_ID);
            out.println("expired " + Printable.line(id) + " (was until " + TIME.format(silence.endsAt()) + "): "
                    + Printable.line(silence.describeMatchers()));
            return ExitCodes.OK;
        }
    }

    /** {@code --until}: an ISO-8601 instant or offset time, or a local time {@code yyyy-MM-dd HH:mm} of this machine's zone. */
    static final class TimeConverter implements CommandLine.ITypeConverter<Instant> {
        private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm");

        @Override
        public Instant convert(String value) {
            return parse(value, ZoneId.systemDefault());
        }

        static Instant parse(String value, ZoneId zone) {
            String v = value.strip();
            try {
                return OffsetDateTime.parse(v).toInstant(); // 2026-03-01T18:00:00Z, 2026-03-01T19:00+01:00
            } catch (DateTimeParseException e) {
                // not an instant: a local time?
            }
            for (DateTimeFormatter local : List.of(LOCAL, DateTimeFormatter.ISO_LOCAL_DATE_TIME)) {
                try {
                    return LocalDateTime.parse(v, local).atZone(zone).toInstant();
                } catch (DateTimeParseException e) {
                    // try the next form
                }
            }
            throw new CommandLine.TypeConversionException("'" + value + "' is not a time: give an ISO-8601 instant such as "
                    + "2026-03-01T18:00:00Z or a local time such as '2026-03-01 18:00'");
        }
    }
}
