package io.newswatch.notify;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.newswatch.alert.Alert;
import io.newswatch.kafka.Json;

import java.net.URI;
import java.util.Map;

/**
 * Posts a notification to a Slack incoming webhook: a header, one section per alert (kind,
 * entity, articles, the headline linked to its article, source, snippet, "+N outlets"), and a
 * context line with the group. At most {@link #MAX_ALERT_BLOCKS} alerts are shown, then how many
 * more; {@code text} carries the same summary for notifications and clients without blocks.
 */
final class SlackReceiver implements Receiver {

    /** Slack takes at most 50 blocks per message; a header, the alerts, a "more" line and a context. */
    static final int MAX_ALERT_BLOCKS = 20;
    private static final int SNIPPET_CHARS = 300;

    private final String name;
    private final URI url;
    private final HttpDelivery http = new HttpDelivery(HttpDelivery.TIMEOUT);

    SlackReceiver(String name, URI url) {
        this.name = name;
        this.url = url;
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public void deliver(Notification n) throws DeliveryException {
        try {
            http.post(url, Json.mapper().writeValueAsBytes(payload(n)), Map.of());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new DeliveryException("cannot write the Slack message: " + e.getOriginalMessage(), false, e);
        }
    }

    /** The message Slack receives. */
    static ObjectNode payload(Notification n) {
        ObjectNode message = Json.mapper().createObjectNode();
        String title = summary(n);
        message.put("text", title);
        ArrayNode blocks = message.putArray("blocks");
        ObjectNode header = blocks.addObject().put("type", "header");
        header.putObject("text").put("type", "plain_text").put("text", title.length() > 150 ? title.substring(0, 149) + "…" : title);
        int shown = Math.min(n.alerts().size(), MAX_ALERT_BLOCKS);
        for (Alert alert : n.alerts().subList(0, shown)) {
            ObjectNode section = blocks.addObject().put("type", "section");
            section.putObject("text").put("type", "mrkdwn").put("text", section(alert));
        }
        if (n.alerts().size() > shown) {
            ObjectNode more = blocks.addObject().put("type", "section");
            more.putObject("text").put("type", "mrkdwn").put("text", "_and " + (n.alerts().size() - shown) + " more alerts_");
        }
        ObjectNode context = blocks.addObject().put("type", "context");
        context.putArray("elements").addObject().put("type", "mrkdwn")
                .put("text", escape((n.digest() ? "digest" : "group " + n.groupKey()) + " · newswatch notify · " + n.receiver()));
        return message;
    }

    /** "newswatch: 3 alerts — ICC (MENTION)" or, for a digest, "newswatch digest: 12 alerts". */
    static String summary(Notification n) {
        int count = n.alerts().size();
        String alerts = count + (count == 1 ? " alert" : " alerts");
        if (n.digest()) {
            return "newswatch digest: " + alerts;
        }
        java.util.Set<String> names = new java.util.LinkedHashSet<>();
        java.util.Set<String> kinds = new java.util.LinkedHashSet<>();
        for (Alert a : n.alerts()) {
            names.add(a.entityName() != null ? a.entityName() : a.entityId());
            kinds.add(a.kind().name());
        }
        String who = names.size() <= 3 ? String.join(", ", names) : names.size() + " entities";
        return "newswatch: " + alerts + " — " + who + " (" + String.join(", ", kinds) + ")";
    }

    private static String section(Alert alert) {
        StringBuilder b = new StringBuilder();
        b.append('*').append(alert.kind()).append("* · *").append(escape(alert.entityName() != null ? alert.entityName() : alert.entityId()));
        if (alert.coEntityName() != null) {
            b.append(" + ").append(escape(alert.coEntityName()));
        }
        b.append("* · ").append(alert.articleCount()).append(alert.articleCount() == 1 ? " article" : " articles");
        if (!alert.evidence().isEmpty()) {
            Alert.Evidence top = alert.evidence().get(0);
            b.append('\n');
            String headline = top.title() == null ? "(no headline)" : escape(top.title()).replace('|', '¦');
            b.append(top.url() != null && top.url().startsWith("http") ? "<" + top.url().replace(">", "%3E").replace("|", "%7C") + "|" + headline + ">" : headline);
            if (top.source() != null) {
                b.append(" — ").append(escape(top.source()));
            }
            if (top.snippet() != null && !top.snippet().isBlank()) {
                String snippet = top.snippet().replaceAll("\\s+", " ").strip();
                b.append("\n>").append(escape(snippet.length() > SNIPPET_CHARS ? snippet.substring(0, SNIPPET_CHARS) + "…" : snippet));
            }
        }
        if (alert.sourceCount() > 1) {
            b.append("\n+").append(alert.sourceCount() - 1).append(alert.sourceCount() == 2 ? " outlet" : " outlets");
        }
        return b.toString();
    }

    /** Slack's mrkdwn escaping: the three characters it reserves. */
    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
