package io.github.splunkdeltabridge.delta.sink;

import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import io.github.splunkdeltabridge.delta.SplunkEventColumns;
import io.github.splunkdeltabridge.delta.options.TableLayout;
import io.github.splunkdeltabridge.delta.options.TableMode;
import io.github.splunkdeltabridge.delta.options.TargetTable;
import java.io.Serializable;
import java.util.Locale;
import java.util.Objects;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.SparkSession;

/** Which Delta table a Splunk index goes to, and creating that table the first time. */
public final class TargetTables implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Per-index name for events without an index (they should not exist, but must not be lost). */
    static final String NO_INDEX = "unknown_index";

    private final TargetTable base;
    private final TableMode mode;
    private final TableLayout layout;

    public TargetTables(TargetTable base, TableMode mode, TableLayout layout) {
        Objects.requireNonNull(base, "base");
        // Delta compares a new table's location with its qualified form, and file:///x is not file:/x to it.
        this.base = base.isPath() ? TargetTable.path(new Path(base.location()).toString()) : base;
        this.mode = Objects.requireNonNull(mode, "mode");
        this.layout = Objects.requireNonNull(layout, "layout");
    }

    public boolean perIndex() {
        return mode == TableMode.PER_INDEX;
    }

    /**
     * Single mode: the base table. Per-index mode: {@code <target-path>/<index>} or {@code <target-table>_<index>},
     * the index reduced to letters, digits and underscores so that it is a valid table name everywhere.
     */
    public TargetTable forIndex(String index) {
        if (!perIndex()) {
            return base;
        }
        String suffix = index == null || index.isBlank() ? NO_INDEX : nameSafe(index);
        return base.isPath()
                ? TargetTable.path(base.location() + "/" + suffix)
                : TargetTable.name(base.location() + "_" + suffix);
    }

    /** Opens the table, creating it with the job's schema and layout the first time; existing tables keep theirs. */
    public DeltaTable open(SparkSession spark, TargetTable table) {
        boolean exists = table.isPath()
                ? DeltaTable.isDeltaTable(spark, table.location())
                : spark.catalog().tableExists(table.location());
        if (!exists) {
            if (table.isPath()) {
                UncommittedTableLog.removeIfPresent(spark.sparkContext().hadoopConfiguration(), table.location());
            }
            create(spark, table);
        }
        return table.isPath()
                ? DeltaTable.forPath(spark, table.location())
                : DeltaTable.forName(spark, table.location());
    }

    private void create(SparkSession spark, TargetTable table) {
        DeltaTableBuilder builder = DeltaTable.createIfNotExists(spark)
                .addColumns(SplunkEventColumns.TABLE_SCHEMA)
                .comment("Splunk events ingested by splunk-delta-bridge's delta-ingest-job");
        builder = table.isPath() ? builder.location(table.location()) : builder.tableName(table.location());
        String[] layoutColumns = SplunkEventColumns.LAYOUT_COLUMNS.toArray(String[]::new);
        builder = layout == TableLayout.CLUSTERED
                ? builder.clusterBy(layoutColumns)
                : builder.partitionedBy(layoutColumns);
        builder.execute();
    }

    static String nameSafe(String index) {
        return index.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9_]", "_");
    }
}
