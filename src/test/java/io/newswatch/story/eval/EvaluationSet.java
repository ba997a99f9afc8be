package io.newswatch.story.eval;

import io.newswatch.testing.TestData;

import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The story-grouping evaluation set, made deterministically (fixed seeds) from the shared data.
 *
 * <p><b>Originals</b>: the Wikinews articles of 2019 and 2020 of {@value #MIN_WORDS} words or more,
 * and the 24 GUM news documents. Each original is published either as it is or, for about half of
 * them, inside one of five outlets' boilerplate ({@link Outlets}).
 *
 * <p><b>Copies</b>, one of each {@link CopyKind} per original: an exact copy under another id and
 * URL; the same text under another headline; the text with boilerplate added (plain originals) or
 * removed (wrapped originals); the lead 60% of the words; the text extended by follow-up
 * paragraphs and a "related" block; and spun copies at 20%, 30% and 40% ({@link Spinner}). Exact
 * and headline copies copy the original as published; the others start from its plain text.
 *
 * <p><b>Hard negatives</b>: four templates of eight issues each ({@link TemplateReports}); pairs of
 * Wikinews originals published within two days of each other that share named entities
 * ({@link #sameTopicPairs()}); and every other pair of originals, all of which the evaluation feeds
 * within one 72-hour window.
 */
public final class EvaluationSet {

    public static final long SEED = 20_200_302L;
    public static final int MIN_WORDS = 80;
    public static final int TEMPLATE_ISSUES = 8;

    /** One article of the set; {@code story} is the id of the original it was made from. */
    public record Item(String id, String url, String title, String body, String story, CopyKind kind, String source) {
    }

    /** Two originals that are different stories, and why they are hard to tell apart. */
    public record Pair(String a, String b, String why) {
    }

    private final List<Item> items = new ArrayList<>();
    private final Map<String, Item> byId = new HashMap<>();
    private final List<Pair> sameTopic = new ArrayList<>();
    private final List<Pair> templatePairs = new ArrayList<>();
    private int skippedShort;
    private int wikinewsOriginals;
    private int gumOriginals;
    private final Map<CopyKind, int[]> spinCounts = new EnumMap<>(CopyKind.class);

    private final long seed;

    private EvaluationSet(long seed) {
        this.seed = seed;
    }

    public static EvaluationSet build(Path dataDir, Thesaurus thesaurus) {
        return build(dataDir, thesaurus, SEED);
    }

    /** The set made with another seed: other outlets, cuts, follow-ups and spins of the same originals. */
    public static EvaluationSet build(Path dataDir, Thesaurus thesaurus, long seed) {
        EvaluationSet set = new EvaluationSet(seed);
        set.make(dataDir, new Spinner(thesaurus));
        return set;
    }

    private void make(Path dataDir, Spinner spinner) {
        List<TestData.WikinewsArticle> wikinews = TestData.wikinews(Integer.MAX_VALUE);
        List<String> allTitles = wikinews.stream().map(TestData.WikinewsArticle::title).toList();
        int n = 0;
        for (TestData.WikinewsArticle a : wikinews) {
            n++;
            if (words(a.text()) < MIN_WORDS) {
                skippedShort++;
                continue;
            }
            story(String.format(Locale.ROOT, "wn-%03d", n), a.url(), a.title(), a.text().strip(), date(a.date()),
                    "wikinews", allTitles, spinner);
            wikinewsOriginals++;
        }
        for (GumNews.Doc doc : GumNews.docs(dataDir.resolve("gum-news"))) {
            if (words(doc.body()) < MIN_WORDS) {
                skippedShort++;
                continue;
            }
            story("gum-" + doc.name().replace("GUM_news_", ""), "https://en.wikinews.org/wiki/" + doc.name(),
                    doc.title(), doc.body(), dateline(doc.body()), "gum", allTitles, spinner);
            gumOriginals++;
        }
        Map<String, List<String>> names = GumNews.names(dataDir.resolve("gum-news"));
        TemplateReports templates = new TemplateReports(names.get("person"), names.get("place"), names.get("organization"));
        Map<String, List<String>> issues = new LinkedHashMap<>();
        for (TemplateReports.Report r : templates.reports(TEMPLATE_ISSUES, seed)) {
            String id = "tpl-" + r.template() + "-" + r.issue();
            add(new Item(id, "https://reports.example/" + r.template() + "/" + r.date(), r.title(), r.body(), id,
                    CopyKind.ORIGINAL, "template:" + r.template()));
            issues.computeIfAbsent(r.template(), k -> new ArrayList<>()).add(id);
        }
        issues.forEach((template, ids) -> {
            for (int i = 0; i < ids.size(); i++) {
                for (int j = i + 1; j < ids.size(); j++) {
                    templatePairs.add(new Pair(ids.get(i), ids.get(j), template + " template"));
                }
            }
        });
        findSameTopicPairs(wikinews);
    }

    /** Adds an original and its copies; returns the original. */
    private Item story(String id, String url, String title, String text, LocalDate date, String source,
                       List<String> allTitles, Spinner spinner) {
        Random r = new Random(seed ^ id.hashCode() * 0x9E3779B97F4A7C15L);
        boolean wrapped = r.nextBoolean();
        int outlet = r.nextInt(Outlets.COUNT);
        String published = wrapped ? Outlets.wrap(outlet, date, r).around(text) : text;
        Item original = add(new Item(id, url, title, published, id, CopyKind.ORIGINAL, source));
        add(copy(original, CopyKind.EXACT, title, published));
        add(copy(original, CopyKind.HEADLINE, headline(text, r), published));
        if (wrapped) {
            add(copy(original, CopyKind.BOILERPLATE_REMOVED, title, text));
        } else {
            add(copy(original, CopyKind.BOILERPLATE_ADDED, title,
                    Outlets.wrap(outlet + 1 + r.nextInt(Outlets.COUNT - 1), date, r).around(text)));
        }
        add(copy(original, CopyKind.CUT, title, lead(text, 0.6)));
        add(copy(original, CopyKind.EXTENDED, title, extend(text, allTitles, title, r)));
        spun(original, CopyKind.SPUN20, 0.2, title, text, spinner, r.nextLong());
        spun(original, CopyKind.SPUN30, 0.3, title, text, spinner, r.nextLong());
        spun(original, CopyKind.SPUN40, 0.4, title, text, spinner, r.nextLong());
        return original;
    }

    private void spun(Item original, CopyKind kind, double share, String title, String text, Spinner spinner, long seed) {
        Spinner.Spun body = spinner.spin(text, share, seed);
        Spinner.Spun headline = spinner.spin(title, share, seed + 1);
        int[] counts = spinCounts.computeIfAbsent(kind, k -> new int[3]);
        counts[0] += words(text);
        counts[1] += body.replaceable();
        counts[2] += body.replaced();
        add(copy(original, kind, headline.text(), body.text()));
    }

    private static Item copy(Item original, CopyKind kind, String title, String body) {
        String slug = kind.name().toLowerCase(Locale.ROOT);
        return new Item(original.id() + "~" + slug, "https://copies.example/" + slug + "/" + original.id(), title, body,
                original.story(), kind, original.source());
    }

    private Item add(Item item) {
        if (byId.putIfAbsent(item.id(), item) != null) {
            throw new IllegalStateException("duplicate id " + item.id());
        }
        items.add(item);
        return item;
    }

    // ---- copy makers

    private static final Pattern WORD = Pattern.compile("\\S+");

    public static int words(String text) {
        int n = 0;
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            n++;
        }
        return n;
    }

    /**
     * The lead {@code share} of the words, ending at a sentence end within 5% of the words either
     * side of the cut when there is one, else at the word.
     */
    static String lead(String text, double share) {
        List<Integer> ends = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        while (m.find()) {
            ends.add(m.end());
        }
        int target = (int) Math.ceil(share * ends.size());
        int slack = Math.max(3, ends.size() / 20);
        int best = -1;
        for (int i = Math.max(1, target - slack); i <= Math.min(ends.size(), target + slack); i++) {
            char last = text.charAt(ends.get(i - 1) - 1);
            boolean sentenceEnd = last == '.' || last == '!' || last == '?' || last == '"' && ends.get(i - 1) >= 2
                    && ".!?".indexOf(text.charAt(ends.get(i - 1) - 2)) >= 0;
            if (sentenceEnd && (best < 0 || Math.abs(i - target) < Math.abs(best - target))) {
                best = i;
            }
        }
        int cut = best > 0 ? best : target;
        return text.substring(0, ends.get(cut - 1));
    }

    /** A headline from the lead sentence: its first eight to twelve words, sometimes with a tag. */
    static String headline(String text, Random r) {
        String lead = text;
        for (String paragraph : text.split("\n+")) {
            if (words(paragraph) >= 8) {
                lead = paragraph;
                break;
            }
        }
        String[] words = lead.strip().split("\\s+");
        int n = Math.min(words.length, 8 + r.nextInt(5));
        String h = String.join(" ", Arrays.copyOf(words, n)).replaceAll("[,.;:]+$", "");
        String[] tags = {"", "", "UPDATE: ", "Breaking: ", "Report: "};
        return tags[r.nextInt(tags.length)] + h;
    }

    private static final String[] FOLLOW_UPS = {
            "Officials did not immediately respond to requests for comment.",
            "The story is developing and this article will be updated as more information becomes available.",
            "Local media reported that further details were expected to be released later in the week.",
            "Analysts said the full consequences would not be clear for some time.",
            "A spokesperson said the authorities were aware of the reports and were monitoring the situation closely.",
            "Residents who spoke to reporters said they had been following the news throughout the day.",
            "Earlier this year, community groups raised similar concerns and called for an independent review.",
            "Opposition politicians said they would press for answers when parliament next sits.",
            "Experts cautioned against drawing firm conclusions before an official report is published.",
            "Several international organisations have said they are ready to offer assistance if asked.",
            "The announcement was welcomed by some observers, while others said it did not go far enough.",
            "Our correspondent said the mood in the capital was calm but uncertain.",
            "It was not immediately clear how many people would be affected by the decision.",
            "Similar events in the past have led to lengthy legal disputes, lawyers noted.",
            "A statement released on social media thanked the public for its patience.",
            "Reporters were told that a press conference would be held the following morning."};

    /** The text, two follow-up paragraphs of generic reporting, and a "related" block of three other headlines. */
    static String extend(String text, List<String> allTitles, String ownTitle, Random r) {
        List<String> pool = new ArrayList<>(List.of(FOLLOW_UPS));
        Collections.shuffle(pool, r);
        StringBuilder out = new StringBuilder(text.strip()).append("\n\n");
        out.append(String.join(" ", pool.subList(0, 3))).append("\n\n");
        out.append(String.join(" ", pool.subList(3, 5))).append("\n\nRelated coverage:\n");
        Set<String> related = new LinkedHashSet<>();
        while (related.size() < 3) {
            String t = allTitles.get(r.nextInt(allTitles.size()));
            if (!t.equals(ownTitle)) {
                related.add(t);
            }
        }
        related.forEach(t -> out.append("- ").append(t).append('\n'));
        return out.toString().strip();
    }

    // ---- hard negatives among the originals

    private static final Pattern NAME = Pattern.compile("\\p{Lu}[\\p{L}'’.-]+(?:\\s+(?:of\\s+|the\\s+)?\\p{Lu}[\\p{L}'’.-]+)*");

    /**
     * Pairs of Wikinews originals published within two days of each other that name three or more
     * of the same rare names (capitalised words or runs of them, not starting a sentence, in ten
     * articles or fewer): other reports on the same event or topic.
     */
    private void findSameTopicPairs(List<TestData.WikinewsArticle> wikinews) {
        List<Item> originals = items.stream().filter(i -> i.kind() == CopyKind.ORIGINAL && i.source().equals("wikinews"))
                .toList();
        Map<String, TestData.WikinewsArticle> byUrl = new HashMap<>();
        wikinews.forEach(a -> byUrl.put(a.url(), a));
        List<Set<String>> names = new ArrayList<>();
        Map<String, Integer> df = new HashMap<>();
        for (Item o : originals) {
            Set<String> s = names(byUrl.get(o.url()).text());
            names.add(s);
            s.forEach(x -> df.merge(x, 1, Integer::sum));
        }
        for (int i = 0; i < originals.size(); i++) {
            for (int j = i + 1; j < originals.size(); j++) {
                LocalDate di = date(byUrl.get(originals.get(i).url()).date());
                LocalDate dj = date(byUrl.get(originals.get(j).url()).date());
                if (Math.abs(ChronoUnit.DAYS.between(di, dj)) > 2) {
                    continue;
                }
                List<String> shared = new ArrayList<>();
                for (String x : names.get(i)) {
                    if (names.get(j).contains(x) && df.get(x) <= 10) {
                        shared.add(x);
                    }
                }
                if (shared.size() >= 3) {
                    Collections.sort(shared);
                    sameTopic.add(new Pair(originals.get(i).id(), originals.get(j).id(),
                            String.join(", ", shared.subList(0, Math.min(4, shared.size())))));
                }
            }
        }
    }

    private static Set<String> names(String text) {
        Set<String> out = new HashSet<>();
        Matcher m = NAME.matcher(text);
        while (m.find()) {
            int before = m.start() - 1;
            while (before >= 0 && Character.isWhitespace(text.charAt(before))) {
                before--;
            }
            boolean sentenceStart = before < 0 || ".!?\"“".indexOf(text.charAt(before)) >= 0;
            String name = m.group().replaceAll("\\s+", " ");
            if (!sentenceStart && name.length() > 3) {
                out.add(name);
            }
        }
        return out;
    }

    private static LocalDate date(String iso) {
        return LocalDate.parse(iso.strip());
    }

    private static final DateTimeFormatter DATELINE = DateTimeFormatter.ofPattern("EEEE, MMMM d, yyyy", Locale.ENGLISH);

    private static LocalDate dateline(String body) {
        String first = body.lines().findFirst().orElse("").strip();
        try {
            return LocalDate.parse(first, DATELINE);
        } catch (DateTimeParseException e) {
            return LocalDate.of(2017, 1, 1);
        }
    }

    // ---- views

    public List<Item> items() {
        return Collections.unmodifiableList(items);
    }

    public Item item(String id) {
        return byId.get(id);
    }

    /** The items in an order shuffled by {@code seed}: copies may come before their original, as in a stream. */
    public List<Item> shuffled(long seed) {
        List<Item> out = new ArrayList<>(items);
        Collections.shuffle(out, new Random(seed));
        return out;
    }

    public List<Pair> sameTopicPairs() {
        return Collections.unmodifiableList(sameTopic);
    }

    public List<Pair> templatePairs() {
        return Collections.unmodifiableList(templatePairs);
    }

    public int skippedShort() {
        return skippedShort;
    }

    public int wikinewsOriginals() {
        return wikinewsOriginals;
    }

    public int gumOriginals() {
        return gumOriginals;
    }

    /** Per spun kind: words in the texts, replaceable words, replaced words. */
    public Map<CopyKind, int[]> spinCounts() {
        return Collections.unmodifiableMap(spinCounts);
    }
}
