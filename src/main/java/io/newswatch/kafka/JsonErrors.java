package io.newswatch.kafka;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.core.exc.StreamReadException;
import com.fasterxml.jackson.core.io.JsonEOFException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.InvalidNullException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import io.newswatch.text.Printable;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZonedDateTime;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Turns a failure to read JSON into one short line that says what is wrong and where, without any
 * text of the input: the line of the dead-letter header {@code newswatch.error}, of logs and of
 * command output.
 *
 * <p>Jackson's own messages quote the input ({@code String "yesterday"}, up to 256 characters of
 * an unrecognized token), and records carry article text or secrets. So the line is built only
 * from the failure's type, its JSON path and its location, and from the type the value should
 * have had:
 * <ul>
 *   <li>{@code invalid JSON at line 1 column 5: unexpected character}</li>
 *   <li>{@code invalid JSON at line 3 column 1: unexpected end of input}</li>
 *   <li>{@code document nested deeper than 64 levels}</li>
 *   <li>{@code field title: expected a string, got an object}</li>
 *   <li>{@code field publishedAt: must be an ISO-8601 date-time such as 2026-12-05T10:00:00Z}</li>
 * </ul>
 * Field names in a path come from the input too: one is written only when it is short and plain
 * (64 characters or fewer of {@code [A-Za-z0-9_.$-]}), else as {@code <field>}; array indexes as
 * {@code [3]}.
 *
 * <p>A problem found by the program's own validation (a record's constructor, the watchlist's
 * checks) keeps its message, as one printable line of at most 300 characters: such messages name
 * fields, and quote at most a watchlist's own id and phrases, never an article's text.
 */
public final class JsonErrors {

    private static final int MAX_FIELD_NAME = 64;
    private static final Pattern PLAIN_NAME = Pattern.compile("[A-Za-z0-9_.$-]{1," + MAX_FIELD_NAME + "}");
    private static final int MAX_OWN_MESSAGE = 300;
    private static final Pattern LIMIT = Pattern.compile("maximum allowed \\((\\d+)");
    private static final Pattern TOKEN = Pattern.compile("`JsonToken\\.([A-Z_]+)`");
    private static final String DATE_TIME = "must be an ISO-8601 date-time such as 2026-12-05T10:00:00Z";

    private JsonErrors() {
    }

