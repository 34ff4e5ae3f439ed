package io.github.splunkdeltabridge.sink.avro;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.event.SplunkEventConnectSchema;
import io.github.splunkdeltabridge.event.SplunkEventField;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;

/** The files this sink lands from the source connector's records have exactly the event contract's columns. */
class SplunkEventContractAvroTest {

    @Test
    void theSourceRecordBecomesTheColumnsOfTheEventContract() {
        Schema avro = new ConnectToAvro().toAvroSchema(SplunkEventConnectSchema.VALUE_SCHEMA);
        assertThat(avro.getFullName()).isEqualTo(SplunkEventField.RECORD_NAME);
        assertThat(avro.getFields().stream().map(Schema.Field::name).toList()).isEqualTo(SplunkEventField.columns());
        for (SplunkEventField column : SplunkEventField.values()) {
            Schema type = avro.getField(column.column()).schema();
            assertThat(type.isNullable()).as(column.column()).isEqualTo(column.optional());
            Schema value = type.isUnion()
                    ? type.getTypes().stream()
                            .filter(t -> t.getType() != Schema.Type.NULL)
                            .findFirst()
                            .orElseThrow()
                    : type;
            switch (column.type()) {
                case STRING -> assertThat(value.getType()).as(column.column()).isEqualTo(Schema.Type.STRING);
                case TIMESTAMP ->
                    assertThat(value.getLogicalType()).as(column.column()).isEqualTo(LogicalTypes.timestampMillis());
                case MULTIVALUE_MAP ->
                    assertThat(value.toString())
                            .isEqualTo("{\"type\":\"map\",\"values\":{\"type\":\"array\",\"items\":\"string\"}}");
            }
        }
    }
}
