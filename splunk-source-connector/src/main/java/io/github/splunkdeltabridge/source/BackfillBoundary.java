package io.github.splunkdeltabridge.source;

import io.github.splunkdeltabridge.client.TimeSlice;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Where the backfill ends and the tail begins. Backfill slices read events indexed before it; the tail reads
 * events indexed from it on. It must stay the same across restarts, or the two would overlap or leave a gap:
 * once a task has stored an offset, the boundary stored there wins over the configuration and the clock.
 */
final class BackfillBoundary {

    private BackfillBoundary() {}

    static Instant resolve(
            SplunkSourceConfig config, List<SearchSpec> searches, OffsetStorageReader offsets, Instant now) {
        Instant configuredEnd = config.backfillEndOrNull();
        Instant candidate = configuredEnd != null ? configuredEnd : now.truncatedTo(ChronoUnit.SECONDS);
        Instant stored = storedBoundary(config, searches, offsets, candidate);
        return stored != null ? stored : candidate;
    }

    private static Instant storedBoundary(
            SplunkSourceConfig config, List<SearchSpec> searches, OffsetStorageReader offsets, Instant candidate) {
        List<Map<String, Object>> partitions = new ArrayList<>();
        for (SearchSpec search : searches) {
            partitions.add(SourceOffsets.tailPartition(search.name()));
        }
        Instant start = config.backfillStart();
        if (start != null && start.isBefore(candidate)) {
            Duration sliceLength = config.sliceDuration();
            for (TimeSlice slice : TimeSlice.split(start, candidate, sliceLength)) {
                for (SearchSpec search : searches) {
                    partitions.add(SourceOffsets.slicePartition(search.name(), slice));
                }
            }
        }
        for (Map<String, Object> offset : offsets.offsets(partitions).values()) {
            Instant boundary = SourceOffsets.instant(offset, SourceOffsets.BACKFILL_END_MS);
            if (boundary != null) {
                return boundary;
            }
        }
        return null;
    }
}
