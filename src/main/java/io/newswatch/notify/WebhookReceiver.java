package io.newswatch.notify;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.kafka.Json;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * POSTs a notification as JSON: {@code receiver}, {@code groupKey}, {@code groupLabels},
 * {@code digest}, {@code alerts} (the alert records as on the alert topics). Headers:
 * {@code Idempotency-Key} (the same on a re-delivery of the same alerts), and with a secret
 * {@code X-Newswatch-Signature-256: sha256=HEX}, the HMAC-SHA256 of the body, as GitHub signs
 * its webhooks.
 */
final class WebhookReceiver implements Receiver {

    static final String SIGNATURE_HEADER = "X-Newswatch-Signature-256";

    private final String name;
    private final URI url;
    private final Secret secret;
    private final Map<String, String> headers;
    private final HttpDelivery http;

    WebhookReceiver(String name, URI url, Secret secret, Map<String, String> headers) {
        this(name, url, secret, headers, HttpDelivery.TIMEOUT);
    }

    /** With a timeout of its own, for tests of a receiver that does not answer. */
    WebhookReceiver(String name, URI url, Secret secret, Map<String, String> headers, java.time.Duration timeout) {
        this.name = name;
        this.url = url;
        this.secret = secret;
        this.headers = headers;
        this.http = new HttpDelivery(timeout);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(Notification n) throws DeliveryException {
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("version", 1);
        body.put("receiver", n.receiver());
        body.put("groupKey", n.groupKey());
        body.set("groupLabels", Json.mapper().valueToTree(n.groupLabels()));
        body.put("digest", n.digest());
        body.set("alerts", Json.mapper().valueToTree(n.alerts()));
        byte[] bytes;
        try {
            bytes = Json.mapper().writeValueAsBytes(body);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DeliveryException("cannot write the notification as JSON: " + e.getOriginalMessage(), false, e);
        }
        Map<String, String> all = new LinkedHashMap<>(headers);
        all.put("Idempotency-Key", n.idempotencyKey());
        if (secret != null) {
            all.put(SIGNATURE_HEADER, "sha256=" + hmac(secret.value(), bytes));
        }
        http.post(url, bytes, all);
    }

    /** Hex HMAC-SHA256 of {@code body} with {@code key}: what a receiver recomputes to check the signature. */
    static String hmac(String key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available", e);
        }
    }
}
