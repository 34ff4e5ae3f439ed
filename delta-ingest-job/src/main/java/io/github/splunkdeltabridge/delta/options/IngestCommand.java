package io.github.splunkdeltabridge.delta.options;

import io.github.splunkdeltabridge.cli.CommandLines;
import io.github.splunkdeltabridge.cli.DurationConverter;
import io.github.splunkdeltabridge.cli.HelpOption;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.UUID;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The job's command line: every option with its documentation (the usage help and the docs' options table are
 * generated from it), read by picocli from the arguments and from a {@code --config} file ({@link OptionsFile}), then
 * checked across options into {@link IngestOptions}. Spark stays out of this class: the docs build loads it without
 * Spark, and the job itself is handed in as a {@link Runner}.
 */
@Command(
        name = "delta-ingest-job",
        sortOptions = false,
        showDefaultValues = true,
        description =
                "Ingests the objects the S3 sink landed into Delta tables, deduplicated and merged on the event id.",
        footer = {
            "",
            "Options can also come from a properties file (--config FILE) with the option names as keys:"
                    + " source-path=..., spark-conf.KEY=..., source-option.KEY=...; the command line wins.",
            "Exit codes: 0 done, 1 the ingestion failed, 2 bad options."
        })
public final class IngestCommand implements Callable<Integer> {

    static final String CONFIG = "--config";

    /** Runs the job once its options are valid. */
    @FunctionalInterface
    public interface Runner {
        void run(IngestOptions options) throws Exception;
    }

    @Spec
    private CommandSpec commandSpec;

    private final Runner runner;
    private final OptionsFile file = new OptionsFile(() -> this.configFile);

    @Option(
            names = "--source-path",
            paramLabel = "PATH",
            description = "Directory the S3 sink writes to (its topics.dir, such as s3a://bucket/topics, or"
                    + " s3://bucket/topics on Databricks), or one topic's directory. Read recursively, whatever the"
                    + " partitioner's depth. Required, except with --source-reader splunk.")
    private String sourcePath;

    @Option(
            names = "--source-format",
            paramLabel = "parquet|avro",
            defaultValue = "parquet",
            description = "Format of the landed objects.")
    private SourceFormat sourceFormat;

    @Option(
            names = "--source-reader",
            paramLabel = "files|autoloader|splunk",
            defaultValue = "files",
            description = "files: Spark's file streaming source (runs anywhere). autoloader: Databricks Auto Loader"
                    + " (cloudFiles). splunk: read Splunk directly, no Kafka (splunk-spark-source; settings as"
                    + " --source-option splunk.url=..., splunk.indexes=..., splunk.backfill.start=...).")
    private SourceReader sourceReader;

    @Option(
            names = "--checkpoint-location",
            required = true,
            paramLabel = "PATH",
            description = "Streaming checkpoint: which objects were ingested. Keep it for the life of the table; one"
                    + " per job; never inside --source-path.")
    private String checkpointLocation;

    @Option(
            names = "--schema-location",
            paramLabel = "PATH",
            description = "Auto Loader only: cloudFiles.schemaLocation. Default: CHECKPOINT/autoloader-schema.")
    private String schemaLocation;

    @Option(
            names = "--file-notifications",
            description = "Auto Loader only: discover objects through S3 event notifications"
                    + " (cloudFiles.useNotifications) instead of listing.")
    private boolean fileNotifications;

    @Option(
            names = "--max-files-per-trigger",
            paramLabel = "N",
            description = "Most objects per micro-batch (cloudFiles.maxFilesPerTrigger / maxFilesPerTrigger)."
                    + " Default: the reader's.")
    private Integer maxFilesPerTrigger;

    @Option(
            names = "--max-bytes-per-trigger",
            paramLabel = "SIZE",
            converter = ByteSizeConverter.class,
            description = "Soft limit of bytes per micro-batch, such as 512m or 10g (cloudFiles.maxBytesPerTrigger /"
                    + " maxBytesPerTrigger). Default: none.")
    private Long maxBytesPerTrigger;

    @Option(
            names = "--source-option",
            paramLabel = "KEY=VALUE",
            description = "Extra reader option, repeatable, applied last, such as cloudFiles.region=eu-west-1; with"
                    + " --source-reader splunk, the Splunk reader's settings (splunk.*).")
    private Map<String, String> sourceOptions;

    @Option(
            names = "--target-path",
            paramLabel = "PATH",
            description = "Delta table location; with --table-mode per-index the parent of one directory per index."
                    + " Give this or --target-table.")
    private String targetPath;

    @Option(
            names = "--target-table",
            paramLabel = "NAME",
            description = "Delta table name (catalog.schema.table); with --table-mode per-index the prefix of one"
                    + " table per index (NAME_web, NAME_os, ...).")
    private String targetTable;

