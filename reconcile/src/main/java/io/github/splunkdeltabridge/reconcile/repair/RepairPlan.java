package io.github.splunkdeltabridge.reconcile.repair;

import io.github.splunkdeltabridge.reconcile.HourResult;
import io.github.splunkdeltabridge.reconcile.HourStatus;
import io.github.splunkdeltabridge.reconcile.Reconciliation;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which re-copies cover exactly the hours with missing events: consecutive hours whose set of differing indexes is
 * the same become one run, so two missing hours a day apart are two small backfills, not one of a day. Hours with
 * only extra rows are not re-copied: copying again cannot remove a row (the MERGE only inserts).
 */
public final class RepairPlan {

    private RepairPlan() {}

    public static List<RepairRun> of(Reconciliation result) {
        // Hour start -> the indexes missing events there, and the part of the hour compared.
        Map<Instant, SortedSet<String>> indexesByHour = new TreeMap<>();
        Map<Instant, Instant[]> boundsByHour = new TreeMap<>();
        for (HourResult hour : result.hours()) {
            if (hour.status() != HourStatus.MISSING) {
                continue;
            }
            indexesByHour
                    .computeIfAbsent(hour.key().hour(), h -> new TreeSet<>())
                    .add(hour.index());
            boundsByHour.put(hour.key().hour(), new Instant[] {hour.from(), hour.to()});
        }
        List<RepairRun> runs = new ArrayList<>();
        Instant start = null;
        Instant end = null;
        SortedSet<String> indexes = null;
        for (Map.Entry<Instant, SortedSet<String>> entry : indexesByHour.entrySet()) {
            Instant[] bounds = boundsByHour.get(entry.getKey());
            if (start != null && end.equals(bounds[0]) && indexes.equals(entry.getValue())) {
                end = bounds[1];
                continue;
            }
            if (start != null) {
                runs.add(run(start, end, indexes, result));
            }
            start = bounds[0];
            end = bounds[1];
            indexes = entry.getValue();
        }
        if (start != null) {
            runs.add(run(start, end, indexes, result));
        }
        return runs;
    }

    /** The latest cut-off of the run's indexes: reading a little further is harmless, the MERGE skips repeats. */
    private static RepairRun run(Instant start, Instant end, SortedSet<String> indexes, Reconciliation result) {
        Instant indexedBefore = indexes.stream()
                .map(index -> result.cutoffs().indexedBefore(index))
                .max(Instant::compareTo)
                .orElseThrow();
        return new RepairRun(start, end, List.copyOf(indexes), indexedBefore);
    }
}
