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

        new DeltaMergeSink(tables, "app-1").call(batch("a", first), 0L);
        // After a restart Spark may run batch 0 again; the table already recorded it for this application id.
        DeltaMergeSink restarted = new DeltaMergeSink(tables, "app-1");
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
        DeltaMergeSink sink = new DeltaMergeSink(tables, "app-2");

        sink.call(batch("c", List.of(row, stats)), 0L);
        sink.call(batch("c", List.of(row, stats)), 1L);

        assertThat(ids(base + "/" + TargetTables.NO_INDEX)).containsExactly("sha256:abc");
        assertThat(ids(base + "/web")).containsExactly(stats.eventId());
        assertThat(sink.counts().rowsInserted()).isEqualTo(2);
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
