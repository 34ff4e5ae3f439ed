package io.github.splunkdeltabridge.delta;

import java.util.Arrays;
import java.util.List;

import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Column names and Spark types of the landed records ({@code io.github.splunkdeltabridge.SplunkEvent}, as the S3 sink
 * writes them) and of the Delta table built from them.
 */
public final class SplunkEventColumns {

    public static final String EVENT_ID = "event_id";
    public static final String EVENT_TIME = "event_time";
    public static final String INDEX_TIME = "index_time";
    public static final String INDEX = "index";
    public static final String HOST = "host";
    public static final String SOURCE = "source";
    public static final String SOURCETYPE = "sourcetype";
    public static final String SPLUNK_SERVER = "splunk_server";
    public static final String RAW = "raw";
    public static final String FIELDS = "fields";
    public static final String KAFKA_TOPIC = "kafka_topic";
    public static final String KAFKA_PARTITION = "kafka_partition";
    public static final String KAFKA_OFFSET = "kafka_offset";

    /** Added by the job: the object the row came from (lineage). */
    public static final String SOURCE_FILE = "source_file";
    /** Added by the job: UTC date of {@code event_time}, a partition (or clustering) column. */
    public static final String EVENT_DATE = "event_date";
    /** Added by the job: when the row was merged into the table. */
    public static final String INGESTED_AT = "ingested_at";

    /** The table's partition (or clustering) columns, in order. */
    public static final List<String> LAYOUT_COLUMNS = List.of(INDEX, EVENT_DATE);

    private static final MapType FIELDS_TYPE =
            DataTypes.createMapType(DataTypes.StringType, DataTypes.createArrayType(DataTypes.StringType, true), true);

    /**
     * The landed record's schema, given to the reader so that no inference runs. Timestamps are Avro/Parquet
     * {@code timestamp-millis}, which Spark reads as TIMESTAMP. The Kafka coordinates are absent from files written
     * without the InsertField SMT; Spark then reads them as null.
     */
    public static final StructType LANDED_SCHEMA = new StructType(new StructField[] {
        field(EVENT_ID, DataTypes.StringType),
        field(EVENT_TIME, DataTypes.TimestampType),
        field(INDEX_TIME, DataTypes.TimestampType),
        field(INDEX, DataTypes.StringType),
        field(HOST, DataTypes.StringType),
        field(SOURCE, DataTypes.StringType),
        field(SOURCETYPE, DataTypes.StringType),
        field(SPLUNK_SERVER, DataTypes.StringType),
        field(RAW, DataTypes.StringType),
        field(FIELDS, FIELDS_TYPE),
        field(KAFKA_TOPIC, DataTypes.StringType),
        field(KAFKA_PARTITION, DataTypes.IntegerType),
        field(KAFKA_OFFSET, DataTypes.LongType),
    });

    /** The Delta table: the landed columns, then lineage, partition date and ingestion time. */
    public static final StructType TABLE_SCHEMA = new StructType(concat(
            // The MERGE key: a row without it breaks the contract, so the table refuses it.
            new StructField[] {DataTypes.createStructField(EVENT_ID, DataTypes.StringType, false)},
            concat(
                    Arrays.copyOfRange(LANDED_SCHEMA.fields(), 1, LANDED_SCHEMA.fields().length),
                    field(SOURCE_FILE, DataTypes.StringType),
                    field(EVENT_DATE, DataTypes.DateType),
                    field(INGESTED_AT, DataTypes.TimestampType))));

    private SplunkEventColumns() {
    }

    private static StructField field(String name, DataType type) {
        return DataTypes.createStructField(name, type, true);
    }

    private static StructField[] concat(StructField[] first, StructField... rest) {
        StructField[] all = new StructField[first.length + rest.length];
        System.arraycopy(first, 0, all, 0, first.length);
        System.arraycopy(rest, 0, all, first.length, rest.length);
        return all;
    }
}
