package io.newswatch.ingest;

import java.io.PrintWriter;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * Feedback during a long run, on stderr. On a terminal a bar redrawn in place at most five times
 * a second; otherwise (a log file, a pipe) a plain line every {@value #PLAIN_INTERVAL_SECONDS}
 * seconds. The share done is counted in bytes read when the inputs' sizes are known.
 */
final class Progress {

    static final long PLAIN_INTERVAL_SECONDS = 10;
    private static final long BAR_INTERVAL_NANOS = 200_000_000L;
    private static final int BAR_WIDTH = 30;

    private final PrintWriter err;
    private final boolean terminal;
    private final LongSupplier nanoTime;
    private final long intervalNanos;
    private final AtomicLong bytesRead = new AtomicLong();
    private volatile long totalBytes = -1;
    private long lastPrinted;
    private boolean barShown;

    Progress(PrintWriter err, boolean terminal, LongSupplier nanoTime) {
        this.err = err;
        this.terminal = terminal;
        this.nanoTime = nanoTime;
        this.intervalNanos = terminal ? BAR_INTERVAL_NANOS : PLAIN_INTERVAL_SECONDS * 1_000_000_000L;
        this.lastPrinted = nanoTime.getAsLong();
    }

    /** The total size of the inputs, or -1 when unknown (stdin, URLs). */
    void totalBytes(long total) {
        this.totalBytes = total;
    }

    void bytesRead(long n) {
        bytesRead.addAndGet(n);
    }

    /** Called after each record; prints when it is time. */
    synchronized void update(long read, long sent, long rejected) {
        long now = nanoTime.getAsLong();
        if (now - lastPrinted < intervalNanos) {
            return;
        }
        lastPrinted = now;
        String counts = read + " read, " + sent + " sent, " + rejected + " rejected";
        long total = totalBytes;
        int percent = total > 0 ? (int) Math.min(100, bytesRead.get() * 100 / total) : -1;
        if (terminal) {
            StringBuilder line = new StringBuilder("\r");
            if (percent >= 0) {
                int filled = percent * BAR_WIDTH / 100;
                line.append('[').append("#".repeat(filled)).append(".".repeat(BAR_WIDTH - filled)).append("] ")
                        .append(String.format("%3d%% ", percent));
            }
            line.append(counts).append("   ");
            err.print(line);
            barShown = true;
        } else {
            err.println("ingest: " + (percent >= 0 ? percent + "% of input, " : "") + counts);
        }
        err.flush();
    }

    /** Clears the bar so a message can be printed on a line of its own. */
    synchronized void clear() {
        if (barShown) {
            err.print("\r" + " ".repeat(BAR_WIDTH + 60) + "\r");
            err.flush();
            barShown = false;
        }
    }
}
