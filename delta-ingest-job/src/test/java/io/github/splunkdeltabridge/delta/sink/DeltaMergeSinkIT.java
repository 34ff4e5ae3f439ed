package io.github.splunkdeltabridge.delta.sink;

import static org.apache.spark.sql.functions.lit;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.delta.SplunkEventColumns;
import io.github.splunkdeltabridge.delta.options.TableLayout;
import io.github.splunkdeltabridge.delta.options.TableMode;
import io.github.splunkdeltabridge.delta.options.TargetTable;
import io.github.splunkdeltabridge.delta.testkit.LandedObjects;
import io.github.splunkdeltabridge.delta.testkit.TestEvent;
import io.github.splunkdeltabridge.delta.testkit.TestEvents;
import io.github.splunkdeltabridge.delta.testkit.TestSpark;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The foreachBatch function called directly, as Spark calls it, including the replays Spark does after a crash. */
class DeltaMergeSinkIT {

    private static final Instant START = Instant.parse("2026-03-01T00:00:00Z");

    @TempDir
    Path work;

    private final SparkSession spark = TestSpark.session();

    @Test
    void aReplayedMicroBatchIdChangesNothingEvenWithOtherRows() {
        String table = work.resolve("events").toUri().toString();
        TargetTables tables = new TargetTables(TargetTable.path(table), TableMode.SINGLE, TableLayout.PARTITIONED);
        List<TestEvent> first = TestEvents.of("web", 0, 0, 5, START);
        List<TestEvent> second = TestEvents.of("web", 0, 5, 5, START);

        new DeltaMergeSink(tables, "app-1", false).call(batch("a", first), 0L);
        // After a restart Spark may run batch 0 again; the table already recorded it for this application id.
        DeltaMergeSink restarted = new DeltaMergeSink(tables, "app-1", false);
        restarted.call(batch("b", second), 0L);

        assertThat(ids(table)).containsExactlyInAnyOrderElementsOf(ids(first));
        assertThat(restarted.counts().rowsInserted()).isZero();

        restarted.call(batch("b", second), 1L);

        List<String> all = new ArrayList<>(ids(first));
        all.addAll(ids(second));
        assertThat(ids(table)).containsExactlyInAnyOrderElementsOf(all);
        assertThat(restarted.counts().rowsInserted()).isEqualTo(second.size());
        // The write settings do not outlive the write.
        assertThat(spark.conf().getOption(IdempotentWrites.TXN_APP_ID).isDefined())
                .isFalse();
        assertThat(spark.conf().getOption(IdempotentWrites.TXN_VERSION).isDefined())
                .isFalse();
        assertThat(spark.conf().contains(InsertsWrittenWhereRead.REPARTITION_BEFORE_WRITE))
                .isFalse();
    }

    @Test
    void eventsWithoutEventTimeOrIndexAreKeptAndNotDuplicated() {
        String base = work.resolve("by-index").toUri().toString();
        TargetTables tables = new TargetTables(TargetTable.path(base), TableMode.PER_INDEX, TableLayout.PARTITIONED);
        TestEvent stats = TestEvents.of("web", 0, 0, 1, START).get(0);
        // A transforming search's row: no event time, no index.
        TestEvent row = new TestEvent(
                "sha256:abc",
                null,
                null,
                null,
                null,
                null,
                "stats",
                "idx-1",
                null,
                stats.fields(),
                "splunk.stats",
                0,
                0L);
        DeltaMergeSink sink = new DeltaMergeSink(tables, "app-2", true);

        sink.call(batch("c", List.of(row, stats)), 0L);
        sink.call(batch("c", List.of(row, stats)), 1L);

        assertThat(ids(base + "/" + TargetTables.NO_INDEX)).containsExactly("sha256:abc");
        assertThat(ids(base + "/web")).containsExactly(stats.eventId());
        assertThat(sink.counts().rowsInserted()).isEqualTo(2);
    }

