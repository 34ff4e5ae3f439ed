package io.github.splunkdeltabridge.delta.source;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import io.github.splunkdeltabridge.delta.SplunkEventColumns;
import io.github.splunkdeltabridge.event.SplunkEventSparkSchema;
import io.github.splunkdeltabridge.spark.SplunkDataSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;

/**
 * Splunk's events read directly ({@code readStream.format("splunk")}, splunk-spark-source), in the shape of the landed
 * events: the contract's columns, no Kafka coordinates (the MERGE and the dedupe do not need them), and
 * {@link #LINEAGE} where a landed row names its object. The stream's offsets (slices done, tail position) live in the
 * job's checkpoint, so a stopped backfill resumes where it stopped.
 */
public final class SplunkEvents {

    /** The {@code source_file} of rows read from Splunk directly, to tell them from rows landed through Kafka. */
    public static final String LINEAGE = "splunk-export";

    private SplunkEvents() {}

    public static Dataset<Row> open(SparkSession spark, Map<String, String> splunkOptions) {
        Dataset<Row> events = spark.readStream()
                .format(SplunkDataSource.SHORT_NAME)
                .options(splunkOptions)
                .load();
        List<Column> columns = new ArrayList<>();
        for (StructField field : SplunkEventSparkSchema.SCHEMA.fields()) {
            columns.add(col(field.name()));
        }
        for (StructField kafka : SplunkEventColumns.LANDED_SCHEMA.fields()) {
            if (!SplunkEventSparkSchema.SCHEMA.getFieldIndex(kafka.name()).isDefined()) {
                columns.add(lit(null).cast(kafka.dataType()).as(kafka.name()));
            }
        }
        columns.add(lit(LINEAGE).as(SplunkEventColumns.SOURCE_FILE));
        return events.select(columns.toArray(Column[]::new));
    }
}
