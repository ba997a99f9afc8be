package io.newswatch.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.JsonErrors;
import io.newswatch.text.Printable;
import io.newswatch.topics.TopicRole;
import io.newswatch.watchlist.AlertKind;
import io.newswatch.watchlist.InvalidEntityException;
import io.newswatch.watchlist.WatchedEntity;
import io.newswatch.watchlist.WatchlistFiles;
import io.newswatch.watchlist.WatchlistTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;

/** {@code newswatch watchlist}: manage the live watchlist on its compacted topic. */
@Command(name = "watchlist", mixinStandardHelpOptions = true,
        description = "Manage the live watchlist: changes reach a running monitor within seconds.",
        subcommands = {WatchlistCommand.Add.class, WatchlistCommand.Remove.class, WatchlistCommand.ListEntities.class,
                WatchlistCommand.Show.class, WatchlistCommand.Import.class, WatchlistCommand.Export.class,
                WatchlistCommand.Backfill.class})
final class WatchlistCommand implements Runnable {

    @Mixin
    TopicsOption topicsOption;

    @Spec
    CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    WatchlistTopic topic(CommandSpec sub) {
        return new WatchlistTopic(NewswatchCli.kafkaOptions(sub).settings(), topicsOption.topics());
    }

    /** The program's own topics that are not alert topics: no entity may route its alerts there. */
    Set<String> forbiddenAlertTopics() {
        return topicsOption.topics().namesExcept(TopicRole.ALERTS);
    }

    /** The watchlist read to the end of its topic; skipped records are reported on the command's stderr. */
    static WatchlistTopic.Current read(WatchlistTopic topic, CommandSpec sub) {
        WatchlistTopic.Current current = topic.read();
        current.skipped().forEach(sub.commandLine().getErr()::println);
        sub.commandLine().getErr().flush();
        return current;
    }

    /** The current watchlist's entities by id; skipped records are reported on the command's stderr. */
    Map<String, WatchedEntity> current(CommandSpec sub) {
        return read(topic(sub), sub).entities();
    }

    /** Writes and says which alert topics it created for the entities. */
    static void write(WatchlistTopic topic, List<WatchedEntity> puts, List<String> deletes, PrintWriter out) throws Exception {
        topic.write(puts, deletes).forEach(t -> out.println("created alert topic " + t));
    }

