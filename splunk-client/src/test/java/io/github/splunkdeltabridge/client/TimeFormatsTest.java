package io.github.splunkdeltabridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class TimeFormatsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                // The pinned output_time_format (%s.%6N): epoch seconds with microseconds.
                "1709296496.123456|2024-03-01T12:34:56.123456Z",
                "1709296496.000001|2024-03-01T12:34:56.000001Z",
                "1709296496|2024-03-01T12:34:56Z",
                // ISO-8601 with an offset, the REST API's default rendering.
                "2024-03-01T12:34:56.789+00:00|2024-03-01T12:34:56.789Z",
                "2024-03-01T05:34:56.789-07:00|2024-03-01T12:34:56.789Z",
                "2024-03-01T12:34:56.123456+00:00|2024-03-01T12:34:56.123456Z",
                "2024-03-01T12:34:56Z|2024-03-01T12:34:56Z",
                // Real export output: the Splunk SDK for Java test data (export_test_data.json, Splunk 5).
                "2012-11-27T16:44:22.581-08:00|2012-11-28T00:44:22.581Z",
                // Real table output of Splunk 8 (_time in a user zone at +03:00, offset without colon).
                "2021-07-27T05:48:20.265+0300|2021-07-27T02:48:20.265Z",
                // A user's time zone setting: Splunk SDK for Java export/5.0.1/nonreporting.xml, and the GMT form.
                "2013-02-11 10:43:01.060 PST|2013-02-11T18:43:01.060Z",
                "2026-10-08 13:48:34.000 GMT|2026-10-08T13:48:34Z",
                "2024-07-01 14:00:00.250 CEST|2024-07-01T12:00:00.250Z",
                "2024-07-01 08:00:00 EDT|2024-07-01T12:00:00Z",
                "2024-01-15 12:00:00.000 UTC|2024-01-15T12:00:00Z",
                "2024-01-15 21:00:00.000 JST|2024-01-15T12:00:00Z",
                "2024-01-15 04:00:00.000 -0800|2024-01-15T12:00:00Z"
            })
    void everyFormSplunkRendersParsesToTheSameInstant(String rendered, String instant) {
        assertThat(TimeFormats.parseTime(rendered)).isEqualTo(Instant.parse(instant));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "2024-03-01 12:00:00.000",
                "2024-03-01T12:00:00.000",
                "2024-03-01 12:00:00.000 CST",
                "2024-03-01 12:00:00.000 IST",
                "2024-03-01 12:00:00.000 XYZ",
                "2024-02-30 12:00:00.000 UTC",
                "yesterday",
                "12abc",
                "Fri Mar  1 12:00:00 2024"
            })
    void aTimeThatIsNotAnInstantFailsNamingTheValue(String rendered) {
        assertThatThrownBy(() -> TimeFormats.parseTime(rendered))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'" + rendered + "'");
    }

    @Test
    void ambiguousZoneAbbreviationsSayWhy() {
        assertThatThrownBy(() -> TimeFormats.parseTime("2024-03-01 06:00:00.000 CST"))
                .hasMessageContaining("US Central")
                .hasMessageContaining("China");
    }

    @Test
    void absentTimesAreNull() {
        assertThat(TimeFormats.parseTime(null)).isNull();
        assertThat(TimeFormats.parseTime("")).isNull();
        assertThat(TimeFormats.parseEpochSeconds("12abc")).isNull();
        assertThat(TimeFormats.parseEpochSeconds("1709296497")).isEqualTo(Instant.parse("2024-03-01T12:34:57Z"));
    }

    @Test
    void outputTimeFormatAsksForEpochSecondsWithMicroseconds() {
        assertThat(TimeFormats.OUTPUT_TIME_FORMAT).isEqualTo("%s.%6N");
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

    @ParameterizedTest(name = "{0}")
    @ValueSource(
            strings = {
                "1709296496.123456",
                "1709296496",
                "1709296496.",
                "0",
                "0.000001",
                "1709296496.1",
                "1709296496.123456789",
                "1709296496.999999999",
                "000001709296496.5",
                "31556889864403199.999999999"
            })
    void epochSecondsReadQuicklyAreTheExactInstantOfTheirDecimalValue(String rendered) {
        java.math.BigDecimal decimal = new java.math.BigDecimal(rendered.endsWith(".") ? rendered + "0" : rendered);
        Instant exact = Instant.ofEpochSecond(
                decimal.longValue(),
                decimal.remainder(java.math.BigDecimal.ONE).movePointRight(9).intValueExact());
        assertThat(TimeFormats.plainEpochSeconds(rendered)).isEqualTo(exact);
        assertThat(TimeFormats.parseTime(rendered)).isEqualTo(exact);
        assertThat(TimeFormats.parseEpochSeconds(rendered)).isEqualTo(exact);
    }

    @ParameterizedTest(name = "''{0}''")
    @ValueSource(
            strings = {
                " 1709296496.5",
                "1709296496.5 ",
                "-12.5",
                "1709296496.1234567891",
                "1234567890123456789",
                "1709296496,5",
                "1709296496.5.1",
                ".5"
            })
    void anythingButPlainDigitsLeavesTheQuickPathForTheGeneralOne(String rendered) {
        assertThat(TimeFormats.plainEpochSeconds(rendered)).isNull();
    }

    @Test
    void theGeneralPathStillReadsWhatTheQuickOneLeaves() {
        assertThat(TimeFormats.parseTime(" 1709296496.5 ")).isEqualTo(Instant.parse("2024-03-01T12:34:56.500Z"));
        assertThat(TimeFormats.parseTime("-12.5")).isEqualTo(Instant.ofEpochSecond(-13, 500_000_000));
        assertThat(TimeFormats.parseTime("1709296496.1234567891"))
                .isEqualTo(Instant.parse("2024-03-01T12:34:56.123456789Z"));
        assertThatThrownBy(() -> TimeFormats.parseTime("99999999999999999.5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'99999999999999999.5'");
        assertThatThrownBy(() -> TimeFormats.parseTime("1709296496,5"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'1709296496,5'");
    }
}
