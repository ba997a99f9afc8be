package io.newswatch.ingest;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PushbackInputStream;
import java.io.Reader;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Reads one input in one format, handing every record it finds to {@code out} as it goes, so a
 * bad record never costs its neighbours. An {@link IOException} means the rest of the input
 * could not be read; what was handed out before stays.
 */
interface ArticleReader {

    void read(Input input, Consumer<Parsed> out) throws IOException;

    static ArticleReader of(Format format) {
        return switch (format) {
            case JSONL -> JsonReader::readLines;
            case JSON -> JsonReader::readDocument;
            case CSV -> CsvReader::read;
            case TXT -> TextReader::read;
            case RSS -> FeedReader::read;
            case HTML -> PageReader::read;
            case AUTO -> throw new IllegalArgumentException("detect the format first");
        };
    }

    /** UTF-8 text with a byte order mark skipped; malformed bytes become U+FFFD rather than an error. */
    static Reader utf8(InputStream in) throws IOException {
        PushbackInputStream pushback = new PushbackInputStream(in, 3);
        byte[] bom = pushback.readNBytes(3);
        boolean hasBom = bom.length == 3 && (bom[0] & 0xff) == 0xEF && (bom[1] & 0xff) == 0xBB && (bom[2] & 0xff) == 0xBF;
        if (!hasBom) {
            pushback.unread(bom);
        }
        return new InputStreamReader(pushback, StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPLACE)
                .onUnmappableCharacter(CodingErrorAction.REPLACE));
    }
}
