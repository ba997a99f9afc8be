package io.newswatch.ingest;

import io.newswatch.article.Article;
import io.newswatch.kafka.KafkaSettings;
import io.newswatch.text.Printable;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Locale;
import java.util.Objects;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.Supplier;
import java.util.stream.Stream;

/**
 * One ingest run: reads files, directories, stdin and URLs, turns what it finds into articles
 * and sends them to Kafka, keyed by article id; or, with {@link Builder#poll(Duration)}, keeps
 * polling URLs and sends only items not seen before.
 *
 * <pre>{@code
 * IngestSummary summary = Ingest.builder()
 *         .kafka(settings).topic("news.articles")
 *         .source("Wikinews")
 *         .err(err)
 *         .build()
 *         .run(List.of("data/wikinews", "https://example.org/feed.xml"));
 * }</pre>
 *
 * <p>Bad records are reported on {@code err}, one line each with the input and line, counted and
 * skipped; with {@link Builder#strict(boolean) strict} the run fails with an
 * {@link IngestException} before anything is sent. {@link #stop()} (from a shutdown hook) ends
 * polling, or a long run after the current record, cleanly: what was sent is flushed and the
 * summary returned.
 */
public final class Ingest {

    /** Default of {@code --max-body-bytes}: 1 MiB. */
    public static final long DEFAULT_MAX_BODY_BYTES = 1024 * 1024;

    private final Builder options;
    private final CountDownLatch stopped = new CountDownLatch(1);

