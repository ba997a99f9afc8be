package io.newswatch.match;

import java.util.List;
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
 */
public record Hit(Field field, int start, int end, String text, String alias, String snippet,
                  List<Substitution> substitutions, boolean compound) {

    /** The part of the article a hit is in. */
    public enum Field { TITLE, BODY }

    /** A word of the alias ({@code Criminal}) and the paraphrase the article wrote for it ({@code Wrongdoer}). */
    public record Substitution(String aliasWord, String textWord) {
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

    /** True if some word of the alias is written as a paraphrase (approximate aliases only). */
    public boolean approximate() {
        return !substitutions.isEmpty();
    }
}
