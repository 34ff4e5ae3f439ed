package io.github.splunkdeltabridge.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The one way a command line of this project takes a duration: a whole number with a unit ({@code 500ms},
 * {@code 90s}, {@code 5m}, {@code 2h}, {@code 1d}) or ISO-8601 ({@code PT1M30S}, {@code P1D}), longer than zero: the
 * forms the connector's and the Spark reader's duration settings take ({@code SettingValues} in splunk-client, which
 * this module does not depend on so that the emulator's command line need not; a test keeps the two in step).
 */
public final class DurationConverter implements ITypeConverter<Duration> {

    /** For option descriptions. */
    public static final String FORMS = "90s, 5m, 2h, 1d or ISO-8601 such as PT1M30S";

    private static final Pattern SHORT_FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    @Override
    public Duration convert(String value) {
        Duration duration = parse(value);
        if (duration.isNegative() || duration.isZero()) {
            throw new TypeConversionException("'" + value + "' must be longer than 0");
        }
        return duration;
    }

    private static Duration parse(String value) {
        String text = value.trim().toLowerCase(Locale.ROOT);
        Matcher shortForm = SHORT_FORM.matcher(text);
        try {
            if (shortForm.matches()) {
                long amount = Long.parseLong(shortForm.group(1));
                return switch (shortForm.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            // Duration.parse takes its letters in either case.
            return Duration.parse(text);
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new TypeConversionException("'" + value + "' is not a duration: write " + FORMS);
        }
    }
}
