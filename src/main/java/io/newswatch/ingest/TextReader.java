package io.newswatch.ingest;

import java.io.IOException;
import java.io.Reader;
import java.util.function.Consumer;

/** A plain-text file is one article: its first non-blank line is the title, the rest the body. */
final class TextReader {

    private TextReader() {
    }

    static void read(Input input, Consumer<Parsed> out) throws IOException {
        String text;
        try (Reader reader = ArticleReader.utf8(input.open())) {
            StringBuilder b = new StringBuilder();
            char[] buffer = new char[8192];
            for (int n; (n = reader.read(buffer)) != -1; ) {
                b.append(buffer, 0, n);
            }
            text = b.toString().replace("\r\n", "\n").strip();
        }
        int lineEnd = text.indexOf('\n');
        String title = lineEnd < 0 ? null : text.substring(0, lineEnd).strip();
        String body = lineEnd < 0 ? text : text.substring(lineEnd + 1).strip();
        String url = input.baseUrl();
        out.accept(new Parsed.Draft(null, url, null, title, body, null, null, input.name() + ":1"));
    }
}