    private Ingest(Builder options) {
        this.options = options;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The state file used when none is given: {@code ~/.newswatch/poll-state.json}. */
    public static Path defaultStateFile() {
        return Path.of(System.getProperty("user.home", "."), ".newswatch", "poll-state.json");
    }

    /** Asks a running {@link #run} to finish: polling stops, a long run stops after the current record. */
    public void stop() {
        stopped.countDown();
    }

    private boolean isStopped() {
        return stopped.getCount() == 0;
    }

    /**
     * Reads every input and sends what is valid.
     *
     * @param inputs file or directory paths, {@code http(s)://} URLs, {@code -} for stdin
     * @throws IngestException a path does not exist, {@code --strict} found bad records, the topic
     *                         is missing
     */
    public IngestSummary run(List<String> inputs) {
        long started = System.nanoTime();
        List<Target> targets = targets(inputs);
        if (options.poll != null) {
            return poll(targets, started);
        }
        Progress progress = new Progress(options.err, options.terminal, System::nanoTime);
        List<Input> resolved = new ArrayList<>();
        List<Parsed.Bad> unreachable = new ArrayList<>();
        for (Target target : targets) {
            resolve(target, resolved, unreachable);
        }
        if (options.strict) {
            checkStrictly(resolved, unreachable);
        }
        progress.totalBytes(totalSize(resolved));
        try (ArticleSink sink = options.sinkFactory.get()) {
            Pipeline pipeline = new Pipeline(sink, options.source, options.maxBodyBytes, options.err, progress);
            List<IngestSummary.InputCount> byInput = new ArrayList<>();
            unreachable.forEach(bad -> {
                pipeline.reject(bad);
                byInput.add(new IngestSummary.InputCount(bad.where(), 0, 0, 1));
            });
            try {
                for (Input input : resolved) {
                    long readBefore = pipeline.read();
                    long rejectedBefore = pipeline.rejectedTotal();
                    long[] articles = {0};
                    read(input.counting(progress::bytesRead), parsed -> {
                        if (isStopped()) {
                            throw new Stopped();
                        }
                        if (pipeline.accept(parsed, id -> false) != null) {
                            articles[0]++;
                        }
                    });
                    byInput.add(new IngestSummary.InputCount(input.name(), pipeline.read() - readBefore, articles[0],
                            pipeline.rejectedTotal() - rejectedBefore));
                }
            } catch (Stopped e) {
                progress.clear();
                options.err.println("stopped: sending what was read so far");
            }
            sink.flush();
            progress.clear();
            return summary(resolved.size() + unreachable.size(), 0, byInput, pipeline, sink, started);
        }
    }

    private IngestSummary poll(List<Target> targets, long started) {
        List<URI> urls = new ArrayList<>();
        for (Target t : targets) {
            if (t.url == null) {
                throw new IngestException("--poll works with http(s) URLs only, not " + t.text, true);
            }
            urls.add(t.url);
        }
        PollState state = PollState.load(options.stateFile);
        Progress progress = new Progress(options.err, false, System::nanoTime);
        try (ArticleSink sink = options.sinkFactory.get()) {
            Pipeline pipeline = new Pipeline(sink, options.source, options.maxBodyBytes, options.err, progress);
            Poller poller = new Poller(urls, options.fetcher, state, options.poll, options.clock, options.err,
                    (url, fetched, feed) -> {
                        Input input = feedOf(url, fetched);
                        if (options.strict) {
                            checkStrictly(List.of(input), List.of());
                        }
                        long failedBefore = sink.failed();
                        long rejectedBefore = pipeline.rejectedTotal();
                        Map<String, Long> reasonsBefore = pipeline.rejectedByReason();
                        long seenBefore = pipeline.seen();
                        List<String> sent = new ArrayList<>();
                        pipeline.newBatch();
                        read(input, parsed -> {
                            Article article = pipeline.accept(parsed, feed::seen);
                            if (article != null) {
                                sent.add(article.id());
                            }
                        });
                        sink.flush();
                        boolean delivered = sink.failed() == failedBefore;
                        if (delivered) {
                            feed.remember(sent);
                        }
                        Map<String, Long> rejectedNow = new java.util.HashMap<>();
                        pipeline.rejectedByReason().forEach((reason, n) -> {
                            long added = n - reasonsBefore.getOrDefault(reason, 0L);
                            if (added > 0) {
                                rejectedNow.put(reason, added);
                            }
                        });
                        options.sourceMetrics.items(url, sent.size(), pipeline.seen() - seenBefore, rejectedNow);
                        options.err.println(Printable.line("poll " + url + ": " + sent.size() + " new"
                                + (delivered ? " sent" : ", NOT all delivered") + ", "
                                + (pipeline.seen() - seenBefore) + " seen before, "
                                + (pipeline.rejectedTotal() - rejectedBefore) + " rejected"));
                        return delivered;
                    });
            poller.metrics(options.sourceMetrics);
            int polls = 0;
            while (!isStopped()) {
                Instant next = poller.pollDue();
                polls++;
                if (options.pollCount > 0 && polls >= options.pollCount) {
                    break;
                }
                if (!sleepUntil(next)) {
                    break;
                }
            }
            return summary(urls.size(), polls, List.of(), pipeline, sink, started);
        }
    }

    /**
     * Feed autodiscovery for a polled URL: a web page that names its feed
     * ({@code <link rel="alternate" type="application/rss+xml" href="…">}, also Atom and JSON
     * Feed) is read through that feed, fetched now, as feed readers do; anything else, or a page
     * whose feed cannot be fetched, is read as it is.
     */
    private Input feedOf(String url, Input fetched) {
        try {
            byte[] head = fetched.head(1 << 16);
            if (Sniffer.detect(java.util.Arrays.copyOf(head, Math.min(head.length, Sniffer.HEAD_BYTES)), fetched.extension(),
                    fetched.contentType()) != Format.HTML) {
                return fetched;
            }
            org.jsoup.nodes.Document page = org.jsoup.Jsoup.parse(new String(head, java.nio.charset.StandardCharsets.UTF_8), url);
            for (org.jsoup.nodes.Element link : page.select("link[rel~=(?i)\\balternate\\b][href]")) {
                String type = link.attr("type").toLowerCase(java.util.Locale.ROOT);
                if (type.contains("rss+xml") || type.contains("atom+xml") || type.contains("feed+json")) {
                    URI feed = URI.create(link.absUrl("href"));
                    if (feed.getScheme() == null || !feed.getScheme().startsWith("http")) {
                        continue;
                    }
                    Fetcher.Response r = options.fetcher.fetch(feed, null, null);
                    if (r.body() == null) {
                        return fetched;
                    }
                    options.err.println(Printable.line("poll " + url + ": a web page; reading its feed " + feed));
                    return Input.bytes(feed.toString(), r.body(), feed.toString(), r.contentType());
                }
            }
            return fetched;
        } catch (IOException | RuntimeException e) {
            return fetched;
        }
    }

    /** Waits until the clock reaches {@code time}; false when stopped (or interrupted) first. */
    private boolean sleepUntil(Instant time) {
        try {
            for (Instant now = options.clock.instant(); now.isBefore(time); now = options.clock.instant()) {
                long millis = Math.max(1, Duration.between(now, time).toMillis());
                if (stopped.await(millis, TimeUnit.MILLISECONDS)) {
                    return false;
                }
            }
            return !isStopped();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Strict mode: reads everything once without sending; any bad record is fatal. */
    private void checkStrictly(List<Input> inputs, List<Parsed.Bad> unreachable) {
        List<Parsed.Bad> bad = new ArrayList<>(unreachable);
        for (Input input : inputs) {
            read(input, parsed -> {
                Pipeline.Checked checked = Pipeline.check(parsed, options.source, options.maxBodyBytes);
                if (checked.bad() != null) {
                    bad.add(checked.bad());
                }
            });
        }
        if (!bad.isEmpty()) {
            bad.stream().limit(Pipeline.MAX_REPORTED).forEach(b -> options.err.println("rejected " + b.describe()));
            options.err.flush();
            throw new IngestException(bad.size() + (bad.size() == 1 ? " bad record" : " bad records")
                    + "; nothing sent (--strict)", true);
        }
    }

    /** Reads one input in its format; an input that cannot be read becomes one bad record. */
    private void read(Input input, Consumer<Parsed> out) {
        try {
            byte[] head = input.head(Sniffer.HEAD_BYTES);
            if (head.length < Sniffer.HEAD_BYTES && new String(head, java.nio.charset.StandardCharsets.UTF_8).isBlank()) {
                out.accept(new Parsed.Bad(input.name(), Reason.UNREADABLE, "empty: nothing to read"));
                return;
            }
            Format format = options.format != Format.AUTO ? options.format
                    : Sniffer.detect(head, input.extension(), input.contentType());
            ArticleReader.of(format).read(input, out);
        } catch (Stopped e) {
            throw e;
        } catch (IOException | UncheckedIOException e) {
            out.accept(new Parsed.Bad(input.name(), Reason.UNREADABLE, e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()))));
        } catch (RuntimeException e) {
            // a parser library failing on odd input must not end the run
            out.accept(new Parsed.Bad(input.name(), Reason.UNREADABLE, "cannot parse: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + firstLine(e.getMessage()))));
        }
    }

    private void resolve(Target target, List<Input> out, List<Parsed.Bad> unreachable) {
        if (target.stdin) {
            try {
                out.add(Input.bytes("stdin", options.stdin.readAllBytes(), null, null));
            } catch (IOException e) {
                unreachable.add(new Parsed.Bad("stdin", Reason.UNREADABLE, e.getMessage()));
            }
        } else if (target.url != null) {
            try {
                Fetcher.Response response = options.fetcher.fetch(target.url, null, null);
                out.add(Input.bytes(target.text, response.body(), target.url.toString(), response.contentType()));
            } catch (IOException e) {
                unreachable.add(new Parsed.Bad(target.text, Reason.UNREADABLE,
                        e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage()));
            }
        } else if (Files.isDirectory(target.path)) {
            try (Stream<Path> walk = Files.walk(target.path)) {
                walk.filter(Files::isRegularFile)
                        .filter(p -> !isHidden(target.path.relativize(p)))
                        .filter(p -> Sniffer.KNOWN_EXTENSIONS.contains(Input.file(p).extension()))
                        .sorted()
                        .forEach(p -> out.add(Input.file(p)));
            } catch (IOException | UncheckedIOException e) {
                unreachable.add(new Parsed.Bad(target.text, Reason.UNREADABLE, "cannot list: " + e.getMessage()));
            }
        } else {
            out.add(Input.file(target.path));
        }
    }

    private static boolean isHidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private static long totalSize(List<Input> inputs) {
        long total = 0;
        for (Input input : inputs) {
            try {
                total += input.size();
            } catch (IOException e) {
                return -1;
            }
        }
        return total;
    }

    private IngestSummary summary(long inputs, long polls, List<IngestSummary.InputCount> byInput, Pipeline pipeline,
                                  ArticleSink sink, long started) {
        return new IngestSummary(inputs, polls, pipeline.read(), sink.delivered(), pipeline.duplicates(), pipeline.seen(),
                pipeline.rejectedByReason(), sink.failed(), sink.destination(),
                Duration.ofNanos(System.nanoTime() - started), byInput);
    }

    /** A command-line argument: stdin, a URL, or a path that must exist. */
    private record Target(String text, boolean stdin, URI url, Path path) {
    }

    private static List<Target> targets(List<String> inputs) {
        if (inputs.isEmpty()) {
            throw new IngestException("nothing to ingest: give files, directories, URLs or - for stdin", true);
        }
        List<Target> targets = new ArrayList<>();
        for (String text : inputs) {
            String lower = text.toLowerCase(Locale.ROOT);
            if (text.equals("-")) {
                targets.add(new Target(text, true, null, null));
            } else if (lower.startsWith("http://") || lower.startsWith("https://")) {
                try {
                    targets.add(new Target(text, false, new URI(text), null));
                } catch (URISyntaxException e) {
                    throw new IngestException("not a valid URL: " + text + " (" + e.getReason() + ")", true);
                }
            } else {
                Path path = Path.of(text);
                if (!Files.exists(path)) {
                    throw new IngestException(text + ": no such file or directory", true);
                }
                targets.add(new Target(text, false, null, path));
            }
        }
        return targets;
    }

    private static String firstLine(String s) {
        return s.lines().findFirst().orElse("");
    }

    private static String version() {
        Properties props = new Properties();
        try (InputStream in = Ingest.class.getResourceAsStream("/io/newswatch/version.properties")) {
            if (in != null) {
                props.load(in);
            }
        } catch (IOException e) {
            // the User-Agent then says "unknown"
        }
        return props.getProperty("version", "unknown");
    }

    /** Thrown through a reader to end a run early on {@link #stop()}. */
    private static final class Stopped extends RuntimeException {
        Stopped() {
            super(null, null, false, false);
        }
    }

    /** Options of a run; every one has a default except where the articles go. */
    public static final class Builder {
        private KafkaSettings kafka;
        private String topic;
        private Format format = Format.AUTO;
        private String source;
        private boolean strict;
        private long maxBodyBytes = DEFAULT_MAX_BODY_BYTES;
        private Duration poll;
        private int pollCount;
        private SourceMetrics sourceMetrics = SourceMetrics.NONE;
        private Path stateFile = defaultStateFile();
        private InputStream stdin = System.in;
        private PrintWriter err = new PrintWriter(System.err, true);
        private boolean terminal;
        private Fetcher fetcher;
        private Clock clock = Clock.systemUTC();
        private Supplier<ArticleSink> sinkFactory;

        private Builder() {
        }

        /** The cluster, with the global Kafka options and {@code --command-config} applied. */
        public Builder kafka(KafkaSettings kafka) {
            this.kafka = kafka;
            return this;
        }

        /** The articles topic. */
        public Builder topic(String topic) {
            this.topic = topic;
            return this;
        }

        /** The format of every input; {@link Format#AUTO} (the default) detects each one's. */
        public Builder format(Format format) {
            this.format = Objects.requireNonNull(format);
            return this;
        }

        /** The source of every article, instead of the record's own, the feed's title or the URL's host. */
        public Builder source(String source) {
            this.source = source == null || source.isBlank() ? null : source.strip();
            return this;
        }

        /** Any bad record fails the run before anything is sent. */
        public Builder strict(boolean strict) {
            this.strict = strict;
            return this;
        }

        /** Bodies longer than this in UTF-8 are rejected. */
        public Builder maxBodyBytes(long maxBodyBytes) {
            if (maxBodyBytes < 1) {
                throw new IngestException("--max-body-bytes must be at least 1, got " + maxBodyBytes, true);
            }
            this.maxBodyBytes = maxBodyBytes;
            return this;
        }

        /** Keep polling the URLs at this interval (null: read them once). */
        public Builder poll(Duration interval) {
            if (interval != null && (interval.isNegative() || interval.isZero())) {
                throw new IngestException("--poll must be a positive duration, got " + interval, true);
            }
            this.poll = interval;
            return this;
        }

        /** Where polling reports its fetches and items per feed (default: nowhere). */
        public Builder sourceMetrics(SourceMetrics metrics) {
            this.sourceMetrics = java.util.Objects.requireNonNull(metrics, "metrics");
            return this;
        }

        /** Stop polling after this many rounds; 0 (the default) polls until {@link Ingest#stop()}. */
        public Builder pollCount(int pollCount) {
            if (pollCount < 0) {
                throw new IngestException("--poll-count must not be negative, got " + pollCount, true);
            }
            this.pollCount = pollCount;
            return this;
        }

        /** Where polling remembers what it sent; default {@link Ingest#defaultStateFile()}. */
        public Builder stateFile(Path stateFile) {
            this.stateFile = Objects.requireNonNull(stateFile);
            return this;
        }

        /** What {@code -} reads. */
        public Builder stdin(InputStream stdin) {
            this.stdin = Objects.requireNonNull(stdin);
            return this;
        }

        /** Where bad records, progress and poll results are reported. */
        public Builder err(PrintWriter err) {
            this.err = Objects.requireNonNull(err);
            return this;
        }

        /** True on an interactive terminal: a progress bar instead of periodic lines. */
        public Builder terminal(boolean terminal) {
            this.terminal = terminal;
            return this;
        }

        Builder fetcher(Fetcher fetcher) {
            this.fetcher = fetcher;
            return this;
        }

        Builder clock(Clock clock) {
            this.clock = clock;
            return this;
        }

        Builder sink(ArticleSink sink) {
            this.sinkFactory = () -> sink;
            return this;
        }

        public Ingest build() {
            if (sinkFactory == null) {
                Objects.requireNonNull(kafka, "kafka settings");
                Objects.requireNonNull(topic, "topic");
                KafkaSettings settings = kafka;
                String t = topic;
                PrintWriter e = err;
                sinkFactory = () -> new KafkaArticleSink(settings, t, e);
            }
            if (fetcher == null) {
                fetcher = new HttpFetcher(version());
            }
            return new Ingest(this);
        }
    }
}
