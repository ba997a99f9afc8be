package io.newswatch.bench;

import io.newswatch.watchlist.WatchedEntity;
import org.ahocorasick.trie.PayloadTrie;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A peer of the matcher: an Aho-Corasick automaton ({@code org.ahocorasick:ahocorasick}) over
 * every alias of the watchlist normalised by {@link PeerText}, one keyword per distinct
 * normalised alias carrying the ids of the entities that have it, matching whole words only
 * ({@code onlyWholeWordsWhiteSpaceSeparated}: a keyword counts where white space or the text's
 * ends surround it) with overlaps kept, so every alias found is reported. Case needs no
 * folding at match time: text and keywords are already lower case.
 */
final class AhoCorasickBaseline {

    private final PayloadTrie<String[]> trie;
    private final int keywords;

    AhoCorasickBaseline(List<WatchedEntity> entities) {
        PayloadTrie.PayloadTrieBuilder<String[]> builder = PayloadTrie.<String[]>builder().onlyWholeWordsWhiteSpaceSeparated();
        Map<String, String[]> byAlias = PeerText.keywords(entities);
        // one keyword, one payload: the trie keeps only the first payload added for a keyword
        byAlias.forEach(builder::addKeyword);
        this.trie = builder.build();
        this.keywords = byAlias.size();
    }

    /** Ids of the entities an alias of which is in the title or the body (either may be null). */
    Set<String> match(String title, String body) {
        Set<String> ids = new HashSet<>();
        trie.parseText(PeerText.article(title, body), emit -> {
            for (String id : emit.getPayload()) {
                ids.add(id);
            }
            return true;
        });
        return ids;
    }

    @Override
    public String toString() {
        return "AhoCorasick[" + keywords + " keywords]";
    }
}
