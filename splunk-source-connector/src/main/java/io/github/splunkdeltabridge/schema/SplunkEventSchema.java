package io.github.splunkdeltabridge.schema;

import io.github.splunkdeltabridge.client.SplunkEvent;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;

// Connect's Timestamp logical type is defined on java.util.Date.
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Connect schema of one Splunk event and the mapping into it. The well-known fields get typed columns;
 * every other field lands in {@code fields}, multivalues preserved as arrays, so nothing Splunk returned is lost.
 */
public final class SplunkEventSchema {

    public static final String EVENT_ID = "event_id";
    public static final String EVENT_TIME = "event_time";
    public static final String INDEX_TIME = "index_time";
    public static final String INDEX = "index";
    public static final String HOST = "host";
    public static final String SOURCE = "source";
    public static final String SOURCETYPE = "sourcetype";
    public static final String SPLUNK_SERVER = "splunk_server";
    public static final String RAW = "raw";
    public static final String FIELDS = "fields";

    /** Splunk fields that have a typed column of their own and so are not repeated in {@code fields}. */
    private static final Set<String> TYPED_FIELDS =
            Set.of("_time", "_indextime", "index", "host", "source", "sourcetype", "splunk_server", "_raw");

    public static final Schema KEY_SCHEMA = Schema.STRING_SCHEMA;

    public static final Schema VALUE_SCHEMA = SchemaBuilder.struct()
            .name("io.github.splunkdeltabridge.SplunkEvent")
            .version(1)
            .doc("One Splunk event (or one row of a transforming search)")
            .field(EVENT_ID, Schema.STRING_SCHEMA)
            .field(EVENT_TIME, Timestamp.builder().optional().doc("_time; null for rows without it").build())
            .field(INDEX_TIME, Timestamp.builder().optional().doc("_indextime").build())
            .field(INDEX, Schema.OPTIONAL_STRING_SCHEMA)
            .field(HOST, Schema.OPTIONAL_STRING_SCHEMA)
            .field(SOURCE, Schema.OPTIONAL_STRING_SCHEMA)
            .field(SOURCETYPE, Schema.OPTIONAL_STRING_SCHEMA)
            .field(SPLUNK_SERVER, Schema.OPTIONAL_STRING_SCHEMA)
            .field(RAW, Schema.OPTIONAL_STRING_SCHEMA)
            .field(FIELDS, SchemaBuilder.map(Schema.STRING_SCHEMA, SchemaBuilder.array(Schema.STRING_SCHEMA).build())
                    .doc("All other fields; single values are one-element arrays").build())
            .build();

    private SplunkEventSchema() {
    }

    public static Struct toStruct(SplunkEvent event) {
        Map<String, List<String>> otherFields = new LinkedHashMap<>();
        event.fields().forEach((name, values) -> {
            if (!TYPED_FIELDS.contains(name)) {
                otherFields.put(name, values);
            }
        });
        return new Struct(VALUE_SCHEMA)
                .put(EVENT_ID, event.eventId())
                .put(EVENT_TIME, event.time() == null ? null : Date.from(event.time()))
                .put(INDEX_TIME, event.indexTime() == null ? null : Date.from(event.indexTime()))
                .put(INDEX, event.index())
                .put(HOST, event.host())
                .put(SOURCE, event.source())
                .put(SOURCETYPE, event.sourcetype())
                .put(SPLUNK_SERVER, event.splunkServer())
                .put(RAW, event.raw())
                .put(FIELDS, otherFields);
    }
}
