package io.github.splunkdeltabridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.client.ExportPosition;
import io.github.splunkdeltabridge.client.TimeSlice;
import java.time.Instant;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.storage.OffsetStorageReader;
import org.junit.jupiter.api.Test;

class BackfillBoundaryTest {

    private static final Instant FIRST_START = Instant.parse("2024-03-05T10:17:42Z");
    private static final Instant RESTART = Instant.parse("2024-03-05T18:00:00Z");

    /** Offsets as a Connect worker would hand them back. */
    private static final class StoredOffsets implements OffsetStorageReader {
        final Map<Map<String, Object>, Map<String, Object>> stored = new HashMap<>();

        @Override
        public <T> Map<String, Object> offset(Map<String, T> partition) {
            return stored.get(partition);
        }

        @Override
        @SuppressWarnings("unchecked")
        public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
            Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
            partitions.forEach(p -> found.put(p, stored.get(p)));
            return found;
        }
    }

    private static SplunkSourceConfig config(String end) {
        Map<String, String> props = new HashMap<>();
        props.put(SplunkSourceConfig.URL, "https://splunk:8089");
        props.put(SplunkSourceConfig.TOKEN, "t");
        props.put(SplunkSourceConfig.INDEXES, "web,os");
        props.put(SplunkSourceConfig.BACKFILL_START, "2024-03-01T00:00:00Z");
        if (end != null) {
            props.put(SplunkSourceConfig.BACKFILL_END, end);
        }
        return new SplunkSourceConfig(props);
    }

    @Test
    void withoutStoredOffsetsTheEndIsTheConfiguredOneOrNow() {
        SplunkSourceConfig defaultEnd = config(null);
        assertThat(BackfillBoundary.resolve(defaultEnd, SearchSpec.from(defaultEnd), new StoredOffsets(), FIRST_START))
                .isEqualTo(FIRST_START);
        SplunkSourceConfig fixedEnd = config("2024-03-04T00:00:00Z");
        assertThat(BackfillBoundary.resolve(fixedEnd, SearchSpec.from(fixedEnd), new StoredOffsets(), FIRST_START))
                .isEqualTo(Instant.parse("2024-03-04T00:00:00Z"));
    }

    @Test
    void aRestartKeepsTheEndTheTasksStoredInASliceOffset() {
        SplunkSourceConfig config = config(null);
        StoredOffsets offsets = new StoredOffsets();
        TimeSlice someSlice =
                new TimeSlice(Instant.parse("2024-03-02T05:00:00Z"), Instant.parse("2024-03-02T06:00:00Z"));
        offsets.stored.put(
                SourceOffsets.slicePartition("os", someSlice),
                SourceOffsets.sliceOffset(
                        ExportPosition.of(Instant.parse("2024-03-02T05:30:00Z"), List.of("x"), 3), false, FIRST_START));

        assertThat(BackfillBoundary.resolve(config, SearchSpec.from(config), offsets, RESTART))
                .isEqualTo(FIRST_START);
    }

    @Test
    void aRestartKeepsTheEndStoredByTheTailEvenWhenNoSliceHeldEvents() {
        SplunkSourceConfig config = config(null);
        StoredOffsets offsets = new StoredOffsets();
        offsets.stored.put(
                SourceOffsets.tailPartition("web"),
                SourceOffsets.tailOffset(
                        ExportPosition.start(), true, FIRST_START, FIRST_START.plusSeconds(60), FIRST_START));

        assertThat(BackfillBoundary.resolve(config, SearchSpec.from(config), offsets, RESTART))
                .isEqualTo(FIRST_START);
    }
}
