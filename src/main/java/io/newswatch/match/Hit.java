package io.newswatch.match;

import io.newswatch.watchlist.CaseMode;

import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * One mention of an entity in an article.
 *
 * @param field         where it is: the title or the body
 * @param start         offset of the first character in the original title or body string
 * @param end           offset after the last character; {@code original.substring(start, end)}
 *                      equals {@code text}. A possessive ending ({@code ’s}) is not part of the hit.
 * @param text          the mention as written in the article ({@code Myanmar}, {@code ICC},
 *                      {@code Minutes Aung Hlaing})
 * @param alias         the alias of the watchlist it matched ({@code Min Aung Hlaing})
 * @param snippet       the sentence around the mention as written, cut to about 100 characters on
 *                      each side at word boundaries ({@code …} marks a cut)
 * @param substitutions the words of an approximate alias written as a paraphrase, in order
 *                      ({@code Min} as {@code Minutes}); empty for an exact hit
 * @param compound      the mention is part of a hyphenated compound: {@code U.S.-led},
 *                      {@code London-based}, {@code pro-NATO}
 * @param caseMode      the case rule the alias was matched with; null for a word of a query
 * @param context       the context term nearest to the hit that satisfied the entity's (or the
 *                      alias's) context rule, or null where there is none
 * @param possessive    the text goes on with a possessive {@code ’s} that the hit leaves out
 */
public record Hit(Field field, int start, int end, String text, String alias, String snippet,
                  List<Substitution> substitutions, boolean compound, CaseMode caseMode, Context context, boolean possessive) {

    /** The part of the article a hit is in. */
    public enum Field { TITLE, BODY }

    /** A word of the alias ({@code Criminal}) and the paraphrase the article wrote for it ({@code Wrongdoer}). */
    public record Substitution(String aliasWord, String textWord) {
    }

    /**
     * A context term as written and where it is: {@code words} words {@code before} or
     * {@code after} the hit, or {@code inside} it (a term that is part of the hit itself).
     */
    public record Context(String term, int words, Side side) {

        /** Where a context term is against the hit. */
        public enum Side { BEFORE, AFTER, INSIDE }

        /** "right after", "2 words before", "in the hit itself". */
        public String where() {
            if (side == Side.INSIDE) {
                return "in the hit itself";
            }
            String direction = side == Side.BEFORE ? "before" : "after";
            return words == 0 ? "right " + direction : words + (words == 1 ? " word " : " words ") + direction;
        }
    }

    public Hit {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(snippet, "snippet");
        substitutions = List.copyOf(substitutions);
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad offsets " + start + ".." + end);
        }
    }

    /**
     * Why this is a hit, in one line: the alias and its case rule, the paraphrased words, the
     * context term and where, compound, possessive ("alias 'ICC', exact case, context 'judges'
     * right after").
     */
    public String why() {
        StringBuilder sb = new StringBuilder(caseMode == null ? "query word '" : "alias '").append(alias).append('\'');
        if (caseMode != null) {
            sb.append(", ").append(caseMode.name().toLowerCase(Locale.ROOT)).append(" case");
        }
        if (approximate()) {
            sb.append(", approximate:");
            substitutions.forEach(s -> sb.append(' ').append(s.aliasWord()).append(" → ").append(s.textWord()));
            sb.append(" (WordNet)");
        }
        if (context != null) {
            sb.append(", context '").append(context.term()).append("' ").append(context.where());
        }
        if (compound) {
            sb.append(", in a hyphenated compound");
        }
        if (possessive) {
            sb.append(", possessive ’s left out");
        }
        return sb.toString();
    }

    /** True if some word of the alias is written as a paraphrase (approximate aliases only). */
    public boolean approximate() {
        return !substitutions.isEmpty();
    }
}
