package io.newswatch.match;

/**
 * Splits text into normalised tokens, one at a time, without allocating for ASCII tokens.
 *
 * <p>Word boundaries follow the spirit of UAX #29: a word is a run of letters, digits and
 * combining marks; an apostrophe or a period between two letters stays inside the word
 * ({@code O'Brien}, {@code U.S}), a period or comma between digits too ({@code 3.5}); hyphens,
 * dashes, quotes and all other punctuation split. A possessive {@code 's} (any apostrophe) is cut
 * off the end of a word. Letters of scripts written without spaces (Burmese, Thai, Lao, Khmer,
 * Chinese, Japanese kana) are one token per character with its combining marks (a Burmese stacked
 * consonant joins through the virama), so an alias in those scripts is found as a run of such
 * tokens anywhere in the text.
 *
 * <p>After {@link #next()} returns true: {@link #start}/{@link #end} are the token's offsets in the
 * original text (without a possessive ending), {@link #buf}[0..{@link #len}) its normalised form
 * and {@link #hash} that form's hash; {@link #alphabetic} says it is made of letters only (and may
 * be the substituted word of an approximate phrase).
 */
final class TokenScanner {

    static final byte OTHER = 0;
    static final byte LETTER = 1;
    static final byte DIGIT = 2;
    static final byte APOS = 3;
    static final byte PERIOD = 4;
    static final byte COMMA = 5;
    static final byte MARK = 6;
    static final byte CLUSTER = 7;

    private static final byte[] ASCII = new byte[128];

    static {
        for (int c = 'a'; c <= 'z'; c++) {
            ASCII[c] = LETTER;
            ASCII[c - 32] = LETTER;
        }
        for (int c = '0'; c <= '9'; c++) {
            ASCII[c] = DIGIT;
        }
        ASCII['\''] = APOS;
        ASCII['.'] = PERIOD;
        ASCII[','] = COMMA;
    }

    private String text = "";
    private int n;
    private int pos;

    int start;
    int end;
    char[] buf = new char[32];
    int len;
    int hash;
    boolean alphabetic;

    TokenScanner reset(String s) {
        this.text = s == null ? "" : s;
        this.n = text.length();
        this.pos = 0;
        return this;
    }

    boolean next() {
        final String s = text;
        final int n = this.n;
        int i = pos;
        byte k = OTHER;
        int cp = 0;
        while (i < n) {
            char c = s.charAt(i);
            if (c < 128) {
                k = ASCII[c];
                if (k == LETTER || k == DIGIT) {
                    break;
                }
                i++;
                continue;
            }
            cp = Character.codePointAt(s, i);
            k = classOf(cp);
            if (k == LETTER || k == DIGIT || k == MARK || k == CLUSTER) {
                break;
            }
            i += Character.charCount(cp);
        }
        if (i >= n) {
            pos = n;
            return false;
        }
        start = i;
        if (k == CLUSTER) {
            int j = i + Character.charCount(cp);
            while (j < n) {
                int c2 = Character.codePointAt(s, j);
                if (!isMark(c2)) {
                    break;
                }
                j += Character.charCount(c2);
                if (c2 == 0x1039 && j < n) { // Burmese virama: the next consonant is stacked
                    j += Character.charCount(Character.codePointAt(s, j));
                }
            }
            end = j;
            pos = j;
            alphabetic = false;
            slowNormalize(s, start, end);
            return true;
        }
        boolean ascii = true;
        boolean abbreviation = false;
        boolean alpha = k != DIGIT;
        byte prev = k == DIGIT ? DIGIT : LETTER;
        int j = i;
        while (j < n) {
            char c = s.charAt(j);
            byte kc;
            int w = 1;
            if (c < 128) {
                kc = ASCII[c];
            } else {
                int cp2 = Character.codePointAt(s, j);
                kc = classOf(cp2);
                w = Character.charCount(cp2);
                if (kc == LETTER || kc == MARK || kc == DIGIT) {
                    ascii = false;
                }
            }
            if (kc == LETTER) {
                prev = LETTER;
                j += w;
            } else if (kc == MARK) {
                j += w;
            } else if (kc == DIGIT) {
                alpha = false;
                prev = DIGIT;
                j += w;
            } else if ((kc == APOS || kc == PERIOD) && prev == LETTER && j + w < n && classAt(s, j + w) == LETTER) {
                abbreviation |= kc == PERIOD;
                j += w;
            } else if ((kc == PERIOD || kc == COMMA) && prev == DIGIT && j + w < n && classAt(s, j + w) == DIGIT) {
                j += w;
            } else {
                break;
            }
        }
        if (abbreviation && j < n && s.charAt(j) == '.') {
            j++; // the closing period of U.S. or D.C. belongs to the word (its normalised form stays "u.s")
            pos = j;
            end = j;
            alphabetic = false;
            normalize(s, i, j - 1, ascii);
            return true;
        }
        pos = j;
        if (j - i >= 3 && (s.charAt(j - 1) == 's' || s.charAt(j - 1) == 'S') && TextFold.isApostrophe(s.charAt(j - 2))) {
            j -= 2;
        }
        end = j;
        alphabetic = alpha;
        normalize(s, i, j, ascii);
        return true;
    }

