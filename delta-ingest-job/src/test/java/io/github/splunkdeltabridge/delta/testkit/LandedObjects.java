package io.github.splunkdeltabridge.delta.testkit;

import io.github.splunkdeltabridge.event.SplunkEventField;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.LocalOutputFile;

/**
 * Writes objects exactly as the project's S3 sink (and Confluent's kafka-connect-s3 with the InsertField SMT) lands
 * them: {@code <topics.dir>/<topic>/<encoded partition>/<topic>+<kafkaPartition>+<start offset>.<codec>.parquet},
 * Parquet through parquet-avro from the {@code io.github.splunkdeltabridge.SplunkEvent} Avro record.
 */
public final class LandedObjects {

    /** The sink's record with the SMT's Kafka coordinates. */
    public static final Schema WITH_KAFKA_COORDINATES = schema(true);
    /** Confluent's sink without the SMT: no Kafka coordinates in the record. */
    public static final Schema WITHOUT_KAFKA_COORDINATES = schema(false);

    private final Path root;

    /** @param root the bucket's (or local directory's) root; objects go under {@code root/<topics.dir>} */
    public LandedObjects(Path root) {
        this.root = root;
    }

    public Path root() {
        return root;
    }

    /** The sink's object key; {@code extension} is e.g. {@code snappy.parquet}, {@code parquet} or {@code avro}. */
    public static String objectKey(
            String topicsDir,
            String topic,
            String encodedPartition,
            int kafkaPartition,
            long startOffset,
            String extension) {
        return topicsDir + "/" + topic + "/" + encodedPartition + "/" + topic + "+" + kafkaPartition + "+"
                + String.format(Locale.ROOT, "%010d", startOffset) + "." + extension;
    }

    /** Writes one Parquet object with the given codec ({@code snappy}, {@code zstd}, {@code gz} or none). */
    public Path writeParquet(String key, List<TestEvent> events, CompressionCodecName codec, Schema schema) {
        Path file = prepare(key);
        try (ParquetWriter<GenericRecord> writer = AvroParquetWriter.<GenericRecord>builder(new LocalOutputFile(file))
                .withSchema(schema)
                .withCompressionCodec(codec)
                .build()) {
            for (TestEvent event : events) {
                writer.write(record(schema, event));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    public Path writeParquet(String key, List<TestEvent> events) {
        return writeParquet(key, events, CompressionCodecName.SNAPPY, WITH_KAFKA_COORDINATES);
    }

    /** Writes one Avro container file, as the sink's Avro format does. */
    public Path writeAvro(String key, List<TestEvent> events) {
        Path file = prepare(key);
        try (DataFileWriter<GenericRecord> writer =
                new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(WITH_KAFKA_COORDINATES))) {
            writer.setCodec(CodecFactory.snappyCodec());
            writer.create(WITH_KAFKA_COORDINATES, file.toFile());
            for (TestEvent event : events) {
                writer.append(record(WITH_KAFKA_COORDINATES, event));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    /** Lands an existing object a second time under another key (a retried upload, a re-run connector). */
    public Path copy(String fromKey, String toKey) {
        Path target = prepare(toKey);
        try {
            return Files.copy(root.resolve(fromKey), target);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private Path prepare(String key) {
        Path file = root.resolve(key);
        try {
            Files.createDirectories(file.getParent());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return file;
    }

    private static GenericRecord record(Schema schema, TestEvent event) {
        GenericRecord record = new GenericData.Record(schema);
        record.put("event_id", event.eventId());
        record.put(
                "event_time",
                event.eventTime() == null ? null : event.eventTime().toEpochMilli());
        record.put(
                "index_time",
                event.indexTime() == null ? null : event.indexTime().toEpochMilli());
        record.put("index", event.index());
        record.put("host", event.host());
        record.put("source", event.source());
        record.put("sourcetype", event.sourcetype());
        record.put("splunk_server", event.splunkServer());
        record.put("raw", event.raw());
        Map<String, List<String>> fields = new HashMap<>();
        event.fields().forEach((name, values) -> fields.put(name, new ArrayList<>(values)));
        record.put("fields", fields);
        if (schema.getField("kafka_offset") != null) {
            record.put("kafka_topic", event.kafkaTopic());
            record.put("kafka_partition", event.kafkaPartition());
            record.put("kafka_offset", event.kafkaOffset());
        }
        return record;
    }

    /** The sink's Avro form of the event contract ({@link SplunkEventField}), as parquet-avro writes it. */
    private static Schema schema(boolean withKafkaCoordinates) {
        Schema timestamp = org.apache.avro.LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
        SchemaBuilder.FieldAssembler<Schema> fields = SchemaBuilder.record("SplunkEvent")
                .namespace("io.github.splunkdeltabridge")
                .fields();
        for (SplunkEventField column : SplunkEventField.values()) {
            Schema type = switch (column.type()) {
                case STRING -> Schema.create(Schema.Type.STRING);
                case TIMESTAMP -> timestamp;
                case MULTIVALUE_MAP -> Schema.createMap(Schema.createArray(Schema.create(Schema.Type.STRING)));
            };
            fields = column.optional()
                    ? fields.name(column.column())
                            .type()
                            .unionOf()
                            .nullType()
                            .and()
                            .type(type)
                            .endUnion()
                            .nullDefault()
                    : fields.name(column.column()).type(type).noDefault();
        }
        if (withKafkaCoordinates) {
            fields = fields.optionalString("kafka_topic")
                    .optionalInt("kafka_partition")
                    .optionalLong("kafka_offset");
        }
        return fields.endRecord();
    }
}
