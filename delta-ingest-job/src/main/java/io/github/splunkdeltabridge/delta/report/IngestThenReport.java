package io.github.splunkdeltabridge.delta.report;

import io.github.splunkdeltabridge.delta.DeltaIngestJob;
import io.github.splunkdeltabridge.delta.JobSparkSession;
import org.apache.spark.sql.SparkSession;

/**
 * For the local stack: runs the Delta job with the job's own options, then the {@link TableReport} of its target
 * path in the same Spark session, so that a local run starts one JVM and one Spark context instead of two. Exit
 * codes as the job's: 2 for bad options, 1 when the job or the report fails (or the target is a table name).
 */
public final class IngestThenReport {

    private IngestThenReport() {}

    public static void main(String[] args) {
        System.exit(DeltaIngestJob.execute(args, options -> {
            if (!options.target().isPath()) {
                throw new IllegalArgumentException("The table report reads --target-path; --target-table "
                        + options.target().location() + " has no path to give it");
            }
            SparkSession spark = JobSparkSession.create(options);
            try {
                DeltaIngestJob.run(spark, options);
                TableReport.print(spark, options.target().location());
            } finally {
                spark.stop();
            }
        }));
    }
}
