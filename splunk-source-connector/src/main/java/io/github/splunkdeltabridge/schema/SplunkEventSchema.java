package io.github.splunkdeltabridge.schema;

import io.github.splunkdeltabridge.client.SplunkEvent;
import io.github.splunkdeltabridge.event.SplunkEventConnectSchema;
import io.github.splunkdeltabridge.event.SplunkEventField;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Struct;

/**
 * Maps a Splunk event into its Connect record value ({@link SplunkEventConnectSchema}, defined by
 * {@link SplunkEventField}). The well-known fields get typed columns; every other field lands in {@code fields},
 * multivalues preserved as arrays, so nothing Splunk returned is lost.
 */
public final class SplunkEventSchema {

    public static final Schema KEY_SCHEMA = SplunkEventConnectSchema.KEY_SCHEMA;
    public static final Schema VALUE_SCHEMA = SplunkEventConnectSchema.VALUE_SCHEMA;

    private SplunkEventSchema() {}

    public static Struct toStruct(SplunkEvent event) {
        Struct struct = new Struct(VALUE_SCHEMA);
        for (SplunkEventField column : SplunkEventField.values()) {
            struct.put(column.column(), valueOf(column, event));
        }
        return struct;
    }

    private static Object valueOf(SplunkEventField column, SplunkEvent event) {
        return switch (column) {
            case EVENT_ID -> event.eventId();
            case EVENT_TIME -> event.time() == null ? null : Date.from(event.time());
            case INDEX_TIME -> event.indexTime() == null ? null : Date.from(event.indexTime());
            case FIELDS -> otherFields(event);
            default -> event.field(column.splunkField());
        };
    }

    private static Map<String, List<String>> otherFields(SplunkEvent event) {
        Map<String, List<String>> other = new LinkedHashMap<>();
        event.fields().forEach((name, values) -> {
            if (!SplunkEventField.TYPED_SPLUNK_FIELDS.contains(name)) {
                other.put(name, values);
            }
        });
        return other;
    }
}
