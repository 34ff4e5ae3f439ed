package io.github.splunkdeltabridge.delta.options;

/** File format the S3 sink wrote. The glob skips anything else found under the source path. */
public enum SourceFormat {
    PARQUET("parquet", "*.parquet"),
    AVRO("avro", "*.avro");

    private final String optionValue;
    private final String fileGlob;

    SourceFormat(String optionValue, String fileGlob) {
        this.optionValue = optionValue;
        this.fileGlob = fileGlob;
    }

    public String optionValue() {
        return optionValue;
    }

    /** Spark's and Auto Loader's format name. */
    public String sparkFormat() {
        return optionValue;
    }

    /** Matches {@code .snappy.parquet}, {@code .zstd.parquet}, {@code .gz.parquet}, {@code .parquet} or {@code .avro}. */
    public String fileGlob() {
        return fileGlob;
    }
}
