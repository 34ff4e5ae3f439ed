package io.github.splunkdeltabridge.sink;

import org.apache.kafka.common.config.ConfigException;

/** A setting's value is wrong, possibly only in combination with others; remembers which setting to blame. */
public final class InvalidSettingException extends ConfigException {

    private final String setting;

    public InvalidSettingException(String setting, Object value, String message) {
        super(setting, value, message);
        this.setting = setting;
    }

    /** An error about several settings at once; {@code setting} is the one the REST validate endpoint shows it on. */
    public InvalidSettingException(String setting, String message) {
        super(message);
        this.setting = setting;
    }

    /** The key the REST validate endpoint shows the error on. */
    public String setting() {
        return setting;
    }
}
