package io.newswatch.ingest;

import java.io.IOException;
import java.io.Reader;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * CSV with a header row; columns are taken by name ({@code url}, {@code date}/{@code publishedAt},
 * {@code title}, {@code text}/{@code body}, {@code source}, {@code id}, {@code language}; see
 * {@link Fields}), other columns are ignored. A row with fewer fields than the header leaves the
 * missing ones empty.
 */
final class CsvReader {

    private CsvReader() {
    }

    static void read(Input input, Consumer<Parsed> out) throws IOException {
        try (Reader reader = ArticleReader.utf8(input.open())) {
            CsvParser parser = new CsvParser(reader);
            CsvParser.Row header;
            try {
                header = parser.next();
            } catch (CsvParser.UnterminatedQuoteException e) {
                out.accept(new Parsed.Bad(input.name() + ":" + e.line, Reason.UNREADABLE, e.getMessage()));
                return;
            }
            if (header == null) {
                return;
            }
            List<String> names = header.fields().stream().map(Fields::normalise).toList();
            if (names.stream().noneMatch(Fields.BODY::contains)) {
                out.accept(new Parsed.Bad(input.name() + ":" + header.line(), Reason.UNREADABLE,
                        "the header row has no text or body column"));
                return;
            }
            while (true) {
                CsvParser.Row row;
                try {
                    row = parser.next();
                } catch (CsvParser.UnterminatedQuoteException e) {
                    out.accept(new Parsed.Bad(input.name() + ":" + e.line, Reason.INVALID_RECORD, e.getMessage()));
                    return;
                }
                if (row == null) {
                    return;
                }
                String where = input.name() + ":" + row.line();
                Map<String, String> values = new HashMap<>();
                for (int i = 0; i < names.size() && i < row.fields().size(); i++) {
                    values.putIfAbsent(names.get(i), row.fields().get(i));
                }
                try {
                    out.accept(Fields.draft(values, where));
                } catch (IllegalArgumentException e) {
                    out.accept(new Parsed.Bad(where, Reason.INVALID_RECORD, e.getMessage()));
                }
            }
        }
    }
}
