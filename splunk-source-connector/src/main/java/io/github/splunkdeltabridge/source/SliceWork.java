package io.github.splunkdeltabridge.source;

import io.github.splunkdeltabridge.client.ExportPosition;
import io.github.splunkdeltabridge.client.ExportRequest;
import io.github.splunkdeltabridge.client.FailureKind;
import io.github.splunkdeltabridge.client.SplunkClient;
import io.github.splunkdeltabridge.client.SplunkEvent;
import io.github.splunkdeltabridge.client.SplunkEventStream;
import io.github.splunkdeltabridge.client.SplunkIncompleteResultsException;
import io.github.splunkdeltabridge.client.TimeSlice;
import io.github.splunkdeltabridge.schema.KafkaTimestamp;
import io.github.splunkdeltabridge.schema.SplunkRecords;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's backfill: its slices, read one export at a time, oldest slice first. Each slice resumes from its stored
 * offset; slices whose offset says done are skipped. Only events indexed before the backfill end are read here (the tail
 * reads the rest), so the two never overlap; a bounded backfill without a tail (a reconcile repair) may set its own
 * index-time cut-off.
 *
 * <p>A slice is done only when its export ended without Splunk saying rows were missing. When Splunk says so, the slice
 * waits and is read again from its position ({@link SearchOptions#retryAt}); other slices go on meanwhile. When Splunk
 * is unavailable beyond the client's retries, the slice stays first in line with its position and the failure is kept
 * for the task ({@link #takeUnavailable()}), which waits for Splunk without failing.
 */
final class SliceWork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SliceWork.class);

    /** One search over one time slice: a source partition. */
    record Slice(SearchSpec search, TimeSlice range) {
        Map<String, Object> partition() {
            return SourceOffsets.slicePartition(search.name(), range);
        }

        String describe() {
            return "slice " + range.id() + " of search " + search.name();
        }
    }

    /** A slice still to read, from where it got. */
    private static final class Pending {
        final Slice slice;
        ExportPosition position;
        int incompleteAttempts;
        Instant notBefore = Instant.MIN;

        Pending(Slice slice, ExportPosition position) {
            this.slice = slice;
            this.position = position;
        }
    }

    private final SplunkClient client;
    private final Instant backfillEnd;
    private final Instant indexLatest;
    private final LinkedList<Pending> pending = new LinkedList<>();
    private final BackfillProgress progress;
    private final TaskMetrics metrics;
    private final KafkaTimestamp timestamp;
    private final SearchOptions options;
    private RoleLimitCheck roleLimits;
    private Pending current;
    private SplunkEventStream stream;
    private RuntimeException unavailable;

    SliceWork(
            SplunkClient client,
            List<Slice> slices,
            OffsetStorageReader offsets,
            Instant backfillEnd,
            Instant indexLatest,
            BackfillProgress progress,
            TaskMetrics metrics,
            KafkaTimestamp timestamp,
            SearchOptions options) {
        this.client = client;
        this.timestamp = timestamp;
        this.backfillEnd = backfillEnd;
        this.indexLatest = indexLatest;
        this.progress = progress;
        this.metrics = metrics;
        this.options = options;
        List<Map<String, Object>> partitions =
                slices.stream().map(Slice::partition).toList();
        Map<Map<String, Object>, Map<String, Object>> stored = offsets.offsets(partitions);
        int done = 0;
        int resumed = 0;
        for (Slice slice : slices) {
            Map<String, Object> offset = stored.get(slice.partition());
            if (SourceOffsets.isDone(offset)) {
                done++;
            } else {
                resumed += offset == null ? 0 : 1;
                pending.add(new Pending(slice, SourceOffsets.position(offset)));
            }
        }
        progress.start(slices.size(), done, resumed);
    }

    /** From now on every slice is checked against these limits before its export. */
    void checkAgainst(RoleLimitCheck roleLimits) {
        this.roleLimits = roleLimits;
    }

    boolean hasWork() {
        return current != null || !pending.isEmpty();
    }

    /** How long until a slice may be read: zero when one may now, otherwise the wait of a slice set aside. */
    Duration untilReady(Instant now) {
        if (current != null) {
            return Duration.ZERO;
        }
        Instant earliest = null;
        for (Pending p : pending) {
            earliest = earliest == null || p.notBefore.isBefore(earliest) ? p.notBefore : earliest;
        }
        if (earliest == null) {
            return Duration.ofDays(1);
        }
        Duration wait = Duration.between(now, earliest);
        return wait.isNegative() ? Duration.ZERO : wait;
    }

    /**
     * Up to {@code max} records of the slices ready at {@code now}; may block while Splunk streams.
     *
     * @throws RuntimeException a permanent failure, or missing rows the policy does not retry
     */
    List<SourceRecord> poll(int max, Instant now) {
        List<SourceRecord> records = new ArrayList<>();
        while (records.size() < max) {
            if (stream == null && !open(now)) {
                break;
            }
            try {
                if (!stream.hasNext()) {
                    finishSlice();
                    continue;
                }
                SplunkEvent event = stream.next();
                boolean last;
                RuntimeException endedBy = null;
                try {
                    last = !stream.hasNext();
                } catch (RuntimeException e) {
                    // The row in hand was delivered: it goes out with the position as it now stands.
                    last = false;
                    endedBy = e;
                }
                records.add(record(event, last));
                if (endedBy != null) {
                    throw endedBy;
                }
                if (last) {
                    finishSlice();
                }
            } catch (RuntimeException e) {
                setAside(e, now);
                if (unavailable != null) {
                    break; // the next slice would meet the same outage
                }
            }
        }
        return records;
    }

    /** The Splunk outage that stopped the last poll, once; null when there was none. */
    RuntimeException takeUnavailable() {
        RuntimeException e = unavailable;
        unavailable = null;
        return e;
    }

    private boolean open(Instant now) {
        for (Iterator<Pending> it = pending.iterator(); it.hasNext(); ) {
            Pending p = it.next();
            if (!p.notBefore.isAfter(now)) {
                it.remove();
                if (roleLimits != null) {
                    roleLimits.checkSlice(p.slice.search(), p.slice.range(), now);
                }
                current = p;
                stream = client.export(request(p));
                metrics.searchStarted();
                return true;
            }
        }
        return false;
    }

    private SourceRecord record(SplunkEvent event, boolean done) {
        Slice slice = current.slice;
        progress.event();
        metrics.event(event);
        return SplunkRecords.toRecord(
                event,
                slice.search().topic(),
                slice.search().name(),
                slice.range().id(),
                slice.partition(),
                SourceOffsets.sliceOffset(stream.position(), done, backfillEnd),
                timestamp);
    }

    private ExportRequest request(Pending work) {
        Slice slice = work.slice;
        return options.request(slice.search())
                .earliest(slice.range().start())
                .latest(slice.range().end())
                .indexLatest(indexLatest)
                .resumeFrom(work.position)
                .build();
    }

    /** The current slice failed: keep it with its position, for later or for after the outage; or rethrow. */
    private void setAside(RuntimeException failure, Instant now) {
        Pending p = current;
        long rowsBefore = p.position.rowsDelivered();
        p.position = stream.position();
        closeStream();
        switch (FailureKind.of(failure)) {
            case TRANSIENT -> {
                pending.addFirst(p);
                unavailable = failure;
            }
            case INCOMPLETE_RESULTS -> {
                if (madeProgress(failure, rowsBefore, p.position)) {
                    p.incompleteAttempts = 0;
                }
                p.incompleteAttempts++;
                metrics.incompleteResults();
                p.notBefore = options.retryAt(
                        (SplunkIncompleteResultsException) failure, p.incompleteAttempts, p.slice.describe(), now);
                pending.addLast(p);
            }
            default -> throw failure;
        }
    }

    /** A search that stopped early after new rows moved the position on: the attempts count afresh. */
    static boolean madeProgress(RuntimeException failure, long rowsBefore, ExportPosition after) {
        return failure instanceof SplunkIncompleteResultsException missing
                && missing.stoppedEarly()
                && after.ordered()
                && after.rowsDelivered() > rowsBefore;
    }

    private void finishSlice() {
        LOG.debug("Finished {}", current.slice.describe());
        closeStream();
        progress.sliceDone();
    }

    private void closeStream() {
        if (stream != null) {
            stream.close();
            stream = null;
        }
        current = null;
    }

    @Override
    public void close() {
        closeStream();
    }
}
