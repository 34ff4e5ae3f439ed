package io.github.splunkdeltabridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.splunkdeltabridge.client.ExportPosition;
import io.github.splunkdeltabridge.client.TimeSlice;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.errors.ConnectException;
import org.junit.jupiter.api.Test;

/** Offsets written with {@code PATCH /connectors/<name>/offsets} are checked against {@link SourceOffsets}. */
class AlteredOffsetsTest {

    private static final Instant END = Instant.parse("2024-01-02T00:00:00Z");

    private static Map<String, String> config() {
        Map<String, String> props = new HashMap<>();
        props.put(SplunkSourceConfig.URL, "https://splunk.example.com:8089");
        props.put(SplunkSourceConfig.TOKEN, "t");
        props.put(SplunkSourceConfig.INDEXES, "web");
        props.put(SplunkSourceConfig.SEARCHES, "errors");
        props.put("splunk.search.errors.spl", "search index=app level=ERROR");
        props.put(SplunkSourceConfig.BACKFILL_START, "2024-01-01T00:30:00Z");
        props.put(SplunkSourceConfig.SLICE_DURATION, "1h");
        return props;
    }

    private static void alter(Map<Map<String, ?>, Map<String, ?>> offsets) {
        new SplunkSourceConnector().alterOffsets(config(), offsets);
    }

    private static Map<String, Object> sliceOffset() {
        ExportPosition position = ExportPosition.of(Instant.parse("2024-01-01T05:10:00Z"), List.of("web:1:2"), 7);
        return new HashMap<>(SourceOffsets.sliceOffset(position, false, END));
    }

    @Test
    void offsetsTheConnectorWritesItselfAreAccepted() {
        Map<Map<String, ?>, Map<String, ?>> offsets = new LinkedHashMap<>();
        offsets.put(
                SourceOffsets.slicePartition("web", new TimeSlice(Instant.parse("2024-01-01T05:00:00Z"), END)),
                sliceOffset());
        // The first slice starts at the backfill start, off the hour grid.
        offsets.put(
                SourceOffsets.slicePartition("errors", new TimeSlice(Instant.parse("2024-01-01T00:30:00Z"), END)),
                null);
        offsets.put(
                SourceOffsets.tailPartition("errors"),
                SourceOffsets.tailOffset(ExportPosition.start(), true, END, END.plusSeconds(60), END));
        assertThatCode(() -> alter(offsets)).doesNotThrowAnyException();
        assertThat(new SplunkSourceConnector().alterOffsets(config(), Map.of())).isTrue();
    }

    @Test
    void numbersAsJsonHandsThemOverAreAccepted() {
        Map<String, Object> offset = sliceOffset();
        offset.put(SourceOffsets.ROWS, 7); // Integer, as Connect's REST API parses small JSON numbers
        assertThatCode(() -> alter(Map.of(
                        SourceOffsets.slicePartition("web", new TimeSlice(Instant.parse("2024-01-01T05:00:00Z"), END)),
                        offset)))
                .doesNotThrowAnyException();
    }

    @Test
    void offsetsOfOlderVersionsInMillisecondsAreAccepted() {
        Map<String, Object> legacy = sliceOffset();
        legacy.remove(SourceOffsets.LOWEST_TIME_US);
        legacy.remove(SourceOffsets.ORDERED);
        legacy.put(
                SourceOffsets.LOWEST_TIME_MS,
                Instant.parse("2024-01-01T05:10:00Z").toEpochMilli());
        assertThatCode(() -> alter(Map.of(
                        SourceOffsets.slicePartition("web", new TimeSlice(Instant.parse("2024-01-01T05:00:00Z"), END)),
                        legacy)))
                .doesNotThrowAnyException();
    }

    @Test
    void partitionsOfOtherSearchesShapesOrSlicesAreRefused() {
        Map<Map<String, ?>, Map<String, ?>> offsets = new LinkedHashMap<>();
        offsets.put(Map.of("search", "db", "tail", "index_time"), null);
        offsets.put(Map.of("search", "web", "slice", "2024-01-01T05:17:00Z"), null);
        offsets.put(Map.of("search", "web", "slice", "2023-12-31T00:00:00Z"), null);
        offsets.put(Map.of("search", "web", "slice", "yesterday"), null);
        offsets.put(Map.of("search", "web", "tail", "event_time"), null);
        offsets.put(Map.of("filename", "/tmp/x"), null);
        assertThatThrownBy(() -> alter(offsets))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("one of this connector's searches [errors, web]")
                .hasMessageContaining(
                        "{search=web, slice=2024-01-01T05:17:00Z}: not a slice of this connector's backfill")
                .hasMessageContaining(
                        "{search=web, slice=2023-12-31T00:00:00Z}: not a slice of this connector's backfill")
                .hasMessageContaining("\"slice\" must be the slice's start as an ISO-8601 instant")
                .hasMessageContaining("\"tail\" must be \"index_time\"")
                .hasMessageContaining("{filename=/tmp/x} is neither a backfill slice");
    }

    @Test
    void offsetsWithMissingUnknownOrMistypedValuesAreRefused() {
        Map<String, Object> missing = sliceOffset();
        missing.remove(SourceOffsets.DONE);
        missing.put("position", 12);
        Map<String, Object> mistyped = sliceOffset();
        mistyped.put(SourceOffsets.ROWS, "7");
        mistyped.put(SourceOffsets.DONE, "yes");
        mistyped.put(SourceOffsets.LOWEST_TIME_US, -5L);
        Map<String, Object> bothTimes = sliceOffset();
        bothTimes.put(SourceOffsets.LOWEST_TIME_MS, 1L);
        Map<String, Object> window =
                new HashMap<>(SourceOffsets.tailOffset(ExportPosition.start(), false, END.plusSeconds(60), END, END));
        Map<String, Object> otherEnd = sliceOffset();
        otherEnd.put(SourceOffsets.BACKFILL_END_MS, END.plusSeconds(3600).toEpochMilli());

        Map<Map<String, ?>, Map<String, ?>> offsets = new LinkedHashMap<>();
        offsets.put(SourceOffsets.slicePartition("web", slice("2024-01-01T05:00:00Z")), missing);
        offsets.put(SourceOffsets.slicePartition("web", slice("2024-01-01T06:00:00Z")), mistyped);
        offsets.put(SourceOffsets.tailPartition("web"), window);
        offsets.put(SourceOffsets.slicePartition("errors", slice("2024-01-01T05:00:00Z")), otherEnd);
        offsets.put(SourceOffsets.slicePartition("errors", slice("2024-01-01T06:00:00Z")), bothTimes);
        assertThatThrownBy(() -> alter(offsets))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("missing [done]; unknown [position]")
                .hasMessageContaining("\"rows\" must be a whole number of at least 0, not 7")
                .hasMessageContaining("\"done\" must be true or false")
                .hasMessageContaining("\"lowest_time_us\" must be a whole number of at least 0, not -5")
                .hasMessageContaining("both [lowest_time_ms, lowest_time_us]")
                .hasMessageContaining("\"window_start_ms\" must not be after \"window_end_ms\"")
                .hasMessageContaining("differs from the backfill end");
    }

    private static TimeSlice slice(String start) {
        return new TimeSlice(Instant.parse(start), END);
    }
}
