package io.newswatch.match;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** WordNet as the matcher reads it: paraphrases, inflections, proper names. */
class ThesaurusTest {

    private final Thesaurus wordNet = Thesaurus.wordNet();

    @Test
    void paraphrasesAreSynonymsSimilarAdjectivesAndMoreGeneralWords() {
        assertThat(wordNet.paraphrases("court")).contains("tribunal", "judicature");
        assertThat(wordNet.paraphrases("international")).contains("worldwide", "global");
        assertThat(wordNet.paraphrases("criminal")).contains("felon", "wrongdoer");
        assertThat(wordNet.paraphrases("min")).contains("minute");
        assertThat(wordNet.paraphrases("united")).contains("joined");
    }

    @Test
    void properNamesAreNoParaphrase() {
        assertThat(wordNet.paraphrases("gulf")).doesNotContain("mexico", "aden");
        assertThat(wordNet.paraphrases("city")).doesNotContain("time", "times");
        assertThat(wordNet.paraphrases("health")).doesNotContain("trade");
        assertThat(wordNet.paraphrases("state")).doesNotContain("defense");
        assertThat(wordNet.paraphrases("min")).doesNotContain("fukien", "amoy");
    }

    @Test
    void phrasesOfSeveralWordsAndFullerFormsOfTheSameName() {
        assertThat(wordNet.phraseParaphrases("party")).contains("political party");
        assertThat(wordNet.phraseParaphrases("house")).contains("business firm");
        assertThat(wordNet.phraseParaphrases("york")).contains("house of york");
        assertThat(wordNet.phraseParaphrases("harris")).contains("sir arthur travers harris");
        // a fuller name must contain the word: another name of the same sense is no paraphrase
        assertThat(wordNet.phraseParaphrases("mexico")).doesNotContain("united mexican states");
    }

    @Test
    void lemmasByWordNetsRules() {
        assertThat(wordNet.lemmas("tribunals")).contains("tribunal");
        assertThat(wordNet.lemmas("minutes")).contains("minute");
        assertThat(wordNet.lemmas("went")).contains("go");
        assertThat(wordNet.lemmas("children")).contains("child");
        assertThat(wordNet.lemmas("qwertyuiop")).isEmpty();
    }

    @Test
    void formsOfALemma() {
        assertThat(wordNet.forms("tribunal")).contains("tribunal", "tribunals");
        assertThat(wordNet.forms("agency")).contains("agencies");
        assertThat(wordNet.forms("go")).contains("went", "gone");
        assertThat(wordNet.forms("judge")).contains("judged", "judging", "judges");
        assertThat(wordNet.forms("stop")).contains("stopped");
        assertThat(wordNet.forms("chairman")).contains("chairmen");
    }

    @Test
    void namesOfSeveralWordsKnownToWordNet() {
        assertThat(wordNet.isProperName("central intelligence agency")).isTrue();
        assertThat(wordNet.isProperName("united nations")).isTrue();
        assertThat(wordNet.isProperName("gulf of mexico")).isTrue();
        assertThat(wordNet.isProperName("criminal court")).isFalse();
        assertThat(wordNet.isProperName("mexico")).isFalse();
    }
}
