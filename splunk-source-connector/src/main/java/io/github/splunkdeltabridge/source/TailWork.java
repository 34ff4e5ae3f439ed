package io.github.splunkdeltabridge.source;

import io.github.splunkdeltabridge.client.ExportPosition;
import io.github.splunkdeltabridge.client.FailureKind;
import io.github.splunkdeltabridge.client.SplunkClient;
import io.github.splunkdeltabridge.client.SplunkEvent;
import io.github.splunkdeltabridge.client.SplunkEventStream;
import io.github.splunkdeltabridge.client.SplunkIncompleteResultsException;
import io.github.splunkdeltabridge.schema.KafkaTimestamp;
import io.github.splunkdeltabridge.schema.SplunkRecords;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Follows new events of a task's searches by index time. Each round reads the window
 * {@code [window start, now - lag)} of {@code _indextime}; the next window starts where this one ended, so
 * windows neither overlap nor leave gaps, and events indexed late (long after their {@code _time}) are caught
 * when they are indexed. The lag leaves Splunk time to make freshly indexed events searchable.
 *
 * <p>The event time searched runs back from the window's end by {@code splunk.tail.max.event.age}, or over all time.
 * A window is finished only when its export ended without Splunk saying rows were missing; otherwise it is read again
 * later from its position, as backfill slices are.
 */
