package io.github.splunkdeltabridge.delta.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.row_number;

import io.github.splunkdeltabridge.delta.SplunkEventColumns;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Keeps one row per event id in a micro-batch: the one with the highest Kafka offset. Duplicates within a batch come
 * from replays upstream (at-least-once delivery, a connector restarted from older offsets) or from the same object
 * landing twice. A missing offset (files written without the InsertField SMT) counts as the lowest; ties are broken
 * by partition and object name, so the choice does not depend on the order Spark happens to read files in.
 */
public final class LatestPerEventId {

    private static final String RANK = "_rank_within_event_id";

    private LatestPerEventId() {}

    public static Dataset<Row> of(Dataset<Row> events) {
        WindowSpec newestFirst = Window.partitionBy(col(SplunkEventColumns.EVENT_ID))
                .orderBy(
                        col(SplunkEventColumns.KAFKA_OFFSET).desc_nulls_last(),
                        col(SplunkEventColumns.KAFKA_PARTITION).desc_nulls_last(),
                        col(SplunkEventColumns.SOURCE_FILE).desc_nulls_last());
        return events.withColumn(RANK, row_number().over(newestFirst))
                .where(col(RANK).equalTo(1))
                .drop(RANK);
    }
}
