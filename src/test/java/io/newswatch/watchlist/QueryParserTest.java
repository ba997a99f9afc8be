package io.newswatch.watchlist;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The query grammar: valid queries with the exact tree they parse to, invalid ones with the exact message. */
class QueryParserTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ICC                                                  | {ICC}
            `"International Criminal Court"`                    | "International Criminal Court"
            {ICC}                                                | {ICC}
            ICC OR Myanmar                                       | ({ICC} OR "Myanmar")
            ICC AND Myanmar                                      | ({ICC} AND "Myanmar")
            ICC Myanmar                                          | ({ICC} AND "Myanmar")
            ICC NOT cricket                                      | ({ICC} AND NOT "cricket")
            ICC AND NOT cricket                                  | ({ICC} AND NOT "cricket")
            ICC -cricket                                         | ({ICC} AND NOT "cricket")
            NOT cricket AND ICC                                  | (NOT "cricket" AND {ICC})
            ICC NEAR/5 warrant                                   | ({ICC} NEAR/5 "warrant")
            ICC ONEAR/5 warrant                                  | ({ICC} ONEAR/5 "warrant")
            ICC NEAR/5f warrant                                  | ({ICC} ONEAR/5 "warrant")
            a NEAR/2 b NEAR/3 c                                  | (("a" NEAR/2 "b") NEAR/3 "c")
            a NEAR/2 b AND c                                     | (("a" NEAR/2 "b") AND "c")
            (a OR b) NEAR/5 (c OR d)                             | (("a" OR "b") NEAR/5 ("c" OR "d"))
            title:Rosatom                                        | title:"Rosatom"
            title:(Rosatom OR Rosneft)                           | (title:"Rosatom" OR title:"Rosneft")
            `body:"nuclear plant" AND title:{ICC}`              | (body:"nuclear plant" AND title:{ICC})
            ICC AND source:reuters.com                           | ({ICC} AND source:reuters.com)
            ICC AND site:Reuters.com                             | ({ICC} AND source:reuters.com)
            ICC AND lang:en                                      | ({ICC} AND lang:en)
            ICC AND (lang:en OR source:tass)                     | ({ICC} AND (lang:en OR source:tass))
            @icc AND @myanmar                                    | (@icc AND @myanmar)
            (ICC OR @icc) AND (warrant OR judges) NOT cricket    | (({ICC} OR @icc) AND ("warrant" OR "judges") AND NOT "cricket")
            `("International Criminal Court" OR ICC) AND (warrant OR judges OR court) NOT cricket` | (("International Criminal Court" OR {ICC}) AND ("warrant" OR "judges" OR "court") AND NOT "cricket")
            U.S.-led                                             | "U.S.-led"
            `"10:30"`                                            | "10:30"
            why?                                                 | "why?"
            `“Min Aung Hlaing”`                                 | "Min Aung Hlaing"
            """)
    void parses(String query, String tree) {
        assertThat(Query.parse(query).root()).hasToString(tree);
    }

    @ParameterizedTest(name = "[{index}] {0}")
    @CsvSource(delimiter = '|', quoteCharacter = '`', textBlock = """
            ``                         | 1  | the query is empty
            `ICC AND`                  | 8  | expected a word, a "phrase", {exact words}, @entity, a field: or '(' at column 8, found the end of the query
            `AND ICC`                  | 1  | expected a word, a "phrase", {exact words}, @entity, a field: or '(' at column 1, found 'AND'; a word missing before or after it?
            `(ICC OR Myanmar`          | 16 | expected ')' for the '(' at column 1, found the end of the query
            `ICC)`                     | 4  | ')' at column 4 closes no '('
            `()`                       | 1  | '()' at column 1 is empty
            `"ICC`                     | 1  | the quote at column 1 is not closed
            `{ICC`                     | 1  | the '{' at column 1 is not closed
            `ICC}`                     | 4  | '}' at column 4 closes no '{'
            `""`                       | 1  | the term at column 1 has no letter or digit to look for
            `ICC and warrant`          | 5  | 'and' at column 5 would be looked for as a word: operators are written in capitals (AND); to look for the word, quote it ("and")
            `ICC or warrant`           | 5  | 'or' at column 5 would be looked for as a word: operators are written in capitals (OR); to look for the word, quote it ("or")
            `ICC OR Myanmar AND court` | 16 | AND at column 16 and OR at column 5 without parentheses: write (a OR b) AND c, or a OR (b AND c)
            `ICC OR Myanmar court`     | 16 | words side by side (an AND) at column 16 and OR at column 5 without parentheses: write (a OR b) AND c, or a OR (b AND c)
            `NOT cricket`              | 1  | the query can be true of an article that contains none of its words: give at least one word, phrase or @entity that is not under NOT (source:, lang: and NOT only narrow what the words find)
            `source:reuters.com`       | 1  | the query can be true of an article that contains none of its words: give at least one word, phrase or @entity that is not under NOT (source:, lang: and NOT only narrow what the words find)
            `(ICC OR -cricket) AND lang:en` | 9 | the OR branch at column 9 is true of an article without any of the query's words: give it a word, phrase or @entity of its own, or move its NOT, source: or lang: outside the OR
            `ICC OR -cricket`          | 8  | the OR branch at column 8 is true of an article without any of the query's words: give it a word, phrase or @entity of its own, or move its NOT, source: or lang: outside the OR
            `ICC NEAR warrant`         | 5  | NEAR at column 5 needs a distance in words: NEAR/5
            `ICC NEAR/x warrant`       | 5  | 'NEAR/x' at column 5 is not a proximity operator: write NEAR/5, ONEAR/5 or NEAR/5f
            `ICC NEAR/5000 warrant`    | 5  | NEAR/5000 at column 5: at most NEAR/1000
            `ICC NEAR/5 lang:en`       | 12 | NEAR/5 at column 5 needs words on both sides; the one at column 12 has only NOT, source: or lang: clauses
            `ICC - cricket`            | 5  | '-' at column 5 must be followed by what it excludes, without a space: -cricket
            `ICC AND &`                | 9  | '&' at column 9 has no letter or digit to look for
            `@ICC`                     | 1  | '@ICC' at column 1 is not an entity id ([a-z0-9][a-z0-9._-]{0,63})
            `title:(@icc)`             | 8  | @icc at column 8 inside title:, but an entity is found in title and body alike
            `title:(body:ICC)`         | 8  | body: at column 8 inside title:
            `title: ICC`               | 1  | title: at column 1 needs what to look for right after it: title:word
            `Luxemb* AND bank`         | 1  | 'Luxemb*' at column 1: wildcards are not supported; write the forms out, (Luxembourg OR Luxemburg)
            `(cake OR pie)~5`          | 14 | '~5' at column 14: proximity is written between the two parts, (a OR b) NEAR/5 (c OR d)
            `url:msn.com AND Cowell`   | 1  | 'url:' at column 1 is not a field: newswatch has title:, body:, source: (or site:) and lang:; to look for the text, quote it ("url:msn.com")
            `ICC AND source:(a OR b)`  | 16 | expected a value after source: at column 9, found '('; for several, write (source:a OR source:b)
            """)
    void refuses(String query, int column, String message) {
        assertThatThrownBy(() -> Query.parse(query == null ? "" : query))
                .isInstanceOf(QueryException.class)
                .hasMessage(message)
                .satisfies(e -> assertThat(((QueryException) e).column()).isEqualTo(column));
    }
}
