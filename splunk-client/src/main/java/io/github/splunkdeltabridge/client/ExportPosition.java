package io.github.splunkdeltabridge.client;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.Objects;
import java.util.Set;

/**
 * How far an export got, so it can be resumed without loss. Immutable.
 *
 * <p>An <em>ordered</em> position rests on Splunk streaming events newest first: it is the lowest (oldest) {@code _time}
 * delivered, in microseconds, plus the ids of the events delivered at exactly that time, and it claims that every event
 * newer than that time was delivered. Resuming re-runs the search up to just above that time and skips what the claim
 * covers, so nothing is read twice.
 *
 * <p>An <em>unordered</em> position claims nothing but a row count: the rows did not come newest first (a search that
 * re-sorts, a stream that broke the order, rows without {@code _time}) or Splunk said rows were missing after some had
 * been delivered. Resuming re-reads the whole range; rows delivered before come again (the Delta job's MERGE keeps one
 * of each event id).
 *
 * <p>Positions stored by earlier versions hold milliseconds; they keep that precision ({@link #precision()}) so the
 * ids stored with them still cover the whole millisecond.
 *
 * <p>The connector stores the components in Connect offsets and rebuilds the position with the factories.
 */
public final class ExportPosition {

    private static final ExportPosition START = new ExportPosition(null, Set.of(), 0, true, ChronoUnit.MICROS);

    private final Instant lowestTime;
    private final Set<String> idsAtLowestTime;
    private final long rowsDelivered;
    private final boolean ordered;
    private final ChronoUnit precision;

    private ExportPosition(
            Instant lowestTime,
            Set<String> idsAtLowestTime,
            long rowsDelivered,
            boolean ordered,
            ChronoUnit precision) {
        this.lowestTime = lowestTime;
        this.idsAtLowestTime = idsAtLowestTime;
        this.rowsDelivered = rowsDelivered;
        this.ordered = ordered;
        this.precision = precision;
    }

    /** Nothing delivered yet. */
    public static ExportPosition start() {
        return START;
    }

    /**
     * An ordered position in microseconds.
     *
     * @param lowestTime lowest {@code _time} delivered (truncated to microseconds here), or null when none was
     * @param idsAtLowestTime ids of the events delivered at exactly {@code lowestTime}
     * @param rowsDelivered rows delivered so far
     */
    public static ExportPosition of(Instant lowestTime, Collection<String> idsAtLowestTime, long rowsDelivered) {
        return ordered(lowestTime, idsAtLowestTime, rowsDelivered, ChronoUnit.MICROS);
    }

    /** An ordered position stored with millisecond precision (offsets written by earlier versions). */
    public static ExportPosition ofMillis(Instant lowestTime, Collection<String> idsAtLowestTime, long rowsDelivered) {
        return ordered(lowestTime, idsAtLowestTime, rowsDelivered, ChronoUnit.MILLIS);
    }

    /** A position that claims nothing: resuming re-reads the whole range. */
    public static ExportPosition unordered(long rowsDelivered) {
        requireCount(rowsDelivered);
        return new ExportPosition(null, Set.of(), rowsDelivered, false, ChronoUnit.MICROS);
    }

    static ExportPosition ordered(
            Instant lowestTime, Collection<String> idsAtLowestTime, long rowsDelivered, ChronoUnit precision) {
        requireCount(rowsDelivered);
        Set<String> ids =
                idsAtLowestTime == null ? Set.of() : Collections.unmodifiableSet(new LinkedHashSet<>(idsAtLowestTime));
        if (lowestTime == null && !ids.isEmpty()) {
            throw new IllegalArgumentException("idsAtLowestTime needs a lowestTime");
        }
        return new ExportPosition(
                lowestTime == null ? null : lowestTime.truncatedTo(precision), ids, rowsDelivered, true, precision);
    }

    private static void requireCount(long rowsDelivered) {
        if (rowsDelivered < 0) {
            throw new IllegalArgumentException("rowsDelivered must not be negative");
        }
    }

    /** Lowest {@code _time} delivered, at {@link #precision()}; null when unordered or no timed row was delivered. */
    public Instant lowestTime() {
        return lowestTime;
    }

    /** Ids of the events delivered at exactly {@link #lowestTime()}, in delivery order. */
    public Set<String> idsAtLowestTime() {
        return idsAtLowestTime;
    }

    /** Rows delivered so far, by every attempt of the export (re-read rows count again). */
    public long rowsDelivered() {
        return rowsDelivered;
    }

    /** True when the position claims every event newer than {@link #lowestTime()}; false when it claims nothing. */
    public boolean ordered() {
        return ordered;
    }

    /** {@link ChronoUnit#MICROS}, or {@link ChronoUnit#MILLIS} for positions stored by earlier versions. */
    public ChronoUnit precision() {
        return precision;
    }

    /** True when nothing was delivered yet. */
    public boolean isStart() {
        return lowestTime == null && rowsDelivered == 0;
    }

    /** The same count with every claim dropped. */
    public ExportPosition toUnordered() {
        return unordered(rowsDelivered);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ExportPosition other
                && rowsDelivered == other.rowsDelivered
                && ordered == other.ordered
                && precision == other.precision
                && Objects.equals(lowestTime, other.lowestTime)
                && idsAtLowestTime.equals(other.idsAtLowestTime);
    }

    @Override
    public int hashCode() {
        return Objects.hash(lowestTime, idsAtLowestTime, rowsDelivered, ordered, precision);
    }

    @Override
    public String toString() {
        return ordered
                ? "ExportPosition[lowestTime=" + lowestTime + ", idsAtLowestTime=" + idsAtLowestTime.size()
                        + ", rowsDelivered=" + rowsDelivered + (precision == ChronoUnit.MICROS ? "" : ", " + precision)
                        + "]"
                : "ExportPosition[unordered, rowsDelivered=" + rowsDelivered + "]";
    }
}
