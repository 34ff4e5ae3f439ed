package io.github.splunkdeltabridge.source;

import org.apache.kafka.common.config.ConfigDef;
import org.apache.kafka.common.config.ConfigException;
import org.apache.kafka.common.config.types.Password;

/**
 * An optional setting that, once given, must hold something: an empty token or password (often an unset
 * environment variable behind {@code ${env:...}}) is a mistake to report, not a credential to try.
 */
final class NotBlankValidator implements ConfigDef.Validator {

    @Override
    public void ensureValid(String name, Object value) {
        if (value == null) {
            return;
        }
        String text = value instanceof Password password ? password.value() : value.toString();
        if (text == null || text.isBlank()) {
            // The value is blank, so naming it reveals nothing; a Password's toString() is "[hidden]" anyway.
            throw new ConfigException(name + " is empty: give it a value, or leave it out");
        }
    }

    @Override
    public String toString() {
        return "non-empty";
    }
}
