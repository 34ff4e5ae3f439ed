package io.github.splunkdeltabridge.delta.source;

import io.github.splunkdeltabridge.delta.options.IngestOptions;
import io.github.splunkdeltabridge.delta.options.SourceReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Builds the reader for the landed objects: Auto Loader on Databricks, Spark's file source elsewhere. Both read the
 * source path recursively (the sink's partition directories have no fixed depth) and both skip partition discovery,
 * so that directory names such as {@code partition=0} or {@code year=2026} never become columns: the records already
 * carry their index and Kafka coordinates. Both track objects by path and read each once, which assumes landed
 * objects are immutable: the S3 sink never replaces an object.
 */
public final class SourceSpecs {

    /** Auto Loader's source name on Databricks. */
    public static final String AUTO_LOADER_FORMAT = "cloudFiles";

    private SourceSpecs() {}

    public static SourceSpec forOptions(IngestOptions options) {
        return options.sourceReader() == SourceReader.AUTO_LOADER ? autoLoader(options) : files(options);
    }

    static SourceSpec files(IngestOptions options) {
        Map<String, String> reader = new LinkedHashMap<>();
        reader.put("recursiveFileLookup", "true");
        reader.put("pathGlobFilter", options.sourceFormat().fileGlob());
        options.maxFilesPerTrigger().ifPresent(n -> reader.put("maxFilesPerTrigger", Integer.toString(n)));
        options.maxBytesPerTrigger().ifPresent(n -> reader.put("maxBytesPerTrigger", Long.toString(n)));
        reader.putAll(options.sourceOptions());
        return new SourceSpec(options.sourceFormat().sparkFormat(), reader, options.sourcePath());
    }

    static SourceSpec autoLoader(IngestOptions options) {
        Map<String, String> reader = new LinkedHashMap<>();
        reader.put("cloudFiles.format", options.sourceFormat().sparkFormat());
        reader.put("cloudFiles.schemaLocation", options.schemaLocation());
        // The schema is given (the sink's contract), so Auto Loader has nothing to infer; new columns are ignored
        // rather than stopping the stream, as the job writes a fixed set of columns anyway.
        reader.put("cloudFiles.schemaEvolutionMode", "none");
        // Empty: no Hive-style directory (partition=0, year=2026, ...) becomes a column.
        reader.put("cloudFiles.partitionColumns", "");
        reader.put("cloudFiles.useNotifications", Boolean.toString(options.fileNotifications()));
        if (options.fileNotifications()
                && !"true".equalsIgnoreCase(options.sourceOptions().get("cloudFiles.useManagedFileEvents"))) {
            // S3 event notifications are not guaranteed to arrive: a daily listing picks up what they missed
            // (Databricks' recommendation for file notification mode; not with managed file events).
            reader.put("cloudFiles.backfillInterval", "1 day");
        }
        // cloudFiles.allowOverwrites stays false: Auto Loader reads each path once, which is right because the S3
        // sink writes every object once (If-None-Match) and never replaces one.
        options.maxFilesPerTrigger().ifPresent(n -> reader.put("cloudFiles.maxFilesPerTrigger", Integer.toString(n)));
        options.maxBytesPerTrigger().ifPresent(n -> reader.put("cloudFiles.maxBytesPerTrigger", Long.toString(n)));
        reader.put("recursiveFileLookup", "true");
        reader.put("pathGlobFilter", options.sourceFormat().fileGlob());
        reader.putAll(options.sourceOptions());
        return new SourceSpec(AUTO_LOADER_FORMAT, reader, options.sourcePath());
    }
}
