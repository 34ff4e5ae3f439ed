package io.github.splunkdeltabridge.event;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Arrays;
import java.util.List;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Test;

class SplunkEventContractTest {

    @Test
    void connectSchemaHasEveryColumnInOrderWithItsTypeAndOptionality() {
        Schema value = SplunkEventConnectSchema.VALUE_SCHEMA;
        assertThat(value.name()).isEqualTo("io.github.splunkdeltabridge.SplunkEvent");
        assertThat(value.fields().stream().map(Field::name).toList()).isEqualTo(SplunkEventField.columns());
        for (SplunkEventField column : SplunkEventField.values()) {
            Schema schema = value.field(column.column()).schema();
            assertThat(schema.isOptional()).as(column.column()).isEqualTo(column.optional());
            switch (column.type()) {
                case STRING -> assertThat(schema.type()).as(column.column()).isEqualTo(Schema.Type.STRING);
                case TIMESTAMP -> assertThat(schema.name()).as(column.column()).isEqualTo(Timestamp.LOGICAL_NAME);
                case MULTIVALUE_MAP -> {
                    assertThat(schema.type()).isEqualTo(Schema.Type.MAP);
                    assertThat(schema.valueSchema().type()).isEqualTo(Schema.Type.ARRAY);
                    assertThat(schema.valueSchema().valueSchema().type()).isEqualTo(Schema.Type.STRING);
                }
            }
        }
    }

    @Test
    void sparkSchemaHasEveryColumnInOrderWithItsType() {
        List<String> names = Arrays.stream(SplunkEventSparkSchema.SCHEMA.fields())
                .map(StructField::name)
                .toList();
        assertThat(names).isEqualTo(SplunkEventField.columns());
        assertThat(SplunkEventSparkSchema.SCHEMA.apply("event_time").dataType()).isEqualTo(DataTypes.TimestampType);
        assertThat(SplunkEventSparkSchema.SCHEMA.apply("fields").dataType().simpleString())
                .isEqualTo("map<string,array<string>>");
    }

    @Test
    void typedSplunkFieldsAreTheOnesWithAColumnOfTheirOwn() {
        assertThat(SplunkEventField.TYPED_SPLUNK_FIELDS)
                .containsExactlyInAnyOrder(
                        "_time", "_indextime", "index", "host", "source", "sourcetype", "splunk_server", "_raw");
    }
}
