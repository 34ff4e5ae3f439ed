package io.github.splunkdeltabridge.client;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneOffset;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splunk's time representations: {@code _time} strings, epoch-second parameters.
 *
 * <p>Every export asks for {@link #OUTPUT_TIME_FORMAT}, so {@code _time} normally arrives as epoch seconds with
 * microseconds, exact and free of time zones. The other forms Splunk renders are still read, in case a server or a
 * search renders {@code _time} itself: ISO-8601 with an offset ({@code 2024-03-01T12:34:56.789+00:00}, the REST API's
 * default {@code %Y-%m-%dT%H:%M:%S.%Q%:z}; {@code +0000} as in real exports), and the form of a user's time zone
 * setting, {@code 2013-02-11 10:43:01.060 PST} (a real export captured in the Splunk SDK for Java's test data).
 */
final class TimeFormats {

    /**
     * {@code output_time_format} of every export: {@code %s} is epoch seconds and {@code %6N} six subsecond digits
     * (Splunk's "Date and time format variables": {@code %N} subsecond digits, {@code %3N} milliseconds, {@code %6N}
     * microseconds).
     */
    static final String OUTPUT_TIME_FORMAT = "%s.%6N";

    private static final Pattern EPOCH = Pattern.compile("-?\\d+(\\.\\d*)?");
    private static final Pattern DATE_TIME =
            Pattern.compile("(\\d{4})-(\\d{2})-(\\d{2})[T ](\\d{2}):(\\d{2}):(\\d{2})(?:[.,](\\d{1,9}))?\\s*(.*)");
    private static final Pattern NUMERIC_OFFSET = Pattern.compile("[+-]\\d{2}(:?\\d{2}(:?\\d{2})?)?");
    private static final Pattern LETTERS = Pattern.compile("[A-Za-z]{1,5}");

    private static final BigDecimal NANOS_PER_SECOND = BigDecimal.valueOf(1_000_000_000L);

    private TimeFormats() {}

    /**
     * Parses {@code _time} keeping its subsecond digits.
     *
     * @return null when the value is absent (rows of transforming searches have no {@code _time})
     * @throws IllegalArgumentException when the value is present but not a time Splunk renders, naming the value
     */
    static Instant parseTime(String value) {
        if (value == null) {
            return null;
        }
        Instant exact = plainEpochSeconds(value);
        if (exact != null) {
            return exact;
        }
        if (value.isBlank()) {
            return null;
        }
        String v = value.strip();
        try {
            if (EPOCH.matcher(v).matches()) {
                return epochSeconds(v);
            }
            Matcher m = DATE_TIME.matcher(v);
            if (m.matches()) {
                return dateTime(m);
            }
            throw new IllegalArgumentException("neither epoch seconds nor a date and time");
        } catch (IllegalArgumentException | DateTimeException | ArithmeticException e) {
            throw new IllegalArgumentException(
                    "_time value '" + v + "' is not a time Splunk renders: " + e.getMessage(), e);
        }
    }

    private static Instant dateTime(Matcher m) {
        LocalDate date =
                LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3)));
        String fraction = m.group(7);
        int nanos = fraction == null ? 0 : Integer.parseInt((fraction + "00000000").substring(0, 9));
        LocalTime time = LocalTime.of(
                Integer.parseInt(m.group(4)), Integer.parseInt(m.group(5)), Integer.parseInt(m.group(6)), nanos);
        return LocalDateTime.of(date, time).toInstant(offset(m.group(8)));
    }

    private static ZoneOffset offset(String zone) {
        if (zone.isEmpty()) {
            // A local time without a zone depends on a server setting we cannot see.
            throw new IllegalArgumentException("it has no time zone");
        }
        if (zone.equals("Z")) {
            return ZoneOffset.UTC;
        }
        if (NUMERIC_OFFSET.matcher(zone).matches()) {
            return ZoneOffset.of(zone);
        }
        if (LETTERS.matcher(zone).matches()) {
            return ZoneAbbreviations.offset(zone);
        }
        throw new IllegalArgumentException("'" + zone + "' is not a time zone");
    }

    /** {@code "1709296496.123456"} to an Instant; null when absent or not a number (used for {@code _indextime}). */
    static Instant parseEpochSeconds(String value) {
        if (value == null) {
            return null;
        }
        Instant exact = plainEpochSeconds(value);
        if (exact != null) {
            return exact;
        }
        if (value.isBlank() || !EPOCH.matcher(value.strip()).matches()) {
            return null;
        }
        return epochSeconds(value.strip());
    }

    /**
     * The form every export asks for, read without a regular expression or {@code BigDecimal} (together a sixth of the
     * parser's time in a profile): up to 18 digits, optionally a dot and up to 9 digits, nothing else. Null for any
     * other text or a time beyond {@link Instant#MAX}, which then take the general path (signs, spaces, more digits,
     * dates, and its error messages).
     */
    static Instant plainEpochSeconds(String value) {
        int length = value.length();
        int i = 0;
        long seconds = 0;
        while (i < length) {
            char c = value.charAt(i);
            if (c < '0' || c > '9') {
                break;
            }
            seconds = seconds * 10 + (c - '0');
            if (++i > 18) {
                return null;
            }
        }
        if (i == 0 || seconds > Instant.MAX.getEpochSecond()) {
            return null;
        }
        long nanos = 0;
        if (i < length) {
            if (value.charAt(i) != '.' || length - i - 1 > 9) {
                return null;
            }
            int digits = 0;
            for (i++; i < length; i++, digits++) {
                char c = value.charAt(i);
                if (c < '0' || c > '9') {
                    return null;
                }
                nanos = nanos * 10 + (c - '0');
            }
            for (; digits < 9; digits++) {
                nanos *= 10;
            }
        }
        return Instant.ofEpochSecond(seconds, nanos);
    }

    private static Instant epochSeconds(String value) {
        BigDecimal seconds = new BigDecimal(value.endsWith(".") ? value.substring(0, value.length() - 1) : value);
        BigDecimal whole = seconds.setScale(0, RoundingMode.FLOOR);
        long nanos = seconds.subtract(whole)
                .multiply(NANOS_PER_SECOND)
                .setScale(0, RoundingMode.DOWN)
                .longValueExact();
        return Instant.ofEpochSecond(whole.longValueExact(), nanos);
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
}
