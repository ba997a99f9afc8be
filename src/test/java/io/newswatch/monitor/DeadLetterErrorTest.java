package io.newswatch.monitor;

import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static io.newswatch.monitor.MonitorDriver.bytes;
import static io.newswatch.monitor.MonitorDriver.header;
import static org.assertj.core.api.Assertions.assertThat;

/** The error header of a dead letter says what is wrong and where, and never quotes the record. */
class DeadLetterErrorTest {

    private static final Instant T0 = Instant.parse("2026-03-02T10:00:00Z");
    private static final String MARKER = "Zq7secretMarker";

    private final MonitorDriver monitor = new MonitorDriver();

    @AfterEach
    void close() {
        monitor.close();
    }

    @Test
    void shouldExplainEachBadRecordWithoutQuotingIt() {
        // Given records that are bad in different ways, each carrying a marker
        Map<String, String> bad = new java.util.LinkedHashMap<>();
        bad.put("{\"body\":\"b " + MARKER + "\",\"publishedAt\":1e300}",
                "wrong-type|field publishedAt: must be an ISO-8601 date-time such as 2026-12-05T10:00:00Z");
        bad.put("{\"body\":\"b\",\"publishedAt\":\"yesterday " + MARKER + "\"}",
                "wrong-type|field publishedAt: must be an ISO-8601 date-time such as 2026-12-05T10:00:00Z");
        bad.put(MARKER + "thisisnotjson", "malformed-json|invalid JSON at line 1 column 1: unexpected character");
        bad.put("{\"title\":\"" + MARKER + "\",\"body\":{\"x\":1}}", "wrong-type|field body: expected a string, got an object");

        // When they reach the monitor
        int i = 0;
        for (String value : bad.keySet()) {
            monitor.raw(bytes("key-" + i++), bytes(value), T0);
        }

        // Then each is a dead letter with its reason and an error that names the problem only
        List<TestRecord<byte[], byte[]>> dead = monitor.deadLetters();
        assertThat(dead).extracting(r -> header(r.headers(), DeadLetters.REASON) + "|" + header(r.headers(), DeadLetters.ERROR))
                .containsExactlyElementsOf(bad.values());
    }
}
