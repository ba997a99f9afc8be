package io.newswatch.watchlist;

import java.util.List;
import java.util.Objects;

/**
 * A boolean query on a watched entity, as written ({@link #text()}) and parsed ({@link #root()}).
 *
 * <pre>{@code
 * ("International Criminal Court" OR ICC) AND (warrant OR judges OR court) NOT cricket
 * {ICC} NEAR/5 (Myanmar OR Burma)        title:Rosatom AND lang:en        @icc AND @myanmar
 * }</pre>
 *
 * <p>Words and {@code "quoted phrases"} are found like aliases, with an alias's default case mode
 * ({@code ICC} exact, {@code Rosatom} smart, {@code court} any case); {@code {braces}} ask for
 * the exact case. {@code AND}, {@code OR}, {@code NOT} (also {@code -word}), {@code NEAR/n} and
 * {@code ONEAR/n} (ordered; Brandwatch's {@code NEAR/nf} is accepted for it) combine them;
 * operators are written in capitals. Words side by side mean AND. {@code NEAR} binds tightest,
 * then {@code NOT}, then AND; AND and OR are never mixed at one level without parentheses (tools
 * disagree on which binds first, so the query must say). {@code title:}, {@code body:} limit a
 * term or a parenthesised group to one field; {@code source:} and {@code lang:} test the article's
 * outlet and language; {@code @id} is true where another watched entity is found. See
 * docs/watchlist.md for the full grammar and translations from other tools.
 *
 * <p>Parsing refuses, with the position and a suggestion, anything that could be misread, and a
 * query an article could satisfy without containing any of its words or entities (one made only
 * of NOT, {@code source:} or {@code lang:} clauses, in one of its OR branches at least): the
 * matcher looks at an entity's query only in articles where one of its words occurs.
 */
public final class Query {

    /** Longest query, in characters. */
    public static final int MAX_CHARS = 10_000;
    /** Largest NEAR distance, in tokens. */
    public static final int MAX_DISTANCE = 1_000;

    private final String text;
    private final Node root;

    private Query(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    /**
     * Parses a query.
     *
     * @throws QueryException naming the position (0-based character offset) of the first problem
     */
    public static Query parse(String text) {
        Objects.requireNonNull(text, "text");
        String t = text.strip();
        return new Query(t, QueryParser.parse(t));
    }

    public String text() {
        return text;
    }

    public Node root() {
        return root;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Query q && q.text.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }

    /** Where a text term is looked for. */
    public enum Field { ANY, TITLE, BODY }

    /** An article property a clause tests instead of its text. */
    public enum Property { SOURCE, LANG }

    /** A node of the parsed query. {@link #toString()} gives a fully parenthesised form, for tests and messages. */
    public sealed interface Node permits Term, Is, Ref, And, Or, Not, Near {
    }

    /**
     * A word or phrase, found like an alias.
     *
     * @param text as written inside the quotes or braces
     * @param mode {@link CaseMode#EXACT} if written in {@code {braces}}, else the default an alias
     *             of this text has ({@link CaseMode#defaultFor}: {@code ICC} exact, {@code Rosatom}
     *             smart, {@code court} insensitive)
     */
    public record Term(String text, CaseMode mode, Field field) implements Node {
        @Override
        public String toString() {
            String t = mode == CaseMode.EXACT ? "{" + text + "}" : "\"" + text + "\"";
            return field == Field.ANY ? t : field.name().toLowerCase() + ":" + t;
        }
    }

    /** {@code source:value} or {@code lang:value}. */
    public record Is(Property property, String value) implements Node {
        @Override
        public String toString() {
            return property.name().toLowerCase() + ":" + value;
        }
    }

    /** {@code @id}: true where that watched entity is found; its hits are this node's. */
    public record Ref(String entityId) implements Node {
        @Override
        public String toString() {
            return "@" + entityId;
        }
    }

    public record And(List<Node> children) implements Node {
        public And {
            children = List.copyOf(children);
        }

        @Override
        public String toString() {
            return join(children, " AND ");
        }
    }

    public record Or(List<Node> children) implements Node {
        public Or {
            children = List.copyOf(children);
        }

        @Override
        public String toString() {
            return join(children, " OR ");
        }
    }

    public record Not(Node child) implements Node {
        @Override
        public String toString() {
            return "NOT " + child;
        }
    }

    /**
     * Some hit of {@code left} within {@code distance} tokens (words between them) of some hit of
     * {@code right}; {@code ordered}: left before right.
     */
    public record Near(Node left, Node right, int distance, boolean ordered) implements Node {
        @Override
        public String toString() {
            return "(" + left + (ordered ? " ONEAR/" : " NEAR/") + distance + " " + right + ")";
        }
    }

    private static String join(List<Node> children, String op) {
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < children.size(); i++) {
            sb.append(i == 0 ? "" : op).append(children.get(i));
        }
        return sb.append(')').toString();
    }
}
