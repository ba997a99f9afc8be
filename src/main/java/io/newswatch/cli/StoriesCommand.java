package io.newswatch.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.article.Article;
import io.newswatch.ingest.ArticleFiles;
import io.newswatch.kafka.Json;
import io.newswatch.story.Sketch;
import io.newswatch.story.Sketcher;
import io.newswatch.story.StoryGrouper;
import io.newswatch.story.StoryIndex;
import io.newswatch.text.Printable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/**
 * {@code newswatch stories}: groups the articles of local files into stories offline, as the
 * monitor groups them, and prints each article's story and each story's members, so a user can
 * check the grouping on their own data before it counts their alerts.
 *
 * <p>Files are read as {@code newswatch ingest} reads them ({@link ArticleFiles}); bad records are
 * reported on stderr one line each and skipped. Articles are placed oldest first by
 * {@code publishedAt}; those without one go first, in file order, at the time of the oldest dated
 * article. Text output shows titles, never bodies, through {@link Printable#line(String)};
 * {@code --json} prints JSON Lines: one {@code "type":"article"} document per article, then one
 * {@code "type":"story"} document per story.
 */
@Command(name = "stories", mixinStandardHelpOptions = true, sortOptions = false,
        description = {
                "Group the articles of files into stories, offline, as the monitor does: copies of one article "
                        + "(re-headlined, cut, extended, spun) get one story id.",
                "Files are read as by ingest: JSON lines, JSON, CSV, text (first line the title), RSS/Atom feeds, "
                        + "HTML pages; bad records are reported with file and line and skipped.",
                "Articles are placed oldest first by publishedAt; undated ones first, in file order, at the time "
                        + "of the oldest dated one.",
                "Prints each article's story, then each story of more than one article; or JSON lines with --json."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:success (also when some records were rejected)",
                "2:bad option, a file missing or unreadable (the others are still grouped)"})
public final class StoriesCommand implements Callable<Integer> {

    /** Titles longer than this are cut in text output. */
    static final int TITLE_CHARS = 80;
    /** More rejected records than this are counted, not listed one by one (as ingest does). */
    static final int MAX_REPORTED = 100;
    /** Article ids longer than this do not widen the article column further. */
    private static final int ID_COLUMN_MAX = 40;

    @Spec
    CommandSpec spec;

    @Option(names = "--json", description = "Print JSON lines: one document per article, then one per story.")
    boolean json;

