package io.github.splunkdeltabridge.delta.options;

/** Which Spark source the events come from. Everything after the reader is the same code path. */
public enum SourceReader {
    /** Spark's own file streaming source: runs anywhere (local, EMR, spark-submit). */
    FILES("files"),
    /** Databricks Auto Loader ({@code format("cloudFiles")}): only on Databricks. */
    AUTO_LOADER("autoloader"),
    /**
     * Splunk itself, through the Spark reader of splunk-spark-source ({@code format("splunk")}): a backfill (or a
     * repair) without Kafka or landed objects. Its settings are {@code --source-option splunk.*}.
     */
    SPLUNK("splunk");

    private final String optionValue;

    SourceReader(String optionValue) {
        this.optionValue = optionValue;
    }

    public String optionValue() {
        return optionValue;
    }
}
