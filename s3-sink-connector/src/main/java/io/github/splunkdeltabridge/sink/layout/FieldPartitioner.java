package io.github.splunkdeltabridge.sink.layout;

import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.data.Field;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.DataException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Directories by the values of record fields: {@code <field>=<value>[/<field>=<value>…]}, like Confluent's
 * {@code FieldPartitioner} ({@code partition.field.name}). Works on Struct values and on schemaless maps.
 */
public final class FieldPartitioner implements Partitioner {

    private final List<String> fieldNames;

    public FieldPartitioner(List<String> fieldNames) {
        if (fieldNames.isEmpty()) {
            throw new IllegalArgumentException("partition.field.name needs at least one field");
        }
        this.fieldNames = List.copyOf(fieldNames);
    }

    @Override
    public String encodePartition(SinkRecord record) {
        StringBuilder path = new StringBuilder();
        for (String name : fieldNames) {
            if (!path.isEmpty()) {
                path.append('/');
            }
            path.append(name).append('=').append(valueOf(record, name));
        }
        return path.toString();
    }

    private static Object valueOf(SinkRecord record, String name) {
        Object value = record.value();
        Object fieldValue;
        if (value instanceof Struct struct) {
            Field field = struct.schema().field(name);
            if (field == null) {
                throw new DataException(
                        "partition.field.name '" + name + "' is not a field of the record value in topic "
                                + record.topic() + " at offset " + record.kafkaOffset());
            }
            fieldValue = struct.get(field);
        } else if (value instanceof Map<?, ?> map) {
            fieldValue = map.get(name);
        } else {
            throw new DataException("partition.field.name needs Struct or map values; topic " + record.topic()
                    + " offset " + record.kafkaOffset() + " has "
                    + (value == null ? "a null value" : value.getClass().getSimpleName()));
        }
        if (fieldValue == null) {
            throw new DataException("partition field '" + name + "' is null in topic " + record.topic() + " at offset "
                    + record.kafkaOffset());
        }
        return fieldValue;
    }
}
