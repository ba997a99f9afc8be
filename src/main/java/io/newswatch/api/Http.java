package io.newswatch.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import io.newswatch.kafka.Json;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;

/** Small helpers over Jetty's core API: answers in JSON, HTML or text, bounded bodies, query parameters. */
final class Http {

    /** Largest request body read (an entity definition is a few KB). */
    static final int MAX_BODY_BYTES = 64 * 1024;

    private Http() {
    }

    /** A request the API refuses: its status and a one-line reason, sent as {@code {"error": …}}. */
    static final class Refused extends RuntimeException {
        final int status;
        final transient Map<String, Object> extra;

        Refused(int status, String message) {
            this(status, message, Map.of());
        }

        Refused(int status, String message, Map<String, Object> extra) {
            super(message, null, false, false);
            this.status = status;
            this.extra = extra;
        }
    }

    static void json(Response response, Callback callback, int status, Object body) {
        String text;
        try {
            text = Json.mapper().writeValueAsString(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an answer as JSON", e);
        }
        send(response, callback, status, "application/json", text);
    }

    static void error(Response response, Callback callback, Refused refused) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("error", refused.getMessage());
        body.put("status", refused.status);
        body.putAll(refused.extra);
        json(response, callback, refused.status, body);
    }

    static void send(Response response, Callback callback, int status, String contentType, String body) {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        response.setStatus(status);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType.startsWith("text/") || contentType.endsWith("json")
                ? contentType + "; charset=utf-8" : contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, java.nio.ByteBuffer.wrap(bytes), callback);
    }

    static void sendBytes(Response response, Callback callback, String contentType, byte[] bytes) {
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, contentType);
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, bytes.length);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "max-age=3600");
        response.write(true, java.nio.ByteBuffer.wrap(bytes), callback);
    }

    /** The body, at most {@link #MAX_BODY_BYTES}: larger is refused with 413 before it is all read. */
    static byte[] body(Request request) {
        long length = request.getLength();
        if (length > MAX_BODY_BYTES) {
            throw new Refused(413, "request body has " + length + " bytes, limit " + MAX_BODY_BYTES);
        }
        try (InputStream in = Content.Source.asInputStream(request)) {
            byte[] bytes = in.readNBytes(MAX_BODY_BYTES + 1);
            if (bytes.length > MAX_BODY_BYTES) {
                throw new Refused(413, "request body is larger than " + MAX_BODY_BYTES + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new Refused(400, "cannot read the request body: " + e.getClass().getSimpleName());
        }
    }

    static Fields query(Request request) {
        return Request.extractQueryParameters(request, StandardCharsets.UTF_8);
    }

    static String param(Fields query, String name) {
        String value = query.getValue(name);
        return value == null || value.isBlank() ? null : value.strip();
    }

    static int intParam(Fields query, String name, int fallback, int min, int max) {
        String value = param(query, name);
        if (value == null) {
            return fallback;
        }
        try {
            int n = Integer.parseInt(value);
            if (n < min || n > max) {
                throw new Refused(400, "parameter " + name + " must be between " + min + " and " + max + ", got " + n);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new Refused(400, "parameter " + name + " must be a whole number, got '" + shorten(value) + "'");
        }
    }

    /** A value quoted back in an error, cut so an error line stays one short line. */
    static String shorten(String value) {
        String v = value.replaceAll("\\p{Cntrl}", "?");
        return v.length() <= 40 ? v : v.substring(0, 39) + "…";
    }

    static String html(String s) {
        if (s == null) {
            return "";
        }
        StringBuilder out = new StringBuilder(s.length() + 16);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                case '"' -> out.append("&quot;");
                case '\'' -> out.append("&#39;");
                default -> out.append(c);
            }
        }
        return out.toString();
    }

    static String url(String s) {
        return java.net.URLEncoder.encode(s == null ? "" : s, StandardCharsets.UTF_8);
    }
}
