package io.github.splunkdeltabridge.sink.avro;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Turns a record's Struct value into the Avro record the file writers take, optionally with the record's Kafka
 * coordinates as three extra columns ({@value #TOPIC}, {@value #PARTITION}, {@value #OFFSET}) so readers can order
 * replays of the same event. Schemas are cached per Connect schema: not thread-safe, one per task.
 */
public final class SinkRecordToAvro {

    public static final String TOPIC = "kafka_topic";
    public static final String PARTITION = "kafka_partition";
    public static final String OFFSET = "kafka_offset";

    private final ConnectToAvro connectToAvro = new ConnectToAvro();
    private final boolean kafkaColumns;
    private final Map<org.apache.kafka.connect.data.Schema, Schema> schemas = new HashMap<>();
    private org.apache.kafka.connect.data.Schema lastConnectSchema;
    private Schema lastAvroSchema;

    public SinkRecordToAvro(boolean kafkaColumns) {
        this.kafkaColumns = kafkaColumns;
    }

    /** The Avro schema of the record's value (plus the Kafka columns when enabled). */
    public Schema schemaOf(SinkRecord record) {
        org.apache.kafka.connect.data.Schema connect = record.valueSchema();
        if (connect == null
                || connect.type() != org.apache.kafka.connect.data.Schema.Type.STRUCT
                || !(record.value() instanceof Struct)) {
            throw new DataException("Record in topic " + record.topic() + " partition " + record.kafkaPartition()
                    + " at offset " + record.kafkaOffset() + " has no Struct value with a schema; Parquet and Avro "
                    + "need one: use a converter with schemas (AvroConverter, or JsonConverter with "
                    + "schemas.enable=true)");
        }
        // Converters hand out one schema instance per schema, and a Connect schema's hashCode walks all of its
        // fields: the identity check saves that walk for every record after the first.
        if (connect != lastConnectSchema) {
            lastAvroSchema = schemas.computeIfAbsent(connect, this::withKafkaColumns);
            lastConnectSchema = connect;
        }
        return lastAvroSchema;
    }

    private Schema withKafkaColumns(org.apache.kafka.connect.data.Schema connect) {
        Schema value = connectToAvro.toAvroSchema(connect);
        if (!kafkaColumns) {
            return value;
        }
        List<Schema.Field> fields = new ArrayList<>();
        for (Schema.Field field : value.getFields()) {
            if (field.name().equals(TOPIC)
                    || field.name().equals(PARTITION)
                    || field.name().equals(OFFSET)) {
                throw new DataException("Value schema " + value.getFullName() + " already has a field '" + field.name()
                        + "'; set record.kafka.columns.enabled=false or drop the field");
            }
            fields.add(new Schema.Field(field, field.schema()));
        }
        fields.add(new Schema.Field(TOPIC, Schema.create(Schema.Type.STRING), "Kafka topic of the record", null));
        fields.add(new Schema.Field(PARTITION, Schema.create(Schema.Type.INT), "Kafka partition of the record", null));
        fields.add(new Schema.Field(OFFSET, Schema.create(Schema.Type.LONG), "Kafka offset of the record", null));
        Schema record = Schema.createRecord(value.getName(), value.getDoc(), value.getNamespace(), false, fields);
        value.getObjectProps().forEach(record::addProp);
        return record;
    }

    /** The Avro record for {@code record}, whose schema is {@link #schemaOf}. */
    public GenericRecord toAvro(SinkRecord record, Schema schema) {
        // The value's fields fill the first positions of the schema, the Kafka columns (when enabled) the last three.
        GenericData.Record avro = new GenericData.Record(schema);
        connectToAvro.putFields((Struct) record.value(), avro);
        if (kafkaColumns) {
            int kafkaColumnsStart = schema.getFields().size() - 3;
            avro.put(kafkaColumnsStart, record.topic());
            avro.put(kafkaColumnsStart + 1, record.kafkaPartition());
            avro.put(kafkaColumnsStart + 2, record.kafkaOffset());
        }
        return avro;
    }
}
