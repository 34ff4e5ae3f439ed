package io.github.splunkdeltabridge.delta.options;

/** When micro-batches run. */
public enum TriggerMode {
    /** Process everything present at start (in batches bounded by the per-trigger limits), then stop: scheduled runs. */
    AVAILABLE_NOW("available-now"),
    /** Keep running, one micro-batch every interval: continuous ingestion. */
    PROCESSING_TIME("processing-time");

    private final String optionValue;

    TriggerMode(String optionValue) {
        this.optionValue = optionValue;
    }

    public String optionValue() {
        return optionValue;
    }
}