    @Option(
            names = "--table-mode",
            paramLabel = "single|per-index",
            defaultValue = "single",
            description = "One table for all indexes, or one per index.")
    private TableMode tableMode;

    @Option(
            names = "--table-layout",
            paramLabel = "partitioned|clustered",
            defaultValue = "partitioned",
            description = "New tables: PARTITIONED BY or CLUSTER BY (index, event_date). Existing tables keep theirs.")
    private TableLayout tableLayout;

    @Option(
            names = "--trigger",
            paramLabel = "available-now|processing-time",
            defaultValue = "available-now",
            description = "available-now: ingest what is there and stop (scheduled runs). processing-time: run"
                    + " continuously.")
    private TriggerMode trigger;

    @Option(
            names = "--trigger-interval",
            paramLabel = "DURATION",
            defaultValue = "1m",
            description = "processing-time only: time between micro-batches (" + DurationConverter.FORMS + ").")
    private Duration triggerInterval;

    @Option(
            names = "--master",
            paramLabel = "URL",
            description = "Spark master for local runs, such as local[*]. Default: the one spark-submit or Databricks"
                    + " sets.")
    private String master;

    @Option(
            names = "--spark-conf",
            paramLabel = "KEY=VALUE",
            description = "Spark setting, repeatable, such as spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000."
                    + " Values of secret-looking keys are never logged.")
    private Map<String, String> sparkConf;

    @Option(
            names = "--txn-app-id",
            paramLabel = "ID",
            description = "Delta idempotent-write application id (txnAppId): a replayed micro-batch is skipped."
                    + " Default: derived from --checkpoint-location.")
    private String txnAppId;

    @Option(
            names = "--query-name",
            paramLabel = "NAME",
            defaultValue = "splunk-delta-ingest",
            description = "Streaming query name (Spark UI, logs).")
    private String queryName;

    @Option(
            names = CONFIG,
            paramLabel = "FILE",
            description = "Properties file with the option names as keys (spark-conf.KEY=VALUE for the repeatable"
                    + " ones); the command line wins.")
    private Path configFile;

    @Mixin
    private HelpOption help;

    private IngestCommand(Runner runner) {
        this.runner = runner;
    }

    /** The job's command line; {@code execute} runs {@code runner} with the options, or prints help or an error. */
    public static CommandLine commandLine(Runner runner) {
        IngestCommand command = new IngestCommand(runner);
        CommandLine commandLine = CommandLines.create(command);
        commandLine.registerConverter(
                SourceFormat.class, new OptionChoice<>(SourceFormat.values(), SourceFormat::optionValue));
        commandLine.registerConverter(
                SourceReader.class, new OptionChoice<>(SourceReader.values(), SourceReader::optionValue));
        commandLine.registerConverter(TableMode.class, new OptionChoice<>(TableMode.values(), TableMode::optionValue));
        commandLine.registerConverter(
                TableLayout.class, new OptionChoice<>(TableLayout.values(), TableLayout::optionValue));
        commandLine.registerConverter(
                TriggerMode.class, new OptionChoice<>(TriggerMode.values(), TriggerMode::optionValue));
        commandLine.setDefaultValueProvider(command.file);
        return commandLine;
    }

    /** The options' model, for the generated docs. */
    public static CommandSpec spec() {
        return commandLine(options -> {}).getCommandSpec();
    }

    /**
     * Reads and checks the options without running anything (for a Databricks jar task, which reports a failure
     * through an exception, and for tests); a bad option throws a {@link ParameterException} naming it.
     */
    public static IngestOptions parse(String... args) {
        CommandLine commandLine = commandLine(options -> {});
        commandLine.parseArgs(args);
        if (commandLine.isUsageHelpRequested()) {
            throw new ParameterException(commandLine, "--help prints the options and runs nothing");
        }
        IngestCommand command = commandLine.getCommand();
        return command.toOptions();
    }

    @Override
    public Integer call() throws Exception {
        IngestOptions options = toOptions();
        try {
            runner.run(options);
        } catch (InvalidOptionsException e) {
            // An option that proved wrong once the job looked (a source path that does not exist): bad usage too.
            throw new ParameterException(commandSpec.commandLine(), e.getMessage(), e);
        }
        return 0;
    }