final class TailWork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TailWork.class);

    /** One search's tail: the window it reads and how far it got. */
    private static final class Tail {
        final SearchSpec search;
        final Map<String, Object> partition;
        Instant windowStart;
        Instant windowEnd;
        ExportPosition position = ExportPosition.start();
        SplunkEventStream stream;
        Instant dueAt = Instant.MIN;
        int incompleteAttempts;
        long rowsAtOpen;

        Tail(SearchSpec search) {
            this.search = search;
            this.partition = SourceOffsets.tailPartition(search.name());
        }
    }

    private final SplunkClient client;
    private final Instant backfillEnd;
    private final Duration lag;
    private final Duration pollInterval;
    private final List<Tail> tails = new ArrayList<>();
    private final TaskMetrics metrics;
    private final KafkaTimestamp timestamp;
    private final SearchOptions options;
    private final Duration maxEventAge;
    private RoleLimitCheck roleLimits;
    private RuntimeException unavailable;

    TailWork(
            SplunkClient client,
            List<SearchSpec> searches,
            OffsetStorageReader offsets,
            Instant backfillEnd,
            Duration lag,
            Duration pollInterval,
            TaskMetrics metrics,
            KafkaTimestamp timestamp,
            SearchOptions options,
            Duration maxEventAge) {
        this.client = client;
        this.options = options;
        this.maxEventAge = maxEventAge;
        this.timestamp = timestamp;
        this.metrics = metrics;
        this.backfillEnd = backfillEnd;
        this.lag = lag;
        this.pollInterval = pollInterval;
        for (SearchSpec search : searches) {
            Tail tail = new Tail(search);
            Map<String, Object> stored = offsets.offset(tail.partition);
            if (stored == null) {
                tail.windowStart = backfillEnd;
            } else if (SourceOffsets.isDone(stored)) {
                tail.windowStart = SourceOffsets.instant(stored, SourceOffsets.WINDOW_END_MS);
            } else {
                // Resume the window that was being read, from where it got.
                tail.windowStart = SourceOffsets.instant(stored, SourceOffsets.WINDOW_START_MS);
                tail.windowEnd = SourceOffsets.instant(stored, SourceOffsets.WINDOW_END_MS);
                tail.position = SourceOffsets.position(stored);
            }
            LOG.info("Tail of search {} starts at index time {}", search.name(), tail.windowStart);
            tails.add(tail);
        }
    }

    /** From now on every window is checked against these limits before its export. */
    void checkAgainst(RoleLimitCheck roleLimits) {
        this.roleLimits = roleLimits;
    }

    /** True when the last poll stopped on a Splunk outage (not yet taken). */
    boolean stoppedByOutage() {
        return unavailable != null;
    }

    /** The Splunk outage that stopped the last poll, once; null when there was none. */
    RuntimeException takeUnavailable() {
        RuntimeException e = unavailable;
        unavailable = null;
        return e;
    }

    /** How long until some tail has a window to read. */
    Duration untilDue(Instant now) {
        Instant earliest = null;
        for (Tail tail : tails) {
            if (tail.stream != null) {
                return Duration.ZERO;
            }
            earliest = earliest == null || tail.dueAt.isBefore(earliest) ? tail.dueAt : earliest;
        }
        if (earliest == null) {
            return Duration.ofDays(1);
        }
        Duration wait = Duration.between(now, earliest);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /** Up to {@code max} records from the tails that are due at {@code now}. */
    List<SourceRecord> poll(int max, Instant now) {
        List<SourceRecord> records = new ArrayList<>();
        for (Tail tail : tails) {
            if (records.size() >= max) {
                break;
            }
            try {
                if (tail.stream == null && !open(tail, now)) {
                    continue;
                }
                read(tail, max - records.size(), records, now);
            } catch (RuntimeException e) {
                setAside(tail, e, now);
                if (unavailable != null) {
                    break;
                }
            }
        }
        return records;
    }

    /** The tail's window failed: keep its position, for later or for after the outage; or rethrow. */
    private void setAside(Tail tail, RuntimeException failure, Instant now) {
        long rowsBefore = tail.rowsAtOpen;
        if (tail.stream != null) {
            tail.position = tail.stream.position();
            tail.stream.close();
            tail.stream = null;
        }
        switch (FailureKind.of(failure)) {
            case TRANSIENT -> unavailable = failure;
            case INCOMPLETE_RESULTS -> {
                if (SliceWork.madeProgress(failure, rowsBefore, tail.position)) {
                    tail.incompleteAttempts = 0;
                }
                tail.incompleteAttempts++;
                metrics.incompleteResults();
                tail.dueAt = options.retryAt(
                        (SplunkIncompleteResultsException) failure,
                        tail.incompleteAttempts,
                        "tail window [" + tail.windowStart + ", " + tail.windowEnd + ") of search "
                                + tail.search.name(),
                        now);
            }
            default -> throw failure;
        }
    }

    /** Starts the tail's next window if one is due and not empty; answers whether a stream is open. */
    private boolean open(Tail tail, Instant now) {
        if (now.isBefore(tail.dueAt)) {
            return false;
        }
        if (tail.windowEnd == null) {
            // _indextime is whole seconds: whole-second bounds keep windows exact.
            Instant end = now.minus(lag).truncatedTo(ChronoUnit.SECONDS);
            if (!end.isAfter(tail.windowStart)) {
                tail.dueAt = now.plus(pollInterval);
                return false;
            }
            tail.windowEnd = end;
        }
        Instant earliest = maxEventAge == null ? null : tail.windowEnd.minus(maxEventAge);
        if (roleLimits != null) {
            roleLimits.checkTail(tail.search, earliest, now);
        }
        tail.rowsAtOpen = tail.position.rowsDelivered();
        tail.stream = client.export(options.request(tail.search)
                .earliest(earliest)
                .indexEarliest(tail.windowStart)
                .indexLatest(tail.windowEnd)
                .resumeFrom(tail.position)
                .build());
        metrics.searchStarted();
        return true;
    }

    private void read(Tail tail, int max, List<SourceRecord> records, Instant now) {
        int read = 0;
        while (read < max) {
            if (!tail.stream.hasNext()) {
                finishWindow(tail, now);
                return;
            }
            SplunkEvent event = tail.stream.next();
            boolean last;
            RuntimeException endedBy = null;
            try {
                last = !tail.stream.hasNext();
            } catch (RuntimeException e) {
                // The row in hand was delivered: it goes out with the position as it now stands.
                last = false;
                endedBy = e;
            }
            tail.position = tail.stream.position();
            metrics.event(event);
            records.add(SplunkRecords.toRecord(
                    event,
                    tail.search.topic(),
                    tail.search.name(),
                    "tail",
                    tail.partition,
                    SourceOffsets.tailOffset(tail.position, last, tail.windowStart, tail.windowEnd, backfillEnd),
                    timestamp));
            read++;
            if (endedBy != null) {
                throw endedBy;
            }
            if (last) {
                finishWindow(tail, now);
                return;
            }
        }
    }

    private void finishWindow(Tail tail, Instant now) {
        tail.stream.close();
        tail.stream = null;
        tail.windowStart = tail.windowEnd;
        tail.windowEnd = null;
        tail.position = ExportPosition.start();
        tail.dueAt = now.plus(pollInterval);
        tail.incompleteAttempts = 0;
    }

    /** How far behind now the oldest tail's window start is: the tail lag a user watches. */
    Duration behind(Instant now) {
        return tails.stream()
                .map(t -> Duration.between(t.windowStart, now))
                .max(Duration::compareTo)
                .orElse(Duration.ZERO);
    }

    @Override
    public void close() {
        for (Tail tail : tails) {
            if (tail.stream != null) {
                tail.stream.close();
                tail.stream = null;
            }
        }
    }
}
