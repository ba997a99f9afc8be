package io.newswatch.text;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PrintableTest {

    private static final String FORGED = "\n2026-01-01 00:00:00Z  MENTION    fake  1 article";

    @Test
    void shouldKeepAForgedAlertLineOnTheLineOfItsTitle() {
        // Given a title that carries a complete fake alert line after a line feed
        String title = "Quiet day" + FORGED;

        // When it is made printable
        String line = Printable.line(title);

        // Then it is one line, the fake alert visible as part of the title
        assertThat(line).isEqualTo("Quiet day 2026-01-01 00:00:00Z  MENTION    fake  1 article");
        assertThat(line.lines()).hasSize(1);
    }

    @Test
    void shouldTurnEveryLineBreakAndTabIntoOneSpace() {
        assertThat(Printable.line("a\nb")).isEqualTo("a b");
        assertThat(Printable.line("a\rb")).isEqualTo("a b");
        assertThat(Printable.line("a\r\nb")).isEqualTo("a b");
        assertThat(Printable.line("a\tb")).isEqualTo("a b");
        assertThat(Printable.line("a\u0085b")).as("NEL").isEqualTo("a b");
        assertThat(Printable.line("a\u2028b")).as("LINE SEPARATOR").isEqualTo("a b");
        assertThat(Printable.line("a\u2029b")).as("PARAGRAPH SEPARATOR").isEqualTo("a b");
        assertThat(Printable.line("a\n\n\t\r\n b")).isEqualTo("a  b");
        assertThat(Printable.line("\nab\n")).isEqualTo(" ab ");
    }

    @Test
    void shouldShowTerminalEscapesInsteadOfSendingThem() {
        assertThat(Printable.line("before\u001b[2Jafter")).isEqualTo("before\\x1b[2Jafter");
        assertThat(Printable.line("\u001b]0;owned\u0007")).isEqualTo("\\x1b]0;owned\\x07");
        assertThat(Printable.line("\u009b2J")).as("C1 CSI").isEqualTo("\\x9b2J");
    }

    @Test
    void shouldEscapeEveryOtherC0AndC1ControlAndDelete() {
        for (char c = 0; c <= 0x9f; c++) {
            boolean control = c < 0x20 || c >= 0x7f;
            boolean space = c == '\n' || c == '\r' || c == '\t' || c == 0x85;
            String expected = space ? " " : control ? String.format("\\x%02x", (int) c) : String.valueOf(c);
            assertThat(Printable.line(String.valueOf(c))).as("U+%04X", (int) c).isEqualTo(expected);
        }
    }

    @Test
    void shouldEscapeBidirectionalOverridesAndIsolates() {
        char[] bidi = {0x061c, 0x200e, 0x200f, 0x202a, 0x202b, 0x202c, 0x202d, 0x202e, 0x2066, 0x2067, 0x2068, 0x2069};
        for (char c : bidi) {
            assertThat(Printable.line("x" + c + "y")).as("U+%04X", (int) c).isEqualTo(String.format("x\\u%04xy", (int) c));
        }
        assertThat(Printable.line("invoice\u202egpj.exe")).isEqualTo("invoice\\u202egpj.exe");
    }

    @Test
    void shouldLeaveOrdinaryTextOfEveryScriptAsItIs() {
        String[] texts = {
                "Rosatom signs deal", "Росатом", "မြန်မာနိုင်ငံ", "我爱北京天安门", "国际刑事法院", "العربية", "עברית",
                "café São Paulo", "😀 🇲🇲 👩‍👩‍👧 emoji", "non\u00a0breaking", "back\\slash \\x1b", "",
                // neighbours of the escaped ranges
                "\u061b\u061d\u200b\u200c\u200d\u2027\u202f\u2065\u206a\u00a0\u00a1~",
        };
        for (String text : texts) {
            assertThat(Printable.line(text)).as(text).isSameAs(text);
        }
    }

    @Test
    void shouldNeverSplitASurrogatePair() {
        assertThat(Printable.line("😀\u001b😀\n😀")).isEqualTo("😀\\x1b😀 😀");
        assertThat(Printable.line("\u001b𝔸")).isEqualTo("\\x1b𝔸");
    }

    @Test
    void shouldGiveNullForNull() {
        assertThat(Printable.line(null)).isNull();
    }
}
