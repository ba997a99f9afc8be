package io.newswatch.ingest;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an ingest run did.
 *
 * @param inputs     inputs given (files, pages, feeds, stdin); with {@code --poll}, the feeds polled
 * @param polls      with {@code --poll}, the rounds in which every due feed was fetched; 0 otherwise
 * @param read       records found in them, valid or not
 * @param sent       articles acknowledged by Kafka
 * @param duplicates articles skipped because one with the same id came earlier in this run
 * @param seen       feed items skipped because an earlier poll sent them
 * @param rejected   rejected records by reason ({@code invalid-json}, {@code blank-body}, …)
 * @param failed     articles Kafka did not acknowledge
 * @param topic      where the articles went
 * @param elapsed    how long the run took
 */
public record IngestSummary(long inputs, long polls, long read, long sent, long duplicates, long seen,
                            Map<String, Long> rejected, long failed, String topic, Duration elapsed) {

    public IngestSummary {
        rejected = Map.copyOf(rejected);
    }

    public long rejectedTotal() {
        return rejected.values().stream().mapToLong(Long::longValue).sum();
    }

    /** True when everything read was delivered or deliberately skipped: no failed send, and no unreadable input unless something was sent. */
    public boolean succeeded() {
        // an unreadable input (an empty or non-feed file in a directory) is reported, and fails the
        // run only when nothing at all was sent; --strict refuses it before sending anything
        return failed == 0 && (sent > 0 || !rejected.containsKey(Reason.UNREADABLE.key()));
    }

    /** The summary as printed by {@code newswatch ingest}. */
    public List<String> lines() {
        StringBuilder reasons = new StringBuilder();
        new TreeMap<>(rejected).forEach((reason, n) -> reasons.append(reasons.isEmpty() ? " (" : ", ")
                .append(reason).append(' ').append(n));
        if (!reasons.isEmpty()) {
            reasons.append(')');
        }
        return List.of(
                "read        " + read + (read == 1 ? " record from " : " records from ") + inputs + (polls > 0
                        ? (inputs == 1 ? " feed" : " feeds") + " in " + polls + (polls == 1 ? " poll" : " polls")
                        : (inputs == 1 ? " input" : " inputs")),
                "sent        " + sent + " to " + topic + (failed > 0 ? ", " + failed + " NOT delivered" : ""),
                "duplicates  " + duplicates + " skipped" + (seen > 0 ? ", " + seen + " seen in earlier polls" : ""),
                "rejected    " + rejectedTotal() + reasons,
                String.format(java.util.Locale.ROOT, "took        %.1f s", elapsed.toMillis() / 1000.0));
    }
}
