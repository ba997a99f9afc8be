package io.newswatch.match;

/** The sentence around a hit, cut at word boundaries when long. */
final class Snippets {

    static final int REACH = 100;

    private Snippets() {
    }

    static String around(String text, int start, int end) {
        int limit = Math.max(0, start - REACH);
        int from = start;
        while (from > limit && !sentenceStartsAt(text, from)) {
            from--;
        }
        boolean cutBefore = false;
        if (from == limit && limit > 0 && !sentenceStartsAt(text, from)) {
            while (from < start && !Character.isWhitespace(text.charAt(from))) {
                from++;
            }
            cutBefore = true;
        }
        int max = Math.min(text.length(), end + REACH);
        int to = end;
        while (to < max && !sentenceEndsAt(text, to)) {
            to++;
        }
        boolean cutAfter = false;
        if (to == max && max < text.length() && !sentenceEndsAt(text, to)) {
            int back = to;
            while (back > end && !Character.isWhitespace(text.charAt(back - 1))) {
                back--;
            }
            to = back;
            cutAfter = true;
        }
        StringBuilder sb = new StringBuilder(to - from + 4);
        if (cutBefore) {
            sb.append('…');
        }
        boolean space = false;
        for (int i = from; i < to; i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c)) {
                space = sb.length() > 0;
            } else {
                if (space) {
                    sb.append(' ');
                    space = false;
                }
                sb.append(c);
            }
        }
        if (cutAfter) {
            sb.append('…');
        }
        return sb.toString().strip();
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
