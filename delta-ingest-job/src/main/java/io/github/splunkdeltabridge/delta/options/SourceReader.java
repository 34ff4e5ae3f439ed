package io.github.splunkdeltabridge.delta.options;

/** Which Spark source lists the landed objects. Everything after the reader is the same code path. */
public enum SourceReader {
    /** Spark's own file streaming source: runs anywhere (local, EMR, spark-submit). */
    FILES("files"),
    /** Databricks Auto Loader ({@code format("cloudFiles")}): only on Databricks. */
    AUTO_LOADER("autoloader");

    private final String optionValue;

    SourceReader(String optionValue) {
        this.optionValue = optionValue;
    }

    public String optionValue() {
        return optionValue;
    }
}
