package io.github.splunkdeltabridge.source;

import io.github.splunkdeltabridge.settings.SettingValues;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;

/** Accepts ISO-8601 instants with an offset ({@code 2024-01-01T00:00:00Z}) or epoch seconds with optional fraction. */
final class InstantValidator implements ConfigDef.Validator {

    static Instant parseOrNull(String text) {
        return SettingValues.instantOrNull(text);
    }

    @Override
    public void ensureValid(String name, Object value) {
        try {
            parseOrNull((String) value);
        } catch (DateTimeParseException e) {
            throw new ConfigException(
                    name,
                    value,
                    "not a time: use ISO-8601 with an offset such as 2024-01-01T00:00:00Z, or epoch seconds");
        }
    }

    @Override
    public String toString() {
        return "ISO-8601 time with offset (2024-01-01T00:00:00Z) or epoch seconds";
    }
}
