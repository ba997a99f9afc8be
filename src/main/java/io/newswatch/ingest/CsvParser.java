package io.newswatch.ingest;

import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.List;

/**
 * A small RFC 4180 reader: comma-separated fields, double-quoted fields that may hold commas,
 * line breaks and doubled quotes ({@code ""}), CRLF or LF line ends, a leading byte order mark
 * ignored. Each record knows the line it starts on, for error messages. Text after a closing
 * quote is kept (lenient), an unterminated quote at the end of input is an error.
 */
final class CsvParser {

    /** One record: its fields and the 1-based line it starts on. */
    record Row(List<String> fields, long line) {
    }

    /** A quoted field still open at the end of the input. */
    static final class UnterminatedQuoteException extends IOException {
        final long line;

        UnterminatedQuoteException(long line) {
            super("quoted field opened on line " + line + " is never closed");
            this.line = line;
        }
    }

    private final Reader in;
    private long line = 1;
    private int pushedBack = -2;
    private boolean started;

    CsvParser(Reader in) {
        this.in = in.markSupported() ? in : new java.io.BufferedReader(in);
    }

    /** The next record, or null at the end of input. Blank lines are skipped. */
    Row next() throws IOException {
        while (true) {
            int c = read();
            if (c == -1) {
                return null;
            }
            if (c == '\n') {
                continue;
            }
            if (c == '\r') {
                continue;
            }
            unread(c);
            return row();
        }
    }

    private Row row() throws IOException {
        long start = line;
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        boolean quoted = false;
        boolean fieldStart = true;
        while (true) {
            int c = read();
            if (quoted) {
                if (c == -1) {
                    throw new UnterminatedQuoteException(start);
                }
                if (c == '"') {
                    int next = read();
                    if (next == '"') {
                        field.append('"');
                    } else {
                        quoted = false;
                        unread(next);
                    }
                } else {
                    field.append((char) c);
                }
                continue;
            }
            if (c == -1 || c == '\n' || c == '\r') {
                if (c == '\r') {
                    int next = read();
                    if (next != '\n') {
                        unread(next);
                    }
                }
                fields.add(field.toString());
                return new Row(List.copyOf(fields), start);
            }
            if (c == ',') {
                fields.add(field.toString());
                field.setLength(0);
                fieldStart = true;
                continue;
            }
            if (c == '"' && fieldStart) {
                quoted = true;
                fieldStart = false;
                continue;
            }
            fieldStart = false;
            field.append((char) c);
        }
    }

    private int read() throws IOException {
        int c;
        if (pushedBack != -2) {
            c = pushedBack;
            pushedBack = -2;
            return c;
        }
        c = in.read();
        if (!started) {
            started = true;
            if (c == '\uFEFF') {
                c = in.read();
            }
        }
        if (c == '\n') {
            line++;
        } else if (c == '\r') {
            // a lone CR ends a line too; CRLF counts once, at its LF
            in.mark(1);
            int next = in.read();
            if (next != '\n') {
                line++;
            }
            if (next != -1) {
                in.reset();
            }
        }
        return c;
    }

    private void unread(int c) {
        pushedBack = c;
    }
}
