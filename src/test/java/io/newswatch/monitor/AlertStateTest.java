package io.newswatch.monitor;

import io.newswatch.alert.Alert;
import io.newswatch.kafka.JsonSerde;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** The rules' one state shape: counting in tumbling windows, and its JSON in the changelogged stores. */
class AlertStateTest {

    private static final long HOUR = 3_600_000L;
    private static final long T0 = Instant.parse("2026-03-02T10:00:00Z").toEpochMilli();

    @Test
    void shouldFireAtTheCrossingOncePerWindowAndCountALateArticleInItsOwnWindow() {
        TumblingWindows windows = new TumblingWindows();

        assertThat(windows.count(T0, HOUR, 2, evidence("a1", "s1"), 5, true, false)).isNull();
        Window crossed = windows.count(T0 + 60_000, HOUR, 2, evidence("a2", "s2"), 5, true, false);
        assertThat(crossed).isNotNull();
        assertThat(crossed.count).isEqualTo(2);
        assertThat(crossed.sources).containsExactly("s1", "s2");
        assertThat(windows.count(T0 + 120_000, HOUR, 2, evidence("a3", "s1"), 5, true, false)).as("fired already").isNull();

        assertThat(windows.count(T0 + HOUR, HOUR, 2, evidence("b1", "s1"), 5, true, false)).isNull();
        assertThat(windows.count(T0 + 180_000, HOUR, 2, evidence("a4", "s1"), 5, true, false)).as("late, its window fired").isNull();
        Window next = windows.count(T0 + HOUR + 1, HOUR, 2, evidence("b2", "s3"), 5, true, false);
        assertThat(next.start).isEqualTo(T0 + HOUR);
    }

    @Test
    void shouldCountStoriesNotCopiesWhenCountingByStories() {
        TumblingWindows windows = new TumblingWindows();

        assertThat(windows.count(T0, HOUR, 2, evidence("a1", "s1"), 5, true, true)).isNull();
        assertThat(windows.count(T0 + 1, HOUR, 2, evidence("a1-copy", "s2"), 5, false, true)).as("a copy").isNull();
        assertThat(windows.count(T0 + 2, HOUR, 2, evidence("a1-copy2", "s3"), 5, false, true)).as("another copy").isNull();
        Window crossed = windows.count(T0 + 3, HOUR, 2, evidence("b1", "s1"), 5, true, true);

        assertThat(crossed).isNotNull();
        assertThat(crossed.stories).isEqualTo(2);
        assertThat(crossed.count).as("every article still counted").isEqualTo(4);
        assertThat(crossed.sources).containsExactly("s1", "s2", "s3");
        assertThat(crossed.evidence).extracting(Alert.Evidence::articleId).as("one article per story").containsExactly("a1", "b1");
    }

    @Test
    void shouldKeepItsWindowsThroughTheStoresJson() {
        TumblingWindows windows = new TumblingWindows();
        windows.count(T0, HOUR, 3, evidence("a1", "s1"), 5, true, false);
        windows.count(T0 + HOUR, HOUR, 3, evidence("b1", "s1"), 5, true, false);
        JsonSerde<TumblingWindows> serde = JsonSerde.of(TumblingWindows.class);

        TumblingWindows read = serde.deserialize("t", serde.serialize("t", windows));

        assertThat(read.current.start).isEqualTo(T0 + HOUR);
        assertThat(read.current.evidence).extracting(Alert.Evidence::articleId).containsExactly("b1");
        assertThat(read.earlier.count(T0)).isEqualTo(1);
    }

    @Test
    void shouldStartAfreshFromStateWrittenInTheFormerShapes() {
        // what the CO_MENTION and THRESHOLD/SPIKE stores held before the rules shared one state shape
        String pair = "{\"windowStart\":1772445600000,\"count\":1,\"fired\":true,\"sources\":[\"s\"],\"evidence\":[],"
                + "\"earlier\":{\"counts\":{\"1772442000000\":2},\"fired\":[1772442000000]}}";
        String entity = "{\"threshold\":{\"start\":1772445600000,\"count\":2,\"fired\":false,\"sources\":[],\"evidence\":[]},"
                + "\"earlierThresholds\":{\"counts\":{},\"fired\":[]},\"spike\":{\"start\":1772445600000,\"count\":4,"
                + "\"fired\":false,\"sources\":[],\"evidence\":[]},\"mean\":1.5,\"variance\":0.2,\"buckets\":3,\"lastMentionWallMs\":5}";

        TumblingWindows readPair = JsonSerde.of(TumblingWindows.class).deserialize("t", pair.getBytes(StandardCharsets.UTF_8));
        EntityAlertState readEntity = JsonSerde.of(EntityAlertState.class).deserialize("t", entity.getBytes(StandardCharsets.UTF_8));

        assertThat(readPair.earlier.count(1772442000000L)).as("earlier windows kept").isEqualTo(2);
        assertThat(readPair.current.started()).isFalse();
        assertThat(readEntity.spike.count).isEqualTo(4);
        assertThat(readEntity.mean).isEqualTo(1.5);
        assertThat(readEntity.threshold.current.started()).as("the threshold window starts again").isFalse();
    }

    private static Alert.Evidence evidence(String articleId, String source) {
        return new Alert.Evidence(articleId, "t", null, source, "snippet", "text", Instant.ofEpochMilli(T0));
    }
}
