package io.github.splunkdeltabridge.reconcile.delta;

/**
 * What the Delta table holds for one index and hour: its rows and its distinct event ids. More rows than ids means
 * an event was stored twice, which the job's MERGE on the event id should never allow.
 */
public record DeltaCount(long rows, long distinctIds) {

    public static final DeltaCount NONE = new DeltaCount(0, 0);

    public long duplicates() {
        return rows - distinctIds;
    }
}
