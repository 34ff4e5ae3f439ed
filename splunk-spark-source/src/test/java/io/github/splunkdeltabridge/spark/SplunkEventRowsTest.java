package io.github.splunkdeltabridge.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.client.SplunkEvent;
import io.github.splunkdeltabridge.event.SplunkEventField;
import io.github.splunkdeltabridge.event.SplunkEventSparkSchema;
import io.github.splunkdeltabridge.schema.SplunkEventSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Struct;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.util.MapData;
import org.junit.jupiter.api.Test;

/** One contract: a row read by Spark holds what the connector's record of the same event holds, column by column. */
class SplunkEventRowsTest {

    private static SplunkEvent webEvent() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("_bkt", "web~12~ABC");
        fields.put("_cd", "12:345");
        fields.put("_indextime", "1709296500");
        fields.put("_raw", "GET /cart 200 ✅");
        fields.put("_time", "2024-03-01T12:34:56.789123+00:00");
        fields.put("host", "web-01");
        fields.put("index", "web");
        fields.put("source", "/var/log/nginx/access.log");
        fields.put("sourcetype", "access_combined");
        fields.put("splunk_server", "idx-1");
        fields.put("status", "200");
        fields.put("tags{}", List.of("a", "b"));
        fields.put("single_array", List.of("only"));
        return SplunkEvent.fromFields(fields);
    }

    private static SplunkEvent statsRow() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("sourcetype", "access_combined");
        fields.put("count", "42");
        return SplunkEvent.fromFields(fields);
    }

    @Test
    void anEventsRowEqualsTheConnectorsRecordColumnByColumn() {
        assertSameAsConnector(webEvent());
    }

    @Test
    void aRowOfATransformingSearchEqualsTheConnectorsRecordToo() {
        assertSameAsConnector(statsRow());
    }

    @Test
    void timesKeepTheContractsMillisecondsAndTheIdIsTheConnectorsKey() {
        InternalRow row = SplunkEventRows.toRow(webEvent());
        assertThat(row.getLong(SplunkEventField.EVENT_TIME.ordinal()))
                .isEqualTo(Instant.parse("2024-03-01T12:34:56.789Z").toEpochMilli() * 1000);
        assertThat(row.getUTF8String(SplunkEventField.EVENT_ID.ordinal()).toString())
                .isEqualTo(webEvent().eventId())
                .startsWith("web:");
        assertThat(row.numFields()).isEqualTo(SplunkEventSparkSchema.SCHEMA.size());
    }

    private static void assertSameAsConnector(SplunkEvent event) {
        Struct record = SplunkEventSchema.toStruct(event);
        InternalRow row = SplunkEventRows.toRow(event);
        for (SplunkEventField column : SplunkEventField.values()) {
            Object expected = record.get(column.column());
            Object actual = sparkValue(row, column);
            assertThat(actual).as(column.column()).isEqualTo(expected);
        }
    }

    /** The row's value in the Connect record's Java form. */
    private static Object sparkValue(InternalRow row, SplunkEventField column) {
        int i = column.ordinal();
        if (row.isNullAt(i)) {
            return null;
        }
        return switch (column.type()) {
            case STRING -> row.getUTF8String(i).toString();
            case TIMESTAMP -> new Date(row.getLong(i) / 1000);
            case MULTIVALUE_MAP -> {
                MapData map = row.getMap(i);
                Map<String, List<String>> values = new LinkedHashMap<>();
                for (int k = 0; k < map.numElements(); k++) {
                    List<String> list = new ArrayList<>();
                    var array = map.valueArray().getArray(k);
                    for (int v = 0; v < array.numElements(); v++) {
                        list.add(array.getUTF8String(v).toString());
                    }
                    values.put(map.keyArray().getUTF8String(k).toString(), list);
                }
                yield values;
            }
        };
    }
}
