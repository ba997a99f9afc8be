package io.newswatch.match;

/** The sentence around a hit, cut at word boundaries when long. */
final class Snippets {

    static final int REACH = 100;

    private Snippets() {
    }

    /** Where the sentence of a hit starts, or -1 if that is further than {@link #REACH} back. */
    static int sentenceStart(String text, int start) {
        int limit = Math.max(0, start - REACH);
        for (int from = start; from >= limit; from--) {
            if (sentenceStartsAt(text, from)) {
                return from;
            }
        }
        return -1;
    }

    /** Where the sentence of a hit ends, or -1 if that is further than {@link #REACH} on. */
    static int sentenceEnd(String text, int end) {
        int max = Math.min(text.length(), end + REACH);
        for (int to = end; to <= max; to++) {
            if (sentenceEndsAt(text, to)) {
                return to;
            }
        }
        return -1;
    }

    private static final char[] TERMINATORS = {'.', '!', '?', '。', '။', '…'};

    /** Every offset where a sentence starts, ascending, 0 first: after a line break, or after a terminator and white space. */
    static int[] sentenceStarts(String text) {
        int[] starts = new int[32];
        int n = 1;
        for (int i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) {
            if (i + 1 < text.length()) {
                if (n == starts.length) {
                    starts = java.util.Arrays.copyOf(starts, n * 2);
                }
                starts[n++] = i + 1;
            }
        }
        for (char t : TERMINATORS) {
            for (int i = text.indexOf(t); i >= 0; i = text.indexOf(t, i + 1)) {
                if (i + 2 < text.length() && Character.isWhitespace(text.charAt(i + 1)) && text.charAt(i + 1) != '\n') {
                    if (n == starts.length) {
                        starts = java.util.Arrays.copyOf(starts, n * 2);
                    }
                    starts[n++] = i + 2;
                }
            }
        }
        java.util.Arrays.sort(starts, 1, n);
        return java.util.Arrays.copyOf(starts, n);
    }

    /** With the sentence starts of the text: where the sentence of a hit starts, or -1 if further than {@link #REACH} back. */
    static int sentenceStart(int[] starts, int start) {
        int i = java.util.Arrays.binarySearch(starts, start);
        int from = i >= 0 ? starts[i] : starts[-i - 2];
        return start - from > REACH ? -1 : from;
    }

    /** With the sentence starts of the text: where the sentence of a hit ends, or -1 if further than {@link #REACH} on. */
    static int sentenceEnd(int[] starts, int length, int end) {
        int i = java.util.Arrays.binarySearch(starts, end);
        int to = i >= 0 ? starts[i] : (-i - 1 < starts.length ? starts[-i - 1] : length);
        return to - end > REACH ? -1 : to;
    }

    static String around(String text, int start, int end) {
        return around(text, start, end, sentenceStart(text, start), sentenceEnd(text, end));
    }

    /** The snippet for a hit whose sentence bounds are known (-1: further than {@link #REACH}). */
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
        // a sentence holds no line break (a line break starts a sentence): it is shown as written
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

    /** Index of the sentence holding the offset, in the starts of {@link #sentenceStarts}. */
    static int sentenceIndex(int[] starts, int offset) {
        int i = java.util.Arrays.binarySearch(starts, offset);
        return i >= 0 ? i : -i - 2;
    }

    private static boolean sentenceStartsAt(String text, int i) {
        if (i == 0) {
            return true;
        }
        char prev = text.charAt(i - 1);
        if (prev == '\n') {
            return true;
        }
        return i >= 2 && Character.isWhitespace(prev) && isTerminator(text.charAt(i - 2));
    }

    private static boolean sentenceEndsAt(String text, int i) {
        if (i >= text.length()) {
            return true;
        }
        char c = text.charAt(i);
        if (c == '\n') {
            return true;
        }
        return i > 0 && Character.isWhitespace(c) && isTerminator(text.charAt(i - 1));
    }

    private static boolean isTerminator(char c) {
        return c == '.' || c == '!' || c == '?' || c == '。' || c == '။' || c == '…';
    }
}
