package io.github.splunkdeltabridge.spark;

import io.github.splunkdeltabridge.client.SplunkEvent;
import io.github.splunkdeltabridge.event.SplunkEventField;
import io.github.splunkdeltabridge.event.SplunkEventSparkSchema;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.catalyst.InternalRow;
import org.apache.spark.sql.catalyst.expressions.GenericInternalRow;
import org.apache.spark.sql.catalyst.util.ArrayBasedMapData;
import org.apache.spark.sql.catalyst.util.GenericArrayData;
import org.apache.spark.unsafe.types.UTF8String;

/**
 * Maps a Splunk event to its Spark row ({@link SplunkEventSparkSchema}, defined by {@link SplunkEventField}): the
 * same mapping as the connector's Connect record (splunk-source-connector's {@code SplunkEventSchema.toStruct}), column
 * by column, so a row read here and a record landed through Kafka carry the same values and the same event id.
 * Times are cut to the millisecond, as the contract's TIMESTAMP is.
 */
final class SplunkEventRows {

    private SplunkEventRows() {}

    static InternalRow toRow(SplunkEvent event) {
        Object[] values = new Object[SplunkEventField.values().length];
        for (SplunkEventField column : SplunkEventField.values()) {
            values[column.ordinal()] = valueOf(column, event);
        }
        return new GenericInternalRow(values);
    }

    private static Object valueOf(SplunkEventField column, SplunkEvent event) {
        return switch (column) {
            case EVENT_ID -> UTF8String.fromString(event.eventId());
            case EVENT_TIME -> micros(event.time());
            case INDEX_TIME -> micros(event.indexTime());
            case FIELDS -> otherFields(event);
            default -> UTF8String.fromString(event.field(column.splunkField()));
        };
    }

    /** Spark's TIMESTAMP is microseconds since the epoch; the contract keeps milliseconds. */
    private static Long micros(Instant time) {
        return time == null ? null : Math.multiplyExact(time.toEpochMilli(), 1000L);
    }

    private static ArrayBasedMapData otherFields(SplunkEvent event) {
        List<Object> names = new ArrayList<>();
        List<Object> values = new ArrayList<>();
        for (Map.Entry<String, List<String>> field : event.fields().entrySet()) {
            if (!SplunkEventField.TYPED_SPLUNK_FIELDS.contains(field.getKey())) {
                names.add(UTF8String.fromString(field.getKey()));
                values.add(new GenericArrayData(
                        field.getValue().stream().map(UTF8String::fromString).toArray()));
            }
        }
        return new ArrayBasedMapData(new GenericArrayData(names.toArray()), new GenericArrayData(values.toArray()));
    }
}
