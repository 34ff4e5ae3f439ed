package io.github.splunkdeltabridge.event;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The Spark schema of a Splunk event record, derived from {@link SplunkEventField}: what Spark reads from the files the
 * S3 sink lands (Avro/Parquet {@code timestamp-millis} read as TIMESTAMP) and what the Spark reader of Splunk produces.
 * Every column is nullable here, as Spark reads files; the Delta table makes the id non-null.
 */
public final class SplunkEventSparkSchema {

    public static final StructType SCHEMA = schema();

    private SplunkEventSparkSchema() {}

    private static StructType schema() {
        StructField[] fields = new StructField[SplunkEventField.values().length];
        for (SplunkEventField field : SplunkEventField.values()) {
            fields[field.ordinal()] = DataTypes.createStructField(field.column(), typeOf(field.type()), true);
        }
        return new StructType(fields);
    }

    /** The Spark type of a column kind. */
    public static DataType typeOf(SplunkEventField.Type type) {
        return switch (type) {
            case STRING -> DataTypes.StringType;
            case TIMESTAMP -> DataTypes.TimestampType;
            case MULTIVALUE_MAP ->
                DataTypes.createMapType(
                        DataTypes.StringType, DataTypes.createArrayType(DataTypes.StringType, true), true);
        };
    }
}
