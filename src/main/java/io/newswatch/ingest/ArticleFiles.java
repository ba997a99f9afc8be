package io.newswatch.ingest;

import io.newswatch.article.Article;
import io.newswatch.text.Printable;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * Reads local article files offline exactly as {@code newswatch ingest} reads them — format
 * detected from the first bytes ({@link Format}), the same readers, the same validation and ids —
 * without sending anything: for commands that work on files, such as {@code newswatch stories}.
 *
 * <pre>{@code
 * ArticleFiles.read(Path.of("data/a.jsonl"),
 *         found -> place(found.article()),
 *         problem -> err.println("rejected " + problem.describe()));
 * }</pre>
 *
 * <p>A bad record becomes a {@link Problem} naming file and line, and its neighbours are still
 * read; a file that cannot be read at all becomes one {@link Problem} that is
 * {@link Problem#unreadable() unreadable}. Nothing is thrown for bad input.
 */
public final class ArticleFiles {

    /** A valid article and where it was found: {@code data/a.jsonl:3}, {@code story.txt:1}. */
    public record Found(Article article, String where) {
        public Found {
            Objects.requireNonNull(article, "article");
            Objects.requireNonNull(where, "where");
        }
    }

    /**
     * A record that is not an article, or a whole file that could not be read.
     *
     * @param where  file and line, or the file alone when it could not be read at all
     * @param reason the reason's key, as in ingest's summary: {@code invalid-json}, {@code invalid-record},
     *               {@code blank-body}, {@code body-too-large}, {@code unreadable}
     * @param detail what is wrong, never quoting the record's text; may be empty
     */
    public record Problem(String where, String reason, String detail) {
        public Problem {
            Objects.requireNonNull(where, "where");
            Objects.requireNonNull(reason, "reason");
            detail = detail == null ? "" : detail;
        }

        /** True when the whole file could not be read, rather than one record in it. */
        public boolean unreadable() {
            return reason.equals(Reason.UNREADABLE.key());
        }

        /** One line for the user, safe to print, as ingest prints it: {@code data/a.jsonl:3: blank-body: the body is blank}. */
        public String describe() {
            return Printable.line(where + ": " + reason + (detail.isBlank() ? "" : ": " + detail));
        }
    }

    private ArticleFiles() {
    }

    /**
     * Reads {@code file} in the order its records appear, handing each article to {@code articles}
     * and each bad record to {@code problems}; bodies over {@link Ingest#DEFAULT_MAX_BODY_BYTES} are
     * rejected as ingest rejects them.
     */
    public static void read(Path file, Consumer<Found> articles, Consumer<Problem> problems) {
        Objects.requireNonNull(articles, "articles");
        Objects.requireNonNull(problems, "problems");
        Input input = Input.file(file);
        Consumer<Parsed> out = parsed -> {
            Pipeline.Checked checked = Pipeline.check(parsed, null, Ingest.DEFAULT_MAX_BODY_BYTES);
            if (checked.bad() != null) {
                Parsed.Bad bad = checked.bad();
                problems.accept(new Problem(bad.where(), bad.reason().key(), bad.detail()));
            } else {
                articles.accept(new Found(checked.article(), parsed.where()));
            }
        };
        try {
            Format format = Sniffer.detect(input.head(Sniffer.HEAD_BYTES), input.extension(), null);
            ArticleReader.of(format).read(input, out);
        } catch (IOException | UncheckedIOException e) {
            problems.accept(new Problem(input.name(), Reason.UNREADABLE.key(), e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()))));
        } catch (RuntimeException e) {
            // a parser library failing on odd input must not end the run, as in ingest
            problems.accept(new Problem(input.name(), Reason.UNREADABLE.key(), "cannot parse: "
                    + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()))));
        }
    }

    private static String firstLine(String s) {
        return Printable.line(s.lines().findFirst().orElse(""));
    }
}
