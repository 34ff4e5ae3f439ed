package io.github.splunkdeltabridge.reconcile;

import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The event-time range a reconcile compares, {@code [from, to)}, cut into UTC hours. The first and last hour may be
 * partial when the range does not start or end on a whole hour (a backfill that started at 13:47 is compared from
 * 13:47): both sides count the same part of such an hour.
 */
public record ReconcileRange(Instant from, Instant to) {

    public static final Duration HOUR = Duration.ofHours(1);

    public ReconcileRange {
        Objects.requireNonNull(from, "from");
        Objects.requireNonNull(to, "to");
        if (!from.isBefore(to)) {
            throw new IllegalArgumentException("--to (" + to + ") must be after --from (" + from + ")");
        }
    }

    /** The UTC hours the range touches, oldest first, each named by its start on the whole hour. */
    public List<Instant> hours() {
        List<Instant> hours = new ArrayList<>();
        for (Instant hour = hourOf(from); hour.isBefore(to); hour = hour.plus(HOUR)) {
            hours.add(hour);
        }
        return hours;
    }

    /** The whole UTC hour holding {@code instant}. */
    public static Instant hourOf(Instant instant) {
        return instant.truncatedTo(ChronoUnit.HOURS);
    }

    /** The part of {@code hour} inside the range: its start. */
    public Instant startOf(Instant hour) {
        return hour.isBefore(from) ? from : hour;
    }

    /** The part of {@code hour} inside the range: its (exclusive) end. */
    public Instant endOf(Instant hour) {
        Instant end = hour.plus(HOUR);
        return end.isAfter(to) ? to : end;
    }

    @Override
    public String toString() {
        return "[" + from + ", " + to + ")";
    }
}
