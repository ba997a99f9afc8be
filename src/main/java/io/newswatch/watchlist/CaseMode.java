package io.newswatch.watchlist;

import java.util.Locale;

/**
 * How an alias treats letter case in the text.
 *
 * <ul>
 *   <li>{@link #INSENSITIVE}: any case matches ({@code court}, {@code Court}, {@code COURT}).</li>
 *   <li>{@link #SMART}: a word written all in lower case in the text does not match an alias word
 *       that has a capital ("turkey" is not Turkey), while title case and ALL CAPS headlines do.
 *       The default for aliases with capitals.</li>
 *   <li>{@link #EXACT}: the text must have the alias's capitals exactly ({@code ICC}, never
 *       {@code icc} or {@code Icc}). The default for all-capitals aliases of 2 to 5 letters
 *       (ICC, NATO, UN).</li>
 * </ul>
 * Diacritics, width and typographic variants are folded in every mode; only case differs.
 */
public enum CaseMode {
    INSENSITIVE,
    SMART,
    EXACT;

    /** The mode an alias gets when none is given, by the rules above. */
    public static CaseMode defaultFor(String alias) {
        int letters = 0;
        boolean upper = false;
        boolean lower = false;
        for (int i = 0; i < alias.length(); ) {
            int cp = alias.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                letters++;
                if (Character.isUpperCase(cp) || Character.isTitleCase(cp)) {
                    upper = true;
                } else if (Character.isLowerCase(cp)) {
                    lower = true;
                }
            }
        }
        if (upper && !lower && letters >= 2 && letters <= 5) {
            return EXACT;
        }
        return upper ? SMART : INSENSITIVE;
    }

    /** Parses {@code smart}, {@code SMART}, {@code Exact}...; null if the name is unknown. */
    static CaseMode parse(String s) {
        try {
            return valueOf(s.strip().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
