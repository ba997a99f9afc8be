package io.newswatch.match;

import io.newswatch.article.Article;
import io.newswatch.watchlist.Alias;
import io.newswatch.watchlist.CaseMode;
import io.newswatch.watchlist.WatchedEntity;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MatcherTest {

    private static final WatchedEntity ICC = WatchedEntity.builder("icc").name("International Criminal Court")
            .alias("ICC")
            .alias(new Alias("International Criminal Court", CaseMode.INSENSITIVE, true))
            .context("court", "judges", "warrant", "prosecutor")
            .exclude("cricket")
            .build();

    private static Matcher matcherOf(WatchedEntity... entities) {
        return Matcher.compile(List.of(entities));
    }

    private static List<String> texts(Matcher m, String body) {
        return m.match(null, body).stream().flatMap(em -> em.hits().stream()).map(Hit::text).toList();
    }

    private static List<String> ids(Matcher m, String body) {
        return m.match(null, body).stream().map(EntityMentions::id).toList();
    }

    // ---- whole tokens, case modes

    @Test
    void shouldNotMatchIccInsideIcca() {
        Matcher m = matcherOf(WatchedEntity.of("icc", "ICC", "ICC"));

        assertThat(texts(m, "The ICCA arbitration congress met in Hong Kong.")).isEmpty();
        assertThat(texts(m, "The ICC met in The Hague.")).containsExactly("ICC");
    }

    @Test
    void shouldNotMatchLowerCaseIccForAnAcronymAlias() {
        Matcher m = matcherOf(WatchedEntity.of("icc", "ICC", "ICC"));

        assertThat(texts(m, "the icc and the Icc are not the court")).isEmpty();
        assertThat(texts(m, "ICC JUDGES ISSUE WARRANT")).containsExactly("ICC");
    }

    @Test
    void shouldNotMatchLowerCaseWordForSmartAliasButMatchTitleAndAllCaps() {
        Matcher m = matcherOf(WatchedEntity.of("turkey", "Turkey", "Turkey"));

        assertThat(texts(m, "We ate turkey at Thanksgiving.")).isEmpty();
        assertThat(texts(m, "Turkey closes its border. TURKEY CLOSES ITS BORDER.")).containsExactly("Turkey", "TURKEY");
    }

    @Test
    void shouldMatchAnyCaseForInsensitiveAlias() {
        Matcher m = matcherOf(WatchedEntity.builder("turkey").alias(new Alias("Turkey", CaseMode.INSENSITIVE, false)).build());

        assertThat(texts(m, "We ate turkey and Turkey.")).containsExactly("turkey", "Turkey");
    }

    @Test
    void shouldRequireExactCapitalsForExactAlias() {
        Matcher m = matcherOf(WatchedEntity.builder("ebay").alias(new Alias("eBay", CaseMode.EXACT, false)).build());

        assertThat(texts(m, "Sold on eBay, not on EBAY or Ebay.")).containsExactly("eBay");
    }

    // ---- normalisation

    @Test
    void shouldMatchPossessivesAndHyphenatedCompounds() {
        Matcher m = matcherOf(WatchedEntity.of("myanmar", "Myanmar", "Myanmar"));
        String body = "Myanmar's army, Myanmar’s junta, MYANMAR'S CHIEF and a Myanmar-based NGO.";

        List<Hit> hits = m.match(null, body).get(0).hits();

        assertThat(hits).extracting(Hit::text).containsExactly("Myanmar", "Myanmar", "MYANMAR", "Myanmar");
        assertThat(hits).allSatisfy(h -> assertThat(body.substring(h.start(), h.end())).isEqualTo(h.text()));
    }

    @Test
    void shouldFoldDiacriticsWidthAndTypographicApostrophes() {
        Matcher m = matcherOf(
                WatchedEntity.of("sao-paulo", "São Paulo", "São Paulo"),
                WatchedEntity.of("obrien", "O'Brien", "O'Brien"),
                WatchedEntity.of("icc", "ICC", "ICC"));

        assertThat(ids(m, "Flooding in Sao Paulo")).containsExactly("sao-paulo");
        assertThat(ids(m, "SÃO PAULO floods")).containsExactly("sao-paulo");
        assertThat(ids(m, "said Conor O’Brien")).containsExactly("obrien");
        assertThat(texts(m, "the ＩＣＣ said")).containsExactly("ＩＣＣ");
    }

    @Test
    void shouldMatchCyrillicAndGreekAliasesAtWordBoundaries() {
        Matcher m = matcherOf(
                WatchedEntity.of("rosatom", "Rosatom", "Rosatom", "Росатом"),
                WatchedEntity.of("athens", "Athens", "Αθήνα"));
        String ru = "Госкорпорация «Росатом» заявила, что Росатомэнерго не при чём.";

        List<Hit> hits = m.match(null, ru).get(0).hits();

        assertThat(hits).extracting(Hit::text).containsExactly("Росатом");
        assertThat(ru.substring(hits.get(0).start(), hits.get(0).end())).isEqualTo("Росатом");
        assertThat(ids(m, "ΣΕΙΣΜΟΣ ΣΤΗΝ ΑΘΗΝΑ")).containsExactly("athens");
    }

    @Test
    void shouldFindBurmeseAliasInsideBurmeseTextWrittenWithoutSpaces() {
        Matcher m = matcherOf(WatchedEntity.of("myanmar", "Myanmar", "Myanmar", "မြန်မာ"));
        String body = "မြန်မာနိုင်ငံ စစ်ကောင်စီ ခေါင်းဆောင်";

        List<Hit> hits = m.match(null, body).get(0).hits();

        assertThat(hits).hasSize(1);
        assertThat(hits.get(0).start()).isZero();
        assertThat(hits.get(0).text()).isEqualTo("မြန်မာ");
    }

    @Test
    void shouldNotMatchBurmeseAliasThatStopsInsideASyllable() {
        // "မြန်" + "မ" is not "မြန်မာ": the text's syllable is မာ with its vowel sign
        Matcher m = matcherOf(WatchedEntity.of("x", "x", "မြန်မ"));

        assertThat(texts(m, "မြန်မာနိုင်ငံ")).isEmpty();
    }

    @Test
    void shouldFindChineseJapaneseAndThaiAliasesInsideRunningText() {
        Matcher m = matcherOf(
                WatchedEntity.of("beijing", "Beijing", "北京"),
                WatchedEntity.of("tokyo", "Tokyo", "東京"),
                WatchedEntity.of("bangkok", "Bangkok", "กรุงเทพ"));

        assertThat(ids(m, "我爱北京天安门")).containsExactly("beijing");
        assertThat(ids(m, "東京都に住んでいます")).containsExactly("tokyo");
        assertThat(ids(m, "น้ำท่วมกรุงเทพมหานคร")).containsExactly("bangkok");
        assertThat(ids(m, "南京大学")).isEmpty();
    }

    // ---- rules

    @Test
    void shouldVetoIccCricketSentenceByContextRule() {
        Matcher m = matcherOf(ICC);

        assertThat(ids(m, "The ICC announced the schedule of the T20 World Cup in Dubai.")).isEmpty();
        assertThat(ids(m, "ICC judges approved the arrest warrant.")).containsExactly("icc");
    }

    @Test
    void shouldVetoHitWithExcludedPhraseNearby() {
        Matcher m = matcherOf(ICC);

        // a context word is present, but so is the excluded one
        assertThat(ids(m, "The ICC cricket tribunal heard the court appeal of the batsman.")).isEmpty();
    }

    @Test
    void shouldApplyContextWindowInTokens() {
        WatchedEntity narrow = ICC.toBuilder().contextWindow(3).build();
        String far = "ICC spokesman said on Monday in a long statement to reporters that the judges";

        assertThat(ids(matcherOf(narrow), far)).isEmpty();
        assertThat(ids(matcherOf(ICC), far)).containsExactly("icc");
        assertThat(ids(matcherOf(narrow), "the ICC said judges")).containsExactly("icc");
    }

    @Test
    void shouldApplyRulesAnywhereInTheArticleWhenConfigured() {
        WatchedEntity anywhere = ICC.toBuilder().contextWindow(WatchedEntity.ANYWHERE).build();
        String body = "ICC said so. " + "Filler words follow here. ".repeat(30) + "The judges agreed.";

        assertThat(ids(matcherOf(ICC), body)).isEmpty();
        assertThat(ids(matcherOf(anywhere), body)).containsExactly("icc");
    }

    @Test
    void shouldApplyRulesAcrossTitleAndBody() {
        Matcher m = matcherOf(ICC);

        List<EntityMentions> found = m.match("ICC moves against junta chief", "Judges will decide on the warrant.");

        assertThat(found).hasSize(1);
        assertThat(found.get(0).hits().get(0).field()).isEqualTo(Hit.Field.TITLE);
    }

    // ---- approximate phrases

    @Test
    void shouldMatchOneSubstitutedWordAsApproximate() {
        Matcher m = matcherOf(ICC);

        List<Hit> hits = m.match(null, "The International Wrongdoer Court issued a warrant.").get(0).hits();

        assertThat(hits).extracting(Hit::text, Hit::approximate)
                .containsExactly(org.assertj.core.api.Assertions.tuple("International Wrongdoer Court", true));
    }

    @Test
    void shouldMatchParaphrasesAroundAWordWrittenAsItIsButNotOtherWordsOrNumbers() {
        Matcher m = matcherOf(ICC);

        assertThat(ids(m, "The International Wrongdoer Tribunal issued a warrant.")).containsExactly("icc");
        assertThat(ids(m, "The Worldwide Wrongdoer Tribunal issued a warrant.")).isEmpty();
        assertThat(ids(m, "The International Banana Court issued a warrant.")).isEmpty();
        assertThat(ids(m, "The International 42 Court issued a warrant.")).isEmpty();
    }

    @Test
    void shouldFlagTheExactPhraseAsNotApproximate() {
        Matcher m = matcherOf(ICC);

        List<Hit> hits = m.match(null, "The International Criminal Court issued a warrant.").get(0).hits();

        assertThat(hits).singleElement().satisfies(h -> {
            assertThat(h.text()).isEqualTo("International Criminal Court");
            assertThat(h.approximate()).isFalse();
        });
    }

    @Test
    void shouldNotMatchApproximatelyWhenAliasHasNotOptedIn() {
        Matcher m = matcherOf(WatchedEntity.of("mah", "Min Aung Hlaing", "Min Aung Hlaing"));

        assertThat(ids(m, "General Minutes Aung Hlaing arrived.")).isEmpty();
        assertThat(ids(m, "General Min Aung Hlaing arrived.")).containsExactly("mah");
    }

    // ---- overlaps

    @Test
    void shouldCountOverlappingAliasesOfOneEntityOnceLongestWins() {
        Matcher m = matcherOf(WatchedEntity.of("assk", "Aung San Suu Kyi", "Suu Kyi", "Aung San Suu Kyi", "Aung San"));

        List<Hit> hits = m.match(null, "Aung San Suu Kyi spoke. Later Suu Kyi left.").get(0).hits();

        assertThat(hits).extracting(Hit::text).containsExactly("Aung San Suu Kyi", "Suu Kyi");
    }

    @Test
    void shouldReportEveryEntityWhenDifferentEntitiesOverlap() {
        Matcher m = matcherOf(
                WatchedEntity.of("unsc", "UN Security Council", "United Nations Security Council"),
                WatchedEntity.of("un", "United Nations", "United Nations"));

        List<EntityMentions> found = m.match(null, "The United Nations Security Council met.");

        assertThat(found).extracting(EntityMentions::id).containsExactly("unsc", "un");
        assertThat(found.get(1).hits().get(0).text()).isEqualTo("United Nations");
    }

    @Test
    void shouldListEntitiesInOrderOfFirstHitTitleFirst() {
        Matcher m = matcherOf(
                WatchedEntity.of("a", "Alpha", "Alpha"),
                WatchedEntity.of("b", "Bravo", "Bravo"),
                WatchedEntity.of("c", "Charlie", "Charlie"));

        List<EntityMentions> found = m.match("Charlie leads", "Bravo and Alpha, then Charlie again.");

        assertThat(found).extracting(EntityMentions::id).containsExactly("c", "b", "a");
        assertThat(found.get(0).hits()).extracting(Hit::field).containsExactly(Hit.Field.TITLE, Hit.Field.BODY);
    }

    @Test
    void shouldNotMatchAPhraseAcrossTitleAndBody() {
        Matcher m = matcherOf(WatchedEntity.of("un", "United Nations", "United Nations"));

        assertThat(m.match("Talks at the United", "Nations of the world agree.")).isEmpty();
    }

    @Test
    void shouldGiveOffsetsAndSnippetInTheOriginalTitleOrBody() {
        Matcher m = matcherOf(WatchedEntity.of("rosatom", "Rosatom", "Rosatom"));
        Article a = new Article("a1", null, null, "Deal signed – Rosatom’s plant", "A new plant. Rosatom will build it in Myanmar. Done.", null, null);

        List<Hit> hits = m.match(a).get(0).hits();

        assertThat(hits).hasSize(2);
        assertThat(a.title().substring(hits.get(0).start(), hits.get(0).end())).isEqualTo("Rosatom");
        assertThat(hits.get(1).start()).isEqualTo(a.body().indexOf("Rosatom"));
        assertThat(hits.get(1).snippet()).isEqualTo("Rosatom will build it in Myanmar.");
        assertThat(hits.get(1).alias()).isEqualTo("Rosatom");
    }

    // ---- versions

    @Test
    void shouldAddReplaceAndRemoveEntitiesAsNewVersions() {
        Matcher v1 = matcherOf(WatchedEntity.of("myanmar", "Myanmar", "Myanmar"));
        String body = "Burma, officially Myanmar, and the Rohingya.";

        Matcher v2 = v1.with(WatchedEntity.of("rohingya", "Rohingya", "Rohingya"));
        Matcher v3 = v2.with(WatchedEntity.of("myanmar", "Myanmar", "Burma"));
        Matcher v4 = v3.without("rohingya");

        assertThat(ids(v1, body)).containsExactly("myanmar");
        assertThat(ids(v2, body)).containsExactly("myanmar", "rohingya");
        assertThat(texts(v3, body)).containsExactly("Burma", "Rohingya");
        assertThat(ids(v4, body)).containsExactly("myanmar");
        assertThat(texts(v4, body)).containsExactly("Burma");
        assertThat(v1.size()).isEqualTo(1);
        assertThat(v2.size()).isEqualTo(2);
        assertThat(v4.size()).isEqualTo(1);
        assertThat(v3.entities()).extracting(WatchedEntity::id).containsExactly("myanmar", "rohingya");
        assertThat(v4.entity("rohingya")).isEmpty();
        assertThat(v3.entity("myanmar")).get().extracting(WatchedEntity::aliases).asList().containsExactly(Alias.of("Burma"));
        assertThat(v4.without("nobody")).isSameAs(v4);
    }

    @Test
    void shouldRefuseDuplicateIdsWhenCompiling() {
        assertThatThrownBy(() -> matcherOf(WatchedEntity.of("x", "X", "Xavier"), WatchedEntity.of("x", "X", "Xenia")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate entity id 'x'");
    }

    @Test
    void shouldGiveTheSameResultsToConcurrentCallers() throws Exception {
        Matcher m = matcherOf(ICC, WatchedEntity.of("myanmar", "Myanmar", "Myanmar"));
        String body = "ICC judges and Myanmar. ".repeat(200);
        List<EntityMentions> expected = m.match(null, body);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<List<EntityMentions>>> results = new ArrayList<>();
            for (int i = 0; i < 40; i++) {
                results.add(pool.submit(() -> m.match(null, body)));
            }
            for (Future<List<EntityMentions>> f : results) {
                assertThat(f.get(30, TimeUnit.SECONDS)).isEqualTo(expected);
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(expected.get(0).hits()).hasSize(200);
    }

    @Test
    void shouldMatchNothingInEmptyOrNullText() {
        Matcher m = matcherOf(ICC);

        assertThat(m.match((String) null, null)).isEmpty();
        assertThat(m.match("", "  ")).isEmpty();
        assertThat(Matcher.empty().match("ICC", "ICC judges")).isEmpty();
    }

    @Test
    void shouldTokenizeAsDocumented() {
        assertThat(Tokenizer.tokens("Myanmar’s Naypyidaw-based ICC, U.S. O’Brien 3.5 Straße Росатом"))
                .containsExactly("myanmar", "naypyidaw", "based", "icc", "u.s", "o'brien", "3.5", "strasse", "росатом");
        assertThat(Tokenizer.tokens("မြန်မာ")).containsExactly("မြ", "န်", "မာ");
    }

    @Test
    void shouldTokenizePlainAsciiWordsAndHandOverWhatMayContinueThem() {
        // ASCII words end at white space or punctuation in one pass; an apostrophe, period or comma
        // followed by a letter or digit, or a character beyond ASCII, goes to the general path
        assertThat(Tokenizer.tokens("Trump's plan, in 2019. A4 paper; O'Brien's U.S. office: 3,500 x.y end."))
                .containsExactly("trump", "plan", "in", "2019", "a4", "paper", "o'brien", "u.s", "office", "3,500", "x.y", "end");
        assertThat(Tokenizer.tokens("Zoë café-AU Trump’s “ICC” 1.5% ok'"))
                .containsExactly("zoe", "cafe", "au", "trump", "icc", "1.5", "ok");
    }

    @Test
    void shouldClassifyCharactersBeyondLatinByTableAndSurrogatePairsByCodePoint() {
        // Devanagari vowel signs are marks inside the word, Arabic and Cyrillic words stand alone;
        // a letter outside the Basic Multilingual Plane (mathematical bold A, NFKC "a") is one
        // letter made of two chars, an emoji between words separates them, a lone surrogate too
        assertThat(Tokenizer.tokens("मैं मैसूर से हूँ, دبي Москва"))
                .containsExactly("मैं", "मैसूर", "से", "हूँ", "دبي", "москва");
        assertThat(Tokenizer.tokens("\uD835\uDC00BC x\uD83D\uDE00y z\uD800w"))
                .containsExactly("abc", "x", "y", "z", "w");
    }

    @Test
    void shouldFoldNonLatinWordsCorrectlyWhenMoreOfThemRecurThanTheCacheHolds() {
        // Cyrillic words beyond Latin-1 take the folding path, whose results are cached per scanner;
        // 40,000 distinct words evict one another, and every word must still fold to its own form
        StringBuilder text = new StringBuilder();
        List<String> expected = new ArrayList<>();
        for (int round = 0; round < 2; round++) {
            for (int i = 0; i < 40_000; i++) {
                String word = "Ж" + Integer.toString(i, 8).chars()
                        .mapToObj(d -> String.valueOf((char) ('А' + d - '0'))).reduce("", String::concat);
                text.append(word).append(' ');
                expected.add(word.toLowerCase(java.util.Locale.ROOT));
            }
        }
        assertThat(Tokenizer.tokens(text.toString())).isEqualTo(expected);
    }

    @Test
    void shouldShowTheSentenceAroundEachHitWhateverItsPlaceInTheText() {
        // sentences are found around each hit only: the field's first sentence, one too long to
        // show whole (cut on both sides), a hit across two sentences, the text's last sentence
        Matcher m = matcherOf(WatchedEntity.builder("rosatom").name("Rosatom").alias("Rosatom").build(),
                WatchedEntity.builder("mr").name("Myanmar Rosatom").alias("Myanmar Rosatom").build());
        String body = "Rosatom opens. Then it said so. " + "word ".repeat(30) + "Rosatom" + " more".repeat(30)
                + ".\nIn Myanmar. Rosatom left. Short: Rosatom!";
        List<String> snippets = m.match("Rosatom in Myanmar", body).stream()
                .flatMap(em -> em.hits().stream().map(h -> em.id() + " " + h.field() + " " + h.snippet())).toList();
        assertThat(snippets).containsExactly(
                "rosatom TITLE Rosatom in Myanmar",
                "rosatom BODY Rosatom opens.",
                "rosatom BODY …" + "word ".repeat(19) + "Rosatom" + " more".repeat(19) + "…",
                "rosatom BODY Rosatom left.",
                "rosatom BODY Short: Rosatom!",
                "mr BODY In Myanmar. Rosatom left.");
    }
}
