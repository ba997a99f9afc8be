package io.newswatch.watchlist;

import java.util.List;

/**
 * A watchlist, file or entity was refused. The message lists every problem found, joined by
 * {@code "; "}, each prefixed with where it is (file, line, entry, entity id); {@link #problems()}
 * has them one by one.
 */
public class WatchlistException extends IllegalArgumentException {

    private final List<String> problems;

    public WatchlistException(List<String> problems) {
        super(String.join("; ", problems));
        this.problems = List.copyOf(problems);
    }

    public WatchlistException(String problem) {
        this(List.of(problem));
    }

    /** Every problem, in the order found. */
    public List<String> problems() {
        return problems;
    }
}
