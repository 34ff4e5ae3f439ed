package io.github.splunkdeltabridge.client;

import java.time.Instant;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * How far an export got, so it can be resumed without loss or duplicates. Immutable.
 *
 * <p>Export results come newest first, so the position is the lowest (oldest) {@code _time} delivered,
 * in whole milliseconds, plus the ids of the events delivered at exactly that millisecond. Resuming
 * re-runs the search for {@code [earliest, lowestTime + 1 ms)} and skips those ids.
 * For rows without {@code _time} (transforming searches) {@link #lowestTime()} is null and resuming
 * re-runs the search and skips the first {@link #rowsDelivered()} rows.
 *
 * <p>The connector stores the three components in Connect offsets and rebuilds the position with
 * {@link #of(Instant, Collection, long)}.
 */
public final class ExportPosition {

    private static final ExportPosition START = new ExportPosition(null, Set.of(), 0);

    private final Instant lowestTime;
    private final Set<String> idsAtLowestTime;
    private final long rowsDelivered;

    private ExportPosition(Instant lowestTime, Set<String> idsAtLowestTime, long rowsDelivered) {
        this.lowestTime = lowestTime;
        this.idsAtLowestTime = idsAtLowestTime;
        this.rowsDelivered = rowsDelivered;
    }

    /** Nothing delivered yet. */
    public static ExportPosition start() {
        return START;
    }

    /**
     * @param lowestTime lowest {@code _time} delivered (truncated to milliseconds here), or null
     * @param idsAtLowestTime ids of the events delivered at exactly {@code lowestTime}
     * @param rowsDelivered rows delivered so far (used to resume rows without {@code _time})
     */
    public static ExportPosition of(Instant lowestTime, Collection<String> idsAtLowestTime, long rowsDelivered) {
        if (rowsDelivered < 0) {
            throw new IllegalArgumentException("rowsDelivered must not be negative");
        }
        Set<String> ids =
                idsAtLowestTime == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(idsAtLowestTime));
        if (lowestTime == null && !ids.isEmpty()) {
            throw new IllegalArgumentException("idsAtLowestTime needs a lowestTime");
        }
        return new ExportPosition(TimeFormats.toMillis(lowestTime), ids, rowsDelivered);
    }

    /** Lowest {@code _time} delivered, in milliseconds; null when no timed row was delivered. */
    public Instant lowestTime() {
        return lowestTime;
    }

    /** Ids of the events delivered at exactly {@link #lowestTime()}, in delivery order. */
    public Set<String> idsAtLowestTime() {
        return idsAtLowestTime;
    }

    public long rowsDelivered() {
        return rowsDelivered;
    }

    /** True when nothing was delivered yet. */
    public boolean isStart() {
        return lowestTime == null && rowsDelivered == 0;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExportPosition other
                && rowsDelivered == other.rowsDelivered
                && Objects.equals(lowestTime, other.lowestTime)
                && idsAtLowestTime.equals(other.idsAtLowestTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lowestTime, idsAtLowestTime, rowsDelivered);
    }

    @Override
    public String toString() {
        return "ExportPosition[lowestTime=" + lowestTime + ", idsAtLowestTime=" + idsAtLowestTime.size()
                + ", rowsDelivered=" + rowsDelivered + "]";
    }
}
