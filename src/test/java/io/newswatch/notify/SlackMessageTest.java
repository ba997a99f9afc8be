package io.newswatch.notify;

import com.fasterxml.jackson.databind.JsonNode;
import io.newswatch.kafka.Json;
import io.newswatch.watchlist.AlertKind;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import static io.newswatch.notify.Alerts.alert;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The Slack message, since Slack cannot be reached here: equal to a reviewed golden file, and
 * within Block Kit's field names and limits as Slack documents them (block types header, section
 * and context; text objects plain_text and mrkdwn; at most 50 blocks, a header of 150 characters,
 * a section text of 3,000, 10 context elements).
 */
class SlackMessageTest {

    private static final Map<String, Set<String>> BLOCK_FIELDS = Map.of(
            "header", Set.of("type", "text", "block_id"),
            "section", Set.of("type", "text", "block_id", "fields", "accessory"),
            "context", Set.of("type", "elements", "block_id"));
    private static final Set<String> TEXT_FIELDS = Set.of("type", "text", "emoji", "verbatim");

    private static Notification sample(int alerts) {
        List<io.newswatch.alert.Alert> list = new ArrayList<>();
        for (int i = 0; i < alerts; i++) {
            io.newswatch.alert.Alert a = alert("a" + i, i % 2 == 0 ? AlertKind.MENTION : AlertKind.SPREAD, i < 2 ? "icc" : "rosatom", "law");
            if (i == 1) {
                // a story three outlets carry
                a = new io.newswatch.alert.Alert(a.alertId(), a.kind(), a.entityId(), a.entityName(), null, null, a.windowStart(),
                        a.windowEnd(), 3, List.of("Wire", "Times", "Post"), null, null, a.evidence(), a.tags(), 7, "story-1", 1, List.of());
            }
            list.add(a);
        }
        return new Notification("desk", "entity=icc", Map.of("entity", "icc"), list, "k", false);
    }

    @Test
    void shouldEqualTheReviewedGoldenMessage() throws IOException {
        try (InputStream golden = getClass().getResourceAsStream("/notify/slack-message.json")) {
            assertThat(golden).as("src/test/resources/notify/slack-message.json").isNotNull();
            assertThat(SlackReceiver.payload(sample(3))).isEqualTo(Json.mapper().readTree(golden));
        }
    }

    @Test
    void shouldUseOnlyBlockKitFieldsWithinSlacksLimits() {
        for (int alerts : new int[] {1, 3, 20, 21, 200}) {
            JsonNode message = SlackReceiver.payload(sample(alerts));
            assertThat(message.path("text").isTextual()).isTrue();
            JsonNode blocks = message.path("blocks");
            assertThat(blocks.size()).as("blocks of %d alerts", alerts).isBetween(1, 50);
            for (JsonNode block : blocks) {
                String type = block.path("type").asText();
                assertThat(BLOCK_FIELDS).as("block type").containsKey(type);
                block.fieldNames().forEachRemaining(f -> assertThat(BLOCK_FIELDS.get(type)).as("%s field", type).contains(f));
                switch (type) {
                    case "header" -> {
                        textObject(block.path("text"), Set.of("plain_text"));
                        assertThat(block.path("text").path("text").asText()).hasSizeLessThanOrEqualTo(150);
                    }
                    case "section" -> {
                        textObject(block.path("text"), Set.of("plain_text", "mrkdwn"));
                        assertThat(block.path("text").path("text").asText()).hasSizeLessThanOrEqualTo(3000);
                    }
                    default -> {
                        assertThat(block.path("elements").size()).isBetween(1, 10);
                        block.path("elements").forEach(e -> textObject(e, Set.of("plain_text", "mrkdwn")));
                    }
                }
            }
        }
    }

    private static void textObject(JsonNode text, Set<String> types) {
        assertThat(types).contains(text.path("type").asText());
        text.fieldNames().forEachRemaining(f -> assertThat(TEXT_FIELDS).as("text object field").contains(f));
        assertThat(text.path("text").asText()).isNotEmpty();
    }
}
