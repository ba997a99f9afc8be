package io.newswatch.match.eval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Multi-word names mined from news text: runs of 2 to 4 capitalised words ("President Donald
 * Trump", "World Health Organization", "Bank of England", "U.S. Supreme Court") written at least
 * {@value #MIN_COUNT} times.
 *
 * <p>A run is a sequence of words each starting with a capital letter, joined by spaces only (no
 * comma, full stop, quote, bracket or line break between them), with connecting words inside it
 * ("of", "the", "for", "de", "al", "bin", "van", ...; not "and", "in", "on", "at", which join two
 * names more often than they are part of one). A possessive ends a run after the word it is on
 * ("Kenya's Brigid Kosgei" gives "Kenya", then "Brigid Kosgei"). Abbreviations keep their full
 * stop ("U.S.", "St.", the "W." of "George W. Bush"). Pronouns ("I", "We") are not name words. A run is trimmed of a leading article or determiner ("The", "A", "This",
 * ...), of months and weekdays at either end ("January", "Monday"; "May" only at the start, for
 * Theresa May), and of connecting words at either end; a run with a weekday, month or
 * determiner inside ("MS The") is dropped. At the start of a sentence (or after a quote or bracket) a first word that the text
 * also writes in lower case ("Police", "Officials", "After", "United") is dropped, unless the
 * whole run is also written somewhere inside a sentence ("United States").
 */
public final class WikinewsNames {

    public static final int MIN_COUNT = 2;
    public static final int MIN_WORDS = 2;
    public static final int MAX_WORDS = 4;

    /** A mined name and how many times the text has it as a whole run. */
    public record Name(String text, int count) {
    }

    private static final Pattern TOKEN = Pattern.compile("[\\p{L}\\p{Nd}][\\p{L}\\p{M}\\p{Nd}]*(?:[-'’.&][\\p{L}\\p{M}\\p{Nd}]+)*");
    private static final Set<String> CONNECTORS = Set.of("of", "the", "for", "de", "del", "della", "da", "di", "du", "des",
            "la", "le", "von", "van", "der", "den", "al", "bin", "el", "y");
    private static final Set<String> LEADING = Set.of("The", "THE", "A", "An", "This", "That", "These", "Those", "His",
            "Her", "Its", "Their", "Our", "My", "Your", "I");
    private static final Set<String> MONTHS = Set.of("January", "February", "March", "April", "May", "June", "July",
            "August", "September", "October", "November", "December");
    private static final Set<String> WEEKDAYS = Set.of("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday",
            "Sunday");
    /** Pronouns: capitalised but never part of a name here ("And I", "So We"); a contraction of one ("I'm") neither. */
    private static final Set<String> PRONOUNS = Set.of("I", "We", "He", "She", "It", "They", "You", "Me", "Us", "Him",
            "Them");
    /** Short forms that keep their full stop inside a name ("St. Louis", "Martin Luther King Jr."). */
    private static final Set<String> ABBREVIATIONS = Set.of("St", "Mr", "Mrs", "Ms", "Dr", "Jr", "Sr", "Sen", "Rep", "Gov",
            "Gen", "Lt", "Col", "Sgt", "Mt", "Ft", "Prof", "Rev", "Capt", "Cmdr", "Adm", "Maj", "Co", "Corp", "Inc", "Ltd");

    private WikinewsNames() {
    }

    private record Token(String text, int start, int end, boolean sentenceStart, boolean joinsPrevious, boolean possessive) {
    }

    private record Run(List<String> words, boolean sentenceStart) {
    }

    /** The names of {@code texts} seen {@value #MIN_COUNT} times or more, most frequent first (then by text). */
    public static List<Name> mine(List<String> texts) {
        Set<String> lowerCase = new HashSet<>();
        List<Run> runs = new ArrayList<>();
        for (String text : texts) {
            List<Token> tokens = tokens(text);
            for (Token t : tokens) {
                if (Character.isLowerCase(t.text().codePointAt(0))) {
                    lowerCase.add(t.text().toLowerCase(Locale.ROOT));
                }
            }
            runs.addAll(runs(tokens));
        }
        List<Run> trimmed = new ArrayList<>(runs.size());
        Map<String, Integer> inside = new HashMap<>();
        for (Run r : runs) {
            List<String> words = trim(r.words());
            if (words != null) {
                trimmed.add(new Run(words, r.sentenceStart() && words.get(0).equals(r.words().get(0))));
                if (!r.sentenceStart()) {
                    inside.merge(String.join(" ", words), 1, Integer::sum);
                }
            }
        }
        Map<String, Integer> counts = new HashMap<>();
        for (Run r : trimmed) {
            List<String> words = r.words();
            if (r.sentenceStart() && lowerCase.contains(words.get(0).toLowerCase(Locale.ROOT))
                    && !inside.containsKey(String.join(" ", words))) {
                words = trim(words.subList(1, words.size()));
                if (words == null) {
                    continue;
                }
            }
            if (words.size() >= MIN_WORDS && words.size() <= MAX_WORDS) {
                counts.merge(String.join(" ", words), 1, Integer::sum);
            }
        }
        List<Name> out = new ArrayList<>();
        counts.forEach((text, count) -> {
            if (count >= MIN_COUNT) {
                out.add(new Name(text, count));
            }
        });
        out.sort(Comparator.comparingInt(Name::count).reversed().thenComparing(Name::text));
        return out;
    }

    private static List<Token> tokens(String text) {
        List<Token> out = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int previousEnd = 0;
        boolean previousPossessive = false;
        while (m.find()) {
            String word = m.group();
            int end = m.end();
            boolean initial = word.length() == 1 && Character.isUpperCase(word.charAt(0)) && !word.equals("I");
            if (end < text.length() && text.charAt(end) == '.' && (word.indexOf('.') > 0 || initial || ABBREVIATIONS.contains(word))) {
                word += ".";
                end++;
            }
            boolean possessive = false;
            if (word.endsWith("'s") || word.endsWith("’s")) {
                word = word.substring(0, word.length() - 2);
                possessive = true;
            }
            String gap = text.substring(previousEnd, m.start());
            boolean sentenceStart = out.isEmpty() || gap.indexOf('\n') >= 0 || gap.strip().chars().anyMatch(c -> ".!?:\"“”‘'()[]—–…*•".indexOf(c) >= 0);
            boolean joins = !out.isEmpty() && !previousPossessive && !gap.isEmpty() && gap.chars().allMatch(c -> c == ' ' || c == '\u00a0');
            if (!word.isEmpty()) {
                out.add(new Token(word, m.start(), end, sentenceStart, joins, possessive));
            }
            previousEnd = end;
            previousPossessive = possessive;
        }
        return out;
    }

    private static List<Run> runs(List<Token> tokens) {
        List<Run> out = new ArrayList<>();
        List<String> current = new ArrayList<>();
        boolean start = false;
        for (Token t : tokens) {
            int apostrophe = Math.max(t.text().indexOf('\''), t.text().indexOf('’'));
            boolean capital = Character.isUpperCase(t.text().codePointAt(0))
                    && !PRONOUNS.contains(apostrophe > 0 ? t.text().substring(0, apostrophe) : t.text());
            boolean connector = CONNECTORS.contains(t.text());
            boolean continues = !current.isEmpty() && t.joinsPrevious() && (capital || connector);
            if (!continues) {
                flush(current, start, out);
                current = new ArrayList<>();
                if (capital) {
                    current.add(t.text());
                    start = t.sentenceStart();
                }
            } else {
                current.add(t.text());
            }
        }
        flush(current, start, out);
        return out;
    }

    private static void flush(List<String> words, boolean sentenceStart, List<Run> out) {
        if (!words.isEmpty()) {
            out.add(new Run(List.copyOf(words), sentenceStart));
        }
    }

    /** The run without leading determiners, edge months, weekdays and connectors; null if nothing is left or a date is inside. */
    private static List<String> trim(List<String> words) {
        int from = 0;
        int to = words.size();
        while (from < to && (LEADING.contains(words.get(from)) || MONTHS.contains(words.get(from))
                || WEEKDAYS.contains(words.get(from)) || CONNECTORS.contains(words.get(from)))) {
            from++;
        }
        while (to > from && (MONTHS.contains(words.get(to - 1)) && !words.get(to - 1).equals("May")
                || WEEKDAYS.contains(words.get(to - 1)) || CONNECTORS.contains(words.get(to - 1)))) {
            to--;
        }
        if (from >= to) {
            return null;
        }
        List<String> out = words.subList(from, to);
        for (String w : out) {
            if (WEEKDAYS.contains(w) || MONTHS.contains(w) && !w.equals("May") || LEADING.contains(w) && !w.equals("A")) {
                return null;
            }
        }
        return List.copyOf(out);
    }
}
