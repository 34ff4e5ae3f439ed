package io.github.splunkdeltabridge.sink;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.splunkdeltabridge.sink.avro.SinkRecordToAvro;
import io.github.splunkdeltabridge.sink.layout.ObjectKeys;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.Date;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.record.TimestampType;
import org.apache.kafka.connect.data.Schema;
import org.apache.kafka.connect.data.SchemaBuilder;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.data.Timestamp;
import org.apache.kafka.connect.sink.SinkRecord;
import org.junit.jupiter.api.Test;

/** {@code config/s3-sink.json} (this sink) and {@code config/confluent-s3-sink.json} must land the same objects. */
class ConfigFilesTest {

    private static final Path CONFIG = Path.of("..", "config");

    @Test
    void bothSinkConfigsDescribeTheSameLayout() throws IOException {
        Map<String, String> ours = connectorConfig("s3-sink.json");
        Map<String, String> confluent = connectorConfig("confluent-s3-sink.json");
        for (String key : List.of(
                "topics.regex",
                "s3.bucket.name",
                "s3.region",
                "topics.dir",
                "parquet.codec",
                "path.format",
                "partition.duration.ms",
                "locale",
                "timezone",
                "timestamp.extractor",
                "timestamp.field",
                "flush.size",
                "rotate.interval.ms",
                "rotate.schedule.interval.ms",
                "errors.deadletterqueue.topic.name")) {
            assertThat(confluent.get(key)).as(key).isEqualTo(ours.get(key));
        }
        // Confluent's sink gets the Kafka coordinates columns from the InsertField transform.
        assertThat(confluent)
                .containsEntry("transforms.kafkaColumns.topic.field", SinkRecordToAvro.TOPIC)
                .containsEntry("transforms.kafkaColumns.partition.field", SinkRecordToAvro.PARTITION)
                .containsEntry("transforms.kafkaColumns.offset.field", SinkRecordToAvro.OFFSET);
        assertThat(ours).containsEntry(S3SinkConfig.KAFKA_COLUMNS, "true");

        // This sink reads Confluent's class names, so both files give the same keys for the same record.
        // Directories follow the event time, not the Kafka timestamp (the source leaves that to the producer).
        Schema schema = SchemaBuilder.struct()
                .field("event_id", Schema.STRING_SCHEMA)
                .field("event_time", Timestamp.builder().optional().build())
                .build();
        Struct value = new Struct(schema)
                .put("event_id", "id")
                .put("event_time", Date.from(Instant.parse("2026-11-25T13:45:00Z")));
        SinkRecord record = new SinkRecord(
                "splunk.web",
                3,
                null,
                "id",
                schema,
                value,
                1234,
                Instant.parse("2026-11-30T08:00:00Z").toEpochMilli(),
                TimestampType.CREATE_TIME);
        assertThat(objectKey(confluent, record))
                .isEqualTo(objectKey(ours, record))
                .isEqualTo(
                        "topics/splunk.web/year=2026/month=11/day=25/hour=13/splunk.web+3+0000001234.snappy.parquet");
    }

    private static String objectKey(Map<String, String> settings, SinkRecord record) {
        S3SinkConfig config = new S3SinkConfig(settings);
        return new ObjectKeys(config.topicsDir(), config.fileFormat().extension())
                .key(
                        record.topic(),
                        config.partitioner(Clock.systemUTC()).encodePartition(record),
                        record.kafkaPartition(),
                        record.kafkaOffset());
    }

    private static Map<String, String> connectorConfig(String file) throws IOException {
        JsonNode root = new ObjectMapper().readTree(CONFIG.resolve(file).toFile());
        assertThat(root.path("name").asText()).as(file + " name").isNotBlank();
        Map<String, String> config = new HashMap<>();
        root.path("config")
                .fields()
                .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
        return config;
    }
}
