package io.newswatch.ingest;

import io.newswatch.text.Printable;

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
 * @param byInput    what each input gave, in the order read (empty with {@code --poll})
 */
public record IngestSummary(long inputs, long polls, long read, long sent, long duplicates, long seen,
                            Map<String, Long> rejected, long failed, String topic, Duration elapsed,
                            List<InputCount> byInput) {

    /** Inputs listed one per line when a run reads more than one; beyond that, only those that gave no article. */
    static final int LISTED_INPUTS = 20;

    /** What one input gave: records read, articles sent from it, records rejected. */
    public record InputCount(String name, long read, long articles, long rejected) {

        String line() {
            return "  " + Printable.line(name) + ": " + articles + (articles == 1 ? " article" : " articles")
                    + (rejected > 0 ? ", " + rejected + " rejected" : "")
                    + (read > articles + rejected ? ", " + (read - articles - rejected) + " duplicates" : "");
        }
    }

    public IngestSummary {
        rejected = Map.copyOf(rejected);
        byInput = List.copyOf(byInput);
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
        List<String> lines = new java.util.ArrayList<>();
        lines.add("read        " + read + (read == 1 ? " record from " : " records from ") + inputs + (polls > 0
                        ? (inputs == 1 ? " feed" : " feeds") + " in " + polls + (polls == 1 ? " poll" : " polls")
                        : (inputs == 1 ? " input" : " inputs")));
        lines.addAll(inputLines());
        lines.add("sent        " + sent + " to " + topic + (failed > 0 ? ", " + failed + " NOT delivered" : ""));
        lines.add("duplicates  " + duplicates + " skipped" + (seen > 0 ? ", " + seen + " seen in earlier polls" : ""));
        lines.add("rejected    " + rejectedTotal() + reasons);
        lines.add(String.format(java.util.Locale.ROOT, "took        %.1f s", elapsed.toMillis() / 1000.0));
        return lines;
    }

    /**
     * One line per input when there are several and not too many; else the inputs that gave no
     * article (the files and feeds to look at) and a count of the rest.
     */
    private List<String> inputLines() {
        if (byInput.size() < 2) {
            return List.of();
        }
        if (byInput.size() <= LISTED_INPUTS) {
            return byInput.stream().map(InputCount::line).toList();
        }
        List<String> lines = new java.util.ArrayList<>();
        List<InputCount> empty = byInput.stream().filter(c -> c.articles() == 0).toList();
        empty.stream().limit(LISTED_INPUTS).forEach(c -> lines.add(c.line()));
        if (empty.size() > LISTED_INPUTS) {
            lines.add("  … and " + (empty.size() - LISTED_INPUTS) + " more inputs without articles");
        }
        long others = byInput.size() - empty.size();
        long articles = byInput.stream().mapToLong(InputCount::articles).sum();
        lines.add("  " + others + (others == 1 ? " other input: " : " other inputs: ") + articles
                + (articles == 1 ? " article" : " articles"));
        return lines;
    }
}
