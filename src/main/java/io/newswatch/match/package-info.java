/**
 * Finding watched entities in articles: one pass over the text for the whole watchlist.
 *
 * <h2>Use</h2>
 * <pre>{@code
 * Matcher matcher = Matcher.compile(WatchlistFiles.load(Path.of("watchlist.yaml")));
 * for (EntityMentions m : matcher.match(article.title(), article.body())) {
 *     for (Hit h : m.hits()) {
 *         // m.entity().id(), h.field(), h.start(), h.end(), h.text(), h.alias(), h.snippet(), h.substitutions(), h.compound()
 *     }
 * }
 * }</pre>
 * A {@link io.newswatch.match.Matcher} is an immutable compiled watchlist, safe to share between
 * threads. When the watchlist changes, {@link io.newswatch.match.Matcher#with} or
 * {@link io.newswatch.match.Matcher#without} gives a new version in milliseconds (even at 100,000
 * entities) while the old one keeps serving; swap the reference.
 *
 * <h2>Normalisation</h2>
 * Text and aliases go through the same {@link io.newswatch.match.Tokenizer}:
 * <ul>
 *   <li>Words by Unicode word boundaries (in the manner of UAX #29): letters, digits and combining
 *       marks; an apostrophe or period between letters stays inside ({@code O'Brien},
 *       {@code U.S.}); hyphens, dashes, quotes and other punctuation split, so
 *       {@code Myanmar-based} contains {@code Myanmar}. Cyrillic, Greek, Arabic and other spaced
 *       scripts work the same way.</li>
 *   <li>Scripts written without spaces (Burmese, Thai, Lao, Khmer, Chinese, Japanese kana) are
 *       matched character by character (each character with its combining marks), so
 *       {@code မြန်မာ} is found inside {@code မြန်မာနိုင်ငံ} and {@code 北京} inside
 *       {@code 我爱北京天安门}.</li>
 *   <li>Each token: NFKC, lower case with {@code Locale.ROOT}, diacritics of Latin and Greek
 *       letters folded ({@code São} = {@code Sao}), typographic apostrophes unified, possessive
 *       {@code 's}/{@code ’s} dropped ({@code Myanmar’s} is {@code Myanmar}; the hit covers
 *       {@code Myanmar} only).</li>
 * </ul>
 * Offsets in {@link io.newswatch.match.Hit} are always into the original title or body.
 *
 * <h2>Matching</h2>
 * Aliases are paths in a trie keyed by interned token ids; the scan keeps the partial matches
 * alive at each token, so its cost depends on the text and the hits, not on the number of
 * entities. Candidate hits are then checked against the alias's {@link
 * io.newswatch.watchlist.CaseMode case mode} (on the original text), the entity's context and
 * exclude rules (their phrases are found in the same pass, case-insensitively), and overlaps: the
 * hits of one entity never overlap (the longest wins, exact before approximate), while different
 * entities may share text ("United Nations" inside "United Nations Security Council").
 * Approximate aliases (2 or more words) also match with words written as paraphrases from WordNet
 * ({@link io.newswatch.match.Thesaurus}: synonyms, similar or more general words, inflections; never
 * another proper name) around one word written as it is; an exact hit of another entity on a
 * substituted word wins. Such hits are flagged {@link io.newswatch.match.Hit#approximate()} and
 * list their {@link io.newswatch.match.Hit#substitutions()}; hits inside hyphenated compounds say
 * {@link io.newswatch.match.Hit#compound()}. Context and exclude rules may be an alias's own.
 *
 * <p>Title and body are one stream (title first) for the rules; no alias spans the two.
 *
 * <p>May import {@code watchlist} and {@code article} only.
 */
package io.newswatch.match;
