package io.newswatch.alert;

import io.newswatch.watchlist.AlertKind;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlertFormatTest {

    private static final Instant T0 = Instant.parse("2026-11-28T04:12:45Z");
    private static final String FORGED = "\n2026-01-01 00:00:00Z  MENTION    fake  1 article";
    private static final String CLEAR_SCREEN = "\u001b[2J";
    private static final String BOLD = "\u001b[1m";
    private static final String RESET = "\u001b[0m";

    private static Alert mention(String entityId, String title, String source, String snippet, String matched) {
        Alert.Evidence evidence = new Alert.Evidence("a-1", title, "https://example.org/a-1", source, snippet, matched, T0);
        return new Alert("mention-1", AlertKind.MENTION, entityId, "Rosatom", null, null, T0, T0, 1,
                List.of("wire"), null, null, List.of(evidence), List.of(), 7, null, 0, null);
    }

    @Test
    void shouldPrintAPlainAlertAsBefore() {
        Alert alert = mention("rosatom", "Rosatom signs deal", "wire", "Rosatom, Russia’s state nuclear corporation, signed.", "Rosatom");

        assertThat(AlertFormat.line(alert, false)).isEqualTo("2026-11-28 04:12:45Z  MENTION    rosatom  1 article"
                + "  \"Rosatom signs deal\" — wire  | Rosatom, Russia’s state nuclear corporation, signed.  https://example.org/a-1");
    }

    @Test
    void shouldShowThePublicationTimeAndTheLink() {
        Alert.Evidence evidence = new Alert.Evidence("a-1", "Rosatom signs deal", "https://example.org/a-1", "wire", "Rosatom signed.",
                "Rosatom", T0, java.time.OffsetDateTime.parse("2026-11-28T05:10:00+01:00"));
        Alert alert = new Alert("mention-1", AlertKind.MENTION, "rosatom", "Rosatom", null, null, T0, T0, 1,
                List.of("wire"), null, null, List.of(evidence), List.of(), 7, null, 0, null);

        assertThat(AlertFormat.line(alert, false)).endsWith("\"Rosatom signs deal\" — wire, published 2026-11-28 05:10+01:00"
                + "  | Rosatom signed.  https://example.org/a-1");
    }

    @Test
    void shouldKeepAFakeAlertLineInsideTheTitleItCameIn() {
        // Given an article whose title, source and snippet each carry a complete fake alert line
        Alert alert = mention("rosatom", "Rosatom signs deal" + FORGED, "wire" + FORGED + "\u2028",
                "Rosatom signed" + FORGED + "\u0085", "Rosatom");

        // When the alert is printed, with and without highlighting
        for (boolean ansi : new boolean[] {false, true}) {
            String line = AlertFormat.line(alert, ansi);

            // Then it is exactly one line, the fake alert shown as part of the title
            assertThat(line.lines()).as("ansi %s", ansi).hasSize(1);
            assertThat(line).doesNotContain("\n", "\r", "\u0085", "\u2028", "\u2029")
                    .startsWith("2026-11-28 04:12:45Z  MENTION    rosatom  1 article"
                            + "  \"Rosatom signs deal 2026-01-01 00:00:00Z  MENTION    fake  1 article\"");
        }
    }

    @Test
    void shouldShowEscapesFromTheArticleAndKeepOnlyTheHighlightsOwn() {
        // Given escape sequences in every string of the alert, the matched text included
        Alert alert = mention("rosatom" + CLEAR_SCREEN, "Title" + CLEAR_SCREEN, "wire" + CLEAR_SCREEN,
                "Ros\u001batom builds a plant " + CLEAR_SCREEN + " \u202eevil", "Ros\u001batom");

        // When it is printed for a terminal
        String line = AlertFormat.line(alert, true);

        // Then none of them reaches the terminal: each is shown, and the matched words are still bold
        assertThat(line).doesNotContain(CLEAR_SCREEN).doesNotContain("\u202e")
                .contains("rosatom\\x1b[2J", "\"Title\\x1b[2J\"", "— wire\\x1b[2J", "\\u202eevil")
                .contains("| " + BOLD + "Ros\\x1batom" + RESET + " builds a plant \\x1b[2J");
        assertThat(line.replace(BOLD, "").replace(RESET, "")).doesNotContain("\u001b");
    }

    @Test
    void shouldNotSplitAnEmojiWhenShorteningATitle() {
        String title = "a".repeat(78) + "😀 and more";

        String line = AlertFormat.line(mention("rosatom", title, null, null, null), false);

        assertThat(line).endsWith("\"" + "a".repeat(78) + "…\"  https://example.org/a-1");
    }

    @Test
    void shouldShowStoriesBesideArticlesAndTheOtherPairsOfACoMention() {
        Alert.Evidence evidence = new Alert.Evidence("a1", "Rosatom signs deal", null, "wire", null, null, T0);
        Alert threshold = new Alert("threshold-1", AlertKind.THRESHOLD, "rosatom", "Rosatom", null, null, T0, T0.plusSeconds(3600),
                7, List.of("wire", "daily"), null, null, List.of(evidence), List.of(), 7, null, 2, null);
        Alert coMention = new Alert("co_mention-1", AlertKind.CO_MENTION, "icc", "ICC", "myanmar", "Myanmar", T0, T0, 1,
                List.of("wire"), null, null, List.of(evidence), List.of(), 7, "story-1", 1, List.of(
                new Alert.Pair("icc", "ICC", "myanmar", "Myanmar", T0), new Alert.Pair("icc", "ICC", "putin", "Putin", T0),
                new Alert.Pair("icc", "ICC", "rosatom", "Rosatom", T0)));

        assertThat(AlertFormat.line(threshold, false)).contains("THRESHOLD  rosatom  2 stories, 7 articles from 2 sources in 1h");
        assertThat(AlertFormat.line(coMention, false)).contains("CO_MENTION icc + myanmar and 2 more pairs  1 article");
    }
}
