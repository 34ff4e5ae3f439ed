package io.github.splunkdeltabridge.delta;

import io.github.splunkdeltabridge.delta.options.IngestOptions;
import io.github.splunkdeltabridge.delta.options.SourceReader;
import io.github.splunkdeltabridge.delta.options.TriggerMode;
import io.github.splunkdeltabridge.delta.sink.DeltaMergeSink;
import io.github.splunkdeltabridge.delta.sink.IngestCounts;
import io.github.splunkdeltabridge.delta.sink.TargetTables;
import io.github.splunkdeltabridge.delta.source.LandedEvents;
import io.github.splunkdeltabridge.delta.source.SourceSpecs;
import io.github.splunkdeltabridge.delta.source.SplunkEvents;
import java.util.concurrent.TimeoutException;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.streaming.StreamingQuery;
import org.apache.spark.sql.streaming.Trigger;

/** Wires the reader, the MERGE sink, the trigger and the checkpoint into one streaming query. */
public final class IngestQuery {

    private IngestQuery() {}

    /** A started query and the counts its sink keeps. */
    public record Started(StreamingQuery query, IngestCounts counts) {}

    public static Started start(SparkSession spark, IngestOptions options) {
        JobSparkSession.useUtc(spark);
        Dataset<Row> events;
        if (options.sourceReader() == SourceReader.SPLUNK) {
            events = SplunkEvents.open(spark, options.sourceOptions());
        } else {
            SourcePathCheck.requireExisting(spark, options);
            events = LandedEvents.open(spark, SourceSpecs.forOptions(options));
        }
        DeltaMergeSink sink = new DeltaMergeSink(
                new TargetTables(options.target(), options.tableMode(), options.tableLayout()),
                options.txnAppId(),
                options.sourceReader() == SourceReader.SPLUNK);
        try {
            StreamingQuery query = events.writeStream()
                    .queryName(options.queryName())
                    .foreachBatch(sink)
                    .option("checkpointLocation", options.checkpointLocation())
                    .trigger(trigger(options))
                    .start();
            return new Started(query, sink.counts());
        } catch (TimeoutException e) {
            throw new IllegalStateException("the streaming query did not start: " + e.getMessage(), e);
        }
    }

    static Trigger trigger(IngestOptions options) {
        return options.triggerMode() == TriggerMode.AVAILABLE_NOW
                ? Trigger.AvailableNow()
                : Trigger.ProcessingTime(options.triggerInterval().toMillis());
    }
}
