package io.github.splunkdeltabridge.spark;

import io.github.splunkdeltabridge.event.SplunkEventSparkSchema;
import java.util.Map;
import org.apache.spark.sql.connector.catalog.SessionConfigSupport;
import org.apache.spark.sql.connector.catalog.Table;
import org.apache.spark.sql.connector.expressions.Transform;
import org.apache.spark.sql.sources.DataSourceRegister;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/**
 * {@code spark.read.format("splunk")} and {@code spark.readStream.format("splunk")}: Splunk's events as rows of the
 * event contract, read through the REST export API. Options are the source connector's settings; the session's
 * {@code spark.datasource.splunk.<option>} settings are options too (Spark adds them), which is how a cluster's
 * Spark configuration can hold a secret reference such as Databricks' {@code {{secrets/scope/key}}}.
 */
public final class SplunkDataSource implements SessionConfigSupport, DataSourceRegister {

    /** The format name. */
    public static final String SHORT_NAME = "splunk";

    @Override
    public String shortName() {
        return SHORT_NAME;
    }

    @Override
    public String keyPrefix() {
        return SHORT_NAME;
    }

    @Override
    public StructType inferSchema(CaseInsensitiveStringMap options) {
        return SplunkEventSparkSchema.SCHEMA;
    }

    @Override
    public Table getTable(StructType schema, Transform[] partitioning, Map<String, String> properties) {
        return new SplunkTable(SplunkReadOptions.parse(properties));
    }
}
