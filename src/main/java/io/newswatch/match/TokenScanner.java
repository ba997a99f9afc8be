package io.newswatch.match;

import java.util.Arrays;

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
    /** In {@link #BMP} only: half of a surrogate pair, classified by its code point. */
    private static final byte SURROGATE = 8;

    private static final byte[] ASCII = new byte[128];
    /** ASCII letters lower-cased and digits as they are; 0 for every other ASCII character. */
    private static final char[] WORD_ASCII = new char[128];

    static {
        for (int c = 'a'; c <= 'z'; c++) {
            ASCII[c] = LETTER;
            ASCII[c - 32] = LETTER;
        }
        for (int c = '0'; c <= '9'; c++) {
            ASCII[c] = DIGIT;
        }
        for (int c = 0; c < 128; c++) {
            WORD_ASCII[c] = ASCII[c] == LETTER ? Character.toLowerCase((char) c) : ASCII[c] == DIGIT ? (char) c : 0;
        }
        ASCII['\''] = APOS;
        ASCII['.'] = PERIOD;
        ASCII[','] = COMMA;
    }

    /**
     * {@link #classOf} of every character of the Basic Multilingual Plane, looked up once: Unicode
     * properties cost tens of nanoseconds a character, which text in Devanagari, Arabic or Cyrillic
     * would pay at every character.
     */
    private static final byte[] BMP = new byte[0x10000];

    static {
        for (int c = 0; c < BMP.length; c++) {
            BMP[c] = Character.isSurrogate((char) c) ? SURROGATE : classOf(c);
        }
    }

    /** Neither a letter, digit, mark nor apostrophe: the quotes, dashes and spaces of news text, passed over without the general path. */
    private static boolean isSeparator(char c) {
        return BMP[c] == OTHER;
    }

    /** Folded lower-case form of each char below U+0250 (Latin-1 and Latin Extended-A/B), or null if it needs the slow path. */
    private static final String[] LATIN = new String[0x250];

    static {
        for (int c = 0x80; c < LATIN.length; c++) {
            byte k = classOf(c);
            if (k == LETTER) {
                String f = TextFold.fold(String.valueOf((char) c), true);
                boolean plain = true;
                for (int i = 0; i < f.length(); i++) {
                    plain &= f.charAt(i) < 0x250;
                }
                LATIN[c] = plain ? f : null;
            }
        }
    }

    private char[] text = new char[256];
    private int n;
    private int pos;

    int start;
    int end;
    char[] buf = new char[32];
    int len;
    int hash;
    boolean alphabetic;

    TokenScanner reset(String s) {
        String t = s == null ? "" : s;
        n = t.length();
        if (text.length < n) {
            text = new char[Math.max(n, text.length * 2)];
        }
        t.getChars(0, n, text, 0);
        if (buf.length < n) {
            buf = new char[Math.max(n, buf.length * 2)]; // no token is longer than its text
        }
        pos = 0;
        return this;
    }

    boolean next() {
        // small enough to inline into the caller's loop: ASCII separators, then an ASCII word
        final char[] s = text;
        final int n = this.n;
        int i = pos;
        while (i < n) {
            char c = s[i];
            if (c >= 128) {
                if (isSeparator(c)) {
                    i++;
                    continue;
                }
                return general(i);
            }
            if (WORD_ASCII[c] != 0) {
                return asciiWord(s, i, n) || general(i);
            }
            i++;
        }
        pos = n;
        return false;
    }

    /** {@link #next()} from offset {@code from}, for any text. */
    private boolean general(int from) {
        final char[] s = text;
        final int n = this.n;
        int i = from;
        byte k = OTHER;
        int cp = 0;
        while (i < n) {
            char c = s[i];
            if (c < 128) {
                k = ASCII[c];
                if (k == LETTER || k == DIGIT) {
                    break;
                }
                i++;
                continue;
            }
            k = BMP[c];
            cp = c;
            if (k == SURROGATE) {
                cp = Character.codePointAt(s, i, n);
                k = classOf(cp);
            }
            if (k == LETTER || k == DIGIT || k == MARK || k == CLUSTER) {
                break;
            }
            i += Character.charCount(cp);
        }
        if (i >= n) {
            pos = n;
            return false;
        }
        if (i != from && s[i] < 128 && asciiWord(s, i, n)) {
            return true; // at from itself, next() has tried that already
        }
        start = i;
        if (k == CLUSTER) {
            int j = i + Character.charCount(cp);
            while (j < n) {
                int c2 = Character.codePointAt(s, j, n);
                if (!isMark(c2)) {
                    break;
                }
                j += Character.charCount(c2);
                if (c2 == 0x1039 && j < n) { // Burmese virama: the next consonant is stacked
                    j += Character.charCount(Character.codePointAt(s, j, n));
                }
            }
            end = j;
            pos = j;
            alphabetic = false;
            slowNormalize(s, start, end);
            return true;
        }
        boolean ascii = true;
        boolean latin = true;
        boolean abbreviation = false;
        boolean alpha = k != DIGIT;
        byte prev = k == DIGIT ? DIGIT : LETTER;
        int j = i;
        while (j < n) {
            char c = s[j];
            byte kc;
            int w = 1;
            if (c < 128) {
                kc = ASCII[c];
            } else {
                kc = BMP[c];
                if (kc == SURROGATE) {
                    int cp2 = Character.codePointAt(s, j, n);
                    kc = classOf(cp2);
                    w = Character.charCount(cp2);
                }
                if (kc == LETTER || kc == MARK || kc == DIGIT) {
                    ascii = false;
                    latin &= kc == LETTER && c < 0x250 && LATIN[c] != null;
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
            } else if ((kc == APOS || kc == PERIOD) && prev == LETTER && j + w < n && classAt(s, j + w, n) == LETTER) {
                abbreviation |= kc == PERIOD;
                j += w;
            } else if ((kc == PERIOD || kc == COMMA) && prev == DIGIT && j + w < n && classAt(s, j + w, n) == DIGIT) {
                j += w;
            } else {
                break;
            }
        }
        if (abbreviation && j < n && s[j] == '.') {
            j++; // the closing period of U.S. or D.C. belongs to the word (its normalised form stays "u.s")
            pos = j;
            end = j;
            alphabetic = false;
            normalize(s, i, j - 1, ascii, latin);
            return true;
        }
        pos = j;
        if (j - i >= 3 && (s[j - 1] == 's' || s[j - 1] == 'S') && TextFold.isApostrophe(s[j - 2])) {
            j -= 2;
        }
        end = j;
        alphabetic = alpha;
        normalize(s, i, j, ascii, latin);
        return true;
    }

    /**
     * Most tokens in one pass: ASCII letters and digits up to white space or ASCII punctuation,
     * lower-cased into {@link #buf} and hashed as they are read. Returns false, having consumed
     * nothing, where the general path must decide: a character beyond ASCII, or an apostrophe,
     * period or comma followed by one that may continue the word ({@code O'Brien}, {@code U.S},
     * {@code 3.5}).
     */
    private boolean asciiWord(char[] s, int i, int n) {
        final char[] b = buf; // as long as the text: see reset
        int h = 0;
        boolean alpha = true;
        int j = i;
        while (j < n) {
            char c = s[j];
            if (c >= 128) {
                if (isSeparator(c)) {
                    break;
                }
                return false;
            }
            char f = WORD_ASCII[c];
            if (f == 0) {
                break;
            }
            alpha &= f > '9';
            b[j - i] = f;
            h = 31 * h + f;
            j++;
        }
        if (j + 1 < n && s[j] < 128) {
            byte k = ASCII[s[j]];
            char next = s[j + 1];
            if ((k == APOS || k == PERIOD || k == COMMA) && (next >= 128 || WORD_ASCII[next] != 0)) {
                return false;
            }
        }
        start = i;
        end = j;
        pos = j;
        len = j - i;
        hash = h;
        alphabetic = alpha;
        return true;
    }

    private void normalize(char[] s, int i, int j, boolean ascii, boolean latin) {
        int l = j - i;
        if (ascii) {
            int h = 0;
            if (l > buf.length) {
                buf = new char[Math.max(l, buf.length * 2)];
            }
            char[] b = buf;
            for (int x = 0; x < l; x++) {
                char c = s[i + x];
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
        } else if (latin) {
            if (l * 3 > buf.length) {
                buf = new char[Math.max(l * 3, buf.length * 2)];
            }
            char[] b = buf;
            int o = 0;
            int h = 0;
            for (int x = i; x < j; x++) {
                char c = s[x];
                if (c < 128) {
                    if (c >= 'A' && c <= 'Z') {
                        c += 32;
                    }
                    b[o++] = c;
                    h = 31 * h + c;
                } else if (TextFold.isApostrophe(c)) {
                    b[o++] = '\'';
                    h = 31 * h + '\'';
                } else {
                    String f = LATIN[c];
                    for (int y = 0; y < f.length(); y++) {
                        char fc = f.charAt(y);
                        b[o++] = fc;
                        h = 31 * h + fc;
                    }
                }
            }
            len = o;
            hash = h;
        } else {
            slowNormalize(s, i, j);
        }
    }

    /**
     * Recently folded slow-path tokens (non-Latin scripts repeat their common words): two ways per
     * set, the most recent first, so that two frequent words sharing a set do not evict each other
     * at every occurrence (each miss costs four Unicode normalisations).
     */
    private static final int CACHE_SETS = 8192;
    private Folded[] cache;

    /** A slow-path token as written ({@code raw} its hash) and its folded form ({@code hash} that form's hash). */
    private record Folded(int raw, char[] key, char[] value, int hash) {
        boolean is(int h, char[] s, int from, int to) {
            return raw == h && Arrays.equals(key, 0, key.length, s, from, to);
        }
    }

    private void slowNormalize(char[] s, int from, int to) {
        int raw = 0;
        for (int x = from; x < to; x++) {
            raw = 31 * raw + s[x];
        }
        if (cache == null) {
            cache = new Folded[2 * CACHE_SETS];
        }
        int first = ((raw ^ (raw >>> 13)) & (CACHE_SETS - 1)) << 1;
        Folded f = cache[first];
        if (f == null || !f.is(raw, s, from, to)) {
            Folded second = cache[first + 1];
            if (second == null || !second.is(raw, s, from, to)) {
                char[] value = TextFold.fold(new String(s, from, to - from), true).toCharArray();
                int h = 0;
                for (char c : value) {
                    h = 31 * h + c;
                }
                second = new Folded(raw, Arrays.copyOfRange(s, from, to), value, h);
            }
            // most recent first: a miss pushes out the older entry of the set
            cache[first + 1] = f;
            cache[first] = second;
            f = second;
        }
        hash = f.hash();
        char[] value = f.value();
        int l = value.length;
        if (l > buf.length) {
            buf = new char[Math.max(l, buf.length * 2)];
        }
        System.arraycopy(value, 0, buf, 0, l);
        len = l;
    }

    /** The current token's normalised form as a string (allocates; for tests and index building). */
    String token() {
        return new String(buf, 0, len);
    }

    private static byte classAt(char[] s, int i, int n) {
        char c = s[i];
        byte k = BMP[c];
        return k != SURROGATE ? k : classOf(Character.codePointAt(s, i, n));
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
        if (cp < 0x0F00 || cp >= 0x1000 && cp < 0x10A0 || cp >= 0x1780 && cp < 0x1800
                || cp >= 0x3040 && cp < 0x3100 || cp >= 0x3400 && cp < 0xA000) {
            return true; // Thai, Lao, Myanmar, Khmer, kana, CJK ideographs
        }
        if (cp < 0x1000 || cp >= 0x1E00 && cp < 0x2000) {
            return false; // Tibetan; Latin and Greek extended
        }
        Character.UnicodeScript script = Character.UnicodeScript.of(cp);
        return switch (script) {
            case THAI, LAO, KHMER, MYANMAR, HAN, HIRAGANA, KATAKANA, TAI_THAM, TAI_LE, NEW_TAI_LUE, TAI_VIET -> true;
            default -> false;
        };
    }
}
