package io.newswatch.watchlist;

/**
 * A query that cannot be parsed, or could be misread. The message is one line naming the column
 * (1-based) of the problem, what was expected there and, where one helps, what to write instead:
 * {@code expected ')' for the '(' at column 1, found the end of the query}.
 */
public class QueryException extends IllegalArgumentException {

    private final int column;

    public QueryException(int column, String message) {
        super(message);
        this.column = column;
    }

    /** 1-based column of the problem in the query as written (after leading white space is stripped). */
    public int column() {
        return column;
    }
}
