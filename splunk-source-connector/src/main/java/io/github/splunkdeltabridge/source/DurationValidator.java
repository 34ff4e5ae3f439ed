package io.github.splunkdeltabridge.source;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Accepts ISO-8601 durations ({@code PT1H}, {@code P1D}) and short forms ({@code 500ms}, {@code 30s}, {@code 15m}, {@code 1h}, {@code 7d}). */
final class DurationValidator implements ConfigDef.Validator {

    private static final Pattern SHORT_FORM = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private final Duration minimum;
    private final boolean emptyAllowed;

    DurationValidator(Duration minimum) {
        this(minimum, false);
    }

    /** @param emptyAllowed whether an empty value (meaning "none") is accepted */
    DurationValidator(Duration minimum, boolean emptyAllowed) {
        this.minimum = minimum;
        this.emptyAllowed = emptyAllowed;
    }

    static Duration parse(String text) {
        String trimmed = text.trim();
        Matcher shortForm = SHORT_FORM.matcher(trimmed.toLowerCase(Locale.ROOT));
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

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null || emptyAllowed && value.toString().isBlank()) {
            return;
        }
        Duration duration;
        try {
            duration = parse(value.toString());
        } catch (DateTimeParseException e) {
            throw new ConfigException(
                    name, value, "not a duration: use ISO-8601 such as PT1H or a short form such as 30s, 15m, 1h, 1d");
        }
        if (duration.compareTo(minimum) < 0) {
            throw new ConfigException(name, value, "must be at least " + minimum);
        }
    }

    @Override
    public String toString() {
        return "ISO-8601 duration (PT1H) or short form (30s, 15m, 1h, 1d), at least " + minimum
                + (emptyAllowed ? ", or empty" : "");
    }
}
