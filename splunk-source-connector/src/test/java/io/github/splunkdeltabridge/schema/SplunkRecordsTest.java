package io.github.splunkdeltabridge.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.client.SplunkEvent;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class SplunkRecordsTest {

    private static SplunkEvent event(String cd, String raw) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("_bkt", "web~12~6C4FD68A-A664-44BA-A4B1-22759F85DBE2");
        fields.put("_cd", cd);
        fields.put("_raw", raw);
        fields.put("_time", "1709296496.789000");
        fields.put("index", "web");
        fields.put("host", "www1");
        fields.put("tags", List.of("a", "b"));
        return SplunkEvent.fromFields(fields);
    }

    private static SourceRecord record(SplunkEvent event, long rows) {
        return SplunkRecords.toRecord(
                event,
                "splunk.web",
                "web",
                "slice",
                Map.of("search", "web"),
                Map.of("rows", rows),
                KafkaTimestamp.INGEST);
    }

    @Test
    void recordsOfTheSameEventAreEqualWithEqualHashCodesAndRecordsOfOtherEventsOrPositionsAreNot() {
        SourceRecord first = record(event("12:4711", "GET /"), 1);
        SourceRecord same = record(event("12:4711", "GET /"), 1);
        assertThat(same).isEqualTo(first).hasSameHashCodeAs(first);
        assertThat(record(event("12:4712", "GET /"), 1)).isNotEqualTo(first);
        assertThat(record(event("12:4711", "GET /"), 2)).isNotEqualTo(first);
    }

    @Test
    void recordsKeyedInAHashMapAsConnectKeepsSentRecordsAreFoundAgainEachUnderItsOwnEntry() {
        Map<SourceRecord, Integer> sent = new HashMap<>();
        for (int i = 0; i < 1000; i++) {
            sent.put(record(event("12:" + i, "line " + i), i), i);
        }
        assertThat(sent).hasSize(1000);
        for (int i = 0; i < 1000; i++) {
            assertThat(sent.get(record(event("12:" + i, "line " + i), i))).isEqualTo(i);
        }
    }
}
