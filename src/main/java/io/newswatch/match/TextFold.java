package io.newswatch.match;

import java.text.Normalizer;
import java.util.Locale;

/**
 * Normalisation of one token (the slow path, for tokens with characters beyond ASCII): unify
 * apostrophes, NFKC, optionally lower-case with {@code Locale.ROOT}, fold diacritics of Latin and
 * Greek letters (and the diaeresis of Cyrillic ё, ї), and spell out letters that do not decompose
 * (ß, ø, ł, æ, œ, đ, þ, ı). Marks of other scripts (Burmese, Thai, Devanagari...) carry meaning
 * and are kept.
 */
final class TextFold {

    private TextFold() {
    }

    static boolean isApostrophe(int c) {
        return c == '\'' || c == '\u2019' || c == '\u2018' || c == '\u02BC' || c == '\uFF07' || c == '\u2032'
                || c == '\u00B4' || c == '\u02B9' || c == '`';
    }

    static String fold(String token, boolean lowerCase) {
        StringBuilder sb = new StringBuilder(token.length());
        for (int i = 0; i < token.length(); i++) {
            char c = token.charAt(i);
            sb.append(isApostrophe(c) ? '\'' : c);
        }
        String s = Normalizer.normalize(sb, Normalizer.Form.NFKC);
        if (lowerCase) {
            s = s.toLowerCase(Locale.ROOT);
        }
        String d = Normalizer.normalize(s, Normalizer.Form.NFD);
        sb.setLength(0);
        Character.UnicodeScript baseScript = Character.UnicodeScript.COMMON;
        for (int i = 0; i < d.length(); ) {
            int cp = d.codePointAt(i);
            i += Character.charCount(cp);
            int type = Character.getType(cp);
            if (type == Character.NON_SPACING_MARK || type == Character.ENCLOSING_MARK) {
                if (baseScript == Character.UnicodeScript.LATIN || baseScript == Character.UnicodeScript.GREEK
                        || baseScript == Character.UnicodeScript.CYRILLIC && cp == 0x0308) {
                    continue;
                }
                sb.appendCodePoint(cp);
                continue;
            }
            baseScript = cp < 0x80 ? Character.UnicodeScript.LATIN : Character.UnicodeScript.of(cp);
            String special = special(cp, lowerCase);
            if (special != null) {
                sb.append(special);
            } else {
                sb.appendCodePoint(cp);
            }
        }
        return Normalizer.normalize(sb, Normalizer.Form.NFC);
    }

    private static String special(int cp, boolean lowerCase) {
        String s = switch (cp) {
            case 'ß' -> "ss";
            case 'ẞ' -> "SS";
            case 'ø' -> "o";
            case 'Ø' -> "O";
            case 'ł' -> "l";
            case 'Ł' -> "L";
            case 'æ' -> "ae";
            case 'Æ' -> "AE";
            case 'œ' -> "oe";
            case 'Œ' -> "OE";
            case 'đ' -> "d";
            case 'Đ' -> "D";
            case 'ð' -> "d";
            case 'Ð' -> "D";
            case 'þ' -> "th";
            case 'Þ' -> "TH";
            case 'ı' -> "i";
            case 'ħ' -> "h";
            case 'Ħ' -> "H";
            case 'ς' -> "σ";
            default -> null;
        };
        return s != null && lowerCase ? s.toLowerCase(Locale.ROOT) : s;
    }
}
