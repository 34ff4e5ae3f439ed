package io.github.splunkdeltabridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ReconcileRangeTest {

    @Test
    void aRangeOffTheHourComparesPartialFirstAndLastHours() {
        ReconcileRange range =
                new ReconcileRange(Instant.parse("2024-03-01T13:47:00Z"), Instant.parse("2024-03-01T15:47:00Z"));

        assertThat(range.hours())
                .containsExactly(
                        Instant.parse("2024-03-01T13:00:00Z"),
                        Instant.parse("2024-03-01T14:00:00Z"),
                        Instant.parse("2024-03-01T15:00:00Z"));
        assertThat(range.startOf(Instant.parse("2024-03-01T13:00:00Z"))).isEqualTo("2024-03-01T13:47:00Z");
        assertThat(range.endOf(Instant.parse("2024-03-01T14:00:00Z"))).isEqualTo("2024-03-01T15:00:00Z");
        assertThat(range.endOf(Instant.parse("2024-03-01T15:00:00Z"))).isEqualTo("2024-03-01T15:47:00Z");
    }

    @Test
    void aRangeThatEndsBeforeItStartsIsRefusedNamingBothOptions() {
        assertThatThrownBy(() -> new ReconcileRange(
                        Instant.parse("2024-03-02T00:00:00Z"), Instant.parse("2024-03-01T00:00:00Z")))
                .hasMessageContaining("--to")
                .hasMessageContaining("--from");
    }
}
