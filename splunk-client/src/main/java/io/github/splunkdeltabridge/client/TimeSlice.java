package io.github.splunkdeltabridge.client;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A half-open range of time, {@code [start, end)}, read by one export search. Slices are the unit of backfill work:
 * the source connector makes each one a Connect source partition, the Spark reader a unit of its input partitions.
 */
public record TimeSlice(Instant start, Instant end) {

    public TimeSlice {
        Objects.requireNonNull(start, "start");
        Objects.requireNonNull(end, "end");
        if (!start.isBefore(end)) {
            throw new IllegalArgumentException("A time slice must start before it ends: [" + start + ", " + end + ")");
        }
    }

    /**
     * Cuts {@code [start, end)} into consecutive slices of {@code length}, oldest first; the last one may be
     * shorter. Slice bounds are aligned to multiples of {@code length} since the epoch, so the same settings give
     * the same slices whenever they are computed (a connector restart, a Spark task retry), which keeps stored
     * offsets valid.
     */
    public static List<TimeSlice> split(Instant start, Instant end, Duration length) {
        if (length.isZero() || length.isNegative()) {
            throw new IllegalArgumentException("Slice length must be positive, not " + length);
        }
        List<TimeSlice> slices = new ArrayList<>();
        long lengthMillis = length.toMillis();
        Instant cursor = start;
        while (cursor.isBefore(end)) {
            long nextBoundary = Math.floorDiv(cursor.toEpochMilli(), lengthMillis) * lengthMillis + lengthMillis;
            Instant sliceEnd = Instant.ofEpochMilli(nextBoundary);
            if (sliceEnd.isAfter(end)) {
                sliceEnd = end;
            }
            slices.add(new TimeSlice(cursor, sliceEnd));
            cursor = sliceEnd;
        }
        return slices;
    }

    /** A compact, sortable name used in source partitions, lineage and logs: {@code <start>/<end>} in ISO-8601. */
    public String id() {
        return start + "/" + end;
    }
}