    /** The options checked across each other. */
    IngestOptions toOptions() {
        String source;
        if (sourceReader == SourceReader.SPLUNK) {
            // Splunk is read directly: there are no landed objects, and their options do not apply.
            for (String option :
                    List.of("--source-path", "--source-format", "--max-files-per-trigger", "--max-bytes-per-trigger")) {
                rejectIfGiven(option, "--source-reader files or autoloader");
            }
            source = "";
        } else {
            source = stripTrailingSlash(present(sourcePath)
                    .orElseThrow(() -> error("--source-path is required: the directory the S3 sink writes to, such as"
                            + " s3a://bucket/topics (or --source-reader splunk to read Splunk itself)")));
        }
        String checkpoint = stripTrailingSlash(checkpointLocation);
        if (sourceReader != SourceReader.AUTO_LOADER) {
            rejectIfGiven("--schema-location", "--source-reader autoloader");
            if (fileNotifications) {
                rejectIfGiven("--file-notifications", "--source-reader autoloader");
            }
        }
        if (trigger != TriggerMode.PROCESSING_TIME) {
            rejectIfGiven("--trigger-interval", "--trigger processing-time");
        }
        if (maxFilesPerTrigger != null && maxFilesPerTrigger <= 0) {
            throw error(origin("--max-files-per-trigger") + " must be a positive whole number, got '"
                    + maxFilesPerTrigger + "'");
        }
        TargetTable target = target();
        if (!source.isEmpty()) {
            if (target.isPath()) {
                rejectNested("--target-path", target.location(), source);
            }
            rejectNested("--checkpoint-location", checkpoint, source);
        }
        return new IngestOptions(
                source,
                sourceFormat,
                sourceReader,
                checkpoint,
                present(schemaLocation)
                        .map(IngestCommand::stripTrailingSlash)
                        .orElse(checkpoint + "/autoloader-schema"),
                fileNotifications,
                maxFilesPerTrigger == null ? OptionalInt.empty() : OptionalInt.of(maxFilesPerTrigger),
                maxBytesPerTrigger == null ? OptionalLong.empty() : OptionalLong.of(maxBytesPerTrigger),
                keyValues("--source-option", sourceOptions),
                target,
                tableMode,
                tableLayout,
                trigger,
                triggerInterval,
                present(master),
                keyValues("--spark-conf", sparkConf),
                present(txnAppId)
                        .orElseGet(() -> "splunk-delta-ingest-"
                                + UUID.nameUUIDFromBytes(checkpoint.getBytes(StandardCharsets.UTF_8))),
                queryName);
    }

    private TargetTable target() {
        Optional<String> path = present(targetPath);
        Optional<String> table = present(targetTable);
        if (path.isPresent() && table.isPresent()) {
            throw error("--target-path and --target-table exclude each other: give one");
        }
        if (path.isEmpty() && table.isEmpty()) {
            throw error(
                    "--target-path or --target-table is required: where the Delta table lives (a path or a table name)");
        }
        return path.map(p -> TargetTable.path(stripTrailingSlash(p))).orElseGet(() -> TargetTable.name(table.get()));
    }

    /** The file source lists recursively: a table or checkpoint under the source path would be read back as input. */
    private void rejectNested(String option, String location, String source) {
        if (location.equals(source) || location.startsWith(source + "/")) {
            throw error(origin(option) + " " + location + " must not be inside --source-path " + source
                    + " (the job reads that directory recursively)");
        }
    }

    private void rejectIfGiven(String option, String requirement) {
        if (commandLineHas(option) || file.sets(optionSpec(option))) {
            throw error(origin(option) + " applies only with " + requirement);
        }
    }

    /** The file's entries for a repeatable KEY=VALUE option, overridden entry by entry by the command line's. */
    private Map<String, String> keyValues(String option, Map<String, String> fromCommandLine) {
        Map<String, String> merged = new LinkedHashMap<>(file.keyValues(optionSpec(option)));
        if (fromCommandLine != null) {
            merged.putAll(fromCommandLine);
        }
        if (merged.containsKey("")) {
            throw error(option + " needs KEY=VALUE with a non-empty KEY");
        }
        return merged;
    }

    /** How an error names an option: as typed on the command line, or as the key of the --config file. */
    private String origin(String option) {
        return commandLineHas(option) || !file.sets(optionSpec(option)) ? option : file.origin(optionSpec(option));
    }

    private boolean commandLineHas(String option) {
        return commandSpec.commandLine().getParseResult().hasMatchedOption(option);
    }

    private OptionSpec optionSpec(String option) {
        return commandSpec.findOption(option);
    }

    private ParameterException error(String message) {
        return new ParameterException(commandSpec.commandLine(), message);
    }

    private static Optional<String> present(String value) {
        return Optional.ofNullable(value).map(String::trim).filter(v -> !v.isEmpty());
    }

    private static String stripTrailingSlash(String path) {
        String stripped = path.trim();
        while (stripped.length() > 1 && stripped.endsWith("/") && !stripped.endsWith("://")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }
}
