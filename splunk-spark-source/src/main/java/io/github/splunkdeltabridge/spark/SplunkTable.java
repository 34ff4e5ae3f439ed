package io.github.splunkdeltabridge.spark;

import io.github.splunkdeltabridge.event.SplunkEventSparkSchema;
import java.time.Clock;
import java.util.Set;
import org.apache.spark.sql.connector.catalog.SupportsRead;
import org.apache.spark.sql.connector.catalog.TableCapability;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.util.CaseInsensitiveStringMap;

/** Splunk as a read-only Spark table whose rows are the event contract's. */
final class SplunkTable implements SupportsRead {

    private final SplunkReadOptions options;

    SplunkTable(SplunkReadOptions options) {
        this.options = options;
    }

    @Override
    public String name() {
        return "splunk";
    }

    @Override
    public StructType schema() {
        return SplunkEventSparkSchema.SCHEMA;
    }

    @Override
    public Set<TableCapability> capabilities() {
        return Set.of(TableCapability.BATCH_READ, TableCapability.MICRO_BATCH_READ);
    }

    @Override
    public ScanBuilder newScanBuilder(CaseInsensitiveStringMap ignored) {
        // The options were read and checked when the table was made (so load() fails on a bad one); Spark passes the
        // same options again here.
        return new SplunkScan(options, Clock.systemUTC());
    }
}