    @Command(name = "add", mixinStandardHelpOptions = true,
            description = {"Add an entity, or replace the one with the same id.",
                    "Example: watchlist add rohingya --name Rohingya --alias Rohingya --alias 'Rohingya Muslims'",
                    "Example: watchlist add icc --name 'International Criminal Court' "
                            + "--query '(\"International Criminal Court\" OR ICC) AND (warrant OR judges) NOT cricket'"})
    static final class Add implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID", description = "Entity id: [a-z0-9][a-z0-9._-]{0,63}; or, alone, "
                + "a name to watch: watchlist add \"Rohingya\" derives the id (rohingya) and the alias from it.")
        String id;

        @Option(names = "--name", description = "Display name (default: the first alias).")
        String name;

        @Option(names = "--alias", paramLabel = "PHRASE", description = "A phrase to find (repeatable; or give --query).")
        List<String> aliases = List.of();

        @Option(names = "--query", paramLabel = "QUERY",
                description = "A boolean query: words, \"phrases\", {exact case}, AND, OR, NOT, -word, NEAR/n, ONEAR/n, "
                        + "title:, body:, source:, lang:, @entity (see docs/watchlist.md). Alone it finds the entity; "
                        + "beside aliases, an alias hit also needs the query to hold.")
        String query;

        @Option(names = "--approximate", paramLabel = "PHRASE",
                description = "An alias (of 2+ words) that also matches with words written as paraphrases (repeatable).")
        List<String> approximate = List.of();

        @Option(names = "--all-approximate", description = "Every alias of 2+ words matches paraphrases too.")
        boolean allApproximate;

        @Option(names = "--standalone", description = "Hits inside hyphenated compounds (NATO-led, pro-NATO) do not count.")
        boolean standalone;

        @Option(names = "--context", paramLabel = "TERM", description = "A hit counts only near one of these terms (repeatable).")
        List<String> context = List.of();

        @Option(names = "--exclude", paramLabel = "PHRASE", description = "A hit near one of these phrases is vetoed (repeatable).")
        List<String> exclude = List.of();

        @Option(names = "--tag", paramLabel = "TAG", description = "Tags, for filtering and routing (repeatable).")
        List<String> tags = List.of();

        @Option(names = "--alert", paramLabel = "KIND", split = ",",
                description = "Alert kinds to switch on: ${COMPLETION-CANDIDATES} (default: MENTION).")
        List<AlertKind> kinds = List.of();

        @Option(names = "--threshold", paramLabel = "N", description = "THRESHOLD: at least N stories (or articles, see --count-by) ...")
        Integer threshold;

        @Option(names = "--threshold-window", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "... within this window (e.g. 1h).")
        Duration thresholdWindow;

        @Option(names = "--count-by", paramLabel = "WHAT",
                description = "What THRESHOLD and SPIKE count: stories (default: copies of one story count once) or articles.")
        String countBy;

        @Option(names = "--spread-outlets", paramLabel = "N",
                description = "SPREAD: alert when a story that mentions the entity reaches N distinct outlets (default 5; "
                        + "switch SPREAD on with --alert).")
        Integer spreadOutlets;

        @Option(names = "--single-character", paramLabel = "CHARACTER",
                description = "An alias of a single letter or digit (Ω, 中), matched with exact case; refused as --alias, "
                        + "since it would match any stray letter (repeatable).")
        List<String> singleCharacters = List.of();

        @Option(names = "--alert-topic", paramLabel = "TOPIC",
                description = "Also send this entity's alerts to this topic (created if missing); not one of newswatch's own "
                        + "articles, watchlist, mentions or dead-letter topics, nor a Kafka internal topic.")
        String alertTopic;

        @Option(names = "--backfill", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Also run the entity over the articles of the last DURATION (7d, 1h) that the monitor read "
                        + "before it went live, publishing their mentions and alerts flagged backfill (see watchlist backfill).")
        Duration backfill;

        @Option(names = "--max-rate", paramLabel = "N", defaultValue = "0",
                description = "With --backfill: read at most N articles a second (default: as fast as it goes).")
        int maxRate;

        @ParentCommand
        WatchlistCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (name == null && aliases.isEmpty() && query == null && approximate.isEmpty() && singleCharacters.isEmpty()) {
                simple();
            }
            WatchedEntity entity = parseEntity(buildJson(), parent.forbiddenAlertTopics());
            PrintWriter out = spec.commandLine().getOut();
            WatchlistTopic topic = parent.topic(spec);
            boolean exists = read(topic, spec).entities().containsKey(entity.id());
            write(topic, List.of(entity), List.of(), out);
            out.println((exists ? "replaced " : "added ") + entity.id() + " (" + entity.name() + ", "
                    + entity.aliases().size() + (entity.aliases().size() == 1 ? " alias" : " aliases")
                    + (entity.query() == null ? "" : ", query " + entity.query().text()) + ")");
            if (backfill == null) {
                return ExitCodes.OK;
            }
            out.flush();
            return BackfillRun.run(NewswatchCli.kafkaOptions(spec).settings(), parent.topicsOption.topics(), read(topic, spec),
                    entity.id(), Instant.now().minus(backfill), maxRate, out, spec.commandLine().getErr());
        }

        /**
         * {@code watchlist add "Rohingya"}, as in Google Alerts: the argument is the name and the
         * alias, and the id is derived from it (letters folded to ASCII, lower case, other
         * characters as hyphens), unless it is a valid id itself.
         */
        private void simple() {
            String text = id.strip();
            name = text;
            aliases = List.of(text);
            if (!WatchedEntity.ID.matcher(text).matches()) {
                String folded = java.text.Normalizer.normalize(text, java.text.Normalizer.Form.NFKD)
                        .replaceAll("\\p{M}+", "").toLowerCase(java.util.Locale.ROOT);
                String derived = folded.replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
                derived = derived.length() > 64 ? derived.substring(0, 64).replaceAll("-+$", "") : derived;
                if (derived.isEmpty()) {
                    throw new UsageException("cannot derive an id from '" + text + "': give one, "
                            + "watchlist add ID --name '" + text + "' --alias '" + text + "'");
                }
                id = derived;
            }
        }

        private ObjectNode buildJson() {
            ObjectNode node = Json.mapper().createObjectNode();
            node.put("id", id);
            if (name != null) {
                node.put("name", name);
            }
            if (query != null) {
                node.put("query", query);
            }
            ArrayNode aliasNodes = node.putArray("aliases");
            for (String alias : aliases) {
                if (approximate.contains(alias)) {
                    aliasNodes.addObject().put("text", alias).put("approximate", true);
                } else if (singleCharacters.contains(alias)) {
                    singleCharacter(aliasNodes, alias);
                } else {
                    aliasNodes.add(alias);
                }
            }
            for (String phrase : approximate) {
                if (!aliases.contains(phrase)) {
                    aliasNodes.addObject().put("text", phrase).put("approximate", true);
                }
            }
            for (String character : singleCharacters) {
                if (!aliases.contains(character)) {
                    singleCharacter(aliasNodes, character);
                }
            }
            if (allApproximate) {
                node.put("approximate", true);
            }
            if (standalone) {
                node.put("compounds", false);
            }
            context.forEach(node.putArray("context")::add);
            exclude.forEach(node.putArray("exclude")::add);
            tags.forEach(node.putArray("tags")::add);
            ObjectNode alerts = Json.mapper().createObjectNode();
            if (!kinds.isEmpty()) {
                kinds.forEach(k -> alerts.withArray("kinds").add(k.name()));
            }
            if (threshold != null || thresholdWindow != null) {
                ObjectNode t = alerts.putObject("threshold");
                if (threshold != null) {
                    t.put("count", threshold);
                }
                if (thresholdWindow != null) {
                    t.put("window", thresholdWindow.toString());
                }
            }
            if (spreadOutlets != null) {
                alerts.putObject("spread").put("outlets", spreadOutlets);
            }
            if (countBy != null) {
                alerts.put("countBy", countBy);
            }
            if (alertTopic != null) {
                alerts.put("topic", alertTopic);
            }
            if (!alerts.isEmpty()) {
                node.set("alerts", alerts);
            }
            return node;
        }

        private static void singleCharacter(ArrayNode aliasNodes, String text) {
            aliasNodes.addObject().put("text", text).put("case", "exact").put("singleCharacter", true);
        }
    }

    @Command(name = "remove", mixinStandardHelpOptions = true, description = "Remove an entity (a tombstone on the compacted topic).")
    static final class Remove implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @ParentCommand
        WatchlistCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            WatchlistTopic topic = parent.topic(spec);
            WatchlistTopic.Current current = read(topic, spec);
            // a key whose newest record was rejected has no entity, but its record stays until a tombstone replaces it
            if (!current.entities().containsKey(id) && !current.rejectedKeys().contains(id)) {
                throw new UsageException("no entity '" + id + "' in the watchlist");
            }
            write(topic, List.of(), List.of(id), spec.commandLine().getOut());
            spec.commandLine().getOut().println("removed " + id + (current.entities().containsKey(id) ? "" : " (its record was invalid)"));
            return ExitCodes.OK;
        }
    }

    @Command(name = "backfill", mixinStandardHelpOptions = true,
            description = {"Run an entity added or changed late over the articles still on the articles topic that the monitor "
                    + "read before its definition went live, and publish their mentions and alerts as live processing would have, "
                    + "flagged backfill, with the same ids. Articles matched live are not taken again. Exactly once; run it again "
                    + "after a failure and it goes on where it stopped. Needs a running monitor.",
                    "Example: watchlist backfill rohingya --since 7d"})
    static final class Backfill implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @Option(names = "--since", paramLabel = "DURATION", converter = DurationConverter.class,
                description = "Articles of the last DURATION (default 7d, the articles topic's retention).")
        Duration since;

        @Option(names = "--from", paramLabel = "TIME", description = "Articles from this time on (ISO-8601, 2026-12-01T00:00:00Z).")
        Instant from;

        @Option(names = "--max-rate", paramLabel = "N", defaultValue = "0",
                description = "Read at most N articles a second, to spare a busy monitor (default: as fast as it goes).")
        int maxRate;

        @ParentCommand
        WatchlistCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (since != null && from != null) {
                throw new UsageException("give --since or --from, not both");
            }
            Instant start = from != null ? from : Instant.now().minus(since != null ? since : Duration.ofDays(7));
            return BackfillRun.run(NewswatchCli.kafkaOptions(spec).settings(), parent.topicsOption.topics(),
                    read(parent.topic(spec), spec), id, start, maxRate, spec.commandLine().getOut(), spec.commandLine().getErr());
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the current watchlist (reads the topic to its end).")
    static final class ListEntities implements Callable<Integer> {
        @Option(names = "--json", description = "One entity JSON per line.")
        boolean json;

        @ParentCommand
        WatchlistCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            Map<String, WatchedEntity> entities = parent.current(spec);
            for (WatchedEntity e : entities.values()) {
                if (json) {
                    out.println(Json.mapper().writeValueAsString(e));
                } else {
                    out.println(line(e));
                }
            }
            if (!json) {
                out.println(entities.size() + (entities.size() == 1 ? " entity" : " entities"));
            }
            return ExitCodes.OK;
        }

        /**
         * One entity as one line: id, name, aliases and query, tags, then its alert kinds and rules
         * (so that an entity that never alerts, SPIKE only or with a narrow context, is no mystery);
         * their text through {@link Printable#line(String)}.
         */
        static String line(WatchedEntity e) {
            List<String> what = new java.util.ArrayList<>(e.aliases().stream().map(a -> a.text()).toList());
            if (e.query() != null) {
                what.add("query " + e.query().text());
            }
            StringBuilder rules = new StringBuilder(alertKinds(e.alerts()));
            if (!e.context().isEmpty()) {
                rules.append("; context ").append(String.join(", ", e.context()));
            }
            if (!e.exclude().isEmpty()) {
                rules.append("; exclude ").append(String.join(", ", e.exclude()));
            }
            return String.format("%-24s %-32s %s%s  %s", Printable.line(e.id()), Printable.line(e.name()),
                    Printable.line(String.join(" | ", what)),
                    e.tags().isEmpty() ? "" : "  [" + Printable.line(String.join(", ", e.tags())) + "]",
                    Printable.line(rules.toString()));
        }

        private static String alertKinds(io.newswatch.watchlist.AlertSettings a) {
            List<String> kinds = new java.util.ArrayList<>();
            for (AlertKind k : a.kinds()) {
                kinds.add(switch (k) {
                    case THRESHOLD -> "THRESHOLD " + a.threshold().count() + "/" + shortDuration(a.threshold().window());
                    case SPIKE -> "SPIKE " + shortDuration(a.spike().window());
                    case SPREAD -> "SPREAD " + a.spread().outlets() + " outlets";
                    default -> k.name();
                });
            }
            return String.join(", ", kinds);
        }

        private static String shortDuration(java.time.Duration d) {
            return d.toString().substring(2).toLowerCase(java.util.Locale.ROOT);
        }
    }

    @Command(name = "show", mixinStandardHelpOptions = true, description = "Print one entity as JSON.")
    static final class Show implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "ID")
        String id;

        @ParentCommand
        WatchlistCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            WatchedEntity entity = parent.current(spec).get(id);
            if (entity == null) {
                throw new UsageException("no entity '" + id + "' in the watchlist");
            }
            spec.commandLine().getOut().println(Json.mapper().writerWithDefaultPrettyPrinter().writeValueAsString(entity));
            return ExitCodes.OK;
        }
    }

    @Command(name = "import", mixinStandardHelpOptions = true,
            description = "Add or replace every entity of a watchlist file (JSON array, JSON Lines or YAML); all are checked first.")
    static final class Import implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "FILE")
        Path file;

        @ParentCommand
        WatchlistCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            if (!java.nio.file.Files.isRegularFile(file)) {
                throw new UsageException("cannot import " + file + ": " + (java.nio.file.Files.exists(file)
                        ? "it is not a file" : "there is no such file") + "; give a watchlist file (.json, .jsonl, .yaml)");
            }
            List<WatchedEntity> entities = WatchlistFiles.load(file, parent.forbiddenAlertTopics());
            PrintWriter out = spec.commandLine().getOut();
            WatchlistTopic topic = parent.topic(spec);
            Map<String, WatchedEntity> current = read(topic, spec).entities();
            long replaced = entities.stream().filter(e -> current.containsKey(e.id())).count();
            long unchanged = entities.stream().filter(e -> Objects.equals(current.get(e.id()), e)).count();
            write(topic, entities.stream().filter(e -> !Objects.equals(current.get(e.id()), e)).toList(), List.of(), out);
            out.println("imported " + entities.size() + " entities from " + file + ": " + (entities.size() - replaced) + " added, "
                    + (replaced - unchanged) + " replaced, " + unchanged + " unchanged");
            return ExitCodes.OK;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true,
            description = "Write the current watchlist to FILE (.json, .jsonl, .yaml) or, without FILE or with -, to stdout as YAML.")
    static final class Export implements Callable<Integer> {
        @Parameters(index = "0", arity = "0..1", paramLabel = "FILE")
        Path file;

        @ParentCommand
        WatchlistCommand parent;

        @Spec
        CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            List<WatchedEntity> entities = new ArrayList<>(parent.current(spec).values());
            if (file == null || file.toString().equals("-")) {
                java.io.ByteArrayOutputStream yaml = new java.io.ByteArrayOutputStream();
                WatchlistFiles.write(yaml, WatchlistFiles.Format.YAML, entities);
                PrintWriter out = spec.commandLine().getOut();
                out.print(yaml.toString(java.nio.charset.StandardCharsets.UTF_8));
                out.flush(); // print() does not flush: without this, a terminal sees nothing
            } else {
                WatchlistFiles.save(file, entities);
                spec.commandLine().getOut().println("exported " + entities.size() + " entities to " + file);
            }
            return ExitCodes.OK;
        }
    }

    /**
     * Validates an entity built from options, listing every problem in one message, an alert topic
     * among {@code forbiddenAlertTopics} included.
     */
    static WatchedEntity parseEntity(ObjectNode node, Set<String> forbiddenAlertTopics) {
        try {
            return WatchlistFiles.parse(Json.mapper().writeValueAsBytes(node), forbiddenAlertTopics);
        } catch (InvalidEntityException e) {
            throw new UsageException("invalid entity: " + e.getMessage());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("cannot write the entity's options as JSON: " + JsonErrors.describe(e), e);
        }
    }
}
