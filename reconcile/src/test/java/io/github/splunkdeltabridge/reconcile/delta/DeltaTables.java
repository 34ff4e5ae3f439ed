package io.github.splunkdeltabridge.reconcile.delta;

import io.github.splunkdeltabridge.delta.SplunkEventColumns;
import io.github.splunkdeltabridge.delta.options.TableLayout;
import io.github.splunkdeltabridge.delta.options.TableMode;
import io.github.splunkdeltabridge.delta.options.TargetTable;
import io.github.splunkdeltabridge.delta.sink.TableRows;
import io.github.splunkdeltabridge.delta.sink.TargetTables;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;

/**
 * Test tables in delta-ingest-job's layout, written with its own classes (TargetTables creates the table with the
 * job's schema and partitioning, TableRows adds event_date as the job does).
 */
public final class DeltaTables {

    /** One landed event: what the S3 sink writes and the job reads. */
    public record Event(String id, String index, Instant time, Instant indexTime) {}

    private DeltaTables() {}

    /** Appends the events to the table(s) of {@code base} in {@code mode}, creating them as the job would. */
    public static void write(SparkSession spark, TargetTable base, TableMode mode, List<Event> events) {
        TargetTables tables = new TargetTables(base, mode, TableLayout.PARTITIONED);
        Map<TargetTable, List<Row>> byTable = new java.util.LinkedHashMap<>();
        for (Event event : events) {
            byTable.computeIfAbsent(tables.forIndex(event.index()), t -> new ArrayList<>())
                    .add(RowFactory.create(
                            event.id(),
                            java.sql.Timestamp.from(event.time()),
                            java.sql.Timestamp.from(event.indexTime()),
                            event.index(),
                            "host1",
                            "/var/log/app.log",
                            "app",
                            "idx1",
                            "raw " + event.id(),
                            Map.of(),
                            "splunk." + event.index(),
                            0,
                            0L));
        }
        byTable.forEach((table, rows) -> {
            tables.open(spark, table);
            // The job adds the landed object's path (LandedEvents) before TableRows.
            var frame = TableRows.from(spark.createDataFrame(rows, SplunkEventColumns.LANDED_SCHEMA)
                    .withColumn(SplunkEventColumns.SOURCE_FILE, org.apache.spark.sql.functions.lit("test.parquet")));
            if (table.isPath()) {
                frame.write().format("delta").mode("append").save(table.location());
            } else {
                frame.write().format("delta").mode("append").saveAsTable(table.location());
            }
        });
    }
}
