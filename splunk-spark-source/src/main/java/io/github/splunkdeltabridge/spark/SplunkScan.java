package io.github.splunkdeltabridge.spark;

import io.github.splunkdeltabridge.event.SplunkEventSparkSchema;
import java.time.Clock;
import org.apache.spark.sql.connector.metric.CustomMetric;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.Scan;
import org.apache.spark.sql.connector.read.ScanBuilder;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.types.StructType;

/** A read of Splunk with fixed options: a batch ({@code spark.read}) or a micro-batch stream ({@code spark.readStream}). */
final class SplunkScan implements Scan, ScanBuilder {

    private final SplunkReadOptions options;
    private final Clock clock;

    SplunkScan(SplunkReadOptions options, Clock clock) {
        this.options = options;
        this.clock = clock;
    }

    @Override
    public Scan build() {
        return this;
    }

    @Override
    public StructType readSchema() {
        return SplunkEventSparkSchema.SCHEMA;
    }

    /** Shown in plans and the Spark UI: no secrets. */
    @Override
    public String description() {
        return "Splunk " + options;
    }

    @Override
    public Batch toBatch() {
        return new SplunkBatch(options, clock.instant());
    }

    @Override
    public MicroBatchStream toMicroBatchStream(String checkpointLocation) {
        return new SplunkMicroBatchStream(options, clock);
    }

    @Override
    public CustomMetric[] supportedCustomMetrics() {
        return SplunkReadMetrics.supported();
    }
}