    public static String describe(Throwable e) {
        // the parser's complaints first, wrapped in a mapping failure or not: the document is not JSON
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof StreamConstraintsException limit) {
                return beyondLimit(limit);
            }
            if (t instanceof InputCoercionException) {
                return field(e) + "number out of range";
            }
            if (t instanceof StreamReadException read) {
                return "invalid JSON" + at(read.getLocation()) + ": "
                        + (read instanceof JsonEOFException ? "unexpected end of input" : "unexpected character");
            }
        }
        if (e instanceof JsonMappingException mapping) {
            return mapping(mapping);
        }
        String own = ownMessage(e);
        return own != null ? own : e.getClass().getSimpleName().isEmpty() ? e.getClass().getName() : e.getClass().getSimpleName();
    }

    private static String mapping(JsonMappingException e) {
        String own = ownMessage(e.getCause());
        if (own != null) {
            return own;
        }
        String field = field(e);
        if (e instanceof InvalidNullException) {
            return field + "must not be null";
        }
        if (e instanceof MismatchedInputException mismatch && mismatch.getTargetType() != null) {
            Class<?> target = mismatch.getTargetType();
            if (target == OffsetDateTime.class || target == ZonedDateTime.class || target == Instant.class) {
                return field + DATE_TIME;
            }
            if (target == LocalDate.class) {
                return field + "must be an ISO-8601 date such as 2026-12-05";
            }
            if (target == Duration.class) {
                return field + "must be an ISO-8601 duration such as PT1H";
            }
            if (target.isEnum()) {
                return field + "must be one of " + Arrays.stream(target.getEnumConstants())
                        .map(c -> ((Enum<?>) c).name()).collect(Collectors.joining(", "));
            }
            return field + "expected " + expected(target) + got(e);
        }
        return field + "invalid value";
    }

    /** {@code field a.b[2]: }, or nothing for the document itself. */
    private static String field(Throwable e) {
        if (!(e instanceof JsonMappingException mapping) || mapping.getPath().isEmpty()) {
            return "";
        }
        StringBuilder path = new StringBuilder();
        for (JsonMappingException.Reference ref : mapping.getPath()) {
            if (ref.getFieldName() != null) {
                if (!path.isEmpty()) {
                    path.append('.');
                }
                path.append(PLAIN_NAME.matcher(ref.getFieldName()).matches() ? ref.getFieldName() : "<field>");
            } else if (ref.getIndex() >= 0) {
                path.append('[').append(ref.getIndex()).append(']');
            }
        }
        return path.isEmpty() ? "" : "field " + path + ": ";
    }

    private static String expected(Class<?> target) {
        if (target == null) {
            return "a value";
        }
        if (CharSequence.class.isAssignableFrom(target) || target == char.class || target == Character.class) {
            return "a string";
        }
        if (target == boolean.class || target == Boolean.class) {
            return "true or false";
        }
        if (target == int.class || target == long.class || target == short.class || target == byte.class
                || target == Integer.class || target == Long.class || target == Short.class || target == Byte.class
                || target == BigInteger.class) {
            return "a whole number";
        }
        if (target.isPrimitive() || Number.class.isAssignableFrom(target) || target == BigDecimal.class) {
            return "a number";
        }
        if (target.isArray() || Collection.class.isAssignableFrom(target)) {
            return "an array";
        }
        return Map.class.isAssignableFrom(target) || !target.getName().startsWith("java.") ? "an object" : "a value";
    }

    /**
     * {@code , got an object}: the kind of JSON value met instead, when it is known. Jackson keeps
     * the offending value of an {@link InvalidFormatException} (only its type is looked at), and
     * otherwise names the token it met only in its message, as {@code JsonToken.START_OBJECT}:
     * the name of one of its own constants, never text of the input.
     */
    private static String got(JsonMappingException e) {
        if (e instanceof InvalidFormatException format && format.getValue() != null) {
            Object value = format.getValue();
            return value instanceof CharSequence ? ", got a string"
                    : value instanceof Number ? ", got a number"
                    : value instanceof Boolean ? ", got a boolean" : "";
        }
        Matcher token = TOKEN.matcher(String.valueOf(e.getOriginalMessage()));
        if (!token.find()) {
            return "";
        }
        return switch (token.group(1)) {
            case "START_OBJECT", "FIELD_NAME" -> ", got an object";
            case "START_ARRAY" -> ", got an array";
            case "VALUE_STRING" -> ", got a string";
            case "VALUE_NUMBER_INT", "VALUE_NUMBER_FLOAT" -> ", got a number";
            case "VALUE_TRUE", "VALUE_FALSE" -> ", got a boolean";
            case "VALUE_NULL" -> ", got null";
            default -> "";
        };
    }

    private static String at(JsonLocation location) {
        if (location == null || location.getLineNr() < 1) {
            return "";
        }
        return " at line " + location.getLineNr() + (location.getColumnNr() < 1 ? "" : " column " + location.getColumnNr());
    }

    /**
     * Jackson says which limit a document broke only in its message; the message quotes the
     * limit and the count, never the input, and only the limit is kept.
     */
    private static String beyondLimit(StreamConstraintsException e) {
        String message = String.valueOf(e.getMessage());
        Matcher limit = LIMIT.matcher(message);
        String n = limit.find() ? limit.group(1) : null;
        if (message.startsWith("Document nesting depth")) {
            return "document nested deeper than " + (n != null ? n : String.valueOf(Json.MAX_NESTING_DEPTH)) + " levels";
        }
        if (n == null) {
            return "document beyond a limit of the JSON parser";
        }
        if (message.startsWith("Number value length")) {
            return "number longer than " + n + " characters";
        }
        if (message.startsWith("String value length")) {
            return "string longer than " + n + " characters";
        }
        if (message.startsWith("Name length")) {
            return "field name longer than " + n + " characters";
        }
        return "document beyond a limit of the JSON parser (" + n + ")";
    }

    /**
     * The message of a problem the program's own validation found: an exception of the program,
     * or an {@link IllegalArgumentException} or {@link IllegalStateException} thrown by its code
     * (a record's constructor listing problems), or a null its code refused by name. Null for
     * anything else: a JDK or library message may quote the input ({@code For input string: "…"}).
     */
    private static String ownMessage(Throwable t) {
        if (t == null || t.getMessage() == null) {
            return null;
        }
        String message;
        if (t.getClass().getName().startsWith("io.newswatch.")) {
            message = t.getMessage();
        } else if ((t.getClass() == IllegalArgumentException.class || t.getClass() == IllegalStateException.class)
                && thrownByProduct(t, 0)) {
            message = t.getMessage();
        } else if (t.getClass() == NullPointerException.class && PLAIN_NAME.matcher(t.getMessage()).matches()
                && thrownByProduct(t, 1) && t.getStackTrace()[0].getClassName().equals("java.util.Objects")) {
            message = "field " + t.getMessage() + ": missing";
        } else {
            return null;
        }
        message = Printable.line(message);
        if (message.length() > MAX_OWN_MESSAGE) {
            int end = Character.isHighSurrogate(message.charAt(MAX_OWN_MESSAGE - 2)) ? MAX_OWN_MESSAGE - 2 : MAX_OWN_MESSAGE - 1;
            message = message.substring(0, end) + "…";
        }
        return message;
    }

    private static boolean thrownByProduct(Throwable t, int frame) {
        List<StackTraceElement> stack = Arrays.asList(t.getStackTrace());
        return stack.size() > frame && stack.get(frame).getClassName().startsWith("io.newswatch.");
    }
}
