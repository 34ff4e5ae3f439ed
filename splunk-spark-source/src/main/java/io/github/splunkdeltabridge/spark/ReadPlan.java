package io.github.splunkdeltabridge.spark;

import io.github.splunkdeltabridge.client.TimeSlice;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns a range into exports and exports into Spark input partitions.
 *
 * <p>The unit of work is one search over one time slice (the connector's slices: aligned to the epoch, so a re-run
 * asks for the same ranges). Spark starts as many tasks at once as it has cores, and a data source cannot limit
 * that; the only way to keep the number of searches running in Splunk at or below
 * {@code splunk.max.concurrent.searches} whatever the cluster's size is to plan no more input partitions than that. So
 * the units are dealt round-robin, oldest slice first, into at most that many partitions, and each partition reads
 * its units one export after the other: the connector's tasks do the same.
 */
final class ReadPlan {

    private ReadPlan() {}

    /** Every search over every event-time slice of {@code [from, to)}, oldest slice first. */
    static List<ExportUnit> backfill(
            List<SplunkSearch> searches, Instant from, Instant to, Duration sliceLength, Instant indexLatest) {
        List<ExportUnit> units = new ArrayList<>();
        for (TimeSlice slice : TimeSlice.split(from, to, sliceLength)) {
            for (SplunkSearch search : searches) {
                units.add(ExportUnit.backfillSlice(search, slice, indexLatest));
            }
        }
        return units;
    }

    /** Every search over one window of index time. */
    static List<ExportUnit> tail(List<SplunkSearch> searches, TimeSlice window) {
        return searches.stream()
                .map(search -> ExportUnit.indexWindow(search, window))
                .toList();
    }

    /** At most {@code maxConcurrentSearches} partitions, the units dealt round-robin in order. */
    static SplunkInputPartition[] partitions(List<ExportUnit> units, int maxConcurrentSearches) {
        int count = Math.min(units.size(), maxConcurrentSearches);
        List<List<ExportUnit>> lanes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            lanes.add(new ArrayList<>());
        }
        for (int i = 0; i < units.size(); i++) {
            lanes.get(i % count).add(units.get(i));
        }
        return lanes.stream().map(SplunkInputPartition::new).toArray(SplunkInputPartition[]::new);
    }
}
