package io.github.splunkdeltabridge.reconcile;

import io.github.splunkdeltabridge.reconcile.delta.DeltaCount;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.UnaryOperator;

/**
 * The outcome of a reconcile: every index and hour of the range, with Splunk's count and the table's. An hour
 * neither side has events in is a match with zero on both sides; it is listed all the same, so the report shows
 * the whole range was looked at.
 */
public record Reconciliation(ReconcileRange range, List<String> indexes, Cutoffs cutoffs, List<HourResult> hours) {

    public Reconciliation {
        Objects.requireNonNull(range, "range");
        indexes = List.copyOf(indexes);
        Objects.requireNonNull(cutoffs, "cutoffs");
        hours = List.copyOf(hours);
    }

    /** Splunk's and the table's counts side by side, index by index, hour by hour. */
    public static Reconciliation compare(
            ReconcileRange range,
            List<String> indexes,
            Cutoffs cutoffs,
            Map<IndexHour, Long> splunk,
            Map<IndexHour, DeltaCount> delta) {
        List<HourResult> hours = new ArrayList<>();
        for (String index : indexes) {
            for (Instant hour : range.hours()) {
                IndexHour key = new IndexHour(index, hour);
                hours.add(HourResult.of(
                        key,
                        range.startOf(hour),
                        range.endOf(hour),
                        splunk.getOrDefault(key, 0L),
                        delta.getOrDefault(key, DeltaCount.NONE)));
            }
        }
        for (IndexHour key : delta.keySet()) {
            if (!indexes.contains(key.index()) || !range.hours().contains(key.hour())) {
                throw new IllegalStateException("the table was counted outside the range: " + key);
            }
        }
        return new Reconciliation(range, indexes, cutoffs, hours);
    }

    public boolean allMatch() {
        return hours.stream().allMatch(h -> h.status() == HourStatus.MATCH);
    }

    public List<HourResult> differing() {
        return hours.stream().filter(h -> h.status() != HourStatus.MATCH).toList();
    }

    /** Hours per status, every status present. */
    public Map<HourStatus, Long> hoursByStatus() {
        Map<HourStatus, Long> counts = new EnumMap<>(HourStatus.class);
        for (HourStatus status : HourStatus.values()) {
            counts.put(status, 0L);
        }
        hours.forEach(h -> counts.merge(h.status(), 1L, Long::sum));
        return counts;
    }

    public long splunkEvents() {
        return hours.stream().mapToLong(HourResult::splunk).sum();
    }

    public long deltaRows() {
        return hours.stream().mapToLong(h -> h.delta().rows()).sum();
    }

    public long deltaDistinctIds() {
        return hours.stream().mapToLong(h -> h.delta().distinctIds()).sum();
    }

    /** The same result with some hours replaced (e.g. with their ids added). */
    public Reconciliation map(UnaryOperator<HourResult> change) {
        return new Reconciliation(
                range, indexes, cutoffs, hours.stream().map(change).toList());
    }
}
