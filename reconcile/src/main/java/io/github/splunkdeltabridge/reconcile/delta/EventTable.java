package io.github.splunkdeltabridge.reconcile.delta;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import io.delta.tables.DeltaTable;
import io.github.splunkdeltabridge.delta.SplunkEventColumns;
import io.github.splunkdeltabridge.delta.options.TableLayout;
import io.github.splunkdeltabridge.delta.options.TableMode;
import io.github.splunkdeltabridge.delta.options.TargetTable;
import io.github.splunkdeltabridge.delta.sink.TargetTables;
import io.github.splunkdeltabridge.reconcile.Cutoffs;
import io.github.splunkdeltabridge.reconcile.ReconcileUsageException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rows of the Delta table(s) delta-ingest-job writes, for some indexes, event-time range and index-time
 * cut-offs: one table for all indexes, or one per index ({@code --table-mode per-index}, named as the job names
 * them). The filters name the partition columns too ({@code index}, {@code event_date}), so a reconcile of a day
 * reads that day's files, not the table.
 */
public final class EventTable {

    private static final Logger LOG = LoggerFactory.getLogger(EventTable.class);

    private final SparkSession spark;
    private final TargetTables tables;
    private final String option;

    public EventTable(SparkSession spark, TargetTable base, TableMode mode) {
        this.spark = spark;
        // The layout only matters when the job creates a table; reconcile never does.
        this.tables = new TargetTables(base, mode, TableLayout.PARTITIONED);
        this.option = base.isPath() ? "--table-path " + base.location() : "--table " + base.location();
    }

    /**
     * Fails when the table is not there: a wrong path would otherwise report every hour missing. In per-index mode
     * an index without its table is empty (and reported missing), as long as one of the tables exists.
     */
    public void requireReachable(List<String> indexes) {
        List<String> absent = new ArrayList<>();
        for (String index : indexes) {
            if (!exists(tables.forIndex(index))) {
                absent.add(index);
            }
        }
        if (absent.size() == indexes.size()) {
            throw new ReconcileUsageException(option + ": no Delta table there"
                    + (tables.perIndex()
                            ? " for any of the indexes (looked for " + tables.forIndex(indexes.get(0)) + ")"
                            : "")
                    + "; give the table delta-ingest-job writes (its --target-path or --target-table)");
        }
        absent.forEach(
                index -> LOG.warn("No Delta table {} for index {}: it counts as empty", tables.forIndex(index), index));
    }

    /** Rows of the indexes with {@code from <= event_time < to}, indexed before their cut-off. */
    public Dataset<Row> rows(List<String> indexes, Instant from, Instant to, Cutoffs cutoffs) {
        Dataset<Row> all = null;
        if (tables.perIndex()) {
            for (String index : indexes) {
                TargetTable table = tables.forIndex(index);
                if (exists(table)) {
                    Dataset<Row> rows = read(table);
                    all = all == null ? rows : all.unionByName(rows);
                }
            }
        } else {
            all = read(tables.forIndex(null));
        }
        if (all == null) {
            throw new ReconcileUsageException(option + ": no Delta table for indexes " + indexes);
        }
        return all.where(inRange(indexes, from, to).and(indexedBefore(cutoffs, indexes)));
    }

    private static Column inRange(List<String> indexes, Instant from, Instant to) {
        LocalDate firstDate = LocalDate.ofInstant(from, ZoneOffset.UTC);
        LocalDate lastDate = LocalDate.ofInstant(to, ZoneOffset.UTC);
        return col(SplunkEventColumns.INDEX)
                .isin(indexes.toArray())
                // event_date is the partition column (UTC date of event_time, see TableRows): it prunes files.
                .and(col(SplunkEventColumns.EVENT_DATE).between(lit(firstDate), lit(lastDate)))
                .and(col(SplunkEventColumns.EVENT_TIME).geq(lit(from)))
                .and(col(SplunkEventColumns.EVENT_TIME).lt(lit(to)));
    }

    /** index_time before the index's cut-off; a row without index_time is kept (Splunk always has _indextime). */
    private static Column indexedBefore(Cutoffs cutoffs, List<String> indexes) {
        Column cutoff = null;
        for (Map.Entry<String, Instant> entry : cutoffs.byIndex().entrySet()) {
            if (!indexes.contains(entry.getKey())) {
                continue;
            }
            Column value = lit(entry.getValue());
            cutoff = cutoff == null
                    ? when(col(SplunkEventColumns.INDEX).equalTo(entry.getKey()), value)
                    : cutoff.when(col(SplunkEventColumns.INDEX).equalTo(entry.getKey()), value);
        }
        Column indexTime = col(SplunkEventColumns.INDEX_TIME);
        return indexTime.isNull().or(indexTime.lt(cutoff));
    }

    private Dataset<Row> read(TargetTable table) {
        return table.isPath()
                ? spark.read().format("delta").load(table.location())
                : spark.read().table(table.location());
    }

    private boolean exists(TargetTable table) {
        return table.isPath()
                ? DeltaTable.isDeltaTable(spark, table.location())
                : spark.catalog().tableExists(table.location());
    }
}
