package io.github.splunkdeltabridge.cli;

import io.github.splunkdeltabridge.settings.SettingValues;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one way a command line of this project takes a duration: the form the connector's and the Spark reader's
 * duration settings take ({@link SettingValues#duration}: {@code 500ms}, {@code 90s}, {@code 5m}, {@code 2h},
 * {@code 1d} or ISO-8601 such as {@code PT1M30S}), longer than zero.
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    /** For option descriptions. */
    public static final String FORMS = "90s, 5m, 2h, 1d or ISO-8601 such as PT1M30S";

    @Override
    public Duration convert(String value) {
        Duration duration;
        try {
            duration = SettingValues.duration(value);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is not a duration: write " + FORMS);
        }
        if (duration.isNegative() || duration.isZero()) {
            throw new TypeConversionException("'" + value + "' must be longer than 0");
        }
        return duration;
    }
}
