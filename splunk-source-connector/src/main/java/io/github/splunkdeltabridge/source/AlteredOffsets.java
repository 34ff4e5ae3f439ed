package io.github.splunkdeltabridge.source;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.kafka.connect.errors.ConnectException;

/**
 * Checks offsets a user writes through {@code PATCH /connectors/<name>/offsets} against the contract of
 * {@link SourceOffsets}, before Connect stores them: a malformed offset is refused at the REST call (as Kafka's
 * {@code FileStreamSourceConnector.alterOffsets} and MirrorMaker's {@code validateSourceOffset} do), not found when
 * a task next starts and fails, or worse, resumes from a wrong place.
 */
final class AlteredOffsets {

    private static final Set<String> SLICE_PARTITION_KEYS = Set.of(SourceOffsets.SEARCH, SourceOffsets.SLICE);
    private static final Set<String> TAIL_PARTITION_KEYS = Set.of(SourceOffsets.SEARCH, SourceOffsets.TAIL);
    private static final Set<String> SLICE_OFFSET_KEYS = Set.of(
            SourceOffsets.IDS_AT_LOWEST_TIME, SourceOffsets.ROWS, SourceOffsets.DONE, SourceOffsets.BACKFILL_END_MS);
    private static final Set<String> TAIL_OFFSET_KEYS =
            union(SLICE_OFFSET_KEYS, Set.of(SourceOffsets.WINDOW_START_MS, SourceOffsets.WINDOW_END_MS));
    /** The lowest time in microseconds, or in milliseconds as older versions wrote it: exactly one of them. */
    private static final Set<String> LOWEST_TIME_KEYS =
            Set.of(SourceOffsets.LOWEST_TIME_US, SourceOffsets.LOWEST_TIME_MS);

    private final SplunkSourceConfig config;
    private final Set<String> searchNames = new TreeSet<>();
    private final List<String> problems = new ArrayList<>();
    private Long backfillEndMs;

    private AlteredOffsets(SplunkSourceConfig config) {
        this.config = config;
        SearchSpec.from(config).forEach(search -> searchNames.add(search.name()));
        Instant configuredEnd = config.backfillEndOrNull();
        backfillEndMs = configuredEnd == null ? null : configuredEnd.toEpochMilli();
    }

    /** @throws ConnectException listing every problem, each naming its partition */
    static void check(SplunkSourceConfig config, Map<Map<String, ?>, Map<String, ?>> offsets) {
        AlteredOffsets check = new AlteredOffsets(config);
        offsets.forEach(check::checkOne);
        if (!check.problems.isEmpty()) {
            throw new ConnectException("Offsets not altered: " + String.join("; ", check.problems));
        }
    }

    private void checkOne(Map<String, ?> partition, Map<String, ?> offset) {
        if (partition == null) {
            problems.add("a partition is null");
            return;
        }
        // Keys sorted, so the message reads the same whatever the map's order.
        String where = "partition " + new TreeMap<>(partition);
        boolean slice = partition.keySet().equals(SLICE_PARTITION_KEYS);
        boolean tail = partition.keySet().equals(TAIL_PARTITION_KEYS);
        if (!slice && !tail) {
            problems.add(
                    where + " is neither a backfill slice {\"search\", \"slice\"} nor a tail {\"search\", \"tail\"}");
            return;
        }
        Object search = partition.get(SourceOffsets.SEARCH);
        if (!(search instanceof String name) || !searchNames.contains(name)) {
            problems.add(where + ": \"search\" must be one of this connector's searches " + searchNames);
            return;
        }
        Instant sliceStart = null;
        if (slice) {
            sliceStart = sliceStart(where, partition.get(SourceOffsets.SLICE));
            if (sliceStart == null) {
                return;
            }
        } else if (!SourceOffsets.TAIL_BY_INDEX_TIME.equals(partition.get(SourceOffsets.TAIL))) {
            problems.add(where + ": \"tail\" must be \"" + SourceOffsets.TAIL_BY_INDEX_TIME + "\"");
            return;
        }
        if (offset == null) {
            return; // Removes the offset: that slice or tail starts over.
        }
        checkOffset(where, offset, slice ? SLICE_OFFSET_KEYS : TAIL_OFFSET_KEYS, sliceStart);
    }

    /** The slice's start if it is one of this configuration's slices: the backfill start or an aligned boundary. */
    private Instant sliceStart(String where, Object value) {
        Instant start;
        try {
            start = value instanceof String text ? Instant.parse(text) : null;
        } catch (DateTimeParseException e) {
            start = null;
        }
        if (start == null) {
            problems.add(where + ": \"slice\" must be the slice's start as an ISO-8601 instant, such as "
                    + "2024-03-01T00:00:00Z");
            return null;
        }
        Instant backfillStart = config.backfillStart();
        Duration length = config.sliceDuration();
        boolean aligned = start.toEpochMilli() % length.toMillis() == 0;
        if (backfillStart == null
                || start.isBefore(backfillStart)
                || (!start.equals(backfillStart) && !aligned)
                || (config.backfillEndOrNull() != null && !start.isBefore(config.backfillEndOrNull()))) {
            problems.add(where + ": not a slice of this connector's backfill (" + SplunkSourceConfig.BACKFILL_START
                    + " " + backfillStart + ", slices of " + length + ")");
            return null;
        }
        return start;
    }

