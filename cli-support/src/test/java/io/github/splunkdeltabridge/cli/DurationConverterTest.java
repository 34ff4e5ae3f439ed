package io.github.splunkdeltabridge.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

class DurationConverterTest {

    private final DurationConverter converter = new DurationConverter();

    @Test
    void shortFormsTakeMillisecondsSecondsMinutesHoursAndDays() {
        assertThat(converter.convert("500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(converter.convert("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(converter.convert("1d")).isEqualTo(Duration.ofDays(1));
        assertThat(converter.convert("15M")).isEqualTo(Duration.ofMinutes(15));
        assertThat(converter.convert(" 30 s ")).isEqualTo(Duration.ofSeconds(30));
    }

    @Test
    void isoDurationsAreReadInEitherCase() {
        assertThat(converter.convert("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(converter.convert("pt5m")).isEqualTo(Duration.ofMinutes(5));
        assertThat(converter.convert("P1D")).isEqualTo(Duration.ofDays(1));
    }

    @Test
    void anythingElseIsRefusedWithTheValueAndTheFormsThatWork() {
        assertThatThrownBy(() -> converter.convert("soon"))
                .isInstanceOf(TypeConversionException.class)
                .hasMessage("'soon' is not a duration: write 90s, 5m, 2h, 1d or ISO-8601 such as PT1M30S");
        assertThatThrownBy(() -> converter.convert("5 minutes"))
                .hasMessageStartingWith("'5 minutes' is not a duration");
        assertThatThrownBy(() -> converter.convert("1w")).hasMessageStartingWith("'1w' is not a duration");
    }

    @Test
    void zeroAndNegativeDurationsAreRefused() {
        assertThatThrownBy(() -> converter.convert("0s")).hasMessage("'0s' must be longer than 0");
        assertThatThrownBy(() -> converter.convert("PT-1M")).hasMessage("'PT-1M' must be longer than 0");
    }
}
