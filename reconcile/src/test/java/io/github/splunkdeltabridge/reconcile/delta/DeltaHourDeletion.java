package io.github.splunkdeltabridge.reconcile.delta;

import io.delta.tables.DeltaTable;
import java.time.Duration;
import java.time.Instant;
import org.apache.spark.sql.SparkSession;

/**
 * Deletes one index's hour of events from a Delta table, as a lost hour would look: run in a JVM with Spark
 * (local-stack's {@code LocalPipelineEndToEndIT} starts it so), {@code DeltaHourDeletion TABLE_PATH INDEX HOUR_START}.
 */
public final class DeltaHourDeletion {

    private DeltaHourDeletion() {}

    public static void main(String[] args) {
        String table = args[0];
        String index = args[1];
        Instant hour = Instant.parse(args[2]);
        SparkSession spark = SparkSession.builder()
                .master("local[1]")
                .appName("delete-an-hour")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.session.timeZone", "UTC")
                .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
                .config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog")
                .getOrCreate();
        try {
            DeltaTable.forPath(spark, table)
                    .delete("index = '" + index + "' AND event_time >= timestamp'" + hour
                            + "' AND event_time < timestamp'" + hour.plus(Duration.ofHours(1)) + "'");
            System.out.println("deleted " + index + " " + hour);
        } finally {
            spark.stop();
        }
    }
}
