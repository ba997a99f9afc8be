package io.newswatch.match;

/**
 * The sentence around a hit, cut at word boundaries when long. Sentence starts come from the
 * gaps between tokens (see {@link #breaksSentence}); a line break always starts a sentence, so a
 * snippet never holds one.
 */
final class Snippets {

    /** Characters of context shown on each side of a hit at most. */
    static final int REACH = 100;

    private Snippets() {
    }

    /** True if the text between two words ends a sentence: a line break, or a terminator then white space. */
    static boolean breaksSentence(String text, int from, int to) {
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (c == '\n' || isTerminator(c) && i + 1 < to && Character.isWhitespace(text.charAt(i + 1))) {
                return true;
            }
        }
        return false;
    }

    /** The snippet of a hit given its sentence bounds (-1: further than {@link #REACH}, so cut there with {@code …}). */
    static String around(String text, int start, int end, int sentenceStart, int sentenceEnd) {
        int from = sentenceStart;
        boolean cutBefore = false;
        if (from < 0) {
            from = start - REACH;
            while (from < start && !Character.isWhitespace(text.charAt(from))) {
                from++;
            }
            cutBefore = true;
        }
        int to = sentenceEnd;
        boolean cutAfter = false;
        if (to < 0) {
            to = end + REACH;
            while (to > end && !Character.isWhitespace(text.charAt(to - 1))) {
                to--;
            }
            cutAfter = true;
        }
        while (from < to && Character.isWhitespace(text.charAt(from))) {
            from++;
        }
        while (to > from && Character.isWhitespace(text.charAt(to - 1))) {
            to--;
        }
        if (!cutBefore && !cutAfter) {
            return text.substring(from, to);
        }
        int lead = cutBefore ? 1 : 0;
        char[] out = new char[to - from + lead + (cutAfter ? 1 : 0)];
        if (cutBefore) {
            out[0] = '…';
        }
        text.getChars(from, to, out, lead);
        if (cutAfter) {
            out[out.length - 1] = '…';
        }
        return new String(out);
    }

    private static boolean isTerminator(char c) {
        return c == '.' || c == '!' || c == '?' || c == '。' || c == '။' || c == '…';
    }
}
