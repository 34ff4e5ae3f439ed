package io.github.splunkdeltabridge.schema;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.client.SplunkEvent;
import io.github.splunkdeltabridge.event.SplunkEventField;
import java.time.Instant;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.Test;

class SplunkEventSchemaTest {

    @Test
    void eventsMapToTypedColumnsPlusTheRemainingFields() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("_bkt", "web~12~ABC");
        fields.put("_cd", "12:345");
        fields.put("_indextime", "1709296500");
        fields.put("_raw", "GET /cart 200 ✅");
        fields.put("_time", "2024-03-01T12:34:56.789+00:00");
        fields.put("host", "web-01");
        fields.put("index", "web");
        fields.put("source", "/var/log/nginx/access.log");
        fields.put("sourcetype", "access_combined");
        fields.put("splunk_server", "idx-1");
        fields.put("status", "200");
        fields.put("tags{}", List.of("a", "b"));
        SplunkEvent event = SplunkEvent.fromFields(fields);

        SourceRecord record = SplunkRecords.toRecord(
                event, "splunk.web", "web", "tail", Map.of("p", 1), Map.of("o", 1), KafkaTimestamp.EVENT_TIME);
        Struct value = (Struct) record.value();
        value.validate();
        assertThat(record.key()).isEqualTo(event.eventId());
        assertThat(record.timestamp())
                .isEqualTo(Instant.parse("2024-03-01T12:34:56.789Z").toEpochMilli());
        assertThat(value.get(SplunkEventField.EVENT_TIME.column()))
                .isEqualTo(Date.from(Instant.parse("2024-03-01T12:34:56.789Z")));
        assertThat(value.get(SplunkEventField.INDEX_TIME.column()))
                .isEqualTo(Date.from(Instant.ofEpochSecond(1709296500)));
        assertThat(value.getString(SplunkEventField.RAW.column())).isEqualTo("GET /cart 200 ✅");
        assertThat(value.getString(SplunkEventField.HOST.column())).isEqualTo("web-01");
        Map<String, List<String>> rest = value.getMap(SplunkEventField.FIELDS.column()).entrySet().stream()
                .collect(java.util.stream.Collectors.toMap(e -> (String) e.getKey(), e -> (List<String>) e.getValue()));
        assertThat(rest)
                .containsEntry("tags{}", List.of("a", "b"))
                .containsEntry("status", List.of("200"))
                .containsKeys("_bkt", "_cd")
                .doesNotContainKeys("_raw", "_time", "host", "index");
        assertThat(record.headers().lastWithName(SplunkRecords.SEARCH_HEADER).value())
                .isEqualTo("web");
    }

    @Test
    void rowsOfTransformingSearchesHaveNoTimeOrRaw() {
        SplunkEvent row = SplunkEvent.fromFields(Map.of("status", "404", "count", "17"));
        Struct value = SplunkEventSchema.toStruct(row);
        value.validate();
        assertThat(value.get(SplunkEventField.EVENT_TIME.column())).isNull();
        assertThat(value.get(SplunkEventField.RAW.column())).isNull();
        assertThat(value.getString(SplunkEventField.EVENT_ID.column())).isNotBlank();
        assertThat(SplunkRecords.toRecord(row, "t", "s", "tail", Map.of(), Map.of(), KafkaTimestamp.EVENT_TIME)
                        .timestamp())
                .isNull();
    }

    @Test
    void byDefaultRecordsCarryNoTimestampSoTheProducerStampsTheSendTime() {
        SplunkEvent old = SplunkEvent.fromFields(Map.of("_time", "2019-06-01T00:00:00.000+00:00", "_raw", "x"));
        assertThat(SplunkRecords.toRecord(old, "t", "s", "tail", Map.of(), Map.of(), KafkaTimestamp.INGEST)
                        .timestamp())
                .isNull();
        assertThat(KafkaTimestamp.fromSetting("Event_Time")).isEqualTo(KafkaTimestamp.EVENT_TIME);
    }
}