    @Test
    void aFirstBatchIntoAnEmptyTableAndItsReplayUnderANewBatchIdHoldEachEventOnce() {
        String table = work.resolve("first-backfill").toUri().toString();
        TargetTables tables = new TargetTables(TargetTable.path(table), TableMode.SINGLE, TableLayout.PARTITIONED);
        List<TestEvent> events = TestEvents.of("web", 0, 0, 10, START);
        Dataset<Row> firstBatch = batch("first", events);
        DeltaMergeSink sink = new DeltaMergeSink(tables, "app-3", false);

        // Every id once, into a table that does not exist yet: the batch is merged without deduplicating it.
        sink.call(firstBatch, 0L);
        // The same objects again under a new micro-batch id (a new checkpoint, or the objects landed again): the
        // idempotent-write marker does not apply, every id is unique within the batch, and the MERGE must find each
        // one in the table.
        sink.call(firstBatch, 1L);

        assertThat(ids(table)).containsExactlyInAnyOrderElementsOf(ids(events));
        assertThat(sink.counts().eventsRead()).isEqualTo(events.size() * 2L);
        assertThat(sink.counts().rowsInserted()).isEqualTo(events.size());
    }

    @Test
    void aTableWhoseCreationWasKilledBeforeItsFirstCommitIsCreatedByTheNextRun() throws Exception {
        Path tableDir = work.resolve("killed-at-creation");
        // What a job SIGKILLed while creating the table leaves: the log directory and an unfinished commit, no commit.
        Path log = java.nio.file.Files.createDirectories(tableDir.resolve("_delta_log"));
        java.nio.file.Files.writeString(log.resolve(".00000000000000000000.json.5b1e.tmp"), "{\"commitInfo\":{}");
        String table = tableDir.toUri().toString();
        TargetTables tables = new TargetTables(TargetTable.path(table), TableMode.SINGLE, TableLayout.PARTITIONED);
        List<TestEvent> events = TestEvents.of("web", 0, 0, 5, START);

        new DeltaMergeSink(tables, "app-killed", false).call(batch("k", events), 0L);

        assertThat(ids(table)).containsExactlyInAnyOrderElementsOf(ids(events));
    }

    @Test
    void anIdInTwoPartitionsOfABatchCountsAsRepeated() {
        TestEvent event = TestEvents.of("web", 0, 0, 1, START).get(0);
        TestEvent nextDay = new TestEvent(
                event.eventId(),
                START.plus(Duration.ofDays(1)),
                event.indexTime(),
                event.index(),
                event.host(),
                event.source(),
                event.sourcetype(),
                event.splunkServer(),
                event.raw(),
                event.fields(),
                event.kafkaTopic(),
                event.kafkaPartition(),
                event.kafkaOffset() + 1);

        BatchShape shape = BatchShape.of(TableRows.from(batch("two-days", List.of(event, nextDay))));

        assertThat(shape.events()).isEqualTo(2);
        assertThat(shape.distinctIds()).isEqualTo(1);
        assertThat(shape.hasUniqueIds()).isFalse();
        assertThat(shape.touched()).hasSize(2);
    }

    private int objects;

    private Dataset<Row> batch(String name, List<TestEvent> events) {
        String key = name + "/" + name + "+0+" + objects++ + ".snappy.parquet";
        Path file = new LandedObjects(work.resolve("objects")).writeParquet(key, events);
        return spark.read()
                .schema(SplunkEventColumns.LANDED_SCHEMA)
                .parquet(file.toString())
                .withColumn(SplunkEventColumns.SOURCE_FILE, lit(file.toUri().toString()));
    }

    private List<String> ids(String table) {
        return spark.read().format("delta").load(table).select("event_id").collectAsList().stream()
                .map(r -> r.getString(0))
                .toList();
    }

    private static List<String> ids(List<TestEvent> events) {
        return events.stream().map(TestEvent::eventId).toList();
    }
}
