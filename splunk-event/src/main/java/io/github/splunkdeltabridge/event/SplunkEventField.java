package io.github.splunkdeltabridge.event;

import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The columns of a Splunk event record, in order: the one definition that the Connect schema
 * ({@link SplunkEventConnectSchema}), the Parquet/Avro files the S3 sink writes from it, and the Spark schema
 * ({@link SplunkEventSparkSchema}) of the Delta job and the Spark reader derive from. Adding or changing a column is
 * an edit here; every form that disagrees fails its unit test.
 *
 * <p>Changing a name or a type changes the files already landed and the Delta table: treat it as a breaking change
 * and raise {@link #RECORD_VERSION}.
 */
public enum SplunkEventField {
    EVENT_ID(
            "event_id",
            Type.STRING,
            false,
            null,
            "Deterministic event id: index:_bkt:_cd, or a SHA-256 of the event for rows without them"),
    EVENT_TIME("event_time", Type.TIMESTAMP, true, "_time", "_time; null for rows without it"),
    INDEX_TIME("index_time", Type.TIMESTAMP, true, "_indextime", "_indextime"),
    INDEX("index", Type.STRING, true, "index", "The Splunk index"),
    HOST("host", Type.STRING, true, "host", "host"),
    SOURCE("source", Type.STRING, true, "source", "source"),
    SOURCETYPE("sourcetype", Type.STRING, true, "sourcetype", "sourcetype"),
    SPLUNK_SERVER("splunk_server", Type.STRING, true, "splunk_server", "The indexer that returned the event"),
    RAW("raw", Type.STRING, true, "_raw", "_raw, the event text; null for rows of transforming searches"),
    FIELDS(
            "fields",
            Type.MULTIVALUE_MAP,
            false,
            null,
            "All other fields; single values are one-element arrays, multivalues keep their order");

    /** The record's full name in Connect and Avro. */
    public static final String RECORD_NAME = "io.github.splunkdeltabridge.SplunkEvent";
    /** Raised on every breaking change of the columns. */
    public static final int RECORD_VERSION = 1;

    /** The kinds of column a Splunk event has. */
    public enum Type {
        STRING,
        /** An instant with millisecond precision (Connect Timestamp, Avro timestamp-millis, Spark TIMESTAMP). */
        TIMESTAMP,
        /** Field name to the list of its values. */
        MULTIVALUE_MAP
    }

    private final String column;
    private final Type type;
    private final boolean optional;
    private final String splunkField;
    private final String doc;

    SplunkEventField(String column, Type type, boolean optional, String splunkField, String doc) {
        this.column = column;
        this.type = type;
        this.optional = optional;
        this.splunkField = splunkField;
        this.doc = doc;
    }

    /** The column's name in every form (Connect field, Avro/Parquet column, Spark and Delta column). */
    public String column() {
        return column;
    }

    public Type type() {
        return type;
    }

    /** False for the columns every record has: the id and the (possibly empty) map of other fields. */
    public boolean optional() {
        return optional;
    }

    /** The Splunk field this column is read from, or null for {@link #EVENT_ID} and {@link #FIELDS}. */
    public String splunkField() {
        return splunkField;
    }

    public String doc() {
        return doc;
    }

    /** The Splunk fields that have a column of their own, and so are not repeated in {@link #FIELDS}. */
    public static final Set<String> TYPED_SPLUNK_FIELDS = Arrays.stream(values())
            .map(SplunkEventField::splunkField)
            .filter(f -> f != null)
            .collect(Collectors.toUnmodifiableSet());

    /** Every column name, in order. */
    public static List<String> columns() {
        return Arrays.stream(values()).map(SplunkEventField::column).toList();
    }
}
