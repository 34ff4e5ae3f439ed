package io.github.splunkdeltabridge.sink.avro;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.avro.JsonProperties;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.kafka.connect.data.Date;
import org.apache.kafka.connect.data.Decimal;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Time;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.errors.DataException;

/**
 * Converts Connect schemas and values to Avro, for the Avro and Parquet writers. Every Connect type maps:
 * integers, floats, booleans, strings, bytes, arrays, maps (string keys as Avro maps, other keys as arrays of
 * key/value records), structs as records, optional schemas as unions with null (default null), and the logical
 * types Timestamp (timestamp-millis), Date (date), Time (time-millis) and Decimal (bytes decimal). Field names are
 * made valid for Avro ({@link AvroNames}). Caches schemas: not thread-safe, one per task.
 */
public final class ConnectToAvro {

    private static final String DEFAULT_NAMESPACE = "io.github.splunkdeltabridge.avro";
    /** Connect's Decimal does not record a precision; Avro needs one. The widest a Parquet decimal allows in bytes. */
    static final int DEFAULT_DECIMAL_PRECISION = 38;

    private final Map<org.apache.kafka.connect.data.Schema, Schema> cache = new HashMap<>();

    /** The Avro schema of a Connect value schema; cached, so call it per record. */
    public Schema toAvroSchema(org.apache.kafka.connect.data.Schema connect) {
        return cache.computeIfAbsent(connect, s -> convert(s, "Value", new HashMap<>()));
    }

    private Schema convert(org.apache.kafka.connect.data.Schema connect, String path, Map<String, Integer> names) {
        Schema schema = nonNull(connect, path, names);
        if (connect.isOptional()) {
            return Schema.createUnion(Schema.create(Schema.Type.NULL), schema);
        }
        return schema;
    }

    private Schema nonNull(org.apache.kafka.connect.data.Schema connect, String path, Map<String, Integer> names) {
        String logical = connect.name();
        if (Timestamp.LOGICAL_NAME.equals(logical)) {
            return LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        }
        if (Date.LOGICAL_NAME.equals(logical)) {
            return LogicalTypes.date().addToSchema(Schema.create(Schema.Type.INT));
        }
        if (Time.LOGICAL_NAME.equals(logical)) {
            return LogicalTypes.timeMillis().addToSchema(Schema.create(Schema.Type.INT));
        }
        if (Decimal.LOGICAL_NAME.equals(logical)) {
            int scale = Integer.parseInt(connect.parameters().get(Decimal.SCALE_FIELD));
            String precision = connect.parameters().get("connect.decimal.precision");
            return LogicalTypes.decimal(
                            precision == null ? DEFAULT_DECIMAL_PRECISION : Integer.parseInt(precision), scale)
                    .addToSchema(Schema.create(Schema.Type.BYTES));
        }
        return switch (connect.type()) {
            case INT8, INT16, INT32 -> Schema.create(Schema.Type.INT);
            case INT64 -> Schema.create(Schema.Type.LONG);
            case FLOAT32 -> Schema.create(Schema.Type.FLOAT);
            case FLOAT64 -> Schema.create(Schema.Type.DOUBLE);
            case BOOLEAN -> Schema.create(Schema.Type.BOOLEAN);
            case STRING -> Schema.create(Schema.Type.STRING);
            case BYTES -> Schema.create(Schema.Type.BYTES);
            case ARRAY -> Schema.createArray(convert(connect.valueSchema(), path + "_item", names));
            case MAP -> mapSchema(connect, path, names);
            case STRUCT -> recordSchema(connect, path, names);
        };
    }

    private Schema mapSchema(org.apache.kafka.connect.data.Schema connect, String path, Map<String, Integer> names) {
        if (connect.keySchema().type() == org.apache.kafka.connect.data.Schema.Type.STRING
                && !connect.keySchema().isOptional()) {
            return Schema.createMap(convert(connect.valueSchema(), path + "_value", names));
        }
        Schema entry = Schema.createRecord(
                uniqueName(path + "_entry", names),
                null,
                DEFAULT_NAMESPACE,
                false,
                List.of(
                        new Schema.Field("key", convert(connect.keySchema(), path + "_key", names)),
                        new Schema.Field("value", convert(connect.valueSchema(), path + "_value", names))));
        return Schema.createArray(entry);
    }

