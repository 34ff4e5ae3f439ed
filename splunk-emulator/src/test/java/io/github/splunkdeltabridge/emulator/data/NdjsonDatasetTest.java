package io.github.splunkdeltabridge.emulator.data;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class NdjsonDatasetTest {

    private static final Instant FAR_FUTURE = Instant.parse("2100-01-01T00:00:00Z");

    @Test
    void generatedEventsSurviveAWriteAndLoadRoundTrip(@TempDir Path dir) throws Exception {
        GeneratedDataset generated = GeneratedDataset.builder()
                .start(Instant.parse("2024-03-01T00:00:00Z"))
                .end(Instant.parse("2024-03-01T01:00:00Z"))
                .eventsPerMinute(10)
                .build();
        EventQuery all = EventQuery.builder().build();
        List<EmulatedEvent> original = new ArrayList<>();
        generated.newestFirst(all, FAR_FUTURE).forEachRemaining(original::add);

        Path file = dir.resolve("events.ndjson");
        NdjsonDataset.write(file, generated.newestFirst(all, FAR_FUTURE));
        NdjsonDataset loaded = NdjsonDataset.load(file);

        List<EmulatedEvent> reloaded = new ArrayList<>();
        loaded.newestFirst(all, FAR_FUTURE).forEachRemaining(reloaded::add);
        assertThat(reloaded).isEqualTo(original);
        assertThat(loaded.indexes()).containsExactlyInAnyOrder("web", "os", "app");
    }

    @Test
    void exportLinesAreAcceptedAndBadLinesNamed(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("export.ndjson");
        Files.writeString(file, """
                {"preview":false,"offset":0,"result":{"_raw":"hello","_time":"2024-03-01T12:00:00.000+00:00","index":"main","tag":["a","b"]}}
                {"_raw":"older","_time":"1709290800"}
                """);
        NdjsonDataset loaded = NdjsonDataset.load(file);
        List<EmulatedEvent> events = new ArrayList<>();
        loaded.newestFirst(EventQuery.builder().build(), FAR_FUTURE).forEachRemaining(events::add);
        assertThat(events).extracting(EmulatedEvent::raw).containsExactly("hello", "older");
        assertThat(events.get(0).extractedFields().get("tag")).isEqualTo(List.of("a", "b"));

        Files.writeString(file, "{\"_raw\":\"no time\"}\n");
        assertThatThrownBy(() -> NdjsonDataset.load(file))
                .hasMessageContaining("line 1")
                .hasMessageContaining("_time");
    }
}
