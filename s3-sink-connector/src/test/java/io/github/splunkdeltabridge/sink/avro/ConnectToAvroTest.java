package io.github.splunkdeltabridge.sink.avro;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.DecoderFactory;
import org.apache.avro.io.EncoderFactory;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.junit.jupiter.api.Test;

class ConnectToAvroTest {

    private static final org.apache.kafka.connect.data.Schema NESTED = SchemaBuilder.struct()
            .name("Nested")
            .optional()
            .field("n", org.apache.kafka.connect.data.Schema.INT16_SCHEMA)
            .build();

    private static final org.apache.kafka.connect.data.Schema EVERYTHING = SchemaBuilder.struct()
            .name("io.github.splunkdeltabridge.SplunkEvent")
            .doc("every Connect type")
            .field("i8", org.apache.kafka.connect.data.Schema.INT8_SCHEMA)
            .field("i64", org.apache.kafka.connect.data.Schema.INT64_SCHEMA)
            .field("f32", org.apache.kafka.connect.data.Schema.FLOAT32_SCHEMA)
            .field("f64", org.apache.kafka.connect.data.Schema.OPTIONAL_FLOAT64_SCHEMA)
            .field("flag", org.apache.kafka.connect.data.Schema.BOOLEAN_SCHEMA)
            .field("text", org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA)
            .field("blob", org.apache.kafka.connect.data.Schema.BYTES_SCHEMA)
            .field("event_time", Timestamp.builder().optional().build())
            .field("day", Date.SCHEMA)
            .field("clock", Time.SCHEMA)
            .field("amount", Decimal.schema(2))
            .field(
                    "tags",
                    SchemaBuilder.array(org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
                            .build())
            .field(
                    "fields",
                    SchemaBuilder.map(
                                    org.apache.kafka.connect.data.Schema.STRING_SCHEMA,
                                    SchemaBuilder.array(org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
                                            .build())
                            .build())
            .field(
                    "by_number",
                    SchemaBuilder.map(
                                    org.apache.kafka.connect.data.Schema.INT32_SCHEMA,
                                    org.apache.kafka.connect.data.Schema.STRING_SCHEMA)
                            .build())
            .field("user.name", org.apache.kafka.connect.data.Schema.OPTIONAL_STRING_SCHEMA)
            .field("nested", NESTED)
            .build();

    @Test
    void everyConnectTypeRoundTripsThroughAvroBinary() throws Exception {
        Instant eventTime = Instant.parse("2024-03-01T12:34:56.789Z");
        Struct value = new Struct(EVERYTHING)
                .put("i8", (byte) -3)
                .put("i64", 1L << 40)
                .put("f32", 1.5f)
                .put("f64", null)
                .put("flag", true)
                .put("text", "Zoë 😀 田中")
                .put("blob", new byte[] {1, 2, 3})
                .put("event_time", java.util.Date.from(eventTime))
                .put("day", java.util.Date.from(Instant.parse("2024-03-01T00:00:00Z")))
                .put("clock", new java.util.Date(45_296_789L))
                .put("amount", new BigDecimal("-1234.56"))
                .put("tags", List.of("a", "b"))
                .put("fields", Map.of("status", List.of("200")))
                .put("by_number", Map.of(7, "seven"))
                .put("user.name", "zoë")
                .put("nested", new Struct(NESTED).put("n", (short) 12));

        ConnectToAvro converter = new ConnectToAvro();
        Schema schema = converter.toAvroSchema(EVERYTHING);
        GenericRecord record = (GenericRecord) converter.toAvroValue(EVERYTHING, value, schema);
        GenericRecord read = roundTrip(schema, record);

        assertThat(schema.getFullName()).isEqualTo("io.github.splunkdeltabridge.SplunkEvent");
        assertThat(schema.getField("event_time").schema().getTypes().get(1).getLogicalType())
                .isEqualTo(LogicalTypes.timestampMillis());
        assertThat(read.get("i8")).isEqualTo(-3);
        assertThat(read.get("i64")).isEqualTo(1L << 40);
        assertThat(read.get("f64")).isNull();
        assertThat(read.get("text").toString()).isEqualTo("Zoë 😀 田中");
        assertThat(read.get("blob")).isEqualTo(ByteBuffer.wrap(new byte[] {1, 2, 3}));
        assertThat(read.get("event_time")).isEqualTo(eventTime.toEpochMilli());
        assertThat(read.get("day"))
                .isEqualTo((int) (Instant.parse("2024-03-01T00:00:00Z").getEpochSecond() / 86_400));
        assertThat(read.get("clock")).isEqualTo(45_296_789);
        LogicalTypes.Decimal decimal =
                (LogicalTypes.Decimal) schema.getField("amount").schema().getLogicalType();
        assertThat(decimal.getScale()).isEqualTo(2);
        assertThat(new Conversions.DecimalConversion()
                        .fromBytes(
                                (ByteBuffer) read.get("amount"),
                                schema.getField("amount").schema(),
                                decimal))
                .isEqualTo(new BigDecimal("-1234.56"));
        assertThat(read.get("tags").toString()).isEqualTo("[a, b]");
        assertThat(((Map<?, ?>) read.get("fields")).toString()).isEqualTo("{status=[200]}");
        assertThat(read.get("by_number").toString()).isEqualTo("[{\"key\": 7, \"value\": \"seven\"}]");
        assertThat(read.get("user_name").toString()).isEqualTo("zoë");
        assertThat(((GenericRecord) read.get("nested")).get("n")).isEqualTo(12);
        assertThat(schema.getField("text").defaultVal()).isEqualTo(org.apache.avro.JsonProperties.NULL_VALUE);
    }

    @Test
    void namesAreMadeValidForAvro() {
        assertThat(AvroNames.sanitize("tags{}")).isEqualTo("tags__");
        assertThat(AvroNames.sanitize("user.name")).isEqualTo("user_name");
        assertThat(AvroNames.sanitize("3d")).isEqualTo("_3d");
    }

    private static GenericRecord roundTrip(Schema schema, GenericRecord record) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
        new GenericDatumWriter<GenericRecord>(schema, GenericData.get()).write(record, encoder);
        encoder.flush();
        return new GenericDatumReader<GenericRecord>(schema)
                .read(null, DecoderFactory.get().binaryDecoder(bytes.toByteArray(), null));
    }
}
