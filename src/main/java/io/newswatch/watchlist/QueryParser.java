package io.newswatch.watchlist;

import io.newswatch.watchlist.Query.And;
import io.newswatch.watchlist.Query.Field;
import io.newswatch.watchlist.Query.Is;
import io.newswatch.watchlist.Query.Near;
import io.newswatch.watchlist.Query.Node;
import io.newswatch.watchlist.Query.Not;
import io.newswatch.watchlist.Query.Or;
import io.newswatch.watchlist.Query.Property;
import io.newswatch.watchlist.Query.Ref;
import io.newswatch.watchlist.Query.Term;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Recursive descent over the tokens of a {@link Query}:
 *
 * <pre>
 * query   = or
 * or      = and { "OR" and }                       (no AND of this level beside an OR)
 * and     = not { ["AND"] not | ["AND"] "NOT" near }
 * not     = ("NOT" | "-") not | near
 * near    = primary { ("NEAR/n" | "ONEAR/n" | "NEAR/nf") primary }
 * primary = "(" or ")" | ("title:" | "body:") primary | ("source:" | "site:" | "lang:") value
 *         | WORD | "phrase" | {exact words} | @entity-id
 * </pre>
 */
final class QueryParser {

    private enum Kind { WORD, PHRASE, EXACT, LPAREN, RPAREN, AND, OR, NOT, MINUS, NEAR, FIELD, REF, END }

    private record Tok(Kind kind, String text, int pos, int distance, boolean ordered) {
        String shown() {
            return switch (kind) {
                case END -> "the end of the query";
                case PHRASE -> "\"" + text + "\"";
                case EXACT -> "{" + text + "}";
                case FIELD -> text + ":";
                case REF -> "@" + text;
                default -> "'" + text + "'";
            };
        }
    }

    /** A parsed part with what the checks need: where it starts, and whether it has hits of its own. */
    /**
     * A parsed part with what the checks need: where it starts; whether it holds only where one of
     * its words or entities is found ({@code anchored}; if not, {@code why} may say which OR branch
     * is to blame, at {@code whyAt}); whether it has hits of its own ({@code textual}, for NEAR);
     * the first AND of its own level (for the AND/OR check).
     */
    private record Part(Node node, int pos, boolean anchored, boolean textual, int andAt, String andOp, int whyAt, String why) {
        Part(Node node, int pos, boolean anchored, boolean textual) {
            this(node, pos, anchored, textual, -1, null, -1, null);
        }
    }

    private static final Pattern NEAR = Pattern.compile("(O?)NEAR/(\\d{1,9})(f?)");
    /** Another tool's field ({@code url:}, {@code author:}, {@code country:}): refused rather than looked for as words. */
    private static final Pattern UNKNOWN_FIELD = Pattern.compile("[A-Za-z]+:(?=\\S)");
    private static final String TERM_ENDS = "(){}\"";

    private final List<Tok> toks;
    private int at;

    private QueryParser(String text) {
        this.toks = lex(text);
    }

    static Node parse(String text) {
        if (text.isEmpty()) {
            throw new QueryException(1, "the query is empty");
        }
        if (text.length() > Query.MAX_CHARS) {
            throw new QueryException(1, "the query is " + text.length() + " characters long, at most " + Query.MAX_CHARS);
        }
        QueryParser p = new QueryParser(text);
        Part root = p.or(Field.ANY);
        Tok rest = p.peek();
        if (rest.kind == Kind.RPAREN) {
            throw error(rest.pos, "')' at column " + col(rest.pos) + " closes no '('");
        }
        if (rest.kind != Kind.END) {
            throw error(rest.pos, "expected an operator or the end of the query at column " + col(rest.pos) + ", found " + rest.shown());
        }
        if (!root.anchored && root.why != null) {
            throw error(root.whyAt, root.why);
        }
        if (!root.anchored) {
            throw error(0, "the query can be true of an article that contains none of its words: give at least one word, "
                    + "phrase or @entity that is not under NOT (source:, lang: and NOT only narrow what the words find)");
        }
        return root.node;
    }

    // ---- grammar

