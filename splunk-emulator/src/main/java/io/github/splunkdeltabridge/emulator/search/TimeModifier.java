package io.github.splunkdeltabridge.emulator.search;

import java.math.BigDecimal;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.time.temporal.TemporalAdjusters;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Splunk's time values for {@code earliest_time}, {@code latest_time}, {@code index_earliest} and {@code index_latest}:
 * epoch seconds with an optional fraction, ISO-8601 with an offset, {@code now}, and relative values such as
 * {@code -24h}, {@code -15m@m}, {@code @d}, {@code -1d@d}.
 */
public final class TimeModifier {

    private static final Pattern EPOCH = Pattern.compile("\\d+(\\.\\d+)?");
    private static final Pattern RELATIVE = Pattern.compile("([+-]\\d*)?([a-z]+)?(?:@([a-z]+))?");

    private TimeModifier() {}

    /** The instant {@code value} names at {@code now}; null for an absent value. */
    public static Instant parse(String parameter, String value, Instant now, ZoneId zone) {
        if (value == null || value.isBlank()) {
            return null;
        }
        String v = value.trim();
        if (EPOCH.matcher(v).matches()) {
            BigDecimal seconds = new BigDecimal(v);
            long whole = seconds.longValue();
            return Instant.ofEpochSecond(
                    whole,
                    seconds.subtract(BigDecimal.valueOf(whole))
                            .movePointRight(9)
                            .longValue());
        }
        if (v.equalsIgnoreCase("now") || v.equalsIgnoreCase("rt")) {
            return now;
        }
        if (v.contains("T") && Character.isDigit(v.charAt(0))) {
            try {
                return OffsetDateTime.parse(v).toInstant();
            } catch (DateTimeParseException e) {
                throw invalid(parameter, value);
            }
        }
        Matcher m = RELATIVE.matcher(v.toLowerCase(Locale.ROOT));
        if (!m.matches() || (m.group(1) == null && m.group(3) == null)) {
            throw invalid(parameter, value);
        }
        ZonedDateTime t = now.atZone(zone);
        if (m.group(1) != null) {
            String amountText = m.group(1).substring(1);
            long amount = amountText.isEmpty() ? 1 : Long.parseLong(amountText);
            if (m.group(1).startsWith("-")) {
                amount = -amount;
            }
            ChronoUnit unit = unit(m.group(2), parameter, value);
            t = t.plus(amount, unit);
        } else if (m.group(2) != null) {
            throw invalid(parameter, value);
        }
        if (m.group(3) != null) {
            t = snap(t, m.group(3), parameter, value);
        }
        return t.toInstant();
    }

    private static ChronoUnit unit(String unit, String parameter, String value) {
        if (unit == null) {
            throw invalid(parameter, value);
        }
        return switch (unit) {
            case "s", "sec", "secs", "second", "seconds" -> ChronoUnit.SECONDS;
            case "m", "min", "mins", "minute", "minutes" -> ChronoUnit.MINUTES;
            case "h", "hr", "hrs", "hour", "hours" -> ChronoUnit.HOURS;
            case "d", "day", "days" -> ChronoUnit.DAYS;
            case "w", "week", "weeks" -> ChronoUnit.WEEKS;
            case "mon", "month", "months" -> ChronoUnit.MONTHS;
            case "y", "yr", "yrs", "year", "years" -> ChronoUnit.YEARS;
            default -> throw invalid(parameter, value);
        };
    }

    private static ZonedDateTime snap(ZonedDateTime t, String unit, String parameter, String value) {
        return switch (unit) {
            case "w", "w0", "week" ->
                t.truncatedTo(ChronoUnit.DAYS).with(TemporalAdjusters.previousOrSame(DayOfWeek.SUNDAY));
            case "mon", "month" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfMonth(1);
            case "y", "year" -> t.truncatedTo(ChronoUnit.DAYS).withDayOfYear(1);
            default -> t.truncatedTo(unit(unit, parameter, value));
        };
    }

    private static SplunkRequestException invalid(String parameter, String value) {
        return SplunkRequestException.badRequest("Invalid " + parameter + ": '" + value + "'");
    }
}
