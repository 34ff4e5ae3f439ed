package io.github.splunkdeltabridge.reconcile.delta;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.splunkdeltabridge.delta.JobSparkSession;
import io.github.splunkdeltabridge.delta.options.TableMode;
import io.github.splunkdeltabridge.delta.options.TargetTable;
import io.github.splunkdeltabridge.reconcile.Cutoffs;
import io.github.splunkdeltabridge.reconcile.IndexHour;
import io.github.splunkdeltabridge.reconcile.ReconcileRange;
import io.github.splunkdeltabridge.reconcile.ReconcileUsageException;
import io.github.splunkdeltabridge.reconcile.delta.DeltaTables.Event;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Counting delta-ingest-job's table per index and UTC hour with local Spark. */
class DeltaHourlyCountsIT {

    private static final Instant CUTOFF = Instant.parse("2024-03-01T13:00:00Z");
    private static final ReconcileRange RANGE =
            new ReconcileRange(Instant.parse("2024-03-01T10:30:00Z"), Instant.parse("2024-03-01T12:30:00Z"));

    private static SparkSession spark;

    @TempDir
    Path dir;

    @BeforeAll
    static void startSpark() {
        spark = JobSparkSession.create(
                "reconcile-tests",
                Optional.of("local[2]"),
                Map.of(
                        "spark.ui.enabled", "false",
                        "spark.driver.host", "127.0.0.1",
                        "spark.sql.shuffle.partitions", "2",
                        "spark.databricks.delta.snapshotPartitions", "2"));
    }

    @AfterAll
    static void stopSpark() {
        spark.stop();
    }

    private static Event event(String id, String index, String time, String indexTime) {
        return new Event(id, index, Instant.parse(time), Instant.parse(indexTime));
    }

    /** Events around the range, one indexed after the cut-off, one stored twice. */
    private static List<Event> events() {
        return List.of(
                event("web:1", "web", "2024-03-01T10:15:00Z", "2024-03-01T10:15:01Z"), // before the range
                event("web:2", "web", "2024-03-01T10:45:00Z", "2024-03-01T10:45:01Z"),
                event("web:3", "web", "2024-03-01T11:00:00Z", "2024-03-01T11:00:00Z"),
                event("web:4", "web", "2024-03-01T11:59:59.999Z", "2024-03-01T12:00:01Z"),
                event("web:4", "web", "2024-03-01T11:59:59.999Z", "2024-03-01T12:00:01Z"), // a repeat
                event("web:5", "web", "2024-03-01T12:10:00Z", "2024-03-01T13:00:00Z"), // indexed at the cut-off
                event("web:6", "web", "2024-03-01T12:30:00Z", "2024-03-01T12:30:01Z"), // at the range's end
                event("os:1", "os", "2024-03-01T12:29:59Z", "2024-03-01T12:30:00Z"),
                event("app:1", "app", "2024-03-01T11:00:00Z", "2024-03-01T11:00:01Z")); // not asked for
    }

    @Test
    void oneTableIsCountedPerIndexAndUtcHourInsideTheRangeAndBelowTheCutOff() {
        TargetTable table = TargetTable.path(dir.resolve("splunk_events").toString());
        DeltaTables.write(spark, table, TableMode.SINGLE, events());
        EventTable events = new EventTable(spark, table, TableMode.SINGLE);
        Cutoffs cutoffs = Cutoffs.same(List.of("os", "web"), CUTOFF, "--indexed-before");

        Map<IndexHour, DeltaCount> counts = new DeltaHourlyCounts(events).count(List.of("os", "web"), RANGE, cutoffs);

        assertThat(counts)
                .containsOnly(
                        Map.entry(new IndexHour("web", Instant.parse("2024-03-01T10:00:00Z")), new DeltaCount(1, 1)),
                        Map.entry(new IndexHour("web", Instant.parse("2024-03-01T11:00:00Z")), new DeltaCount(3, 2)),
                        Map.entry(new IndexHour("os", Instant.parse("2024-03-01T12:00:00Z")), new DeltaCount(1, 1)));
        assertThat(new DeltaHourIds(events)
                        .ids(
                                "web",
                                Instant.parse("2024-03-01T11:00:00Z"),
                                Instant.parse("2024-03-01T12:00:00Z"),
                                cutoffs))
                .containsExactlyInAnyOrder("web:3", "web:4", "web:4");

        Cutoffs later = Cutoffs.same(List.of("os", "web"), CUTOFF.plusSeconds(1), "--indexed-before");
        assertThat(new DeltaHourlyCounts(events).count(List.of("web"), RANGE, later))
                .containsEntry(new IndexHour("web", Instant.parse("2024-03-01T12:00:00Z")), new DeltaCount(1, 1));
    }

    @Test
    void perIndexTablesAreReadAsTheJobNamesThemAndAnIndexWithoutItsTableIsEmpty() {
        TargetTable base = TargetTable.path(dir.resolve("by_index").toString());
        DeltaTables.write(spark, base, TableMode.PER_INDEX, events());
        EventTable events = new EventTable(spark, base, TableMode.PER_INDEX);
        Cutoffs cutoffs = Cutoffs.same(List.of("main", "os", "web"), CUTOFF, "--indexed-before");

        events.requireReachable(List.of("main", "os", "web"));
        Map<IndexHour, DeltaCount> counts =
                new DeltaHourlyCounts(events).count(List.of("main", "os", "web"), RANGE, cutoffs);

        assertThat(counts).hasSize(3).doesNotContainKey(new IndexHour("main", Instant.parse("2024-03-01T11:00:00Z")));
        assertThat(counts.get(new IndexHour("web", Instant.parse("2024-03-01T11:00:00Z"))))
                .isEqualTo(new DeltaCount(3, 2));
        assertThatThrownBy(() -> events.requireReachable(List.of("main")))
                .isInstanceOf(ReconcileUsageException.class)
                .hasMessageContaining("--table-path " + base.location());
    }

    @Test
    void aPathWithoutADeltaTableIsABadTableOption() {
        EventTable events =
                new EventTable(spark, TargetTable.path(dir.resolve("nothing").toString()), TableMode.SINGLE);
        assertThatThrownBy(() -> events.requireReachable(List.of("web")))
                .isInstanceOf(ReconcileUsageException.class)
                .hasMessageContaining("--table-path")
                .hasMessageContaining("no Delta table there");
    }
}
