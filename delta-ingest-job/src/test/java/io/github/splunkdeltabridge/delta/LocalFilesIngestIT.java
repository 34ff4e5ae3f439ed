package io.github.splunkdeltabridge.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.delta.tables.DeltaTable;
import io.github.splunkdeltabridge.delta.DeltaIngestJob.IngestSummary;
import io.github.splunkdeltabridge.delta.testkit.IngestRuns;
import io.github.splunkdeltabridge.delta.testkit.LandedObjects;
import io.github.splunkdeltabridge.delta.testkit.TestEvent;
import io.github.splunkdeltabridge.delta.testkit.TestEvents;
import io.github.splunkdeltabridge.delta.testkit.TestSpark;
import java.nio.file.Path;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import scala.jdk.javaapi.CollectionConverters;

/** The job end to end on objects in the local file system, laid out as the S3 sink lands them. */
class LocalFilesIngestIT {

    private static final Instant START = Instant.parse("2026-11-25T22:10:00Z");

    @TempDir
    Path work;

    private LandedObjects landed;
    private Path checkpoint;
    private String table;
    private final SparkSession spark = TestSpark.session();

    @BeforeEach
    void setUp() {
        landed = new LandedObjects(work.resolve("bucket"));
        checkpoint = work.resolve("checkpoint");
        table = work.resolve("delta/events").toUri().toString();
    }

    @Test
    void ingestsEveryLandedEventWithTypedColumnsWhateverThePartitionerAndCodec() {
        List<TestEvent> events = new ArrayList<>();
        // Default partitioner, two Kafka partitions, each in two objects; every Parquet codec the sink writes.
        events.addAll(land(
                "splunk.web",
                "partition=0",
                TestEvents.of("web", 0, 0, 30, START),
                2,
                CompressionCodecName.SNAPPY,
                "snappy.parquet"));
        events.addAll(land(
                "splunk.web",
                "partition=1",
                TestEvents.of("web", 1, 0, 20, START),
                2,
                CompressionCodecName.ZSTD,
                "zstd.parquet"));
        // Time-based partitioner: four directory levels instead of one.
        events.addAll(land(
                "splunk.os",
                "year=2026/month=11/day=25/hour=22",
                TestEvents.of("os", 0, 0, 15, START),
                1,
                CompressionCodecName.GZIP,
                "gz.parquet"));
        events.addAll(land(
                "splunk.os",
                "year=2026/month=11/day=26/hour=01",
                TestEvents.of("os", 0, 15, 5, START),
                1,
                CompressionCodecName.UNCOMPRESSED,
                "parquet"));

        IngestSummary summary = IngestRuns.run(sourcePath(), checkpoint, "--target-path", table);

        assertThat(summary.eventsRead()).isEqualTo(events.size());
        assertThat(summary.rowsInserted()).isEqualTo(events.size());
        Dataset<Row> rows = spark.read().format("delta").load(table);
        assertThat(ids(rows)).containsExactlyInAnyOrderElementsOf(ids(events));
        assertThat(rows.columns())
                .containsExactly(SplunkEventColumns.TABLE_SCHEMA.fieldNames())
                .doesNotContain("partition", "year", "month", "day", "hour");
        assertThat(DeltaTable.forPath(spark, table)
                        .detail()
                        .first()
                        .<scala.collection.Seq<String>>getAs("partitionColumns"))
                .satisfies(columns ->
                        assertThat(CollectionConverters.asJava(columns)).containsExactly("index", "event_date"));

        TestEvent sample = events.stream()
                .filter(e -> e.eventId().equals("web:1:8"))
                .findFirst()
                .orElseThrow();
        Row stored = rows.where("event_id = 'web:1:8'").first();
        assertThat(stored.<Timestamp>getAs("event_time").toInstant()).isEqualTo(sample.eventTime());
        assertThat(stored.<Timestamp>getAs("index_time").toInstant()).isEqualTo(sample.indexTime());
        assertThat(stored.<Date>getAs("event_date").toLocalDate())
                .isEqualTo(LocalDate.ofInstant(sample.eventTime(), ZoneOffset.UTC));
        assertThat(stored.<String>getAs("index")).isEqualTo("web");
        assertThat(stored.<String>getAs("host")).isEqualTo(sample.host());
        assertThat(stored.<String>getAs("source")).isEqualTo(sample.source());
        assertThat(stored.<String>getAs("sourcetype")).isEqualTo(sample.sourcetype());
        assertThat(stored.<String>getAs("splunk_server")).isEqualTo(sample.splunkServer());
        assertThat(stored.<String>getAs("raw")).isEqualTo(sample.raw());
        assertThat(fields(stored)).isEqualTo(sample.fields());
        assertThat(stored.<String>getAs("kafka_topic")).isEqualTo("splunk.web");
        assertThat(stored.<Integer>getAs("kafka_partition")).isEqualTo(1);
        assertThat(stored.<Long>getAs("kafka_offset")).isEqualTo(8L);
        assertThat(stored.<String>getAs("source_file"))
                .endsWith("/topics/splunk.web/partition=1/splunk.web+1+0000000000.zstd.parquet");
        assertThat(rows.where("ingested_at IS NULL").count()).isZero();
    }