    @Option(names = "--window", paramLabel = "DURATION", defaultValue = "72h", converter = DurationConverter.class,
            description = "An article joins a story only through articles published within this long of it "
                    + "(30m, 72h, 7d, PT72H; default: ${DEFAULT-VALUE}).")
    Duration window;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "Article files (.jsonl, .json, .csv, .txt, feeds, pages).")
    List<Path> files;

    /** One article as read: what placing and printing need, its body already reduced to a sketch. */
    private record Read(String id, String title, String source, String where, OffsetDateTime publishedAt, int order,
                        Sketch sketch) {
        /** Epoch ms of {@code publishedAt}, or {@code undated} without one. */
        long time(long undated) {
            return publishedAt == null ? undated : publishedAt.toInstant().toEpochMilli();
        }
    }

    /** One article placed. */
    private record Placed(Read article, StoryIndex.Placement placement) {
    }

    @Override
    public Integer call() {
        if (window.isNegative() || window.isZero()) {
            throw new UsageException("--window must be a positive duration, not " + window);
        }
        for (Path f : files) {
            if (!Files.exists(f)) {
                throw new UsageException(Printable.line(f + ": no such file"));
            }
            if (Files.isDirectory(f)) {
                throw new UsageException(Printable.line(f + ": is a directory (give the files in it)"));
            }
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();

        List<Read> articles = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        Tally tally = new Tally();
        for (Path f : files) {
            ArticleFiles.read(f, found -> {
                Article a = found.article();
                if (!ids.add(a.id())) {
                    tally.duplicates++;
                    return;
                }
                // sketched as it is read, so a large input is not held in memory body by body
                articles.add(new Read(a.id(), a.title(), a.source(), found.where(), a.publishedAt(), articles.size(),
                        Sketcher.sketch(a.title(), a.body())));
            }, problem -> tally.reject(problem, err));
        }

        List<Placed> placed = place(articles);
        Map<String, List<Placed>> stories = new LinkedHashMap<>();
        for (Placed p : placed) {
            stories.computeIfAbsent(p.placement().storyId(), k -> new ArrayList<>()).add(p);
        }
        if (json) {
            printJson(out, placed, stories);
        } else {
            printText(out, placed, stories, tally);
        }
        out.flush();
        return tally.unreadable > 0 ? ExitCodes.USAGE : ExitCodes.OK;
    }

    /** What was not placed: rejected records, reported as ingest reports them, and duplicates. */
    private static final class Tally {
        int rejected;
        int unreadable;
        int duplicates;

        void reject(ArticleFiles.Problem problem, PrintWriter err) {
            rejected++;
            if (problem.unreadable()) {
                unreadable++;
            }
            if (rejected <= MAX_REPORTED) {
                err.println("rejected " + problem.describe());
            } else if (rejected == MAX_REPORTED + 1) {
                err.println("more rejected records: counted in the summary, not listed");
            }
            err.flush();
        }
    }

    /** Places every article, oldest first; undated ones first, in file order, at the oldest dated time. */
    private List<Placed> place(List<Read> articles) {
        long undatedAt = articles.stream().filter(a -> a.publishedAt() != null)
                .mapToLong(a -> a.time(0)).min().orElse(0);
        List<Read> ordered = new ArrayList<>(articles);
        ordered.sort(Comparator.comparingLong((Read a) -> a.time(undatedAt))
                .thenComparing(a -> a.publishedAt() != null)
                .thenComparingInt(Read::order));
        StoryGrouper grouper = new StoryGrouper(window);
        List<Placed> placed = new ArrayList<>(ordered.size());
        for (Read a : ordered) {
            placed.add(new Placed(a, grouper.index().place(a.id(), a.sketch(), a.time(undatedAt))));
        }
        return placed;
    }

    private static void printText(PrintWriter out, List<Placed> placed, Map<String, List<Placed>> stories, Tally tally) {
        int idWidth = Math.min(ID_COLUMN_MAX, placed.stream().mapToInt(p -> p.article().id().length()).max().orElse(0));
        for (Placed p : placed) {
            StoryIndex.Placement s = p.placement();
            String score = s.founded() ? "new " : String.format(Locale.ROOT, "%.2f", s.score());
            out.printf(Locale.ROOT, "%s  %s  %-" + idWidth + "s  %s%n", s.storyId(), score,
                    Printable.line(p.article().id()), title(p.article()));
        }
        int shared = 0;
        for (Map.Entry<String, List<Placed>> story : stories.entrySet()) {
            List<Placed> members = story.getValue();
            if (members.size() < 2) {
                continue;
            }
            shared++;
            out.println();
            out.printf(Locale.ROOT, "STORY %s  %s%n", story.getKey(), outlets(members));
            int sourceWidth = members.stream().mapToInt(p -> source(p.article()).length()).max().orElse(1);
            for (Placed p : members) {
                out.printf(Locale.ROOT, "  %-" + idWidth + "s  %-" + sourceWidth + "s  %s%n", Printable.line(p.article().id()),
                        source(p.article()), title(p.article()));
            }
        }
        out.println();
        out.printf(Locale.ROOT, "%d %s in %d %s, %d of more than one article%s%s%n",
                placed.size(), plural(placed.size(), "article"), stories.size(), plural(stories.size(), "story", "stories"),
                shared, tally.rejected > 0 ? "; " + tally.rejected + " rejected" : "",
                tally.duplicates > 0 ? "; " + tally.duplicates + " skipped as duplicates (same id)" : "");
    }

    /** {@code 3 articles from 2 outlets}, saying how many have no source. */
    private static String outlets(List<Placed> members) {
        Set<String> sources = new TreeSet<>();
        int unknown = 0;
        for (Placed p : members) {
            if (p.article().source() == null) {
                unknown++;
            } else {
                sources.add(p.article().source());
            }
        }
        String articles = members.size() + " " + plural(members.size(), "article");
        if (sources.isEmpty()) {
            return articles + ", no outlet known";
        }
        return articles + " from " + sources.size() + " " + plural(sources.size(), "outlet")
                + (unknown > 0 ? " (" + unknown + " without a source)" : "");
    }

    private static void printJson(PrintWriter out, List<Placed> placed, Map<String, List<Placed>> stories) {
        for (Placed p : placed) {
            Read a = p.article();
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("type", "article");
            o.put("articleId", a.id());
            o.put("storyId", p.placement().storyId());
            o.put("founded", p.placement().founded());
            o.put("score", Math.round(p.placement().score() * 1000) / 1000.0);
            o.put("where", a.where());
            o.put("title", a.title());
            o.put("source", a.source());
            o.put("publishedAt", a.publishedAt() == null ? null : a.publishedAt().toString());
            out.println(o);
        }
        for (Map.Entry<String, List<Placed>> story : stories.entrySet()) {
            ObjectNode o = Json.mapper().createObjectNode();
            o.put("type", "story");
            o.put("storyId", story.getKey());
            ArrayNode members = o.putArray("members");
            Set<String> outlets = new TreeSet<>();
            for (Placed p : story.getValue()) {
                members.add(p.article().id());
                if (p.article().source() != null) {
                    outlets.add(p.article().source());
                }
            }
            ArrayNode outletArray = o.putArray("outlets");
            outlets.forEach(outletArray::add);
            out.println(o);
        }
    }

    private static String source(Read a) {
        return a.source() == null ? "-" : Printable.line(a.source());
    }

    private static String title(Read a) {
        if (a.title() == null) {
            return "(no title, " + Printable.line(a.where()) + ")";
        }
        String t = Printable.line(a.title());
        return t.codePointCount(0, t.length()) <= TITLE_CHARS ? t
                : t.substring(0, t.offsetByCodePoints(0, TITLE_CHARS - 1)) + "…";
    }

    private static String plural(int n, String one) {
        return plural(n, one, one + "s");
    }

    private static String plural(int n, String one, String many) {
        return n == 1 ? one : many;
    }
}
