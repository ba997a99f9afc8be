package io.newswatch.match;

/** Letter-case checks for the case modes, run only on candidate hits, never per token. */
final class Cases {

    private Cases() {
    }

    /** True if the text between the offsets has an upper- or title-case letter. */
    static boolean hasUpper(String s, int from, int to) {
        for (int i = from; i < to; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
                return true;
            }
        }
        return false;
    }

    /** True if the text between the offsets is written in lower case only ("turkey", not "Turkey", "TURKEY" or "မြန်မာ"). */
    static boolean isLowerCaseWord(String s, int from, int to) {
        boolean lower = false;
        for (int i = from; i < to; ) {
            char c = s.charAt(i);
            if (c < 128) {
                if (c >= 'A' && c <= 'Z') {
                    return false;
                }
                lower |= c >= 'a' && c <= 'z';
                i++;
                continue;
            }
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
                return false;
            }
            if (Character.isLowerCase(cp)) {
                lower = true;
            }
        }
        return lower;
    }

    /** The token folded like the matcher folds it (width, diacritics, apostrophes, a closing period) but with its case kept. */
    static String exactForm(String s, int from, int to) {
        if (to - from > 1 && s.charAt(to - 1) == '.') {
            to--; // "U.S." and "U.S" are the same word
        }
        boolean ascii = true;
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c >= 128 && !TextFold.isApostrophe(c)) {
                ascii = false;
                break;
            }
        }
        if (!ascii) {
            return TextFold.fold(s.substring(from, to), false);
        }
        char[] out = new char[to - from];
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            out[i - from] = c >= 128 ? '\'' : c;
        }
        return new String(out);
    }
}
