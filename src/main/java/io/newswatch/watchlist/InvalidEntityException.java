package io.newswatch.watchlist;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One entity was refused. The message reads like
 * {@code entity 'x y': id must match [a-z0-9][a-z0-9._-]{0,63}; aliases: none given (or give a query)}.
 */
public class InvalidEntityException extends WatchlistException {

    private static final int FIELDS_SHOWN = 8;
    /** The field an entity problem starts with: {@code id}, {@code aliases[2]}, {@code alerts.threshold.count}. */
    private static final Pattern FIELD = Pattern.compile(
            "(?:id|name|aliases|query|contextWindow|context|excludeWindow|exclude|tags|alerts)"
                    + "(?:\\[\\d+])?(?:\\.[A-Za-z]+(?:\\[\\d+])?)*(?=[: ]|$)");

    private final String entityId;
    private final List<String> own;

    public InvalidEntityException(String entityId, List<String> problems) {
        super(prefix(entityId, problems));
        this.entityId = entityId;
        this.own = List.copyOf(problems);
    }

    /** The id as given (possibly invalid or null). */
    public String entityId() {
        return entityId;
    }

    /** The problems without the {@code entity 'x': } prefix, each starting with the field it is about. */
    public List<String> ownProblems() {
        return own;
    }

    /**
     * The problems by field only, never quoting a value, e.g.
     * {@code not a valid entity: 2 problems, in aliases[0], alerts.topic}: safe to log for a record
     * of unknown content.
     */
    String fieldSummary() {
        Set<String> fields = new LinkedHashSet<>();
        for (String problem : own) {
            Matcher m = FIELD.matcher(problem);
            fields.add(m.lookingAt() ? m.group() : "value");
        }
        String shown = String.join(", ", fields.stream().limit(FIELDS_SHOWN).toList())
                + (fields.size() > FIELDS_SHOWN ? ", …" : "");
        int n = Math.max(1, own.size());
        return "not a valid entity: " + n + (n == 1 ? " problem" : " problems") + ", in " + (fields.isEmpty() ? "value" : shown);
    }

    private static List<String> prefix(String id, List<String> problems) {
        String who = id == null ? "entity without id" : "entity '" + id + "'";
        if (problems.isEmpty()) {
            return List.of(who + ": invalid");
        }
        var out = new java.util.ArrayList<String>(problems.size());
        out.add(who + ": " + problems.get(0));
        out.addAll(problems.subList(1, problems.size()));
        return out;
    }
}
