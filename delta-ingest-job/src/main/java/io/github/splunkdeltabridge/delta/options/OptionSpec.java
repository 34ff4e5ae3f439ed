package io.github.splunkdeltabridge.delta.options;

/**
 * One job option as documented: command-line name without dashes (also its key in a properties file), the value's
 * shape, its default, and what it does.
 */
public record OptionSpec(String name, String value, String defaultValue, String description) {

    public String flag() {
        return "--" + name;
    }
}
