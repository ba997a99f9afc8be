package io.newswatch.api;

import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Optional;

/**
 * Who may do what. Writes need the bearer token (none configured: writes are disabled); reads are
 * open on a loopback address and need the token when the server is bound elsewhere. A write from
 * another site (its {@code Origin} or {@code Sec-Fetch-Site} says so) is refused whatever it
 * carries, so a page elsewhere cannot make a logged-in browser change the watchlist.
 */
final class ApiSecurity {

    private final byte[] token;
    private final boolean loopback;

    /**
     * @param token    the bearer token, if any
     * @param loopback whether the server listens on a loopback address only
     */
    ApiSecurity(Optional<String> token, boolean loopback) {
        this.token = token.map(t -> t.strip().getBytes(StandardCharsets.UTF_8)).filter(t -> t.length > 0).orElse(null);
        this.loopback = loopback;
    }

    boolean writesEnabled() {
        return token != null;
    }

    /** Refuses a read that needs the token and does not carry it. */
    void checkRead(Request request) {
        if (!loopback && !carriesToken(bearer(request))) {
            throw new Http.Refused(401, token == null
                    ? "reads need a token when the monitor is not bound to 127.0.0.1, and none is configured"
                    : "reads need the bearer token when the monitor is not bound to 127.0.0.1");
        }
    }

    /** Refuses a write that comes from another site or does not carry the token; {@code given} overrides the header. */
    void checkWrite(Request request, String given) {
        checkSameSite(request);
        if (token == null) {
            throw new Http.Refused(403, "writes are disabled: start the monitor with an API token (NEWSWATCH_API_TOKEN or --api-token-file)");
        }
        if (!carriesToken(given != null ? given : bearer(request))) {
            throw new Http.Refused(401, "writes need the bearer token (Authorization: Bearer …)");
        }
    }

    /** A request sent by a page of another site (its browser says so) changes nothing. */
    static void checkSameSite(Request request) {
        String site = request.getHeaders().get("Sec-Fetch-Site");
        if (site != null && !site.equals("same-origin") && !site.equals("none")) {
            throw new Http.Refused(403, "cross-site request refused (Sec-Fetch-Site: " + Http.shorten(site) + ")");
        }
        String origin = request.getHeaders().get(HttpHeader.ORIGIN);
        if (origin != null) {
            String host = request.getHeaders().get(HttpHeader.HOST);
            String originHost;
            try {
                URI uri = URI.create(origin);
                originHost = uri.getHost() == null ? null : uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            } catch (IllegalArgumentException e) {
                originHost = null;
            }
            if (originHost == null || !originHost.equalsIgnoreCase(host)) {
                throw new Http.Refused(403, "cross-site request refused (Origin " + Http.shorten(origin) + " is not this server)");
            }
        }
    }

    static String bearer(Request request) {
        String header = request.getHeaders().get(HttpHeader.AUTHORIZATION);
        return header != null && header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).strip() : null;
    }

    private boolean carriesToken(String given) {
        return token != null && given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    /** The token to pass on when a request is forwarded to the instance that holds its key. */
    Optional<String> token() {
        return token == null ? Optional.empty() : Optional.of(new String(token, StandardCharsets.UTF_8));
    }
}
