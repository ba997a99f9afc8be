package io.newswatch.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.article.Article;
import io.newswatch.kafka.Json;
import io.newswatch.kafka.JsonErrors;
import io.newswatch.match.EntityMentions;
import io.newswatch.match.Hit;
import io.newswatch.match.Matcher;
import io.newswatch.text.Printable;
import io.newswatch.watchlist.WatchedEntity;
import io.newswatch.watchlist.WatchlistException;
import io.newswatch.watchlist.WatchlistFiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
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
                "A .txt file is one article (its whole text is the body); a .jsonl file holds one Article JSON "
                        + "per line ({\"id\":..,\"title\":..,\"body\":..}).",
                "Prints every mention with its offsets and sentence, or JSON lines with --json."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (also when nothing matched)", "2:bad watchlist, unreadable or invalid article file"})
public final class MatchCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = {"-w", "--watchlist"}, paramLabel = "FILE",
            description = "Watchlist file: .json (array), .jsonl (one entity per line) or .yaml. "
                    + "Default: the starter watchlist shipped with newswatch.")
    Path watchlist;

    @Option(names = "--json", description = "Print one JSON object per mention (JSON Lines) instead of text.")
    boolean json;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Article files (.txt or .jsonl).")
    List<Path> files;

    /** One article and where it came from. */
    private record Source(Path file, int line, Article article) {
        String where() {
            return line > 0 ? file + ":" + line : file.toString();
        }
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Matcher matcher;
        List<Source> articles;
        try {
            List<WatchedEntity> entities = watchlist == null ? WatchlistFiles.starter() : WatchlistFiles.load(watchlist);
            matcher = Matcher.compile(entities);
            articles = new ArrayList<>();
            for (Path f : files) {
                read(f, articles);
            }
        } catch (WatchlistException e) {
            // one line in the style of every command: "newswatch match: …", exit 2
            throw new UsageException(Printable.line("invalid watchlist: " + e.getMessage()));
        } catch (BadInput e) {
            throw new UsageException(Printable.line(e.getMessage()));
        } catch (IOException e) {
            throw new UsageException(Printable.line("cannot read watchlist " + watchlist + ": " + describe(e)));
        }

        int mentions = 0;
        Set<String> entitiesSeen = new HashSet<>();
        for (Source s : articles) {
            List<EntityMentions> found = matcher.match(s.article());
            for (EntityMentions m : found) {
                mentions += m.hits().size();
                entitiesSeen.add(m.id());
            }
            if (json) {
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
        return ExitCodes.OK;
    }

    private static final class BadInput extends Exception {
        BadInput(String message) {
            super(message, null, false, false);
        }
    }

    private static void read(Path file, List<Source> into) throws BadInput {
        String content;
        try {
            content = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(Files.readAllBytes(file))).toString();
        } catch (CharacterCodingException e) {
            throw new BadInput(file + ": not UTF-8 text");
        } catch (IOException e) {
            throw new BadInput("cannot read " + file + ": " + describe(e));
        }
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".jsonl") || name.endsWith(".ndjson")) {
            int lineNo = 0;
            for (String line : content.split("\r?\n", -1)) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                try {
                    Article a = Json.mapper().readValue(line, Article.class).withDerivedId();
                    into.add(new Source(file, lineNo, a));
                } catch (IOException | RuntimeException e) {
                    throw new BadInput(file + ":" + lineNo + ": not a valid Article: " + JsonErrors.describe(e));
                }
            }
        } else {
            if (content.isBlank()) {
                throw new BadInput(file + ": empty article");
            }
            String id = file.getFileName().toString();
            into.add(new Source(file, 0, new Article(id, null, null, null, content, null, null)));
        }
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
                out.printf(Locale.ROOT, "    %-5s %d-%d  %s%s%s  | %s%n", h.field().name().toLowerCase(Locale.ROOT),
                        h.start(), h.end(), Printable.line(h.text()), alias, h.approximate() ? " (approximate)" : "",
                        Printable.line(h.snippet()));
            }
        }
    }

    private static void printJson(PrintWriter out, Source s, List<EntityMentions> found) {
        for (EntityMentions m : found) {
            for (Hit h : m.hits()) {
                ObjectNode o = Json.mapper().createObjectNode();
                o.put("file", s.file().toString());
                if (s.line() > 0) {
                    o.put("line", s.line());
                }
                o.put("article", s.article().id());
                o.put("entity", m.id());
                o.put("name", m.entity().name());
                o.put("field", h.field().name().toLowerCase(Locale.ROOT));
                o.put("start", h.start());
                o.put("end", h.end());
                o.put("text", h.text());
                o.put("alias", h.alias());
                o.put("approximate", h.approximate());
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
