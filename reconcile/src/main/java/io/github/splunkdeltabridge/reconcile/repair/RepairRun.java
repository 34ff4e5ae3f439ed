package io.github.splunkdeltabridge.reconcile.repair;

import java.time.Instant;
import java.util.List;

/**
 * One re-copy: consecutive hours of event time, {@code [start, end)}, whose differing indexes are the same, read up
 * to the index-time cut-off the reconcile used. It becomes one bounded source connector.
 */
public record RepairRun(Instant start, Instant end, List<String> indexes, Instant indexedBefore) {

    public RepairRun {
        indexes = List.copyOf(indexes);
    }
}
