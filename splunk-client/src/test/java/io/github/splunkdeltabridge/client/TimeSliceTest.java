package io.github.splunkdeltabridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TimeSliceTest {

    @Test
    void slicesCoverTheRangeWithoutGapsOrOverlapAlignedToTheSliceLength() {
        Instant start = Instant.parse("2024-03-01T00:20:00Z");
        Instant end = Instant.parse("2024-03-01T03:05:00Z");
        List<TimeSlice> slices = TimeSlice.split(start, end, Duration.ofHours(1));
        assertThat(slices)
                .containsExactly(
                        new TimeSlice(start, Instant.parse("2024-03-01T01:00:00Z")),
                        new TimeSlice(Instant.parse("2024-03-01T01:00:00Z"), Instant.parse("2024-03-01T02:00:00Z")),
                        new TimeSlice(Instant.parse("2024-03-01T02:00:00Z"), Instant.parse("2024-03-01T03:00:00Z")),
                        new TimeSlice(Instant.parse("2024-03-01T03:00:00Z"), end));
    }

    @Test
    void aLaterEndKeepsTheEarlierSlicesSoStoredOffsetsStillMatch() {
        Instant start = Instant.parse("2024-03-01T00:00:00Z");
        List<TimeSlice> first = TimeSlice.split(start, Instant.parse("2024-03-02T07:30:00Z"), Duration.ofHours(6));
        List<TimeSlice> later = TimeSlice.split(start, Instant.parse("2024-03-03T00:00:00Z"), Duration.ofHours(6));
        assertThat(later.subList(0, first.size() - 1)).isEqualTo(first.subList(0, first.size() - 1));
        assertThat(later.get(first.size() - 1).start())
                .isEqualTo(first.get(first.size() - 1).start());
    }

    @Test
    void emptyOrInvertedRangesAndBadLengthsAreRefused() {
        Instant t = Instant.parse("2024-03-01T00:00:00Z");
        assertThat(TimeSlice.split(t, t, Duration.ofHours(1))).isEmpty();
        assertThatThrownBy(() -> new TimeSlice(t, t)).hasMessageContaining("must start before it ends");
        assertThatThrownBy(() -> TimeSlice.split(t, t.plusSeconds(60), Duration.ZERO))
                .hasMessageContaining("positive");
    }
}
