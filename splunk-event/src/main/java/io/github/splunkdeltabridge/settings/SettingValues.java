package io.github.splunkdeltabridge.settings;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How durations and instants are written in settings, the same for the source connector, the Spark reader and every
 * command line (through cli-support's DurationConverter):
 * durations as ISO-8601 ({@code PT1H}, {@code P1D}) or short forms ({@code 500ms}, {@code 30s}, {@code 15m},
 * {@code 1h}, {@code 7d}); instants as ISO-8601 with an offset ({@code 2024-01-01T00:00:00Z}) or epoch seconds with an
 * optional fraction.
 */
public final class SettingValues {

    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");
    private static final Pattern EPOCH_SECONDS = Pattern.compile("\\d+(\\.\\d+)?");

    private SettingValues() {}

    /** @throws DateTimeParseException when the text is neither form */
    public static Duration duration(String text) {
        String trimmed = text.trim();
        Matcher shortForm = SHORT_DURATION.matcher(trimmed.toLowerCase(Locale.ROOT));
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
        return Duration.parse(trimmed);
    }

    /**
     * @return the instant, or null for a null or blank text
     * @throws DateTimeParseException when the text is neither form
     */
    public static Instant instantOrNull(String text) {
        if (text == null || text.isBlank()) {
            return null;
        }
        String trimmed = text.trim();
        if (EPOCH_SECONDS.matcher(trimmed).matches()) {
            BigDecimal seconds = new BigDecimal(trimmed);
            long whole = seconds.longValue();
            long nanos = seconds.subtract(BigDecimal.valueOf(whole))
                    .movePointRight(9)
                    .longValue();
            return Instant.ofEpochSecond(whole, nanos);
        }
        return OffsetDateTime.parse(trimmed).toInstant();
    }
}
