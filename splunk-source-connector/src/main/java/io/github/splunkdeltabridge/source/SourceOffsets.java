package io.github.splunkdeltabridge.source;

import io.github.splunkdeltabridge.client.ExportPosition;
import io.github.splunkdeltabridge.client.TimeSlice;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The shape of this connector's Connect source partitions and offsets. Users see them through the Connect REST
 * API ({@code GET /connectors/<name>/offsets}), so the keys are part of the connector's contract.
 *
 * <p>A backfill slice is the partition {@code {"search": "web", "slice": "2024-03-01T00:00:00Z"}}; the tail of a
 * search is {@code {"search": "web", "tail": "index_time"}}. Their offsets hold the export position reached (see
 * {@code ExportPosition}): {@code ordered} true with the oldest {@code _time} emitted, in epoch microseconds
 * ({@code lowest_time_us}), and the comma-separated ids emitted at it, which newest-first order makes enough to resume
 * exactly; or {@code ordered} false when the rows were not newest first or Splunk said rows were missing, and a restart
 * re-reads the slice or window. {@code rows} counts the rows emitted. Offsets written before microseconds hold
 * {@code lowest_time_ms} and no {@code ordered}; they are read as they were meant. Also the backfill end the connector
 * resolved (so a restart keeps it), and:
 * <ul>
 *   <li>slice: {@code done}, true on the slice's last event, so a finished slice is never read again;</li>
 *   <li>tail: the index-time window being read, {@code [window_start_ms, window_end_ms)}, and {@code done}
 *       once the window is read to its end.</li>
 * </ul>
 */
final class SourceOffsets {

    static final String SEARCH = "search";
    static final String SLICE = "slice";
    static final String TAIL = "tail";
    static final String TAIL_BY_INDEX_TIME = "index_time";

    static final String LOWEST_TIME_US = "lowest_time_us";
    /** Written by versions before microsecond positions; still read. */
    static final String LOWEST_TIME_MS = "lowest_time_ms";

    static final String ORDERED = "ordered";
    static final String IDS_AT_LOWEST_TIME = "ids_at_lowest_time";
    static final String ROWS = "rows";
    static final String DONE = "done";
    static final String BACKFILL_END_MS = "backfill_end_ms";
    static final String WINDOW_START_MS = "window_start_ms";
    static final String WINDOW_END_MS = "window_end_ms";

    private SourceOffsets() {}

    static Map<String, Object> slicePartition(String search, TimeSlice slice) {
        return partition(SEARCH, search, SLICE, slice.start().toString());
    }

    static Map<String, Object> tailPartition(String search) {
        return partition(SEARCH, search, TAIL, TAIL_BY_INDEX_TIME);
    }

    /**
     * Connect finds a stored offset by the serialised bytes of its partition, so every JVM must serialise a partition
     * with its keys in the same order. {@code Map.of} iterates in an order salted per JVM: a restarted worker then
     * missed half of the stored offsets and read those slices again. A {@code HashMap} iterates in the order of the
     * keys' hashes, which is the same in every JVM and is also how Connect itself rebuilds partitions it reads back
     * (its REST API's offsets endpoint looks them up that way).
     */
    private static Map<String, Object> partition(String key1, Object value1, String key2, Object value2) {
        Map<String, Object> partition = new HashMap<>();
        partition.put(key1, value1);
        partition.put(key2, value2);
        return partition;
    }

    static Map<String, Object> sliceOffset(ExportPosition position, boolean done, Instant backfillEnd) {
        Map<String, Object> offset = positionOffset(position, done);
        offset.put(BACKFILL_END_MS, backfillEnd.toEpochMilli());
        return offset;
    }

    static Map<String, Object> tailOffset(
            ExportPosition position, boolean done, Instant windowStart, Instant windowEnd, Instant backfillEnd) {
        Map<String, Object> offset = sliceOffset(position, done, backfillEnd);
        offset.put(WINDOW_START_MS, windowStart.toEpochMilli());
        offset.put(WINDOW_END_MS, windowEnd.toEpochMilli());
        return offset;
    }

    private static Map<String, Object> positionOffset(ExportPosition position, boolean done) {
        Map<String, Object> offset = new HashMap<>();
        Instant lowest = position.lowestTime();
        if (position.precision() == ChronoUnit.MILLIS) {
            offset.put(LOWEST_TIME_MS, lowest == null ? null : lowest.toEpochMilli());
        } else {
            offset.put(LOWEST_TIME_US, lowest == null ? null : ChronoUnit.MICROS.between(Instant.EPOCH, lowest));
        }
        offset.put(ORDERED, position.ordered());
        // Connect offsets hold primitives only; event ids never contain a comma.
        offset.put(IDS_AT_LOWEST_TIME, String.join(",", position.idsAtLowestTime()));
        offset.put(ROWS, position.rowsDelivered());
        offset.put(DONE, done);
        return offset;
    }

    static boolean isDone(Map<String, Object> offset) {
        return offset != null && Boolean.TRUE.equals(offset.get(DONE));
    }

    static Instant instant(Map<String, Object> offset, String key) {
        Object value = offset == null ? null : offset.get(key);
        return value == null ? null : Instant.ofEpochMilli(((Number) value).longValue());
    }

    /** The position stored by {@link #sliceOffset} or {@link #tailOffset}; nothing stored means the start. */
    static ExportPosition position(Map<String, Object> offset) {
        if (offset == null) {
            return ExportPosition.start();
        }
        List<String> ids = new ArrayList<>();
        if (offset.get(IDS_AT_LOWEST_TIME) instanceof String joined && !joined.isEmpty()) {
            ids.addAll(List.of(joined.split(",")));
        }
        Object rowsValue = offset.get(ROWS);
        long rows = rowsValue == null ? 0 : ((Number) rowsValue).longValue();
        if (Boolean.FALSE.equals(offset.get(ORDERED))) {
            return ExportPosition.unordered(rows);
        }
        if (offset.get(LOWEST_TIME_US) instanceof Number micros) {
            return ExportPosition.of(Instant.EPOCH.plus(micros.longValue(), ChronoUnit.MICROS), ids, rows);
        }
        if (offset.containsKey(LOWEST_TIME_MS)) {
            return ExportPosition.ofMillis(instant(offset, LOWEST_TIME_MS), ids, rows);
        }
        return ExportPosition.of(null, ids, rows);
    }
}
