package io.newswatch.match;

import java.util.Objects;

/**
 * One mention of an entity in an article.
 *
 * @param field       where it is: the title or the body
 * @param start       offset of the first character in the original title or body string
 * @param end         offset after the last character; {@code original.substring(start, end)}
 *                    equals {@code text}. A possessive ending ({@code ’s}) is not part of the hit.
 * @param text        the mention as written in the article ({@code Myanmar}, {@code ICC},
 *                    {@code Minutes Aung Hlaing})
 * @param alias       the alias of the watchlist it matched ({@code Min Aung Hlaing})
 * @param snippet     the sentence around the mention as written, cut to about 100 characters on
 *                    each side at word boundaries ({@code …} marks a cut)
 * @param approximate true if one word differs from the alias (approximate aliases only)
 */
public record Hit(Field field, int start, int end, String text, String alias, String snippet, boolean approximate) {

    /** The part of the article a hit is in. */
    public enum Field { TITLE, BODY }

    public Hit {
        Objects.requireNonNull(field, "field");
        Objects.requireNonNull(text, "text");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(snippet, "snippet");
        if (start < 0 || end < start) {
            throw new IllegalArgumentException("bad offsets " + start + ".." + end);
        }
    }
}