    private void normalize(String s, int i, int j, boolean ascii) {
        if (ascii) {
            int h = 0;
            int l = j - i;
            if (l > buf.length) {
                buf = new char[Math.max(l, buf.length * 2)];
            }
            char[] b = buf;
            for (int x = 0; x < l; x++) {
                char c = s.charAt(i + x);
                if (c >= 'A' && c <= 'Z') {
                    c += 32;
                } else if (c >= 128) {
                    c = '\'';
                }
                b[x] = c;
                h = 31 * h + c;
            }
            len = l;
            hash = h;
        } else {
            slowNormalize(s, i, j);
        }
    }

    private void slowNormalize(String s, int from, int to) {
        String f = TextFold.fold(s.substring(from, to), true);
        int l = f.length();
        if (l > buf.length) {
            buf = new char[Math.max(l, buf.length * 2)];
        }
        f.getChars(0, l, buf, 0);
        int h = 0;
        for (int x = 0; x < l; x++) {
            h = 31 * h + buf[x];
        }
        len = l;
        hash = h;
    }

    /** The current token's normalised form as a string (allocates; for tests and index building). */
    String token() {
        return new String(buf, 0, len);
    }

    private static byte classAt(String s, int i) {
        char c = s.charAt(i);
        return c < 128 ? ASCII[c] : classOf(Character.codePointAt(s, i));
    }

    static byte classOf(int cp) {
        if (cp < 128) {
            return ASCII[cp];
        }
        if (TextFold.isApostrophe(cp)) {
            return APOS;
        }
        switch (Character.getType(cp)) {
            case Character.UPPERCASE_LETTER, Character.LOWERCASE_LETTER, Character.TITLECASE_LETTER,
                    Character.MODIFIER_LETTER, Character.OTHER_LETTER:
                return isNonSpaced(cp) ? CLUSTER : LETTER;
            case Character.NON_SPACING_MARK, Character.COMBINING_SPACING_MARK, Character.ENCLOSING_MARK:
                return MARK;
            case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER:
                return DIGIT;
            default:
                return OTHER;
        }
    }

    static boolean isMark(int cp) {
        int t = Character.getType(cp);
        return t == Character.NON_SPACING_MARK || t == Character.COMBINING_SPACING_MARK || t == Character.ENCLOSING_MARK;
    }

    /** Scripts written without spaces between words: matched character by character. */
    static boolean isNonSpaced(int cp) {
        if (cp < 0x0E00) {
            return false;
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return switch (script) {
            case THAI, LAO, KHMER, MYANMAR, HAN, HIRAGANA, KATAKANA, TAI_THAM, TAI_LE, NEW_TAI_LUE, TAI_VIET -> true;
            default -> false;
        };
    }
}
