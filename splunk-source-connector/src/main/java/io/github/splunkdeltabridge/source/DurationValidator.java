package io.github.splunkdeltabridge.source;

import io.github.splunkdeltabridge.settings.SettingValues;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Accepts ISO-8601 durations ({@code PT1H}, {@code P1D}) and short forms ({@code 500ms}, {@code 30s}, {@code 15m}, {@code 1h}, {@code 7d}). */
final class DurationValidator implements ConfigDef.Validator {

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
        return SettingValues.duration(text);
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
