package io.github.splunkdeltabridge.client;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimeFormatsTest {

    @Test
    void parsesSplunkTimeWithOffsetsAndSubSeconds() {
        assertThat(TimeFormats.parseTime("2024-03-01T12:34:56.789+00:00"))
                .isEqualTo(Instant.parse("2024-03-01T12:34:56.789Z"));
        assertThat(TimeFormats.parseTime("2024-03-01T05:34:56.789-07:00"))
                .isEqualTo(Instant.parse("2024-03-01T12:34:56.789Z"));
        assertThat(TimeFormats.parseTime("2024-03-01T12:34:56.123456+00:00"))
                .isEqualTo(Instant.parse("2024-03-01T12:34:56.123456Z"));
        assertThat(TimeFormats.parseTime("2024-03-01T14:34:56+0200")).isEqualTo(Instant.parse("2024-03-01T12:34:56Z"));
        assertThat(TimeFormats.parseTime("2024-03-01T12:34:56Z")).isEqualTo(Instant.parse("2024-03-01T12:34:56Z"));
    }

    @Test
    void parsesEpochSecondStrings() {
        assertThat(TimeFormats.parseTime("1709296496.123")).isEqualTo(Instant.parse("2024-03-01T12:34:56.123Z"));
        assertThat(TimeFormats.parseTime("1709296496")).isEqualTo(Instant.parse("2024-03-01T12:34:56Z"));
        assertThat(TimeFormats.parseEpochSeconds("1709296496.000001"))
                .isEqualTo(Instant.parse("2024-03-01T12:34:56.000001Z"));
    }

    @Test
    void absentOrForeignTimesAreNull() {
        assertThat(TimeFormats.parseTime(null)).isNull();
        assertThat(TimeFormats.parseTime("")).isNull();
        assertThat(TimeFormats.parseTime("yesterday")).isNull();
        assertThat(TimeFormats.parseEpochSeconds("12abc")).isNull();
    }

    @Test
    void formatsParametersAsEpochSecondsWithAtMostSixDecimals() {
        assertThat(TimeFormats.formatEpochSeconds(Instant.parse("2024-03-01T12:34:56.123Z")))
                .isEqualTo("1709296496.123");
        assertThat(TimeFormats.formatEpochSeconds(Instant.parse("2024-03-01T12:34:56Z")))
                .isEqualTo("1709296496");
        assertThat(TimeFormats.formatEpochSeconds(Instant.parse("2024-03-01T12:34:56.123456789Z")))
                .isEqualTo("1709296496.123456");
        assertThat(TimeFormats.formatEpochSeconds(Instant.parse("2024-03-01T12:34:56.100Z")))
                .isEqualTo("1709296496.1");
        assertThat(TimeFormats.formatEpochSeconds(Instant.parse("1970-01-01T00:00:00Z")))
                .isEqualTo("0");
    }
}
