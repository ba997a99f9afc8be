package io.newswatch.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.article.Article;
import io.newswatch.ingest.ArticleFiles;
import io.newswatch.kafka.Json;
import io.newswatch.match.EntityMentions;
import io.newswatch.match.Decision;
import io.newswatch.match.Hit;
import io.newswatch.match.Matcher;
import io.newswatch.text.Printable;
import io.newswatch.watchlist.WatchedEntity;
import io.newswatch.watchlist.WatchlistException;
import io.newswatch.watchlist.WatchlistFiles;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.watchlist.WatchlistTopic;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

/**
 * {@code newswatch match}: runs the matcher offline on article files and prints every mention, so
 * a user can test a watchlist before it goes live. Text lines show article and watchlist text
 * through {@link Printable#line(String)}, so an article cannot forge lines or drive the terminal;
 * {@code --json} lines are JSON, which escapes control characters itself.
 */
@Command(name = "match", mixinStandardHelpOptions = true,
        description = {
                "Find the watched entities in article files, offline: test a watchlist before going live.",
                "Files are read as ingest reads them (format by content): Article JSON or JSON Lines, CSV, feeds "
                        + "(RSS, Atom, JSON Feed), HTML pages, and text (first line the title, the rest the body).",
                "Prints every mention with its offsets and sentence, or JSON lines with --json; --explain says why each counts"
                        + " and why each near-miss does not.",
                "With --topic news.articles [--since 24h], the articles already on the topic instead: per entity what the"
                        + " watchlist (the live one, or --watchlist FILE against the live one) would find. Writes nothing."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (also when nothing matched)", "2:bad watchlist, missing file, or a record that is not an article (reported as ingest reports it; the rest are matched)"})
public final class MatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--watchlist"}, paramLabel = "FILE",
            description = "Watchlist file: .json (array), .jsonl (one entity per line) or .yaml. "
                    + "Default: the starter watchlist shipped with newswatch.")
    Path watchlist;

    @Option(names = "--json", description = "Print one JSON object per mention (JSON Lines) instead of text.")
    boolean json;

    @Option(names = "--explain", description = "Say why each mention counts (alias, case rule, paraphrased words, context term"
            + " and where) and why each near-miss does not (case rule, context term absent, exclude term present, no paraphrase, ...).")
    boolean explain;

    @Option(names = "--entity", paramLabel = "ID", description = "Only this entity (repeatable): \"why didn't this article alert?\"")
    List<String> entityIds = List.of();

    @Option(names = "--topic", paramLabel = "TOPIC", description = "Match the articles retained on this topic (news.articles)"
            + " instead of files: per entity the articles, mentions and MENTION alerts it would give, and with --watchlist the"
            + " articles it adds and loses against the live watchlist. Writes nothing.")
    String topic;

    @Option(names = "--since", paramLabel = "DURATION", defaultValue = "24h", converter = DurationConverter.class,
            description = "With --topic: the articles written within this long (default 24h).")
    java.time.Duration since;

    @Mixin
    TopicsOption topicsOption;

    @Parameters(arity = "0..*", paramLabel = "FILE", description = "Article files, read as ingest reads them.")
    List<Path> files = List.of();

    /** One article, its file, and where in it (file, file:line or file (item n)). */
    private record Source(Path file, String where, Article article) {
    }

    @Override
    public Integer call() {
        if (topic != null && !files.isEmpty() || topic == null && files.isEmpty()) {
            throw new UsageException("give article files or --topic TOPIC, not both");
        }
        if (topic != null) {
            return previewTopic();
        }
        PrintWriter out = spec.commandLine().getOut();
        Matcher matcher;
        List<Source> articles;
        try {
            List<WatchedEntity> entities = watchlist == null ? WatchlistFiles.starter() : WatchlistFiles.load(watchlist);
            matcher = Matcher.compile(entities);
            for (String id : entityIds) {
                if (matcher.entity(id).isEmpty()) {
                    throw new UsageException(Printable.line("--entity " + id + ": no such entity in the watchlist"));
                }
            }
        } catch (WatchlistException e) {
            // one line in the style of every command: "newswatch match: …", exit 2
            throw new UsageException(Printable.line("invalid watchlist: " + e.getMessage()));
        } catch (IOException e) {
            throw new UsageException(Printable.line("cannot read watchlist " + watchlist + ": " + describe(e)));
        }
        for (Path f : files) {
            if (!Files.exists(f)) {
                throw new UsageException(Printable.line("cannot read " + f + ": no such file"));
            }
            if (Files.isDirectory(f)) {
                throw new UsageException(Printable.line(f + ": is a directory (give the files in it)"));
            }
        }
        articles = new ArrayList<>();
        List<ArticleFiles.Problem> problems = new ArrayList<>();
        for (Path f : files) {
            ArticleFiles.read(f, found -> articles.add(new Source(f, found.where(), found.article())), problems::add);
        }
        PrintWriter err = spec.commandLine().getErr();
        problems.forEach(p -> err.println("rejected " + p.describe()));
        err.flush();

        int mentions = 0;
        Set<String> entitiesSeen = new HashSet<>();
        for (Source s : articles) {
            List<EntityMentions> found = matcher.match(s.article());
            if (!entityIds.isEmpty()) {
                found = found.stream().filter(m -> entityIds.contains(m.id())).toList();
            }
            for (EntityMentions m : found) {
                mentions += m.hits().size();
                entitiesSeen.add(m.id());
            }
            if (explain) {
                List<Decision> decisions = matcher.explain(s.article().title(), s.article().body()).stream()
                        .filter(d -> entityIds.isEmpty() || entityIds.contains(d.entityId())).toList();
                if (json) {
                    printDecisionsJson(out, s, decisions);
                } else {
                    printExplained(out, s, matcher, decisions);
                }
            } else if (json) {
                printJson(out, s, found);
            } else {
                printText(out, s, found);
            }
        }
        if (!json) {
            out.printf(Locale.ROOT, "%d %s, %d %s of %d %s (watchlist of %d)%n",
                    articles.size(), plural(articles.size(), "article"), mentions, plural(mentions, "mention"),
                    entitiesSeen.size(), plural(entitiesSeen.size(), "entity", "entities"), matcher.size());
        }
        out.flush();
        return problems.isEmpty() ? ExitCodes.OK : ExitCodes.USAGE;
    }

    /** {@code --topic}: the watchlist (the live one without --watchlist) over the articles retained on the topic. */
    private int previewTopic() {
        if (explain) {
            throw new UsageException("--explain is for files: save the article and run match --explain on it");
        }
        KafkaSettings kafka = NewswatchCli.kafkaOptions(spec).settings();
        WatchlistTopic.Current current = new WatchlistTopic(kafka, topicsOption.topics()).read();
        current.skipped().forEach(spec.commandLine().getErr()::println);
        Matcher live = Matcher.compile(current.entities().values());
        Matcher matcher;
        try {
            matcher = watchlist == null ? live : Matcher.compile(WatchlistFiles.load(watchlist));
        } catch (WatchlistException e) {
            throw new UsageException(Printable.line("invalid watchlist: " + e.getMessage()));
        } catch (IOException e) {
            throw new UsageException(Printable.line("cannot read watchlist " + watchlist + ": " + describe(e)));
        }
        for (String id : entityIds) {
            if (matcher.entity(id).isEmpty()) {
                throw new UsageException(Printable.line("--entity " + id + ": no such entity in the watchlist"));
            }
        }
        TopicPreview preview = new TopicPreview(matcher, watchlist == null ? null : live, new HashSet<>(entityIds));
        Instant from = Instant.now().minus(since).truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        PrintWriter err = spec.commandLine().getErr();
        TopicArticles.Summary read = TopicArticles.read(kafka, topic, from, preview::add, err::println);
        err.flush();
        preview.print(spec.commandLine().getOut(), topic, from, read, json);
        return ExitCodes.OK;
    }

    private static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e.getClass() == IOException.class && e.getMessage() != null && e.getMessage().contains("directory")) {
            return "is a directory";
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void printText(PrintWriter out, Source s, List<EntityMentions> found) {
        int total = found.stream().mapToInt(EntityMentions::count).sum();
        String title = s.article().title() == null ? "" : "  \"" + Printable.line(s.article().title()) + "\"";
        out.printf(Locale.ROOT, "%s%s: %d %s, %d %s%n", Printable.line(s.where()), title, found.size(),
                plural(found.size(), "entity", "entities"), total, plural(total, "mention"));
        for (EntityMentions m : found) {
            out.printf(Locale.ROOT, "  %s [%s] %d%n", Printable.line(m.entity().name()), Printable.line(m.id()), m.count());
            for (Hit h : m.hits()) {
                String alias = h.text().equals(h.alias()) ? "" : (h.approximate() ? " ≈ " : " = ") + Printable.line(h.alias());
                out.printf(Locale.ROOT, "    %-5s %d-%d  %s%s%s%s  | %s%n", h.field().name().toLowerCase(Locale.ROOT),
                        h.start(), h.end(), Printable.line(h.text()), alias, approximation(h), h.compound() ? " (compound)" : "",
                        Printable.line(h.snippet()));
            }
        }
    }

    /** " (approximate: Criminal → Wrongdoer)", or nothing for an exact hit. */
    private static String approximation(Hit h) {
        if (!h.approximate()) {
            return "";
        }
        StringBuilder sb = new StringBuilder(" (approximate: ");
        for (Hit.Substitution sub : h.substitutions()) {
            sb.append(sb.length() > 16 ? ", " : "").append(Printable.line(sub.aliasWord())).append(" → ")
                    .append(Printable.line(sub.textWord()));
        }
        return sb.append(')').toString();
    }

    /** Per entity, each decision: {@code ✓} a mention and why, {@code ✗} a near-miss and why not. */
    private static void printExplained(PrintWriter out, Source s, Matcher matcher, List<Decision> decisions) {
        String title = s.article().title() == null ? "" : "  \"" + Printable.line(s.article().title()) + "\"";
        long hits = decisions.stream().filter(Decision::counts).count();
        out.printf(Locale.ROOT, "%s%s: %d %s, %d %s%n", Printable.line(s.where()), title, hits, plural((int) hits, "mention"),
                decisions.size() - hits, plural((int) (decisions.size() - hits), "near-miss", "near-misses"));
        Map<String, List<Decision>> byEntity = new LinkedHashMap<>();
        decisions.forEach(d -> byEntity.computeIfAbsent(d.entityId(), k -> new ArrayList<>()).add(d));
        byEntity.forEach((id, ds) -> {
            out.printf(Locale.ROOT, "  %s [%s]%n", Printable.line(matcher.entity(id).map(WatchedEntity::name).orElse(id)),
                    Printable.line(id));
            for (Decision d : ds) {
                out.printf(Locale.ROOT, "    %s %-5s %d-%d  %s: %s%n", d.counts() ? "✓" : "✗", d.field().name().toLowerCase(Locale.ROOT),
                        d.start(), d.end(), Printable.line(d.text()), Printable.line(d.why()));
            }
        });
    }

    private static void printDecisionsJson(PrintWriter out, Source s, List<Decision> decisions) {
        for (Decision d : decisions) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("file", s.file().toString());
            o.put("where", s.where());
            o.put("article", s.article().id());
            o.put("entity", d.entityId());
            o.put("field", d.field().name().toLowerCase(Locale.ROOT));
            o.put("start", d.start());
            o.put("end", d.end());
            o.put("text", d.text());
            o.put("alias", d.alias());
            o.put("counts", d.counts());
            o.put("why", d.why());
            out.println(o);
        }
    }

    private static void printJson(PrintWriter out, Source s, List<EntityMentions> found) {
        for (EntityMentions m : found) {
            for (Hit h : m.hits()) {
                ObjectNode o = Json.mapper().createObjectNode();
                o.put("file", s.file().toString());
                o.put("where", s.where());
                o.put("article", s.article().id());
                o.put("entity", m.id());
                o.put("name", m.entity().name());
                o.put("field", h.field().name().toLowerCase(Locale.ROOT));
                o.put("start", h.start());
                o.put("end", h.end());
                o.put("text", h.text());
                o.put("alias", h.alias());
                o.put("approximate", h.approximate());
                if (h.approximate()) {
                    ObjectNode substituted = o.putObject("substituted");
                    h.substitutions().forEach(sub -> substituted.put(sub.aliasWord(), sub.textWord()));
                }
                if (h.compound()) {
                    o.put("compound", true);
                }
                o.put("snippet", h.snippet());
                out.println(o);
            }
        }
    }

    private static String plural(int n, String one) {
        return plural(n, one, one + "s");
    }

    private static String plural(int n, String one, String many) {
        return n == 1 ? one : many;
    }
}