    @Test
    void runningAgainAndLandingAnObjectTwiceLeaveTheTableUnchanged() {
        List<TestEvent> events = TestEvents.of("web", 0, 0, 12, START);
        String key = LandedObjects.objectKey("topics", "splunk.web", "partition=0", 0, 0, "snappy.parquet");
        landed.writeParquet(key, events);
        IngestRuns.run(sourcePath(), checkpoint, "--target-path", table);
        List<Row> before = snapshot();
        long versionBefore = version();

        IngestSummary second = IngestRuns.run(sourcePath(), checkpoint, "--target-path", table);

        assertThat(second.batches()).isZero();
        assertThat(snapshot()).isEqualTo(before);
        assertThat(version()).isEqualTo(versionBefore);

        // The same records landed again: a retried upload under a later offset, and a copy in another directory.
        landed.copy(key, LandedObjects.objectKey("topics", "splunk.web", "partition=0", 0, 12, "snappy.parquet"));
        landed.copy(
                key,
                LandedObjects.objectKey(
                        "topics", "splunk.web", "year=2026/month=11/day=25/hour=22", 0, 0, "snappy.parquet"));
        IngestSummary third = IngestRuns.run(sourcePath(), checkpoint, "--target-path", table);

        assertThat(third.eventsRead()).isEqualTo(2L * events.size());
        assertThat(third.rowsInserted()).isZero();
        assertThat(snapshot()).isEqualTo(before);
    }

    @Test
    void theNextAvailableNowRunPicksUpNewObjectsAndAddsOnlyNewRows() {
        List<TestEvent> first = TestEvents.of("web", 0, 0, 10, START);
        landed.writeParquet(
                LandedObjects.objectKey("topics", "splunk.web", "partition=0", 0, 0, "snappy.parquet"), first);
        IngestRuns.run(sourcePath(), checkpoint, "--target-path", table);
        List<Row> before = snapshot();

        // The next object continues the partition; it overlaps the first by three events (an upstream replay).
        List<TestEvent> next = TestEvents.of("web", 0, 7, 10, START.plusSeconds(7 * 7 * 60));
        landed.writeParquet(
                LandedObjects.objectKey("topics", "splunk.web", "partition=0", 0, 7, "snappy.parquet"), next);
        List<TestEvent> otherIndex = TestEvents.of("os", 0, 0, 4, START);
        landed.writeParquet(
                LandedObjects.objectKey("topics", "splunk.os", "partition=0", 0, 0, "snappy.parquet"), otherIndex);
        IngestSummary second = IngestRuns.run(sourcePath(), checkpoint, "--target-path", table);

        assertThat(second.eventsRead()).isEqualTo(next.size() + otherIndex.size());
        assertThat(second.rowsInserted()).isEqualTo(7 + otherIndex.size());
        Dataset<Row> rows = spark.read().format("delta").load(table);
        List<String> expected = new ArrayList<>(ids(first));
        ids(next).stream().filter(id -> !expected.contains(id)).forEach(expected::add);
        expected.addAll(ids(otherIndex));
        assertThat(ids(rows)).containsExactlyInAnyOrderElementsOf(expected);
        // The rows of the first run are untouched (same ingestion time, same values).
        assertThat(snapshot().stream().filter(before::contains).count()).isEqualTo(before.size());
    }

