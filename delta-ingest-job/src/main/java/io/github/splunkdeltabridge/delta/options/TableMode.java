package io.github.splunkdeltabridge.delta.options;

/** One Delta table for every Splunk index, or one table per index. */
public enum TableMode {
    SINGLE("single"),
    PER_INDEX("per-index");

    private final String optionValue;

    TableMode(String optionValue) {
        this.optionValue = optionValue;
    }

    public String optionValue() {
        return optionValue;
    }
}
