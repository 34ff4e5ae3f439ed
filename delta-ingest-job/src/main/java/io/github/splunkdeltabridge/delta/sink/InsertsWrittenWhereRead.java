package io.github.splunkdeltabridge.delta.sink;

import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Runs a MERGE with Delta's shuffle of the inserted rows by partition columns turned off, unless the job's Spark
 * settings choose otherwise. With that shuffle ({@code spark.databricks.delta.merge.repartitionBeforeWrite.enabled},
 * on by default) a micro-batch's new rows are written by at most one task per (index, date) partition it touches, and
 * Spark's adaptive execution merges those small shuffle partitions further: a backfill of a few indexes and days was
 * written by one task while the other cores waited. Without it the rows are written by the tasks that read them, as a
 * plain append writes them, in up to one file per task and partition. What is inserted does not change.
 */
final class InsertsWrittenWhereRead {

    static final String REPARTITION_BEFORE_WRITE = "spark.databricks.delta.merge.repartitionBeforeWrite.enabled";

    private InsertsWrittenWhereRead() {}

    static <T> T run(SparkSession spark, Supplier<T> merge) {
        if (spark.conf().contains(REPARTITION_BEFORE_WRITE)) {
            return merge.get();
        }
        spark.conf().set(REPARTITION_BEFORE_WRITE, "false");
        try {
            return merge.get();
        } finally {
            spark.conf().unset(REPARTITION_BEFORE_WRITE);
        }
    }
}
