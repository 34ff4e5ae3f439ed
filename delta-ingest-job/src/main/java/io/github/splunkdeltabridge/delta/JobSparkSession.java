package io.github.splunkdeltabridge.delta;

import io.github.splunkdeltabridge.delta.options.IngestOptions;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** The job's SparkSession: Databricks' own, or a new one set up for Delta when running anywhere else. */
public final class JobSparkSession {

    static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
    static final String DELTA_CATALOG = "org.apache.spark.sql.delta.catalog.DeltaCatalog";

    private JobSparkSession() {}

    public static SparkSession create(IngestOptions options) {
        return create(options.queryName(), options.master(), options.sparkConf());
    }

    /** A session for another of the project's Spark commands (reconcile): same Delta and UTC set-up. */
    public static SparkSession create(String appName, Optional<String> master, Map<String, String> sparkConf) {
        SparkSession.Builder builder = SparkSession.builder().appName(appName);
        master.ifPresent(builder::master);
        // spark-submit passes its --conf as system properties, which SparkConf reads: keep what the user chose
        // (another catalog, say) and fill in Delta only where nothing is set. Databricks has Delta built in.
        SparkConf submitted = new SparkConf();
        if (!submitted.contains("spark.sql.extensions")) {
            builder.config("spark.sql.extensions", DELTA_EXTENSION);
        }
        if (!submitted.contains("spark.sql.catalog.spark_catalog")) {
            builder.config("spark.sql.catalog.spark_catalog", DELTA_CATALOG);
        }
        for (Map.Entry<String, String> setting : sparkConf.entrySet()) {
            builder.config(setting.getKey(), setting.getValue());
        }
        SparkSession spark = builder.getOrCreate();
        useUtc(spark);
        return spark;
    }

    /** Event dates are UTC dates whatever the cluster's or the machine's zone. */
    public static void useUtc(SparkSession spark) {
        spark.conf().set("spark.sql.session.timeZone", "UTC");
    }
}
