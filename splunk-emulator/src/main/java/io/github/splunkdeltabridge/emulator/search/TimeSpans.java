package io.github.splunkdeltabridge.emulator.search;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** SPL time spans such as {@code span=1h}, {@code 30m}, {@code 10s}, {@code 1d}, {@code 1w}. */
final class TimeSpans {

    private static final Pattern SPAN = Pattern.compile("(\\d+)([a-z]+)");

    private TimeSpans() {}

    static Duration parse(String text, String command) {
        Matcher m = SPAN.matcher(text.toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw invalid(text, command);
        }
        long amount = Long.parseLong(m.group(1));
        Duration unit = switch (m.group(2)) {
            case "s", "sec", "secs", "second", "seconds" -> Duration.ofSeconds(1);
            case "m", "min", "mins", "minute", "minutes" -> Duration.ofMinutes(1);
            case "h", "hr", "hrs", "hour", "hours" -> Duration.ofHours(1);
            case "d", "day", "days" -> Duration.ofDays(1);
            case "w", "week", "weeks" -> Duration.ofDays(7);
            default -> throw invalid(text, command);
        };
        if (amount < 1) {
            throw invalid(text, command);
        }
        return unit.multipliedBy(amount);
    }

    private static SplunkRequestException invalid(String text, String command) {
        return SplunkRequestException.badRequest(
                "Error in '" + command + "' command: Invalid value for span: '" + text + "'");
    }
}
