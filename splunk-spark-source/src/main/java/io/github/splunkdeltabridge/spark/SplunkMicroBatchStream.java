package io.github.splunkdeltabridge.spark;

import io.github.splunkdeltabridge.client.TimeSlice;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.PartitionReaderFactory;
import org.apache.spark.sql.connector.read.streaming.MicroBatchStream;
import org.apache.spark.sql.connector.read.streaming.Offset;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.apache.spark.sql.connector.read.streaming.SupportsTriggerAvailableNow;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code spark.readStream.format("splunk")}: the connector's two phases as micro-batches, with the offsets in Spark's
 * checkpoint. First the backfill, at most {@code splunk.max.slices.per.batch} event-time slices (of every search) per
 * micro-batch, each reading only events indexed before the backfill's end; then, with {@code splunk.tail.enabled},
 * one window of index time per search and micro-batch, from where the last one ended up to now minus
 * {@code splunk.tail.lag} (as the connector's tail), so events indexed late are read when they are indexed and the two
 * phases neither overlap nor leave a gap. A stopped stream resumes at the first
 * micro-batch that was not committed; {@code Trigger.AvailableNow} reads up to the time the run started and stops.
 */
final class SplunkMicroBatchStream implements MicroBatchStream, SupportsTriggerAvailableNow {

    private static final Logger LOG = LoggerFactory.getLogger(SplunkMicroBatchStream.class);

    private final SplunkReadOptions options;
    private final Clock clock;
    private Instant availableNowTailEnd;

    SplunkMicroBatchStream(SplunkReadOptions options, Clock clock) {
        if (!options.tailEnabled()) {
            options.requireBackfillStart("when " + SplunkReadOptions.TAIL_ENABLED + " is false (nothing else to read)");
        }
        this.options = options;
        this.clock = clock;
    }

    @Override
    public Offset initialOffset() {
        Instant end = options.backfillEnd().orElse(clock.instant().truncatedTo(ChronoUnit.SECONDS));
        Instant start = options.backfillStart().filter(s -> s.isBefore(end)).orElse(end);
        SplunkStreamOffset initial = new SplunkStreamOffset(end, start, end);
        LOG.info("New Splunk stream: backfill {} .. {}, tail {}", start, end, options.tailEnabled() ? "on" : "off");
        return initial;
    }

    @Override
    public Offset deserializeOffset(String json) {
        return SplunkStreamOffset.fromJson(json);
    }

    @Override
    public void prepareForTriggerAvailableNow() {
        // Everything indexed up to the start of this run, and no further: the run ends.
        availableNowTailEnd = tailReach();
    }

    @Override
    public Offset latestOffset() {
        throw new UnsupportedOperationException("Spark calls latestOffset(start, limit) on this source");
    }

    @Override
    public Offset latestOffset(Offset startOffset, ReadLimit limit) {
        SplunkStreamOffset start = (SplunkStreamOffset) startOffset;
        if (!start.backfillFinished()) {
            List<TimeSlice> slices =
                    TimeSlice.split(start.backfillDone(), start.backfillEnd(), options.sliceDuration());
            return start.withBackfillDone(slices.get(Math.min(slices.size(), options.maxSlicesPerBatch()) - 1)
                    .end());
        }
        if (!options.tailEnabled()) {
            return start;
        }
        Instant reach = availableNowTailEnd != null ? availableNowTailEnd : tailReach();
        if (!reach.isAfter(start.tailDone())) {
            return start;
        }
        return start.withTailDone(reach);
    }

    /** Index times the tail may read now: up to now minus the lag, in whole seconds as {@code _indextime} is. */
    private Instant tailReach() {
        return clock.instant().minus(options.tailLag()).truncatedTo(ChronoUnit.SECONDS);
    }

    @Override
    public InputPartition[] planInputPartitions(Offset startOffset, Offset endOffset) {
        SplunkStreamOffset start = (SplunkStreamOffset) startOffset;
        SplunkStreamOffset end = (SplunkStreamOffset) endOffset;
        List<ExportUnit> units = new ArrayList<>();
        if (start.backfillDone().isBefore(end.backfillDone())) {
            units.addAll(ReadPlan.backfill(
                    options.searches(),
                    start.backfillDone(),
                    end.backfillDone(),
                    options.sliceDuration(),
                    options.backfillIndexLatest(end.backfillEnd())));
        }
        if (start.tailDone().isBefore(end.tailDone())) {
            units.addAll(ReadPlan.tail(options.searches(), new TimeSlice(start.tailDone(), end.tailDone())));
        }
        // Spark may plan the same micro-batch more than once (each plan copy asks): the read itself happens once.
        LOG.debug("Splunk micro-batch {} -> {}: {} exports", start.json(), end.json(), units.size());
        return units.isEmpty() ? new InputPartition[0] : ReadPlan.partitions(units, options.maxConcurrentSearches());
    }

    @Override
    public PartitionReaderFactory createReaderFactory() {
        return new SplunkReaderFactory(options);
    }

    @Override
    public void commit(Offset end) {
        // Nothing to release: Splunk keeps no state for the reader.
    }

    @Override
    public void stop() {
        // Tasks close their own clients.
    }
}
