package io.newswatch.story;

/**
 * English function words: articles, pronouns, prepositions, conjunctions, auxiliaries. A spinner
 * replaces content words with synonyms and leaves these alone (a thesaurus has nothing for
 * "of" or "which"), so their sequence, with names and numbers, survives spinning.
 *
 * <p>Looked up by the token's hash ({@link String#hashCode()} of its normalised form, as the
 * tokenizer computes it) in a small hash table: no string is built per token. A content word whose
 * hash collides with a function word's is taken for one; at 32 bits that is rare enough to ignore.
 */
final class FunctionWords {

    private static final String[] WORDS = {
            "a", "about", "above", "after", "again", "against", "all", "also", "am", "an", "and", "any", "are", "as",
            "at", "be", "because", "been", "before", "being", "below", "between", "both", "but", "by", "can",
            "could", "did", "do", "does", "doing", "down", "during", "each", "either", "else", "ever", "every",
            "few", "for", "from", "further", "had", "has", "have", "having", "he", "her", "here", "hers", "herself",
            "him", "himself", "his", "how", "however", "i", "if", "in", "into", "is", "it", "its", "itself", "just",
            "may", "me", "might", "more", "most", "must", "my", "myself", "neither", "no", "nor", "not", "now", "of",
            "off", "on", "once", "only", "or", "other", "our", "ours", "ourselves", "out", "over", "own", "per",
            "same", "shall", "she", "should", "since", "so", "some", "such", "than", "that", "the", "their",
            "theirs", "them", "themselves", "then", "there", "these", "they", "this", "those", "though", "through",
            "thus", "to", "too", "under", "until", "up", "upon", "us", "very", "via", "was", "we", "were", "what",
            "when", "where", "whether", "which", "while", "who", "whom", "whose", "why", "will", "with", "within",
            "without", "would", "yet", "you", "your", "yours"};

    /** The longest function word's length: a longer token is not looked up. */
    static final int LONGEST = java.util.Arrays.stream(WORDS).mapToInt(String::length).max().orElse(0);

    /** Open addressing, a quarter full: a token costs one or two probes. */
    private static final int[] TABLE = new int[1024];
    private static final int SLOT_SHIFT = Integer.numberOfLeadingZeros(TABLE.length - 1);
    private static final boolean[] USED = new boolean[TABLE.length];

    static {
        for (String word : WORDS) {
            int h = word.hashCode();
            int at = slot(h);
            while (USED[at] && TABLE[at] != h) {
                at = (at + 1) & (TABLE.length - 1);
            }
            TABLE[at] = h;
            USED[at] = true;
        }
    }

    private FunctionWords() {
    }

    static boolean contains(int tokenHash) {
        for (int at = slot(tokenHash); USED[at]; at = (at + 1) & (TABLE.length - 1)) {
            if (TABLE[at] == tokenHash) {
                return true;
            }
        }
        return false;
    }

    /** Fibonacci hashing: the top bits of the product, one multiplication per token. */
    private static int slot(int hash) {
        return (hash * 0x9E3779B1) >>> SLOT_SHIFT;
    }
}
