package io.newswatch.kafka;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;

/**
 * Turns a Jackson failure into one short line that names the field and the problem, without
 * quoting the input (records may carry article text or secrets).
 */
public final class JsonErrors {

    private JsonErrors() {
    }

    public static String describe(Throwable e) {
        if (e instanceof ValueInstantiationException vie && vie.getCause() != null) {
            return vie.getCause().getMessage();
        }
        if (e instanceof JsonMappingException jme && !jme.getPath().isEmpty()) {
            String field = jme.getPathReference().replaceAll("^[^\\[]*\\[", "[");
            return "field " + field + ": " + firstLine(jme.getOriginalMessage());
        }
        if (e instanceof JsonProcessingException jpe) {
            String where = jpe.getLocation() == null ? ""
                    : " at line " + jpe.getLocation().getLineNr() + " column " + jpe.getLocation().getColumnNr();
            return firstLine(jpe.getOriginalMessage()) + where;
        }
        return firstLine(String.valueOf(e.getMessage()));
    }

    private static String firstLine(String message) {
        String line = message == null ? "" : message.lines().findFirst().orElse("");
        // Jackson quotes offending tokens; cut them so no payload text leaks into logs.
        line = line.replaceAll("\\(String\\)\"[^\"]*\"", "a string").replaceAll("'[^']{20,}'", "'…'");
        return line.length() > 200 ? line.substring(0, 200) + "…" : line;
    }
}
