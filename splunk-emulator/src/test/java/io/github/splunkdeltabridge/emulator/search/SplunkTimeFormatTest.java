package io.github.splunkdeltabridge.emulator.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The strftime letters Splunk documents for time_format / output_time_format ("Date and time format variables"). */
class SplunkTimeFormatTest {

    private static final Instant T = Instant.parse("2024-03-01T17:04:05.123456789Z");
    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    private static String format(String pattern, ZoneId zone) {
        return SplunkTimeFormat.of(pattern).format(T, zone);
    }

    @Test
    void theDefaultIsIsoWithMillisecondsAndTheUsersOffset() {
        assertThat(format(SplunkTimeFormat.ISO_8601, ZoneOffset.UTC)).isEqualTo("2024-03-01T17:04:05.123+00:00");
        assertThat(format(SplunkTimeFormat.ISO_8601, NEW_YORK)).isEqualTo("2024-03-01T12:04:05.123-05:00");
        assertThat(format("%FT%T.%Q%:z", NEW_YORK)).isEqualTo("2024-03-01T12:04:05.123-05:00");
    }

    @Test
    void subsecondAndEpochLetters() {
        assertThat(format("%s", NEW_YORK)).isEqualTo("1709312645");
        assertThat(format("%s.%3N", NEW_YORK)).isEqualTo("1709312645.123");
        assertThat(format("%s.%6N", NEW_YORK)).isEqualTo("1709312645.123456");
        assertThat(format("%N", NEW_YORK)).isEqualTo("123456789");
        assertThat(format("%Q|%6Q|%f", NEW_YORK)).isEqualTo("123|123456|123456");
    }

    @Test
    void zoneLetters() {
        assertThat(format("%z %:z %::z %Ez", NEW_YORK)).isEqualTo("-0500 -05:00 -05:00:00 -300");
        assertThat(format("%Z", NEW_YORK)).isEqualTo("EST");
        assertThat(format("%Z", ZoneOffset.UTC)).isEqualTo("UTC");
        assertThat(format(SplunkTimeFormat.SPACE_SEPARATED_WITH_ZONE_NAME, ZoneId.of("America/Los_Angeles")))
                .isEqualTo("2024-03-01 09:04:05.123 PST");
    }

    @Test
    void dateAndClockLettersAndLiterals() {
        assertThat(format("%m/%d/%Y:%H:%M:%S", ZoneOffset.UTC)).isEqualTo("03/01/2024:17:04:05");
        assertThat(format("%a %b %e %I:%M %p %j %y %%", ZoneOffset.UTC)).isEqualTo("Fri Mar  1 05:04 PM 061 24 %");
        assertThat(format("%A %B %D %R %T", ZoneOffset.UTC)).isEqualTo("Friday March 03/01/24 17:04 17:04:05");
        assertThat(format("day %q end", ZoneOffset.UTC)).isEqualTo("day %q end");
    }
}
