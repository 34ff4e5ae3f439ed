package io.github.splunkdeltabridge.event;

import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Timestamp;

/** The Connect schemas of a Splunk event record, derived from {@link SplunkEventField}. */
public final class SplunkEventConnectSchema {

    /** Records are keyed by the event id. */
    public static final Schema KEY_SCHEMA = Schema.STRING_SCHEMA;

    public static final Schema VALUE_SCHEMA = valueSchema();

    private SplunkEventConnectSchema() {}

    private static Schema valueSchema() {
        SchemaBuilder struct = SchemaBuilder.struct()
                .name(SplunkEventField.RECORD_NAME)
                .version(SplunkEventField.RECORD_VERSION)
                .doc("One Splunk event (or one row of a transforming search)");
        for (SplunkEventField field : SplunkEventField.values()) {
            struct.field(field.column(), schemaOf(field));
        }
        return struct.build();
    }

    private static Schema schemaOf(SplunkEventField field) {
        SchemaBuilder builder = switch (field.type()) {
            case STRING -> SchemaBuilder.string();
            case TIMESTAMP -> Timestamp.builder();
            case MULTIVALUE_MAP ->
                SchemaBuilder.map(
                        Schema.STRING_SCHEMA,
                        SchemaBuilder.array(Schema.STRING_SCHEMA).build());
        };
        if (field.optional()) {
            builder.optional();
        }
        return builder.doc(field.doc()).build();
    }
}
