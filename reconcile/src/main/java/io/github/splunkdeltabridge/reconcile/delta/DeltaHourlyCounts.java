package io.github.splunkdeltabridge.reconcile.delta;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_trunc;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.unix_seconds;

import io.github.splunkdeltabridge.delta.SplunkEventColumns;
import io.github.splunkdeltabridge.reconcile.Cutoffs;
import io.github.splunkdeltabridge.reconcile.IndexHour;
import io.github.splunkdeltabridge.reconcile.ReconcileRange;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * Counts the Delta table per index and UTC hour of {@code event_time}: rows and distinct event ids, in one Spark
 * aggregation. The session time zone is UTC (JobSparkSession), so {@code date_trunc('HOUR', …)} is a UTC hour in
 * every zone, +05:30 included.
 */
public final class DeltaHourlyCounts {

    private final EventTable table;

    public DeltaHourlyCounts(EventTable table) {
        this.table = table;
    }

    public Map<IndexHour, DeltaCount> count(List<String> indexes, ReconcileRange range, Cutoffs cutoffs) {
        List<Row> rows = table.rows(indexes, range.from(), range.to(), cutoffs)
                .groupBy(
                        col(SplunkEventColumns.INDEX),
                        unix_seconds(date_trunc("HOUR", col(SplunkEventColumns.EVENT_TIME)))
                                .as("hour"))
                .agg(
                        functions.count(lit(1)).as("rows"),
                        countDistinct(col(SplunkEventColumns.EVENT_ID)).as("ids"))
                .collectAsList();
        Map<IndexHour, DeltaCount> counts = new TreeMap<>();
        for (Row row : rows) {
            IndexHour key = new IndexHour(row.getString(0), Instant.ofEpochSecond(row.getLong(1)));
            counts.put(key, new DeltaCount(row.getLong(2), row.getLong(3)));
        }
        return counts;
    }
}
