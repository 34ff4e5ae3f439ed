package io.github.splunkdeltabridge.emulator.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class TimeModifierTest {

    private static final Instant NOW = Instant.parse("2024-03-06T12:34:56.789Z");

    private static Instant parse(String value) {
        return TimeModifier.parse("earliest_time", value, NOW, ZoneOffset.UTC);
    }

    @Test
    void epochSecondsKeepTheirFraction() {
        assertThat(parse("1709296496.123456")).isEqualTo(Instant.parse("2024-03-01T12:34:56.123456Z"));
        assertThat(parse("0")).isEqualTo(Instant.EPOCH);
    }

    @Test
    void isoTimesNeedAnOffset() {
        assertThat(parse("2024-03-01T12:00:00.500-07:00")).isEqualTo(Instant.parse("2024-03-01T19:00:00.500Z"));
        assertThatThrownBy(() -> parse("2024-03-01T12:00:00")).hasMessageContaining("Invalid earliest_time");
    }

    @Test
    void relativeTimesOffsetAndSnap() {
        assertThat(parse("now")).isEqualTo(NOW);
        assertThat(parse("-24h")).isEqualTo(Instant.parse("2024-03-05T12:34:56.789Z"));
        assertThat(parse("-15m@m")).isEqualTo(Instant.parse("2024-03-06T12:19:00Z"));
        assertThat(parse("-1d@d")).isEqualTo(Instant.parse("2024-03-05T00:00:00Z"));
        assertThat(parse("@h")).isEqualTo(Instant.parse("2024-03-06T12:00:00Z"));
        assertThat(parse("+1mon@mon")).isEqualTo(Instant.parse("2024-04-01T00:00:00Z"));
        // Snapping happens in the server's time zone.
        assertThat(TimeModifier.parse("latest_time", "@d", NOW, ZoneId.of("America/New_York")))
                .isEqualTo(Instant.parse("2024-03-06T05:00:00Z"));
    }

    @Test
    void nonsenseIsRefusedNamingTheParameter() {
        assertThatThrownBy(() -> TimeModifier.parse("index_latest", "-3 fortnights", NOW, ZoneOffset.UTC))
                .isInstanceOf(SplunkRequestException.class)
                .hasMessage("Invalid index_latest: '-3 fortnights'");
    }
}
