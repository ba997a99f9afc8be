package io.newswatch.monitor;

import org.junit.jupiter.api.Test;

import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Random;

import static org.assertj.core.api.Assertions.assertThat;

class ArticleParserTest {

    @Test
    void shouldAcceptWellFormedUtf8InEveryScript() {
        String text = "{\"body\":\"ICC, Росатом, မြန်မာ, 国际刑事法院, café, 😀 and plain ASCII\"}";
        assertThat(ArticleParser.isValidUtf8(text.getBytes(StandardCharsets.UTF_8))).isTrue();
        assertThat(ArticleParser.isValidUtf8(new byte[0])).isTrue();
    }

    @Test
    void shouldRefuseMalformedUtf8() {
        assertThat(ArticleParser.isValidUtf8(bytes(0x61, 0x80))).as("lone continuation").isFalse();
        assertThat(ArticleParser.isValidUtf8(bytes(0xC0, 0xAF))).as("overlong /").isFalse();
        assertThat(ArticleParser.isValidUtf8(bytes(0xE0, 0x80, 0xAF))).as("overlong, 3 bytes").isFalse();
        assertThat(ArticleParser.isValidUtf8(bytes(0xED, 0xA0, 0x80))).as("surrogate").isFalse();
        assertThat(ArticleParser.isValidUtf8(bytes(0xF4, 0x90, 0x80, 0x80))).as("above U+10FFFF").isFalse();
        assertThat(ArticleParser.isValidUtf8(bytes(0xE2, 0x82))).as("truncated").isFalse();
        assertThat(ArticleParser.isValidUtf8(bytes(0xFF))).isFalse();
    }

    @Test
    void shouldJudgeUtf8AsTheJdkDecoderDoes() {
        // Given short random byte strings biased towards UTF-8 lead and continuation bytes, and
        // longer ones that are mostly ASCII (read eight bytes at a time) with such bytes anywhere
        Random random = new Random(1);
        int[] interesting = {0x00, 0x41, 0x7F, 0x80, 0x8F, 0x90, 0x9F, 0xA0, 0xBF, 0xC0, 0xC1, 0xC2, 0xDF, 0xE0, 0xE1,
                0xEC, 0xED, 0xEE, 0xEF, 0xF0, 0xF1, 0xF3, 0xF4, 0xF5, 0xFF};
        for (int round = 0; round < 400_000; round++) {
            boolean mostlyAscii = round % 2 == 1;
            byte[] b = new byte[1 + random.nextInt(mostlyAscii ? 40 : 6)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (mostlyAscii && random.nextInt(8) > 0 ? 'a' + random.nextInt(26)
                        : random.nextBoolean() ? interesting[random.nextInt(interesting.length)] : random.nextInt(256));
            }
            // Then the verdict is the JDK's
            assertThat(ArticleParser.isValidUtf8(b)).as("%s", java.util.HexFormat.of().formatHex(b)).isEqualTo(jdkAccepts(b));
        }
    }

    private static boolean jdkAccepts(byte[] b) {
        try {
            StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b));
            return true;
        } catch (CharacterCodingException e) {
            return false;
        }
    }

    private static byte[] bytes(int... values) {
        byte[] b = new byte[values.length];
        for (int i = 0; i < values.length; i++) {
            b[i] = (byte) values[i];
        }
        return b;
    }
}
