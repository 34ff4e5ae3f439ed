package io.github.splunkdeltabridge.delta.options;

/** How new tables are laid out on {@code index} and {@code event_date}. */
public enum TableLayout {
    /** {@code PARTITIONED BY (index, event_date)}: readable by every Delta reader. */
    PARTITIONED("partitioned"),
    /** {@code CLUSTER BY (index, event_date)}: liquid clustering, Databricks' recommendation for new tables. */
    CLUSTERED("clustered");

    private final String optionValue;

    TableLayout(String optionValue) {
        this.optionValue = optionValue;
    }

    public String optionValue() {
        return optionValue;
    }
}
