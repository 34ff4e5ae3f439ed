package io.github.splunkdeltabridge.delta.sink;

import java.util.function.Supplier;
import org.apache.spark.sql.SparkSession;

/**
 * Delta's idempotent writes for DML: with {@code txnAppId} and {@code txnVersion} set, a commit whose version is not
 * above the last one recorded for that application id in the table is skipped. The version is the micro-batch id,
 * so a micro-batch that Spark replays after a crash (it committed to Delta but not yet to the checkpoint) changes
 * nothing. The settings live in the stream's own session and are cleared after each write.
 */
final class IdempotentWrites {

    static final String TXN_APP_ID = "spark.databricks.delta.write.txnAppId";
    static final String TXN_VERSION = "spark.databricks.delta.write.txnVersion";

    private IdempotentWrites() {}

    static <T> T run(SparkSession spark, String appId, long version, Supplier<T> write) {
        spark.conf().set(TXN_APP_ID, appId);
        spark.conf().set(TXN_VERSION, Long.toString(version));
        try {
            return write.get();
        } finally {
            spark.conf().unset(TXN_APP_ID);
            spark.conf().unset(TXN_VERSION);
        }
    }
}
