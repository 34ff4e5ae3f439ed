package io.github.splunkdeltabridge.delta.source;

import static org.apache.spark.sql.functions.col;

import io.github.splunkdeltabridge.delta.SplunkEventColumns;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.DataStreamReader;
import org.apache.spark.sql.types.StructField;

/** The landed Splunk events as a streaming DataFrame: the contract's columns plus the object each row came from. */
public final class LandedEvents {

    private LandedEvents() {}

    /** The configured reader, before {@code load}: what the tests inspect for the Auto Loader path. */
    public static DataStreamReader reader(SparkSession spark, SourceSpec spec) {
        return spark.readStream()
                .format(spec.format())
                .schema(SplunkEventColumns.LANDED_SCHEMA)
                .options(spec.options());
    }

    public static Dataset<Row> open(SparkSession spark, SourceSpec spec) {
        Dataset<Row> files = reader(spark, spec).load(spec.path());
        List<Column> columns = new ArrayList<>();
        for (StructField field : SplunkEventColumns.LANDED_SCHEMA.fields()) {
            columns.add(col(field.name()));
        }
        // _metadata is the file-source metadata column that Spark and Auto Loader both offer (input_file_name() is
        // not available on Unity Catalog shared clusters).
        columns.add(col("_metadata.file_path").as(SplunkEventColumns.SOURCE_FILE));
        return files.select(columns.toArray(Column[]::new));
    }
}
