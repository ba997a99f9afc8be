package io.newswatch.cli;

/** The program's exit codes; only {@code main} turns them into {@code System.exit}. */
public final class ExitCodes {
    /** Success. */
    public static final int OK = 0;
    /** The command ran but failed: a broker unreachable, a record not delivered. */
    public static final int FAILURE = 1;
    /** Bad usage or bad input: unknown option, invalid file, invalid watchlist entry. */
    public static final int USAGE = 2;

    private ExitCodes() {
    }
}
