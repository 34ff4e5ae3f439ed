package io.github.splunkdeltabridge.spark;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import org.apache.spark.sql.connector.read.Batch;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A one-off read of {@code [splunk.backfill.start, splunk.backfill.end)}: every search over every slice, only events
 * indexed before the end (the connector's backfill bound, so a tail or a reconcile that follows has a clear cut-off).
 * Without an end, the end is the time the read is planned, fixed for all its tasks and their retries.
 */
final class SplunkBatch implements Batch {

    private static final Logger LOG = LoggerFactory.getLogger(SplunkBatch.class);

    private final SplunkReadOptions options;
    private final Instant end;

    SplunkBatch(SplunkReadOptions options, Instant now) {
        options.requireBackfillStart("for spark.read (a batch read copies one range; spark.readStream can tail)");
        this.options = options;
        this.end = options.backfillEnd().orElse(now.truncatedTo(ChronoUnit.SECONDS));
    }

    @Override
    public InputPartition[] planInputPartitions() {
        Instant start = options.backfillStart().orElseThrow();
        if (!start.isBefore(end)) {
            LOG.warn("Nothing to read: {} is not before the end {}", start, end);
            return new InputPartition[0];
        }
        List<ExportUnit> units = ReadPlan.backfill(
                options.searches(), start, end, options.sliceDuration(), options.backfillIndexLatest(end));
        InputPartition[] partitions = ReadPlan.partitions(units, options.maxConcurrentSearches());
        // Spark may ask more than once for the same scan: the read itself happens once.
        LOG.debug(
                "Splunk read of {} .. {}: {} exports ({} searches x {} slices) in {} partitions",
                start,
                end,
                units.size(),
                options.searches().size(),
                units.size() / options.searches().size(),
                partitions.length);
        return partitions;
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return new SplunkReaderFactory(options);
    }
}