    private Part or(Field field) {
        List<Part> parts = new ArrayList<>();
        parts.add(and(field));
        int orAt = -1;
        while (peek().kind == Kind.OR) {
            Tok or = next();
            orAt = orAt < 0 ? or.pos : orAt;
            parts.add(and(field));
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        for (Part p : parts) {
            if (p.andAt >= 0) {
                String and = p.andOp == null ? "words side by side (an AND)" : p.andOp;
                throw error(p.andAt, and + " at column " + col(p.andAt) + " and OR at column " + col(orAt)
                        + " without parentheses: write (a OR b) AND c, or a OR (b AND c)");
            }
        }
        List<Node> nodes = parts.stream().map(Part::node).toList();
        boolean textual = parts.stream().allMatch(Part::textual);
        for (Part p : parts) {
            if (!p.anchored) {
                String why = "the OR branch at column " + col(p.pos) + " is true of an article without any of the "
                        + "query's words: give it a word, phrase or @entity of its own, or move its NOT, source: or lang: outside the OR";
                return new Part(new Or(nodes), parts.get(0).pos, false, textual, -1, null, p.pos, why);
            }
        }
        return new Part(new Or(nodes), parts.get(0).pos, true, textual);
    }

    private Part and(Field field) {
        List<Part> parts = new ArrayList<>();
        parts.add(not(field));
        int andAt = -1;
        String andOp = null;
        while (true) {
            Tok t = peek();
            if (t.kind == Kind.AND) {
                next();
                Tok after = peek();
                parts.add(after.kind == Kind.NOT ? notAfterAnd(field) : not(field));
            } else if (t.kind == Kind.NOT) {
                parts.add(notAfterAnd(field));
            } else if (startsOperand(t)) {
                parts.add(not(field)); // side by side: AND
            } else {
                break;
            }
            if (andAt < 0) {
                andAt = t.pos;
                andOp = t.kind == Kind.AND || t.kind == Kind.NOT ? t.text : null;
            }
        }
        if (parts.size() == 1) {
            return parts.get(0);
        }
        List<Node> nodes = parts.stream().map(Part::node).toList();
        boolean anchored = parts.stream().anyMatch(Part::anchored);
        boolean textual = parts.stream().anyMatch(Part::textual);
        Part blamed = parts.stream().filter(p -> p.why != null).findFirst().orElse(null);
        return new Part(new And(nodes), parts.get(0).pos, anchored, textual, andAt, andOp,
                anchored || blamed == null ? -1 : blamed.whyAt, anchored || blamed == null ? null : blamed.why);
    }

    private Part notAfterAnd(Field field) {
        Tok not = next();
        Part child = near(field);
        return new Part(new Not(child.node), not.pos, false, false);
    }

    private Part not(Field field) {
        Tok t = peek();
        if (t.kind == Kind.NOT || t.kind == Kind.MINUS) {
            next();
            Part child = not(field);
            return new Part(new Not(child.node), t.pos, false, false);
        }
        return near(field);
    }

    private Part near(Field field) {
        Part left = primary(field);
        while (peek().kind == Kind.NEAR) {
            Tok op = next();
            Part right = primary(field);
            for (Part side : List.of(left, right)) {
                if (!side.textual) {
                    throw error(side.pos, op.text + " at column " + col(op.pos) + " needs words on both sides; the one at column "
                            + col(side.pos) + " has only NOT, source: or lang: clauses");
                }
            }
            left = new Part(new Near(left.node, right.node, op.distance, op.ordered), left.pos, true, true);
        }
        return left;
    }

    private Part primary(Field field) {
        Tok t = next();
        switch (t.kind) {
            case LPAREN -> {
                if (peek().kind == Kind.RPAREN) {
                    throw error(t.pos, "'()' at column " + col(t.pos) + " is empty");
                }
                Part inner = or(field);
                Tok close = next();
                if (close.kind != Kind.RPAREN) {
                    throw error(close.pos, "expected ')' for the '(' at column " + col(t.pos) + ", found " + close.shown()
                            + (close.kind == Kind.END ? "" : "; an operator missing before it?"));
                }
                return new Part(inner.node, t.pos, inner.anchored, inner.textual, -1, null, inner.whyAt, inner.why);
            }
            case WORD, PHRASE, EXACT -> {
                return new Part(new Term(t.text, t.kind == Kind.EXACT ? CaseMode.EXACT : CaseMode.defaultFor(t.text), field), t.pos, true, true);
            }
            case REF -> {
                if (field != Field.ANY) {
                    throw error(t.pos, "@" + t.text + " at column " + col(t.pos) + " inside " + fieldName(field)
                            + ", but an entity is found in title and body alike");
                }
                return new Part(new Ref(t.text), t.pos, true, true);
            }
            case FIELD -> {
                return fielded(t, field);
            }
            default -> throw error(t.pos, "expected a word, a \"phrase\", {exact words}, @entity, a field: or '(' at column "
                    + col(t.pos) + ", found " + t.shown() + hint(t));
        }
    }

    private Part fielded(Tok t, Field outer) {
        switch (t.text) {
            case "title", "body" -> {
                Field f = t.text.equals("title") ? Field.TITLE : Field.BODY;
                if (outer != Field.ANY && outer != f) {
                    throw error(t.pos, t.text + ": at column " + col(t.pos) + " inside " + fieldName(outer));
                }
                Part inner = primary(f);
                return new Part(inner.node, t.pos, inner.anchored, inner.textual);
            }
            default -> {
                if (outer != Field.ANY) {
                    throw error(t.pos, t.text + ": at column " + col(t.pos) + " inside " + fieldName(outer)
                            + ", but it tests the article, not its words");
                }
                Tok v = next();
                if (v.kind != Kind.WORD && v.kind != Kind.PHRASE) {
                    throw error(v.pos, "expected a value after " + t.text + ": at column " + col(t.pos) + ", found " + v.shown()
                            + "; for several, write (" + t.text + ":a OR " + t.text + ":b)");
                }
                Property p = t.text.equals("lang") ? Property.LANG : Property.SOURCE;
                return new Part(new Is(p, v.text.strip().toLowerCase(Locale.ROOT)), t.pos, false, false);
            }
        }
    }

    private static String fieldName(Field f) {
        return f.name().toLowerCase(Locale.ROOT) + ":";
    }

    private static boolean startsOperand(Tok t) {
        return switch (t.kind) {
            case WORD, PHRASE, EXACT, LPAREN, REF, FIELD, MINUS -> true;
            default -> false;
        };
    }

    private static String hint(Tok t) {
        return switch (t.kind) {
            case AND, OR, NEAR -> "; a word missing before or after it?";
            case RPAREN -> "; a word missing before it?";
            default -> "";
        };
    }

    private Tok peek() {
        return toks.get(at);
    }

    private Tok next() {
        Tok t = toks.get(at);
        if (t.kind != Kind.END) {
            at++;
        }
        return t;
    }

    // ---- tokens

    private static List<Tok> lex(String s) {
        List<Tok> out = new ArrayList<>();
        int i = 0;
        int n = s.length();
        while (i < n) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
                continue;
            }
            int start = i;
            switch (c) {
                case '(' -> {
                    out.add(new Tok(Kind.LPAREN, "(", i, 0, false));
                    i++;
                }
                case ')' -> {
                    out.add(new Tok(Kind.RPAREN, ")", i, 0, false));
                    i++;
                }
                case '"', '\u201C', '\u201D' -> {
                    int close = closing(s, i + 1, "\"\u201C\u201D");
                    if (close < 0) {
                        throw error(i, "the quote at column " + col(i) + " is not closed");
                    }
                    out.add(new Tok(Kind.PHRASE, term(s, i + 1, close, i), i, 0, false));
                    i = close + 1;
                }
                case '{' -> {
                    int close = closing(s, i + 1, "}");
                    if (close < 0) {
                        throw error(i, "the '{' at column " + col(i) + " is not closed");
                    }
                    out.add(new Tok(Kind.EXACT, term(s, i + 1, close, i), i, 0, false));
                    i = close + 1;
                }
                case '}' -> throw error(i, "'}' at column " + col(i) + " closes no '{'");
                case '-' -> {
                    if (i + 1 < n && !Character.isWhitespace(s.charAt(i + 1))) {
                        out.add(new Tok(Kind.MINUS, "-", i, 0, false));
                        i++;
                    } else {
                        throw error(i, "'-' at column " + col(i) + " must be followed by what it excludes, without a space: -cricket");
                    }
                }
                case '@' -> {
                    int end = wordEnd(s, i + 1);
                    String id = s.substring(i + 1, end);
                    if (!WatchedEntity.ID.matcher(id).matches()) {
                        throw error(i, "'@" + id + "' at column " + col(i) + " is not an entity id (" + WatchedEntity.ID.pattern() + ")");
                    }
                    out.add(new Tok(Kind.REF, id, i, 0, false));
                    i = end;
                }
                default -> {
                    int end = wordEnd(s, i);
                    String w = s.substring(i, end);
                    int colon = w.indexOf(':');
                    if (colon > 0 && isField(w.substring(0, colon))) {
                        String f = w.substring(0, colon);
                        out.add(new Tok(Kind.FIELD, f.equals("site") ? "source" : f, i, 0, false));
                        i += colon + 1;
                        if (i >= n || Character.isWhitespace(s.charAt(i))) {
                            throw error(start, f + ": at column " + col(start) + " needs what to look for right after it: " + f + ":word");
                        }
                        continue;
                    }
                    out.add(word(w, i));
                    i = end;
                }
            }
        }
        out.add(new Tok(Kind.END, "", n, 0, false));
        return out;
    }

    private static boolean isField(String f) {
        return f.equals("title") || f.equals("body") || f.equals("source") || f.equals("site") || f.equals("lang");
    }

    private static Tok word(String w, int pos) {
        switch (w) {
            case "AND" -> {
                return new Tok(Kind.AND, w, pos, 0, false);
            }
            case "OR" -> {
                return new Tok(Kind.OR, w, pos, 0, false);
            }
            case "NOT" -> {
                return new Tok(Kind.NOT, w, pos, 0, false);
            }
            default -> {
            }
        }
        Matcher near = NEAR.matcher(w);
        if (near.matches()) {
            long d = Long.parseLong(near.group(2));
            if (d > Query.MAX_DISTANCE) {
                throw error(pos, w + " at column " + col(pos) + ": at most NEAR/" + Query.MAX_DISTANCE);
            }
            boolean ordered = !near.group(1).isEmpty() || !near.group(3).isEmpty();
            return new Tok(Kind.NEAR, w, pos, (int) d, ordered);
        }
        String upper = w.toUpperCase(Locale.ROOT);
        if (upper.equals("NEAR") || upper.equals("ONEAR")) {
            throw error(pos, w + " at column " + col(pos) + " needs a distance in words: " + upper + "/5");
        }
        if (upper.startsWith("NEAR/") || upper.startsWith("ONEAR/")) {
            throw error(pos, "'" + w + "' at column " + col(pos) + " is not a proximity operator: write NEAR/5, ONEAR/5 or NEAR/5f");
        }
        if (upper.equals("AND") || upper.equals("OR") || upper.equals("NOT")) {
            throw error(pos, "'" + w + "' at column " + col(pos) + " would be looked for as a word: operators are written in capitals ("
                    + upper + "); to look for the word, quote it (\"" + w + "\")");
        }
        if (w.startsWith("~")) {
            throw error(pos, "'" + w + "' at column " + col(pos) + ": proximity is written between the two parts, "
                    + "(a OR b) NEAR/5 (c OR d)");
        }
        if (w.indexOf('*') >= 0 || w.indexOf('?') >= 0 && w.indexOf('?') < w.length() - 1) {
            throw error(pos, "'" + w + "' at column " + col(pos) + ": wildcards are not supported; write the forms out, "
                    + "(Luxembourg OR Luxemburg)");
        }
        Matcher field = UNKNOWN_FIELD.matcher(w);
        if (field.lookingAt()) {
            throw error(pos, "'" + field.group() + "' at column " + col(pos) + " is not a field: newswatch has title:, body:, "
                    + "source: (or site:) and lang:; to look for the text, quote it (\"" + w + "\")");
        }
        if (Alias.wordCount(w) == 0) {
            throw error(pos, "'" + w + "' at column " + col(pos) + " has no letter or digit to look for");
        }
        return new Tok(Kind.WORD, w, pos, 0, false);
    }

    private static String term(String s, int from, int to, int open) {
        String t = s.substring(from, to).strip();
        if (t.isEmpty() || Alias.wordCount(t) == 0) {
            throw error(open, "the term at column " + col(open) + " has no letter or digit to look for");
        }
        if (t.codePointCount(0, t.length()) > WatchedEntity.MAX_TERM_CHARS) {
            throw error(open, "the term at column " + col(open) + " is longer than " + WatchedEntity.MAX_TERM_CHARS + " characters");
        }
        return t;
    }

    private static int closing(String s, int from, String closers) {
        for (int i = from; i < s.length(); i++) {
            if (closers.indexOf(s.charAt(i)) >= 0) {
                return i;
            }
        }
        return -1;
    }

    private static int wordEnd(String s, int i) {
        while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && TERM_ENDS.indexOf(s.charAt(i)) < 0) {
            i++;
        }
        return i;
    }

    private static int col(int pos) {
        return pos + 1;
    }

    private static QueryException error(int pos, String message) {
        return new QueryException(col(pos), message);
    }
}
