package io.github.splunkdeltabridge.delta.options;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Everything the job needs, validated. Built by {@link IngestCommand} from the command line and/or a properties
 * file; see the options table in the docs.
 */
public record IngestOptions(
        String sourcePath,
        SourceFormat sourceFormat,
        SourceReader sourceReader,
        String checkpointLocation,
        String schemaLocation,
        boolean fileNotifications,
        OptionalInt maxFilesPerTrigger,
        OptionalLong maxBytesPerTrigger,
        Map<String, String> sourceOptions,
        TargetTable target,
        TableMode tableMode,
        TableLayout tableLayout,
        TriggerMode triggerMode,
        Duration triggerInterval,
        Optional<String> master,
        Map<String, String> sparkConf,
        String txnAppId,
        String queryName) {

    /** Keys whose values are credentials: never printed. */
    private static final Pattern SECRET_KEY =
            Pattern.compile("(?i).*(secret|password|token|credential|session\\.key|access\\.key|sas|signature).*");

    public IngestOptions {
        Objects.requireNonNull(sourcePath, "sourcePath");
        Objects.requireNonNull(sourceFormat, "sourceFormat");
        Objects.requireNonNull(sourceReader, "sourceReader");
        Objects.requireNonNull(checkpointLocation, "checkpointLocation");
        Objects.requireNonNull(schemaLocation, "schemaLocation");
        Objects.requireNonNull(maxFilesPerTrigger, "maxFilesPerTrigger");
        Objects.requireNonNull(maxBytesPerTrigger, "maxBytesPerTrigger");
        sourceOptions = Map.copyOf(sourceOptions);
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(tableMode, "tableMode");
        Objects.requireNonNull(tableLayout, "tableLayout");
        Objects.requireNonNull(triggerMode, "triggerMode");
        Objects.requireNonNull(triggerInterval, "triggerInterval");
        Objects.requireNonNull(master, "master");
        sparkConf = Map.copyOf(sparkConf);
        Objects.requireNonNull(txnAppId, "txnAppId");
        Objects.requireNonNull(queryName, "queryName");
    }

    public static boolean isSecretKey(String key) {
        return SECRET_KEY.matcher(key).matches();
    }

    /** The options for logs: values of credential-like keys are replaced, so S3 keys never reach a log. */
    @Override
    public String toString() {
        return "IngestOptions{source="
                + (sourceReader == SourceReader.SPLUNK
                        ? "splunk"
                        : sourcePath + " (" + sourceFormat.optionValue() + ", " + sourceReader.optionValue() + ")")
                + ", checkpoint=" + checkpointLocation
                + (sourceReader == SourceReader.AUTO_LOADER
                        ? ", schemaLocation=" + schemaLocation + ", fileNotifications=" + fileNotifications
                        : "")
                + maxFilesPerTrigger.stream()
                        .mapToObj(n -> ", maxFilesPerTrigger=" + n)
                        .findFirst()
                        .orElse("")
                + maxBytesPerTrigger.stream()
                        .mapToObj(n -> ", maxBytesPerTrigger=" + n)
                        .findFirst()
                        .orElse("")
                + ", sourceOptions=" + redacted(sourceOptions)
                + ", target=" + target + ", tableMode=" + tableMode.optionValue()
                + ", tableLayout=" + tableLayout.optionValue()
                + ", trigger=" + triggerMode.optionValue()
                + (triggerMode == TriggerMode.PROCESSING_TIME ? " every " + triggerInterval : "")
                + master.map(m -> ", master=" + m).orElse("")
                + ", sparkConf=" + redacted(sparkConf)
                + ", txnAppId=" + txnAppId + ", queryName=" + queryName + "}";
    }

    private static Map<String, String> redacted(Map<String, String> settings) {
        Map<String, String> shown = new TreeMap<>();
        settings.forEach((key, value) -> shown.put(key, isSecretKey(key) ? "*****" : value));
        return shown;
    }
}
