package io.github.splunkdeltabridge.delta;

import io.github.splunkdeltabridge.event.SplunkEventField;
import io.github.splunkdeltabridge.event.SplunkEventSparkSchema;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Column names and Spark types of the landed records (the event columns of {@link SplunkEventField}, as the S3 sink
 * writes them, plus the Kafka coordinates the sink configs add) and of the Delta table built from them.
 */
public final class SplunkEventColumns {

    public static final String EVENT_ID = SplunkEventField.EVENT_ID.column();
    public static final String EVENT_TIME = SplunkEventField.EVENT_TIME.column();
    public static final String INDEX_TIME = SplunkEventField.INDEX_TIME.column();
    public static final String INDEX = SplunkEventField.INDEX.column();
    public static final String HOST = SplunkEventField.HOST.column();
    public static final String SOURCE = SplunkEventField.SOURCE.column();
    public static final String SOURCETYPE = SplunkEventField.SOURCETYPE.column();
    public static final String SPLUNK_SERVER = SplunkEventField.SPLUNK_SERVER.column();
    public static final String RAW = SplunkEventField.RAW.column();
    public static final String FIELDS = SplunkEventField.FIELDS.column();
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

    /**
     * The landed record's schema, given to the reader so that no inference runs: the event contract's columns, then the
     * Kafka coordinates. Timestamps are Avro/Parquet
     * {@code timestamp-millis}, which Spark reads as TIMESTAMP. The Kafka coordinates are absent from files written
     * without the InsertField SMT; Spark then reads them as null.
     */
    public static final StructType LANDED_SCHEMA = new StructType(concat(
            SplunkEventSparkSchema.SCHEMA.fields(),
            field(KAFKA_TOPIC, DataTypes.StringType),
            field(KAFKA_PARTITION, DataTypes.IntegerType),
            field(KAFKA_OFFSET, DataTypes.LongType)));

    /** The Delta table: the landed columns, then lineage, partition date and ingestion time. */
    public static final StructType TABLE_SCHEMA = new StructType(concat(
            // The MERGE key: a row without it breaks the contract, so the table refuses it.
            new StructField[] {DataTypes.createStructField(EVENT_ID, DataTypes.StringType, false)},
            concat(
                    Arrays.copyOfRange(LANDED_SCHEMA.fields(), 1, LANDED_SCHEMA.fields().length),
                    field(SOURCE_FILE, DataTypes.StringType),
                    field(EVENT_DATE, DataTypes.DateType),
                    field(INGESTED_AT, DataTypes.TimestampType))));

    private SplunkEventColumns() {}

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
