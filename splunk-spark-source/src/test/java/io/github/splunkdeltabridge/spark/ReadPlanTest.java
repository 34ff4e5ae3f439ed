package io.github.splunkdeltabridge.spark;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.client.SearchMode;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ReadPlanTest {

    private static final List<SplunkSearch> THREE_INDEXES = List.of(
            new SplunkSearch("web", "search index=web"),
            new SplunkSearch("os", "search index=os"),
            new SplunkSearch("app", "search index=app"));
    private static final Instant DAY = Instant.parse("2024-03-01T00:00:00Z");
    private static final Instant NEXT_DAY = Instant.parse("2024-03-02T00:00:00Z");
    private static final SplunkReadOptions OPTIONS = SplunkReadOptions.parse(Map.of(
            "splunk.url", "https://splunk.example.com:8089",
            "splunk.token", "token",
            "splunk.indexes", "web",
            "splunk.search.mode", "fast",
            "splunk.search.enable.lookups", "false",
            "splunk.partial.results", "accept"));

    @Test
    void aDayOfThreeIndexesIsSeventyTwoExportsOfOneHourEachCutOffAtTheEndsIndexTime() {
        List<ExportUnit> units = ReadPlan.backfill(THREE_INDEXES, DAY, NEXT_DAY, Duration.ofHours(1), NEXT_DAY);
        assertThat(units).hasSize(72);
        assertThat(units.get(0))
                .isEqualTo(new ExportUnit(THREE_INDEXES.get(0), DAY, DAY.plusSeconds(3600), null, NEXT_DAY));
        assertThat(units.get(2).search().name()).isEqualTo("app");
        assertThat(units.get(3).earliest()).isEqualTo(DAY.plusSeconds(3600));
        assertThat(units).allSatisfy(unit -> {
            assertThat(unit.indexLatest()).isEqualTo(NEXT_DAY);
            assertThat(Duration.between(unit.earliest(), unit.latest())).isEqualTo(Duration.ofHours(1));
            assertThat(unit.request(OPTIONS).indexLatest()).isEqualTo(NEXT_DAY);
        });
    }

    @Test
    void eachExportAsksForTheSearchModeLookupsAndMissingRowsTheOptionsSay() {
        ExportUnit unit = ReadPlan.backfill(THREE_INDEXES, DAY, NEXT_DAY, Duration.ofHours(1), NEXT_DAY)
                .get(0);
        assertThat(unit.request(OPTIONS).searchMode()).isEqualTo(SearchMode.FAST);
        assertThat(unit.request(OPTIONS).enableLookups()).isFalse();
        assertThat(unit.request(OPTIONS).acceptIncompleteResults()).isTrue();
        SplunkReadOptions defaults = SplunkReadOptions.parse(Map.of(
                "splunk.url", "https://splunk.example.com:8089", "splunk.token", "token", "splunk.indexes", "web"));
        assertThat(unit.request(defaults).acceptIncompleteResults())
                .as("by default missing rows fail the Spark task")
                .isFalse();
    }

    @Test
    void slicesAreAlignedToTheEpochLikeTheConnectors() {
        List<ExportUnit> units = ReadPlan.backfill(
                THREE_INDEXES.subList(0, 1),
                Instant.parse("2024-03-01T00:20:00Z"),
                Instant.parse("2024-03-01T02:05:00Z"),
                Duration.ofHours(1),
                NEXT_DAY);
        assertThat(units)
                .extracting(ExportUnit::earliest)
                .containsExactly(
                        Instant.parse("2024-03-01T00:20:00Z"),
                        Instant.parse("2024-03-01T01:00:00Z"),
                        Instant.parse("2024-03-01T02:00:00Z"));
        assertThat(units.get(2).latest()).isEqualTo(Instant.parse("2024-03-01T02:05:00Z"));
    }

    @Test
    void noMorePartitionsThanTheSearchCapAndEveryExportInExactlyOne() {
        List<ExportUnit> units = ReadPlan.backfill(THREE_INDEXES, DAY, NEXT_DAY, Duration.ofHours(1), NEXT_DAY);
        SplunkInputPartition[] partitions = ReadPlan.partitions(units, 4);
        assertThat(partitions).hasSize(4);
        assertThat(partitions).allSatisfy(p -> assertThat(p.units()).hasSize(18));
        assertThat(Arrays.stream(partitions).flatMap(p -> p.units().stream()))
                .containsExactlyInAnyOrderElementsOf(units);
        // Round-robin: each partition's exports go from the oldest slice to the newest, spread over the day.
        assertThat(partitions[1].units().get(0)).isEqualTo(units.get(1));
        assertThat(partitions[1].units().get(1)).isEqualTo(units.get(5));
    }

    @Test
    void fewerExportsThanTheCapGiveOnePartitionEachAndNoneGiveNone() {
        List<ExportUnit> units =
                ReadPlan.backfill(THREE_INDEXES, DAY, DAY.plusSeconds(3600), Duration.ofHours(1), NEXT_DAY);
        assertThat(ReadPlan.partitions(units, 8)).hasSize(3);
        assertThat(ReadPlan.partitions(List.of(), 8)).isEmpty();
    }
}
