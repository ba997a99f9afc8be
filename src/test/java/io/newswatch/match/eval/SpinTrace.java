package io.newswatch.match.eval;

import io.newswatch.story.eval.Spinner;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A text through the story evaluation's {@link Spinner}, with what became of each of its words,
 * so that a mention in the original can be found again in the copy, and told whether the spinner
 * replaced a word of it.
 *
 * <p>The spinner does not say what it replaced. It looks at words alone, though: it finds them
 * with its word pattern, decides from each word by itself whether it is replaceable, shuffles the
 * replaceable ones by its seed and draws a synonym for each chosen one in text order, then copies
 * everything between words as it is. So the same words with a marker (a private-use character)
 * in place of the text between them, spun with the same share and seed, get the same choice and
 * the same synonyms, and the markers then delimit each word's replacement. The copy rebuilt from
 * those replacements and the original text between words must equal the spinner's own copy of
 * the original, or this fails rather than align wrongly.
 */
public final class SpinTrace {

    /** The spinner's word pattern ({@code Spinner.WORD}, private there). */
    private static final Pattern WORD = Pattern.compile("\\p{L}+(?:['’]\\p{L}+)*");
    /** Not a letter, so it separates words as the original text between them does; in no text or synonym. */
    private static final char MARK = '\uE000';

    private final String original;
    private final String spun;
    private final int replaceable;
    private final int replaced;
    /** Every word, in text order: its span in the original, its span in the copy, and whether it was changed. */
    private final int[] from;
    private final int[] to;
    private final int[] spunFrom;
    private final int[] spunTo;
    private final boolean[] changed;

    private SpinTrace(String original, String spun, int replaceable, int replaced, int[] from, int[] to, int[] spunFrom,
                      int[] spunTo, boolean[] changed) {
        this.original = original;
        this.spun = spun;
        this.replaceable = replaceable;
        this.replaced = replaced;
        this.from = from;
        this.to = to;
        this.spunFrom = spunFrom;
        this.spunTo = spunTo;
        this.changed = changed;
    }

    /** Spins {@code text} as {@code spinner.spin(text, share, seed)} does, and traces it. */
    public static SpinTrace spin(Spinner spinner, String text, double share, long seed) {
        if (text.indexOf(MARK) >= 0) {
            throw new IllegalArgumentException("the text has the marker character U+E000");
        }
        Spinner.Spun result = spinner.spin(text, share, seed);
        List<int[]> words = new ArrayList<>();
        Matcher m = WORD.matcher(text);
        StringBuilder marked = new StringBuilder(text.length() + 16);
        marked.append(MARK);
        while (m.find()) {
            words.add(new int[] {m.start(), m.end()});
            marked.append(text, m.start(), m.end()).append(MARK);
        }
        int n = words.size();
        Spinner.Spun markedResult = spinner.spin(marked.toString(), share, seed);
        String[] parts = markedResult.text().split(String.valueOf(MARK), -1);
        if (parts.length != n + 2 || markedResult.replaced() != result.replaced()) {
            throw new IllegalStateException("the spinner does not spin the words alone any more: " + (parts.length - 2)
                    + " words came back of " + n + ", " + markedResult.replaced() + " replaced of " + result.replaced());
        }
        int[] from = new int[n];
        int[] to = new int[n];
        int[] spunFrom = new int[n];
        int[] spunTo = new int[n];
        boolean[] changed = new boolean[n];
        StringBuilder rebuilt = new StringBuilder(result.text().length());
        int last = 0;
        for (int i = 0; i < n; i++) {
            from[i] = words.get(i)[0];
            to[i] = words.get(i)[1];
            rebuilt.append(text, last, from[i]);
            spunFrom[i] = rebuilt.length();
            String out = parts[i + 1];
            rebuilt.append(out);
            spunTo[i] = rebuilt.length();
            changed[i] = !out.equals(text.substring(from[i], to[i]));
            last = to[i];
        }
        rebuilt.append(text, last, text.length());
        if (!rebuilt.toString().equals(result.text())) {
            throw new IllegalStateException("the spinner does not spin the words alone any more: the traced copy differs"
                    + " from its copy");
        }
        return new SpinTrace(text, result.text(), result.replaceable(), result.replaced(), from, to, spunFrom, spunTo, changed);
    }

    public String original() {
        return original;
    }

    /** The spun text. */
    public String text() {
        return spun;
    }

    /** Words the spinner could replace. */
    public int replaceable() {
        return replaceable;
    }

    /** Words the spinner replaced (a few come back as they were: "axes" for "axes" by way of "axe"). */
    public int replaced() {
        return replaced;
    }

    /** Whether a word in {@code [start, end)} of the original is written otherwise in the copy. */
    public boolean touches(int start, int end) {
        for (int i = firstEndingAfter(start); i < from.length && from[i] < end; i++) {
            if (changed[i]) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the original's {@code [start, end)} is in the copy: a replaced word cut by either edge
     * widens it to the whole replacement (a word kept as it was is cut at the same letter).
     */
    public int[] map(int start, int end) {
        return new int[] {mapStart(start), mapEnd(end)};
    }

    private int mapStart(int x) {
        int i = firstEndingAfter(x);
        if (i < from.length && from[i] <= x) {
            return changed[i] ? spunFrom[i] : spunFrom[i] + x - from[i];
        }
        return x + shiftBefore(i);
    }

    private int mapEnd(int x) {
        int i = firstEndingAfter(x - 1);
        if (i < from.length && from[i] < x) {
            return changed[i] ? spunTo[i] : spunFrom[i] + x - from[i];
        }
        return x + shiftBefore(i);
    }

    /** The first word ending after {@code x}: every word before it ends at or before {@code x}. */
    private int firstEndingAfter(int x) {
        int i = Arrays.binarySearch(to, x + 1);
        return i < 0 ? -i - 1 : i;
    }

    /** How much longer the copy is than the original before word {@code i}. */
    private int shiftBefore(int i) {
        return i == 0 ? 0 : spunTo[i - 1] - to[i - 1];
    }
}
