package io.newswatch.text;

/**
 * Makes text from outside (an article, a feed, a watchlist record, a file name) safe to print as
 * part of one terminal line.
 *
 * <p>A line break would let the text forge lines of its own; an escape sequence ({@code ESC [2J})
 * or a C1 control would drive the terminal; a bidirectional override or isolate would make the
 * text display in another order than it has. So:
 * <ul>
 *   <li>CR, LF, TAB, NEL (U+0085), LINE SEPARATOR (U+2028) and PARAGRAPH SEPARATOR (U+2029)
 *       become a space, a run of them a single space;</li>
 *   <li>every other C0 control (U+0000–U+001F), DEL (U+007F) and C1 control (U+0080–U+009F)
 *       becomes a visible {@code \xhh} escape ({@code \x1b});</li>
 *   <li>the bidirectional controls (U+061C, U+200E, U+200F, U+202A–U+202E, U+2066–U+2069) become
 *       a visible escape of four hex digits: <code>&#92;u202e</code> for RIGHT-TO-LEFT OVERRIDE;</li>
 *   <li>everything else stays as it is: letters of every script, emoji (surrogate pairs are never
 *       split), spaces, backslashes.</li>
 * </ul>
 */
public final class Printable {

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private Printable() {
    }

    /**
     * {@code text} as part of one terminal line, as described above; the same string when it has
     * nothing to change, null for null.
     */
    public static String line(String text) {
        if (text == null) {
            return null;
        }
        int first = 0;
        while (first < text.length() && !needsChange(text.charAt(first))) {
            first++;
        }
        if (first == text.length()) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 16).append(text, 0, first);
        boolean inBreak = false;
        for (int i = first; i < text.length(); i++) {
            char c = text.charAt(i);
            if (isBreak(c)) {
                if (!inBreak) {
                    out.append(' ');
                }
                inBreak = true;
                continue;
            }
            inBreak = false;
            if (c < 0x20 || c >= 0x7f && c <= 0x9f) {
                out.append("\\x").append(HEX[c >> 4]).append(HEX[c & 0xf]);
            } else if (isBidiControl(c)) {
                out.append("\\u").append(HEX[c >> 12]).append(HEX[c >> 8 & 0xf]).append(HEX[c >> 4 & 0xf]).append(HEX[c & 0xf]);
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static boolean needsChange(char c) {
        return c < 0x20 || c >= 0x7f && c <= 0x9f || c >= 0x061c && (isBreak(c) || isBidiControl(c));
    }

    private static boolean isBreak(char c) {
        return c == '\n' || c == '\r' || c == '\t' || c == 0x85 || c == 0x2028 || c == 0x2029;
    }

    private static boolean isBidiControl(char c) {
        return c == 0x061c || c == 0x200e || c == 0x200f || c >= 0x202a && c <= 0x202e || c >= 0x2066 && c <= 0x2069;
    }
}
