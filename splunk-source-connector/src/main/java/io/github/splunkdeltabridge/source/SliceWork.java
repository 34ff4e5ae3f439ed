package io.github.splunkdeltabridge.source;

import io.github.splunkdeltabridge.client.ExportPosition;
import io.github.splunkdeltabridge.client.ExportRequest;
import io.github.splunkdeltabridge.client.SplunkClient;
import io.github.splunkdeltabridge.client.SplunkEvent;
import io.github.splunkdeltabridge.client.SplunkEventStream;
import io.github.splunkdeltabridge.client.TimeSlice;
import io.github.splunkdeltabridge.schema.KafkaTimestamp;
import io.github.splunkdeltabridge.schema.SplunkRecords;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A task's backfill: its slices, read one export at a time, oldest slice first. Each slice resumes from its
 * stored offset; slices whose offset says done are skipped. Only events indexed before the backfill end are
 * read here (the tail reads the rest), so the two never overlap.
 */
final class SliceWork implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(SliceWork.class);

    /** One search over one time slice: a source partition. */
    record Slice(SearchSpec search, TimeSlice range) {
        Map<String, Object> partition() {
            return SourceOffsets.slicePartition(search.name(), range);
        }
    }

    private record Pending(Slice slice, ExportPosition position) {}

    private final SplunkClient client;
    private final Instant backfillEnd;
    private final Deque<Pending> pending = new ArrayDeque<>();
    private final BackfillProgress progress;
    private final TaskMetrics metrics;
    private final KafkaTimestamp timestamp;
    private Pending current;
    private SplunkEventStream stream;

    SliceWork(
            SplunkClient client,
            List<Slice> slices,
            OffsetStorageReader offsets,
            Instant backfillEnd,
            BackfillProgress progress,
            TaskMetrics metrics,
            KafkaTimestamp timestamp) {
        this.client = client;
        this.timestamp = timestamp;
        this.backfillEnd = backfillEnd;
        this.progress = progress;
        this.metrics = metrics;
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

    boolean hasWork() {
        return current != null || !pending.isEmpty();
    }

    /** Up to {@code max} records of the current slice(s); may block while Splunk streams. */
    List<SourceRecord> poll(int max) {
        List<SourceRecord> records = new ArrayList<>();
        while (records.size() < max && hasWork()) {
            if (stream == null) {
                current = pending.poll();
                stream = client.export(request(current));
                metrics.searchStarted();
            }
            if (!stream.hasNext()) {
                finishSlice();
                continue;
            }
            SplunkEvent event = stream.next();
            boolean last = !stream.hasNext();
            Slice slice = current.slice();
            records.add(SplunkRecords.toRecord(
                    event,
                    slice.search().topic(),
                    slice.search().name(),
                    slice.range().id(),
                    slice.partition(),
                    SourceOffsets.sliceOffset(stream.position(), last, backfillEnd),
                    timestamp));
            progress.event();
            metrics.event(event);
            if (last) {
                finishSlice();
            }
        }
        return records;
    }

    private ExportRequest request(Pending work) {
        Slice slice = work.slice();
        return ExportRequest.builder(slice.search().spl())
                .earliest(slice.range().start())
                .latest(slice.range().end())
                .indexLatest(backfillEnd)
                .resumeFrom(work.position())
                .build();
    }

    private void finishSlice() {
        LOG.debug(
                "Finished slice {} of search {}",
                current.slice().range().id(),
                current.slice().search().name());
        stream.close();
        stream = null;
        current = null;
        progress.sliceDone();
    }

    @Override
    public void close() {
        if (stream != null) {
            stream.close();
            stream = null;
        }
    }
}