    @Test
    void withinAMicroBatchTheRecordWithTheLatestKafkaOffsetWins() {
        List<TestEvent> original = TestEvents.of("web", 0, 0, 5, START);
        List<TestEvent> redelivered = original.stream()
                .map(event -> event.withRaw("redelivered " + event.eventId()).withOffset(event.kafkaOffset() + 100))
                .toList();
        // The later delivery sorts first by key, so file order cannot be what picks it.
        landed.writeParquet(
                LandedObjects.objectKey("topics", "splunk.web", "partition=0", 0, 0, "snappy.parquet"), redelivered);
        landed.writeParquet(
                LandedObjects.objectKey("topics", "splunk.web", "partition=0", 0, 100, "snappy.parquet"), original);

        IngestSummary summary = IngestRuns.run(sourcePath(), checkpoint, "--target-path", table);

        assertThat(summary.rowsInserted()).isEqualTo(original.size());
        List<Row> rows = spark.read()
                .format("delta")
                .load(table)
                .select("event_id", "raw", "kafka_offset")
                .collectAsList();
        assertThat(rows).hasSize(original.size()).allSatisfy(row -> {
            assertThat(row.getString(1)).isEqualTo("redelivered " + row.getString(0));
            assertThat(row.getLong(2)).isGreaterThanOrEqualTo(100L);
        });
    }

    @Test
    void objectsWithoutKafkaCoordinatesAreDeduplicatedToo() {
        List<TestEvent> events = TestEvents.of("app", 0, 0, 8, START);
        String key = LandedObjects.objectKey("topics", "splunk.app", "partition=0", 0, 0, "snappy.parquet");
        landed.writeParquet(key, events, CompressionCodecName.SNAPPY, LandedObjects.WITHOUT_KAFKA_COORDINATES);
        landed.copy(key, LandedObjects.objectKey("topics", "splunk.app", "partition=0", 0, 8, "snappy.parquet"));

        IngestSummary summary = IngestRuns.run(sourcePath(), checkpoint, "--target-path", table);

        assertThat(summary.eventsRead()).isEqualTo(2L * events.size());
        Dataset<Row> rows = spark.read().format("delta").load(table);
        assertThat(ids(rows)).containsExactlyInAnyOrderElementsOf(ids(events));
        assertThat(rows.where("kafka_offset IS NOT NULL OR kafka_topic IS NOT NULL")
                        .count())
                .isZero();
    }

    @Test
    void availableNowHonoursMaxFilesPerTriggerAndStillIngestsEverything() {
        List<TestEvent> events = new ArrayList<>();
        for (int object = 0; object < 3; object++) {
            List<TestEvent> slice = TestEvents.of("web", 0, object * 4, 4, START.plusSeconds(object * 3600L));
            landed.writeParquet(
                    LandedObjects.objectKey("topics", "splunk.web", "partition=0", 0, object * 4, "snappy.parquet"),
                    slice);
            events.addAll(slice);
        }

        IngestSummary summary =
                IngestRuns.run(sourcePath(), checkpoint, "--target-path", table, "--max-files-per-trigger", "1");

        assertThat(summary.batches()).isEqualTo(3);
        assertThat(ids(spark.read().format("delta").load(table))).containsExactlyInAnyOrderElementsOf(ids(events));
    }

    @Test
    void avroObjectsAreIngestedLikeParquet() {
        List<TestEvent> events = TestEvents.of("web", 0, 0, 9, START);
        landed.writeAvro(LandedObjects.objectKey("topics", "splunk.web", "partition=0", 0, 0, "avro"), events);
        // A Parquet object in the same tree is not Avro: the glob leaves it out.
        landed.writeParquet(
                LandedObjects.objectKey("topics", "splunk.web", "partition=0", 0, 9, "snappy.parquet"),
                TestEvents.of("web", 0, 9, 3, START));

        IngestRuns.run(sourcePath(), checkpoint, "--target-path", table, "--source-format", "avro");

        Dataset<Row> rows = spark.read().format("delta").load(table);
        assertThat(ids(rows)).containsExactlyInAnyOrderElementsOf(ids(events));
        Row stored = rows.where("event_id = 'web:0:4'").first();
        assertThat(stored.<Timestamp>getAs("event_time").toInstant())
                .isEqualTo(events.get(4).eventTime());
        assertThat(fields(stored)).isEqualTo(events.get(4).fields());
    }

