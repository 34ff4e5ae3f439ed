package io.github.splunkdeltabridge.delta.sink;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.current_timestamp;
import static org.apache.spark.sql.functions.to_date;

import io.github.splunkdeltabridge.delta.SplunkEventColumns;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Turns landed events into rows of the Delta table: adds {@code event_date} and {@code ingested_at}, in table order. */
public final class TableRows {

    private TableRows() {}

    /**
     * {@code event_date} is the date of {@code event_time} in the session time zone, which the job sets to UTC: the
     * same event always lands in the same partition, whoever runs the job. Rows without an event time (transforming
     * searches) get a null date.
     */
    public static Dataset<Row> from(Dataset<Row> events) {
        Dataset<Row> withAdded = events.withColumn(
                        SplunkEventColumns.EVENT_DATE, to_date(col(SplunkEventColumns.EVENT_TIME)))
                .withColumn(SplunkEventColumns.INGESTED_AT, current_timestamp());
        Column[] inTableOrder = Arrays.stream(SplunkEventColumns.TABLE_SCHEMA.fieldNames())
                .map(name -> col(name))
                .toArray(Column[]::new);
        return withAdded.select(inTableOrder);
    }
}