    private Schema recordSchema(org.apache.kafka.connect.data.Schema connect, String path, Map<String, Integer> names) {
        String fullName = connect.name();
        String namespace = DEFAULT_NAMESPACE;
        String name = path;
        if (fullName != null && !fullName.isBlank()) {
            int dot = fullName.lastIndexOf('.');
            namespace = dot > 0 ? fullName.substring(0, dot) : DEFAULT_NAMESPACE;
            name = fullName.substring(dot + 1);
        }
        List<Schema.Field> fields = new ArrayList<>();
        for (Field field : connect.fields()) {
            Schema fieldSchema = convert(field.schema(), path + "_" + field.name(), names);
            Object defaultValue = field.schema().isOptional() ? JsonProperties.NULL_VALUE : null;
            fields.add(new Schema.Field(
                    AvroNames.sanitize(field.name()),
                    fieldSchema,
                    field.schema().doc(),
                    defaultValue));
        }
        return Schema.createRecord(
                uniqueName(AvroNames.sanitize(name), names), connect.doc(), namespace, false, fields);
    }

    private static String uniqueName(String name, Map<String, Integer> names) {
        int seen = names.merge(name, 1, Integer::sum);
        return seen == 1 ? name : name + seen;
    }

    /** The Avro value of a Connect value, for the schema {@link #toAvroSchema} gave. */
    public Object toAvroValue(org.apache.kafka.connect.data.Schema connect, Object value, Schema avro) {
        if (value == null) {
            if (!connect.isOptional()) {
                throw new DataException("null value for a required " + connect.type() + " field");
            }
            return null;
        }
        Schema target = avro.getType() == Schema.Type.UNION ? avro.getTypes().get(1) : avro;
        String logical = connect.name();
        if (Timestamp.LOGICAL_NAME.equals(logical)) {
            return ((java.util.Date) value).getTime();
        }
        if (Date.LOGICAL_NAME.equals(logical)) {
            return (int) TimeUnit.MILLISECONDS.toDays(((java.util.Date) value).getTime());
        }
        if (Time.LOGICAL_NAME.equals(logical)) {
            return (int) ((java.util.Date) value).getTime();
        }
        if (Decimal.LOGICAL_NAME.equals(logical)) {
            return ByteBuffer.wrap(((BigDecimal) value).unscaledValue().toByteArray());
        }
        return switch (connect.type()) {
            case INT8 -> ((Byte) value).intValue();
            case INT16 -> ((Short) value).intValue();
            case INT32, INT64, FLOAT32, FLOAT64, BOOLEAN, STRING -> value;
            case BYTES -> value instanceof byte[] bytes ? ByteBuffer.wrap(bytes) : value;
            case ARRAY -> {
                List<Object> items = new ArrayList<>();
                for (Object item : (List<?>) value) {
                    items.add(toAvroValue(connect.valueSchema(), item, target.getElementType()));
                }
                yield items;
            }
            case MAP -> mapValue(connect, (Map<?, ?>) value, target);
            case STRUCT -> recordValue((Struct) value, target);
        };
    }

    private Object mapValue(org.apache.kafka.connect.data.Schema connect, Map<?, ?> map, Schema target) {
        if (target.getType() == Schema.Type.MAP) {
            Map<String, Object> converted = new LinkedHashMap<>();
            map.forEach(
                    (k, v) -> converted.put((String) k, toAvroValue(connect.valueSchema(), v, target.getValueType())));
            return converted;
        }
        Schema entrySchema = target.getElementType();
        List<Object> entries = new ArrayList<>();
        map.forEach((k, v) -> {
            GenericData.Record entry = new GenericData.Record(entrySchema);
            entry.put(
                    "key",
                    toAvroValue(
                            connect.keySchema(), k, entrySchema.getField("key").schema()));
            entry.put(
                    "value",
                    toAvroValue(
                            connect.valueSchema(),
                            v,
                            entrySchema.getField("value").schema()));
            entries.add(entry);
        });
        return entries;
    }

    private Object recordValue(Struct struct, Schema target) {
        GenericData.Record record = new GenericData.Record(target);
        putFields(struct, record);
        return record;
    }

    /**
     * Puts the struct's fields into {@code record}, whose schema starts with the fields {@link #toAvroSchema} made
     * for the struct's schema and may have more after them. The Avro fields are in the Connect fields' order, so
     * each goes to its field's index: no name lookup per record.
     */
    public void putFields(Struct struct, GenericData.Record record) {
        List<Schema.Field> avroFields = record.getSchema().getFields();
        for (Field field : struct.schema().fields()) {
            Schema.Field avroField = avroFields.get(field.index());
            record.put(field.index(), toAvroValue(field.schema(), struct.get(field), avroField.schema()));
        }
    }
}