    private void checkOffset(String where, Map<String, ?> offset, Set<String> required, Instant sliceStart) {
        Set<String> allowed = union(union(required, LOWEST_TIME_KEYS), Set.of(SourceOffsets.ORDERED));
        Set<String> missing = new TreeSet<>(required);
        missing.removeAll(offset.keySet());
        Set<String> unknown = new TreeSet<>(offset.keySet());
        unknown.removeAll(allowed);
        Set<String> timeKeys = new TreeSet<>(LOWEST_TIME_KEYS);
        timeKeys.retainAll(offset.keySet());
        if (!missing.isEmpty() || !unknown.isEmpty() || timeKeys.size() != 1) {
            problems.add(where + ": the offset needs the keys " + new TreeSet<>(required) + ", one of "
                    + new TreeSet<>(LOWEST_TIME_KEYS) + " and may have \"" + SourceOffsets.ORDERED + "\""
                    + (missing.isEmpty() ? "" : "; missing " + missing)
                    + (unknown.isEmpty() ? "" : "; unknown " + unknown)
                    + (timeKeys.size() > 1 ? "; both " + timeKeys : ""));
            return;
        }
        String timeKey = timeKeys.iterator().next();
        Object lowest = offset.get(timeKey);
        if (lowest != null) {
            Long value = nonNegative(where, timeKey, lowest);
            long lowestMs = value == null ? 0 : timeKey.equals(SourceOffsets.LOWEST_TIME_US) ? value / 1000 : value;
            if (value != null && sliceStart != null && lowestMs < sliceStart.toEpochMilli()) {
                problems.add(where + ": \"" + timeKey + "\" " + value + " lies before the slice's start");
            }
        }
        if (offset.containsKey(SourceOffsets.ORDERED) && !(offset.get(SourceOffsets.ORDERED) instanceof Boolean)) {
            problems.add(where + ": \"" + SourceOffsets.ORDERED + "\" must be true or false");
        }
        if (!(offset.get(SourceOffsets.IDS_AT_LOWEST_TIME) instanceof String)) {
            problems.add(where + ": \"" + SourceOffsets.IDS_AT_LOWEST_TIME
                    + "\" must be a string (comma-separated event ids, empty for none)");
        }
        nonNegative(where, SourceOffsets.ROWS, offset.get(SourceOffsets.ROWS));
        if (!(offset.get(SourceOffsets.DONE) instanceof Boolean)) {
            problems.add(where + ": \"" + SourceOffsets.DONE + "\" must be true or false");
        }
        Long end = nonNegative(where, SourceOffsets.BACKFILL_END_MS, offset.get(SourceOffsets.BACKFILL_END_MS));
        if (end != null) {
            checkBackfillEnd(where, end, sliceStart);
        }
        if (required.contains(SourceOffsets.WINDOW_START_MS)) {
            Long windowStart =
                    nonNegative(where, SourceOffsets.WINDOW_START_MS, offset.get(SourceOffsets.WINDOW_START_MS));
            Long windowEnd = nonNegative(where, SourceOffsets.WINDOW_END_MS, offset.get(SourceOffsets.WINDOW_END_MS));
            if (windowStart != null && windowEnd != null && windowStart > windowEnd) {
                problems.add(where + ": \"" + SourceOffsets.WINDOW_START_MS + "\" must not be after \""
                        + SourceOffsets.WINDOW_END_MS + "\"");
            }
        }
    }

    /** One boundary between backfill and tail for the whole connector: every offset must carry the same. */
    private void checkBackfillEnd(String where, long end, Instant sliceStart) {
        if (backfillEndMs == null) {
            backfillEndMs = end;
        } else if (backfillEndMs != end) {
            problems.add(where + ": \"" + SourceOffsets.BACKFILL_END_MS + "\" " + end
                    + " differs from the backfill end " + backfillEndMs + " (" + Instant.ofEpochMilli(backfillEndMs)
                    + ") of the other offsets or of " + SplunkSourceConfig.BACKFILL_END);
        }
        if (sliceStart != null && sliceStart.toEpochMilli() >= end) {
            problems.add(where + ": the slice starts at or after \"" + SourceOffsets.BACKFILL_END_MS + "\"");
        }
    }

    /** Connect's REST API hands JSON numbers over as Integer or Long. */
    private Long nonNegative(String where, String key, Object value) {
        if ((value instanceof Integer || value instanceof Long) && ((Number) value).longValue() >= 0) {
            return ((Number) value).longValue();
        }
        problems.add(where + ": \"" + key + "\" must be a whole number of at least 0, not " + value);
        return null;
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
        Set<String> all = new TreeSet<>(a);
        all.addAll(b);
        return Set.copyOf(all);
    }
}