    @Test
    void perIndexModeWritesOneTablePerIndex() {
        List<TestEvent> web = TestEvents.of("web", 0, 0, 6, START);
        List<TestEvent> os = TestEvents.of("os", 0, 0, 4, START);
        landed.writeParquet(
                LandedObjects.objectKey("topics", "splunk.web", "partition=0", 0, 0, "snappy.parquet"), web);
        landed.writeParquet(LandedObjects.objectKey("topics", "splunk.os", "partition=0", 0, 0, "snappy.parquet"), os);
        String base = work.resolve("delta/by-index").toUri().toString();

        IngestRuns.run(sourcePath(), checkpoint, "--target-path", base, "--table-mode", "per-index");
        IngestRuns.run(sourcePath(), checkpoint, "--target-path", base, "--table-mode", "per-index");

        assertThat(ids(spark.read().format("delta").load(base + "/web"))).containsExactlyInAnyOrderElementsOf(ids(web));
        assertThat(ids(spark.read().format("delta").load(base + "/os"))).containsExactlyInAnyOrderElementsOf(ids(os));
    }

    @Test
    void namedTablesAndClusteredLayout() {
        List<TestEvent> web = TestEvents.of("web", 0, 0, 6, START);
        List<TestEvent> os = TestEvents.of("os", 0, 0, 4, START);
        landed.writeParquet(
                LandedObjects.objectKey("topics", "splunk.web", "partition=0", 0, 0, "snappy.parquet"), web);
        landed.writeParquet(LandedObjects.objectKey("topics", "splunk.os", "partition=0", 0, 0, "snappy.parquet"), os);
        String prefix = "splunk_" + Math.abs(work.hashCode());

        IngestRuns.run(
                sourcePath(),
                checkpoint,
                "--target-table",
                prefix,
                "--table-mode",
                "per-index",
                "--table-layout",
                "clustered");

        assertThat(ids(spark.table(prefix + "_web"))).containsExactlyInAnyOrderElementsOf(ids(web));
        assertThat(ids(spark.table(prefix + "_os"))).containsExactlyInAnyOrderElementsOf(ids(os));
        Row detail = DeltaTable.forName(spark, prefix + "_web").detail().first();
        assertThat(CollectionConverters.asJava(detail.<scala.collection.Seq<String>>getAs("clusteringColumns")))
                .containsExactly("index", "event_date");
    }

    @Test
    void aMissingSourcePathIsReportedByName() {
        String missing = work.resolve("nothing-here").toUri().toString();

        org.assertj.core.api.Assertions.assertThatThrownBy(
                        () -> IngestRuns.run(missing, checkpoint, "--target-path", table))
                .isInstanceOf(io.github.splunkdeltabridge.delta.options.InvalidOptionsException.class)
                .hasMessageContaining("--source-path")
                .hasMessageContaining("does not exist");
    }

    private List<Row> snapshot() {
        return spark.read().format("delta").load(table).orderBy("event_id").collectAsList();
    }

    private long version() {
        return DeltaTable.forPath(spark, table).history(1).first().<Long>getAs("version");
    }

    private List<TestEvent> land(
            String topic,
            String encodedPartition,
            List<TestEvent> events,
            int objects,
            CompressionCodecName codec,
            String extension) {
        int perObject = (events.size() + objects - 1) / objects;
        for (int i = 0; i < events.size(); i += perObject) {
            List<TestEvent> slice = events.subList(i, Math.min(events.size(), i + perObject));
            String key = LandedObjects.objectKey(
                    "topics",
                    topic,
                    encodedPartition,
                    slice.get(0).kafkaPartition(),
                    slice.get(0).kafkaOffset(),
                    extension);
            landed.writeParquet(key, slice, codec, LandedObjects.WITH_KAFKA_COORDINATES);
        }
        return events;
    }

    private String sourcePath() {
        return landed.root().resolve("topics").toUri().toString();
    }

    static List<String> ids(Dataset<Row> rows) {
        return rows.select("event_id").collectAsList().stream()
                .map(row -> row.getString(0))
                .toList();
    }

    static List<String> ids(List<TestEvent> events) {
        return events.stream().map(TestEvent::eventId).toList();
    }

    private static Map<String, List<String>> fields(Row row) {
        Map<String, scala.collection.Seq<String>> map = CollectionConverters.asJava(
                row.<scala.collection.Map<String, scala.collection.Seq<String>>>getAs("fields"));
        return map.entrySet().stream()
                .collect(Collectors.toMap(
                        Map.Entry::getKey, entry -> new ArrayList<>(CollectionConverters.asJava(entry.getValue()))));
    }
}
