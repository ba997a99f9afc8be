package io.newswatch.ingest;

import org.junit.jupiter.api.Test;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

class ProgressTest {

    private final StringWriter err = new StringWriter();
    private long now;

    @Test
    void shouldPrintAPlainLineEveryTenSecondsWhenNotATerminal() {
        Progress progress = new Progress(new PrintWriter(err), false, () -> now);
        progress.totalBytes(1000);
        progress.bytesRead(250);

        progress.update(10, 8, 1);
        now += TimeUnit.SECONDS.toNanos(10);
        progress.update(20, 18, 1);
        now += TimeUnit.SECONDS.toNanos(1);
        progress.update(30, 28, 1);

        assertThat(err.toString().lines().toList()).containsExactly("ingest: 25% of input, 20 read, 18 sent, 1 rejected");
    }

    @Test
    void shouldRedrawABarInPlaceOnATerminalAndClearItForMessages() {
        Progress progress = new Progress(new PrintWriter(err), true, () -> now);
        progress.totalBytes(200);
        progress.bytesRead(100);

        now += TimeUnit.MILLISECONDS.toNanos(250);
        progress.update(5, 4, 0);
        progress.clear();

        assertThat(err.toString()).startsWith("\r[###############...............]  50% 5 read, 4 sent, 0 rejected")
                .doesNotContain("\n")
                .endsWith("\r");
    }
}
