package io.github.splunkdeltabridge.client;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoField;
import java.time.temporal.ChronoUnit;

/** Splunk's time representations: {@code _time} strings, epoch-second parameters. */
final class TimeFormats {

    // _time as Splunk renders it: 2024-03-01T12:34:56.789+00:00, sometimes +0000 or without fraction.
    private static final DateTimeFormatter ISO_LENIENT = new DateTimeFormatterBuilder()
            .append(DateTimeFormatter.ISO_LOCAL_DATE)
            .appendLiteral('T')
            .appendValue(ChronoField.HOUR_OF_DAY, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.MINUTE_OF_HOUR, 2)
            .appendLiteral(':')
            .appendValue(ChronoField.SECOND_OF_MINUTE, 2)
            .optionalStart()
            .appendFraction(ChronoField.NANO_OF_SECOND, 0, 9, true)
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HH:MM", "Z")
            .optionalEnd()
            .optionalStart()
            .appendOffset("+HHMM", "Z")
            .optionalEnd()
            .toFormatter();

    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private TimeFormats() {}

    /**
     * Parses {@code _time} (ISO-8601 with offset, or epoch seconds with a fraction) keeping sub-second digits.
     *
     * @return null when the value is absent or not a time Splunk would produce
     */
    static Instant parseTime(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        char first = v.charAt(0);
        if (v.indexOf('-', 1) < 0 && (Character.isDigit(first) || first == '.')) {
            return parseEpochSeconds(v);
        }
        try {
            return ISO_LENIENT.parse(v, java.time.OffsetDateTime::from).toInstant();
        } catch (DateTimeParseException e) {
            return null;
        }
    }

    /** {@code "1709296496.123"} to an Instant; null when not a number. */
    static Instant parseEpochSeconds(String value) {
        if (value == null || value.isBlank()) {
            return null;
        }
        try {
            BigDecimal seconds = new BigDecimal(value.trim());
            BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
            long nanos = seconds.subtract(whole)
                    .multiply(NANOS_PER_SECOND)
                    .setScale(0, RoundingMode.DOWN)
                    .longValueExact();
            return Instant.ofEpochSecond(whole.longValueExact(), nanos);
        } catch (NumberFormatException | ArithmeticException e) {
            return null;
        }
    }

    /**
     * Epoch seconds with up to 6 fractional digits and no trailing zeros ({@code 1709296496.123}), the
     * form Splunk accepts for {@code earliest_time} and friends. Splunk keeps microseconds at most, so
     * truncating below that loses nothing.
     */
    static String formatEpochSeconds(Instant instant) {
        BigDecimal seconds = BigDecimal.valueOf(instant.getEpochSecond())
                .add(BigDecimal.valueOf(instant.getNano()).divide(NANOS_PER_SECOND))
                .setScale(6, RoundingMode.FLOOR)
                .stripTrailingZeros();
        return seconds.scale() < 0 ? seconds.setScale(0).toPlainString() : seconds.toPlainString();
    }

    /** The resume position works in whole milliseconds, the precision Splunk renders {@code _time} with. */
    static Instant toMillis(Instant instant) {
        return instant == null ? null : instant.truncatedTo(ChronoUnit.MILLIS);
    }
}
