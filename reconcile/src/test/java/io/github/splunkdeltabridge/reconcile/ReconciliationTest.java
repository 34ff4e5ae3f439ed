package io.github.splunkdeltabridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.reconcile.delta.DeltaCount;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

public class ReconciliationTest {

    static final Instant H10 = Instant.parse("2024-03-01T10:00:00Z");
    static final Instant H11 = Instant.parse("2024-03-01T11:00:00Z");
    static final Instant H12 = Instant.parse("2024-03-01T12:00:00Z");
    static final ReconcileRange RANGE = new ReconcileRange(H10, Instant.parse("2024-03-01T13:00:00Z"));
    static final Cutoffs CUTOFFS = Cutoffs.same(List.of("os", "web"), RANGE.to(), "--indexed-before");

    /** web: 10h matches, 11h misses 2 events, 12h holds a row twice; os: nothing at all, on both sides. */
    public static Reconciliation sample() {
        return Reconciliation.compare(
                RANGE,
                List.of("os", "web"),
                CUTOFFS,
                Map.of(
                        new IndexHour("web", H10), 100L,
                        new IndexHour("web", H11), 50L,
                        new IndexHour("web", H12), 7L),
                Map.of(
                        new IndexHour("web", H10), new DeltaCount(100, 100),
                        new IndexHour("web", H11), new DeltaCount(48, 48),
                        new IndexHour("web", H12), new DeltaCount(8, 7)));
    }

    @Test
    void everyIndexAndHourOfTheRangeIsJudgedEmptyHoursIncluded() {
        Reconciliation result = sample();

        assertThat(result.hours()).hasSize(6);
        assertThat(result.hours())
                .filteredOn(h -> h.index().equals("os"))
                .allSatisfy(h -> assertThat(h.status()).isEqualTo(HourStatus.MATCH));
        assertThat(result.differing())
                .extracting(HourResult::key, HourResult::status, HourResult::difference)
                .containsExactly(
                        org.assertj.core.groups.Tuple.tuple(new IndexHour("web", H11), HourStatus.MISSING, -2L),
                        org.assertj.core.groups.Tuple.tuple(new IndexHour("web", H12), HourStatus.EXTRA, 1L));
        assertThat(result.allMatch()).isFalse();
        assertThat(result.hoursByStatus())
                .containsEntry(HourStatus.MATCH, 4L)
                .containsEntry(HourStatus.MISSING, 1L)
                .containsEntry(HourStatus.EXTRA, 1L);
        assertThat(result.splunkEvents()).isEqualTo(157);
        assertThat(result.deltaRows()).isEqualTo(156);
        assertThat(result.deltaDistinctIds()).isEqualTo(155);
    }

    @Test
    void equalCountsOnEverySideMatch() {
        Reconciliation result = Reconciliation.compare(
                RANGE,
                List.of("web"),
                CUTOFFS,
                Map.of(new IndexHour("web", H11), 3L),
                Map.of(new IndexHour("web", H11), new DeltaCount(3, 3)));
        assertThat(result.allMatch()).isTrue();
    }

    @Test
    void aTableWithFewerDistinctIdsThanSplunkMissesEventsEvenWithAsManyRows() {
        assertThat(HourStatus.of(10, 10, 9)).isEqualTo(HourStatus.MISSING);
        assertThat(HourStatus.of(10, 11, 10)).isEqualTo(HourStatus.EXTRA);
        assertThat(HourStatus.of(0, 0, 0)).isEqualTo(HourStatus.MATCH);
    }
}
