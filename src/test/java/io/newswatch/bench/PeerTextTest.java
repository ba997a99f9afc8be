package io.newswatch.bench;

import io.newswatch.match.Matcher;
import io.newswatch.watchlist.WatchedEntity;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Set;
import java.util.TreeSet;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PeerTextTest {

    private static final List<WatchedEntity> WATCHLIST = BenchData.comparable(List.of(
            WatchedEntity.of("mexico-city", "Mexico City", "Mexico City"),
            WatchedEntity.of("bush", "President Bush", "President Bush"),
            WatchedEntity.of("sao-paulo", "São Paulo", "São Paulo"),
            WatchedEntity.of("moscow", "Москва", "Москва"),
            WatchedEntity.of("obrien", "O'Brien", "O'Brien"),
            WatchedEntity.of("brien", "Brien", "Brien"),
            WatchedEntity.of("us", "U.S.", "U.S."),
            WatchedEntity.of("price", "3,500 dollars", "3,500 dollars"),
            WatchedEntity.of("states", "States", "States"),
            WatchedEntity.of("united-states", "United States", "United States")));

    @Test
    void shouldJoinTheMatchersTokensWithSpacesAndMarkTitleAndBody() {
        assertThat(PeerText.article("Myanmar’s Naypyidaw-based ICC", "SÃO Paulo today"))
                .isEqualTo(" myanmar | naypyidaw based icc | sao paulo today "); // an inner possessive ends a phrase
        assertThat(PeerText.article(null, "Москва")).isEqualTo(" москва ");
    }

    @Test
    void shouldMarkWherePunctuationEndsAPhrase() {
        assertThat(PeerText.article(null, "from Mexico, City officials (Mexico) City; President's Bush doctrine"))
                .isEqualTo(" from mexico | city officials | mexico | city | president | bush doctrine ");
        assertThat(PeerText.article(null, "cost 3,500 dollars; President Bush's plan"))
                .isEqualTo(" cost 3,500 dollars | president bush | plan ");
        assertThat(PeerText.article(null, "O'Sullivan's, St. Louis, the 1990's"))
                .isEqualTo(" o'sullivan | | st louis | the 1990 s ");
    }

    @Test
    void shouldNormaliseAliasesLikeTheMatcherAndRefuseInnerBreaks() {
        assertThat(PeerText.alias("São  Paulo")).isEqualTo("sao paulo");
        assertThat(PeerText.alias("President Bush's")).isEqualTo("president bush");
        assertThat(PeerText.alias("U.S.")).isEqualTo("u.s");
        assertThatThrownBy(() -> PeerText.alias("Washington, D.C.")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void shouldFindTheSameEntitiesAsTheMatcher() {
        List<String[]> articles = List.of(
                new String[] {"Mexico", "City officials met in Mexico City, then in São Paulo."},
                new String[] {"From Mexico, City officials", "President's Bush doctrine; President Bush's plan"},
                new String[] {null, "O'Brien met the U.S. envoy in Москва for 3,500 dollars and the United States"},
                new String[] {"Brien", "Москвары United-States"});
        Matcher matcher = Matcher.compile(WATCHLIST);
        AhoCorasickBaseline ahoCorasick = new AhoCorasickBaseline(WATCHLIST);
        try (HyperscanBaseline hyperscan = new HyperscanBaseline(WATCHLIST);
             HyperscanBaseline.Scratch scratch = hyperscan.newScratch()) {
            for (String[] a : articles) {
                Set<String> expected = new TreeSet<>();
                matcher.match(a[0], a[1]).forEach(m -> expected.add(m.id()));
                assertThat(new TreeSet<>(ahoCorasick.match(a[0], a[1]))).as("aho-corasick on %s", a[1]).isEqualTo(expected);
                assertThat(new TreeSet<>(scratch.match(a[0], a[1]))).as("hyperscan on %s", a[1]).isEqualTo(expected);
            }
            assertThat(ahoCorasick.match(null, "O'Brien met the U.S. envoy in Москва for 3,500 dollars"))
                    .containsExactlyInAnyOrder("obrien", "us", "moscow", "price");
        }
    }
}
