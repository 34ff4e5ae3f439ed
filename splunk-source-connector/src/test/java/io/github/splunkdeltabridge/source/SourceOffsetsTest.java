package io.github.splunkdeltabridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.client.ExportPosition;
import io.github.splunkdeltabridge.client.TimeSlice;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.connect.json.JsonConverter;
import org.junit.jupiter.api.Test;

class SourceOffsetsTest {

    private static final TimeSlice SLICE =
            new TimeSlice(Instant.parse("2024-03-02T05:00:00Z"), Instant.parse("2024-03-02T06:00:00Z"));

    /**
     * Connect looks stored offsets up by the bytes of the serialised partition. Partitions it reads back (on a
     * restart, or for {@code GET /connectors/<name>/offsets}) come out of its converter as {@code HashMap}s; a
     * partition the task builds must serialise to the same bytes, in this JVM and in any other.
     */
    @Test
    void partitionsSerialiseToTheSameBytesAsConnectsOwnRoundTrip() {
        JsonConverter keys = new JsonConverter();
        keys.configure(Map.of("schemas.enable", "false"), true);
        for (Map<String, Object> partition :
                List.of(SourceOffsets.slicePartition("web", SLICE), SourceOffsets.tailPartition("web"))) {
            byte[] written = keys.fromConnectData("connect-offsets", null, List.of("splunk-source", partition));
            Object readBack = keys.toConnectData("connect-offsets", written).value();
            byte[] rewritten = keys.fromConnectData("connect-offsets", null, readBack);

            assertThat(new String(rewritten, StandardCharsets.UTF_8))
                    .isEqualTo(new String(written, StandardCharsets.UTF_8));
        }
    }

    @Test
    void partitionsHoldTheDocumentedKeys() {
        assertThat(SourceOffsets.slicePartition("web", SLICE))
                .containsOnly(Map.entry("search", "web"), Map.entry("slice", "2024-03-02T05:00:00Z"));
        assertThat(SourceOffsets.tailPartition("os"))
                .containsOnly(Map.entry("search", "os"), Map.entry("tail", "index_time"));
    }

    @Test
    void positionsSurviveConnectsJsonRoundTripWithTheirMicrosecondsAndOrder() {
        JsonConverter values = new JsonConverter();
        values.configure(Map.of("schemas.enable", "false"), false);
        Instant end = Instant.parse("2024-03-02T06:00:00Z");
        for (ExportPosition position : List.of(
                ExportPosition.of(Instant.parse("2024-03-02T05:12:13.123456Z"), List.of("web:b:1", "web:b:2"), 7),
                ExportPosition.unordered(12),
                ExportPosition.start())) {
            byte[] written = values.fromConnectData("t", null, SourceOffsets.sliceOffset(position, false, end));
            @SuppressWarnings("unchecked")
            Map<String, Object> readBack =
                    (Map<String, Object>) values.toConnectData("t", written).value();
            assertThat(SourceOffsets.position(readBack)).isEqualTo(position);
        }
    }

    @Test
    void offsetsWrittenInMillisecondsAreReadWithMillisecondPrecision() {
        Map<String, Object> legacy = new java.util.HashMap<>();
        legacy.put("lowest_time_ms", 1709356333123L);
        legacy.put("ids_at_lowest_time", "web:b:1");
        legacy.put("rows", 3L);
        legacy.put("done", false);
        ExportPosition position = SourceOffsets.position(legacy);
        assertThat(position)
                .isEqualTo(ExportPosition.ofMillis(Instant.ofEpochMilli(1709356333123L), List.of("web:b:1"), 3));
        assertThat(SourceOffsets.sliceOffset(position, false, Instant.EPOCH))
                .containsEntry("lowest_time_ms", 1709356333123L)
                .doesNotContainKey("lowest_time_us");
    }
}
