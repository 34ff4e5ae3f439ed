package io.github.splunkdeltabridge.spark;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.connector.read.InputPartition;
import org.apache.spark.sql.connector.read.streaming.ReadLimit;
import org.junit.jupiter.api.Test;

/** The stream's offsets and plans, driven without Spark as Spark's micro-batch loop drives them. */
class SplunkMicroBatchStreamTest {

    private static final Instant NOW = Instant.parse("2024-03-05T10:30:15.250Z");

    private static SplunkMicroBatchStream stream(Map<String, String> extra) {
        Map<String, String> options = new HashMap<>();
        options.put("splunk.url", "http://127.0.0.1:1");
        options.put("splunk.token", "t");
        options.put("splunk.indexes", "web,os,app");
        options.putAll(extra);
        return new SplunkMicroBatchStream(SplunkReadOptions.parse(options), Clock.fixed(NOW, ZoneOffset.UTC));
    }

    private static List<ExportUnit> units(InputPartition[] partitions) {
        return Arrays.stream(partitions)
                .flatMap(p -> ((SplunkInputPartition) p).units().stream())
                .toList();
    }

    @Test
    void aBackfillIsReadInMicroBatchesOfAtMostTheSliceLimitAndThenTheStreamHasNothingNew() {
        SplunkMicroBatchStream stream = stream(Map.of(
                "splunk.backfill.start", "2024-03-01T00:00:00Z",
                "splunk.backfill.end", "2024-03-02T00:00:00Z",
                "splunk.max.slices.per.batch", "10",
                "splunk.max.concurrent.searches", "2"));
        SplunkStreamOffset offset = (SplunkStreamOffset) stream.initialOffset();
        assertThat(offset.backfillDone()).isEqualTo(Instant.parse("2024-03-01T00:00:00Z"));
        int batches = 0;
        int exports = 0;
        while (true) {
            SplunkStreamOffset next = (SplunkStreamOffset) stream.latestOffset(offset, ReadLimit.allAvailable());
            if (next.equals(offset)) {
                break;
            }
            InputPartition[] partitions = stream.planInputPartitions(offset, next);
            assertThat(partitions).hasSizeLessThanOrEqualTo(2);
            exports += units(partitions).size();
            offset = (SplunkStreamOffset) stream.deserializeOffset(next.json());
            batches++;
        }
        assertThat(batches).isEqualTo(3);
        assertThat(exports).isEqualTo(72);
        assertThat(offset.backfillFinished()).isTrue();
        assertThat(offset.tailDone()).isEqualTo(Instant.parse("2024-03-02T00:00:00Z"));
    }

    @Test
    void withoutAnEndTheBackfillEndsWhenTheStreamFirstStartsAndTheOffsetKeepsIt() {
        SplunkStreamOffset offset = (SplunkStreamOffset)
                stream(Map.of("splunk.backfill.start", "2024-03-05T08:00:00Z")).initialOffset();
        assertThat(offset.backfillEnd()).isEqualTo(Instant.parse("2024-03-05T10:30:15Z"));
        SplunkStreamOffset read = SplunkStreamOffset.fromJson(offset.json());
        assertThat(read).isEqualTo(offset);
        assertThat(read.json()).contains("\"backfill_end\":\"2024-03-05T10:30:15Z\"");
    }

    @Test
    void theTailReadsOneIndexTimeWindowPerSearchUpToNowMinusTheLag() {
        SplunkMicroBatchStream stream = stream(Map.of(
                "splunk.backfill.start", "2024-03-05T09:00:00Z",
                "splunk.backfill.end", "2024-03-05T10:00:00Z",
                "splunk.tail.enabled", "true",
                "splunk.tail.lag", "PT1M"));
        stream.prepareForTriggerAvailableNow();
        SplunkStreamOffset initial = (SplunkStreamOffset) stream.initialOffset();
        SplunkStreamOffset backfilled = (SplunkStreamOffset) stream.latestOffset(initial, ReadLimit.allAvailable());
        assertThat(units(stream.planInputPartitions(initial, backfilled)))
                .allSatisfy(unit -> assertThat(unit.indexLatest()).isEqualTo(Instant.parse("2024-03-05T10:00:00Z")))
                .hasSize(3);
        SplunkStreamOffset tailed = (SplunkStreamOffset) stream.latestOffset(backfilled, ReadLimit.allAvailable());
        assertThat(tailed.tailDone()).isEqualTo(Instant.parse("2024-03-05T10:29:15Z"));
        List<ExportUnit> tail = units(stream.planInputPartitions(backfilled, tailed));
        assertThat(tail).hasSize(3).allSatisfy(unit -> {
            assertThat(unit.earliest()).isNull();
            assertThat(unit.indexEarliest()).isEqualTo(Instant.parse("2024-03-05T10:00:00Z"));
            assertThat(unit.indexLatest()).isEqualTo(Instant.parse("2024-03-05T10:29:15Z"));
        });
        // Available-now: nothing past the time the run started.
        assertThat(stream.latestOffset(tailed, ReadLimit.allAvailable())).isEqualTo(tailed);
    }

    @Test
    void aStreamWithoutBackfillOrTailIsRefusedByName() {
        assertThatThrownBy(() -> stream(Map.of()))
                .isInstanceOf(SplunkOptionException.class)
                .hasMessageContaining("splunk.backfill.start: required when splunk.tail.enabled is false");
    }

    @Test
    void anUnreadableCheckpointOffsetFailsWithItsText() {
        assertThatThrownBy(() -> SplunkStreamOffset.fromJson("{\"version\":1,\"backfill_end\":\"soon\"}"))
                .hasMessageContaining("backfill_end")
                .hasMessageContaining("soon");
        assertThatThrownBy(() -> SplunkStreamOffset.fromJson("{\"version\":7}")).hasMessageContaining("version 7");
    }
}
