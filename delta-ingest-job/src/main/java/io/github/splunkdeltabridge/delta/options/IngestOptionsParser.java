package io.github.splunkdeltabridge.delta.options;

import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.OptionalLong;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Reads the job's options from {@code --name value} / {@code --name=value} arguments and, with {@code --config FILE},
 * from a properties file using the same names as keys ({@code source-path=...}, {@code spark-conf.KEY=...}). The
 * command line wins over the file. Every error names the option.
 */
public final class IngestOptionsParser {

    static final String SOURCE_PATH = "source-path";
    static final String SOURCE_FORMAT = "source-format";
    static final String SOURCE_READER = "source-reader";
    static final String CHECKPOINT_LOCATION = "checkpoint-location";
    static final String SCHEMA_LOCATION = "schema-location";
    static final String FILE_NOTIFICATIONS = "file-notifications";
    static final String MAX_FILES_PER_TRIGGER = "max-files-per-trigger";
    static final String MAX_BYTES_PER_TRIGGER = "max-bytes-per-trigger";
    static final String SOURCE_OPTION = "source-option";
    static final String TARGET_PATH = "target-path";
    static final String TARGET_TABLE = "target-table";
    static final String TABLE_MODE = "table-mode";
    static final String TABLE_LAYOUT = "table-layout";
    static final String TRIGGER = "trigger";
    static final String TRIGGER_INTERVAL = "trigger-interval";
    static final String MASTER = "master";
    static final String SPARK_CONF = "spark-conf";
    static final String TXN_APP_ID = "txn-app-id";
    static final String QUERY_NAME = "query-name";
    static final String CONFIG = "config";
    static final String HELP = "help";

    private static final Duration DEFAULT_TRIGGER_INTERVAL = Duration.ofMinutes(1);
    private static final String DEFAULT_QUERY_NAME = "splunk-delta-ingest";

    /** Every option, in the order the usage text and the README list them. */
    public static final List<OptionSpec> OPTIONS = List.of(
            new OptionSpec(
                    SOURCE_PATH,
                    "PATH",
                    "(required)",
                    "Directory the S3 sink writes to (its topics.dir, e.g. s3a://bucket/topics or s3://bucket/topics on"
                            + " Databricks), or one topic's directory. Read recursively, whatever the partitioner's depth."
                            + " Not with --source-reader splunk."),
            new OptionSpec(SOURCE_FORMAT, "parquet|avro", "parquet", "Format of the landed objects."),
            new OptionSpec(
                    SOURCE_READER,
                    "files|autoloader|splunk",
                    "files",
                    "files: Spark's file streaming source (anywhere). autoloader: Databricks Auto Loader (cloudFiles)."
                            + " splunk: read Splunk directly, no Kafka (splunk-spark-source; settings as --source-option"
                            + " splunk.url=..., splunk.indexes=..., splunk.backfill.start=...)."),
            new OptionSpec(
                    CHECKPOINT_LOCATION,
                    "PATH",
                    "(required)",
                    "Streaming checkpoint: which objects were ingested. Keep it for the life of the table; one per job;"
                            + " never inside --source-path."),
            new OptionSpec(
                    SCHEMA_LOCATION,
                    "PATH",
                    "CHECKPOINT/autoloader-schema",
                    "Auto Loader only: cloudFiles.schemaLocation."),
            new OptionSpec(
                    FILE_NOTIFICATIONS,
                    "",
                    "false",
                    "Auto Loader only: discover objects through S3 event notifications (cloudFiles.useNotifications)"
                            + " instead of listing."),
            new OptionSpec(
                    MAX_FILES_PER_TRIGGER,
                    "N",
                    "(reader's default)",
                    "Most objects per micro-batch (cloudFiles.maxFilesPerTrigger / maxFilesPerTrigger)."),
            new OptionSpec(
                    MAX_BYTES_PER_TRIGGER,
                    "SIZE",
                    "(none)",
                    "Soft limit of bytes per micro-batch, e.g. 512m, 10g (cloudFiles.maxBytesPerTrigger /"
                            + " maxBytesPerTrigger)."),
            new OptionSpec(
                    SOURCE_OPTION,
                    "KEY=VALUE",
                    "",
                    "Extra reader option, repeatable, applied last (e.g. cloudFiles.region=eu-west-1); with"
                            + " --source-reader splunk, the Splunk reader's settings (splunk.*)."),
            new OptionSpec(
                    TARGET_PATH,
                    "PATH",
                    "",
                    "Delta table location; with --table-mode per-index the parent of one directory per index."
                            + " Give this or --target-table."),
            new OptionSpec(
                    TARGET_TABLE,
                    "NAME",
                    "",
                    "Delta table name (catalog.schema.table); with --table-mode per-index the prefix of NAME_<index>."),
            new OptionSpec(TABLE_MODE, "single|per-index", "single", "One table for all indexes, or one per index."),
            new OptionSpec(
                    TABLE_LAYOUT,
                    "partitioned|clustered",
                    "partitioned",
                    "New tables: PARTITIONED BY or CLUSTER BY (index, event_date). Existing tables keep theirs."),
            new OptionSpec(
                    TRIGGER,
                    "available-now|processing-time",
                    "available-now",
                    "available-now: ingest what is there and stop (scheduled runs). processing-time: run continuously."),
            new OptionSpec(
                    TRIGGER_INTERVAL,
                    "DURATION",
                    "1m",
                    "processing-time only: time between micro-batches (30s, 5m, PT1H)."),
            new OptionSpec(
                    MASTER, "URL", "(from spark-submit / Databricks)", "Spark master for local runs, e.g. local[*]."),
            new OptionSpec(
                    SPARK_CONF,
                    "KEY=VALUE",
                    "",
                    "Spark setting, repeatable (e.g. spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000)."
                            + " Values of secret-looking keys are never logged."),
            new OptionSpec(
                    TXN_APP_ID,
                    "ID",
                    "derived from --checkpoint-location",
                    "Delta idempotent-write application id (txnAppId); a replayed micro-batch is skipped."),
            new OptionSpec(QUERY_NAME, "NAME", DEFAULT_QUERY_NAME, "Streaming query name (Spark UI, logs)."),
            new OptionSpec(CONFIG, "FILE", "", "Properties file with the same names as keys; the command line wins."),
            new OptionSpec(HELP, "", "", "Print this help."));

    private static final Set<String> KNOWN =
            OPTIONS.stream().map(OptionSpec::name).collect(Collectors.toSet());
    private static final Set<String> FLAGS = Set.of(FILE_NOTIFICATIONS, HELP);
    private static final Set<String> KEY_VALUE_OPTIONS = Set.of(SOURCE_OPTION, SPARK_CONF);
    private static final Pattern BYTE_SIZE = Pattern.compile("(\\d+)\\s*([kmgt]?)b?");
    private static final Pattern SHORT_DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)");

    private IngestOptionsParser() {}

    public static boolean wantsHelp(String... args) {
        return args.length == 0
                || Arrays.asList(args).contains("--help")
                || Arrays.asList(args).contains("-h");
    }

    public static String usage() {
        StringBuilder text = new StringBuilder("Usage: delta-ingest-job [options]\n\n");
        for (OptionSpec option : OPTIONS) {
            String left = option.flag() + (option.value().isEmpty() ? "" : " " + option.value());
            String suffix = switch (option.defaultValue()) {
                case "" -> "";
                case "(required)" -> " Required.";
                default -> " Default: " + option.defaultValue() + ".";
            };
            text.append(String.format(Locale.ROOT, "  %-44s %s%s%n", left, option.description(), suffix));
        }
        return text.toString();
    }

    public static IngestOptions parse(String... args) {
        RawOptions commandLine = fromCommandLine(args);
        RawOptions merged = commandLine
                .single(CONFIG)
                .map(file -> fromPropertiesFile(Path.of(file)).overriddenBy(commandLine))
                .orElse(commandLine);
        return build(merged);
    }

    private static RawOptions fromCommandLine(String[] args) {
        RawOptions raw = new RawOptions();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (!arg.startsWith("--") || arg.length() == 2) {
                throw new InvalidOptionsException("unexpected argument '" + arg + "': options look like --name value");
            }
            String name = arg.substring(2);
            String value = null;
            int equals = name.indexOf('=');
            if (equals >= 0) {
                value = name.substring(equals + 1);
                name = name.substring(0, equals);
            }
            if (!KNOWN.contains(name)) {
                throw new InvalidOptionsException("unknown option --" + name + " (see --help)");
            }
            if (value == null) {
                if (FLAGS.contains(name)) {
                    value = "true";
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    value = args[++i];
                } else {
                    throw new InvalidOptionsException("--" + name + " needs a value");
                }
            }
            raw.put(name, value, "--" + name);
        }
        return raw;
    }

    private static RawOptions fromPropertiesFile(Path file) {
        Properties properties = new Properties();
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            properties.load(reader);
        } catch (NoSuchFileException e) {
            throw new InvalidOptionsException("--config " + file + " does not exist");
        } catch (IOException e) {
            throw new InvalidOptionsException("--config " + file + " cannot be read: " + e.getMessage(), e);
        }
        RawOptions raw = new RawOptions();
        for (String key : properties.stringPropertyNames().stream().sorted().toList()) {
            String value = properties.getProperty(key).trim();
            String where = "'" + key + "' in " + file;
            int dot = key.indexOf('.');
            String prefix = dot > 0 ? key.substring(0, dot) : key;
            if (dot > 0 && KEY_VALUE_OPTIONS.contains(prefix)) {
                raw.putKeyValue(prefix, key.substring(dot + 1), value, where);
            } else if (KNOWN.contains(key) && !key.equals(CONFIG) && !key.equals(HELP)) {
                raw.put(key, value, where);
            } else {
                throw new InvalidOptionsException("unknown key " + where);
            }
        }
        return raw;
    }

    private static IngestOptions build(RawOptions raw) {
        SourceReader reader = raw.enumValue(SOURCE_READER, SourceReader.values(), SourceReader::optionValue)
                .orElse(SourceReader.FILES);
        String sourcePath;
        if (reader == SourceReader.SPLUNK) {
            // Splunk is read directly: there are no landed objects, and their options do not apply.
            for (String option : List.of(SOURCE_PATH, SOURCE_FORMAT, MAX_FILES_PER_TRIGGER, MAX_BYTES_PER_TRIGGER)) {
                raw.rejectUnless(option, "--source-reader files or autoloader");
            }
            sourcePath = "";
        } else {
            sourcePath = stripTrailingSlash(
                    raw.required(SOURCE_PATH, "the directory the S3 sink writes to, e.g. s3a://bucket/topics"));
        }
        String checkpoint = stripTrailingSlash(raw.required(
                CHECKPOINT_LOCATION,
                "a directory where the job records which objects it has ingested; keep it between runs"));
        if (reader != SourceReader.AUTO_LOADER) {
            raw.rejectUnless(SCHEMA_LOCATION, "--source-reader autoloader");
            raw.rejectUnless(FILE_NOTIFICATIONS, "--source-reader autoloader");
        }
        TriggerMode trigger = raw.enumValue(TRIGGER, TriggerMode.values(), TriggerMode::optionValue)
                .orElse(TriggerMode.AVAILABLE_NOW);
        if (trigger != TriggerMode.PROCESSING_TIME) {
            raw.rejectUnless(TRIGGER_INTERVAL, "--trigger processing-time");
        }
        TargetTable target = target(raw);
        if (!sourcePath.isEmpty()) {
            if (target.isPath()) {
                rejectNested(TARGET_PATH, target.location(), sourcePath);
            }
            rejectNested(CHECKPOINT_LOCATION, checkpoint, sourcePath);
        }
        return new IngestOptions(
                sourcePath,
                raw.enumValue(SOURCE_FORMAT, SourceFormat.values(), SourceFormat::optionValue)
                        .orElse(SourceFormat.PARQUET),
                reader,
                checkpoint,
                raw.single(SCHEMA_LOCATION)
                        .map(IngestOptionsParser::stripTrailingSlash)
                        .orElse(checkpoint + "/autoloader-schema"),
                raw.booleanValue(FILE_NOTIFICATIONS),
                raw.positiveInt(MAX_FILES_PER_TRIGGER),
                raw.byteSize(MAX_BYTES_PER_TRIGGER),
                raw.keyValues(SOURCE_OPTION),
                target,
                raw.enumValue(TABLE_MODE, TableMode.values(), TableMode::optionValue)
                        .orElse(TableMode.SINGLE),
                raw.enumValue(TABLE_LAYOUT, TableLayout.values(), TableLayout::optionValue)
                        .orElse(TableLayout.PARTITIONED),
                trigger,
                raw.duration(TRIGGER_INTERVAL).orElse(DEFAULT_TRIGGER_INTERVAL),
                raw.single(MASTER),
                raw.keyValues(SPARK_CONF),
                raw.single(TXN_APP_ID)
                        .orElseGet(() -> "splunk-delta-ingest-"
                                + UUID.nameUUIDFromBytes(checkpoint.getBytes(StandardCharsets.UTF_8))),
                raw.single(QUERY_NAME).orElse(DEFAULT_QUERY_NAME));
    }

    private static TargetTable target(RawOptions raw) {
        Optional<String> path = raw.single(TARGET_PATH);
        Optional<String> table = raw.single(TARGET_TABLE);
        if (path.isPresent() && table.isPresent()) {
            throw new InvalidOptionsException("--target-path and --target-table exclude each other: give one");
        }
        if (path.isEmpty() && table.isEmpty()) {
            throw new InvalidOptionsException(
                    "--target-path or --target-table is required: where the Delta table lives (a path or a table name)");
        }
        return path.map(p -> TargetTable.path(stripTrailingSlash(p))).orElseGet(() -> TargetTable.name(table.get()));
    }

    /** The file source lists recursively: a table or checkpoint under the source path would be read back as input. */
    private static void rejectNested(String option, String location, String sourcePath) {
        if (location.equals(sourcePath) || location.startsWith(sourcePath + "/")) {
            throw new InvalidOptionsException("--" + option + " " + location + " must not be inside --source-path "
                    + sourcePath + " (the job reads that directory recursively)");
        }
    }

    private static String stripTrailingSlash(String path) {
        String stripped = path;
        while (stripped.length() > 1 && stripped.endsWith("/") && !stripped.endsWith("://")) {
            stripped = stripped.substring(0, stripped.length() - 1);
        }
        return stripped;
    }

    /** Option values as read, with where each came from (for error messages). */
    private static final class RawOptions {
        private final Map<String, String> values = new LinkedHashMap<>();
        private final Map<String, String> origins = new LinkedHashMap<>();
        private final Map<String, Map<String, String>> keyValues = new LinkedHashMap<>();

        void put(String name, String value, String origin) {
            if (KEY_VALUE_OPTIONS.contains(name)) {
                int equals = value.indexOf('=');
                if (equals <= 0) {
                    throw new InvalidOptionsException(origin + " needs KEY=VALUE, got '" + value + "'");
                }
                putKeyValue(name, value.substring(0, equals).trim(), value.substring(equals + 1), origin);
                return;
            }
            if (values.containsKey(name) && origin.startsWith("--")) {
                throw new InvalidOptionsException(origin + " is given more than once");
            }
            values.put(name, value.trim());
            origins.put(name, origin);
        }

        void putKeyValue(String name, String key, String value, String origin) {
            if (key.isEmpty()) {
                throw new InvalidOptionsException(origin + " needs KEY=VALUE with a non-empty KEY");
            }
            keyValues.computeIfAbsent(name, n -> new LinkedHashMap<>()).put(key, value);
        }

        RawOptions overriddenBy(RawOptions winner) {
            RawOptions merged = new RawOptions();
            merged.values.putAll(values);
            merged.origins.putAll(origins);
            merged.values.putAll(winner.values);
            merged.origins.putAll(winner.origins);
            keyValues.forEach((name, map) -> merged.keyValues.put(name, new LinkedHashMap<>(map)));
            winner.keyValues.forEach((name, map) -> merged.keyValues
                    .computeIfAbsent(name, n -> new LinkedHashMap<>())
                    .putAll(map));
            return merged;
        }

        Optional<String> single(String name) {
            return Optional.ofNullable(values.get(name)).filter(v -> !v.isEmpty());
        }

        String required(String name, String what) {
            return single(name).orElseThrow(() -> new InvalidOptionsException("--" + name + " is required: " + what));
        }

        void rejectUnless(String name, String requirement) {
            if (values.containsKey(name)) {
                throw new InvalidOptionsException(origin(name) + " applies only with " + requirement);
            }
        }

        Map<String, String> keyValues(String name) {
            return keyValues.getOrDefault(name, Map.of());
        }

        <E extends Enum<E>> Optional<E> enumValue(String name, E[] choices, Function<E, String> spelling) {
            return single(name)
                    .map(value -> Arrays.stream(choices)
                            .filter(choice -> spelling.apply(choice).equalsIgnoreCase(value))
                            .findFirst()
                            .orElseThrow(() -> new InvalidOptionsException(origin(name) + " must be one of "
                                    + Arrays.stream(choices).map(spelling).collect(Collectors.joining(", "))
                                    + ", got '" + value + "'")));
        }

        boolean booleanValue(String name) {
            return single(name)
                    .map(value -> switch (value.toLowerCase(Locale.ROOT)) {
                        case "true" -> true;
                        case "false" -> false;
                        default ->
                            throw new InvalidOptionsException(
                                    origin(name) + " must be true or false, got '" + value + "'");
                    })
                    .orElse(false);
        }

        OptionalInt positiveInt(String name) {
            Optional<String> value = single(name);
            if (value.isEmpty()) {
                return OptionalInt.empty();
            }
            try {
                int number = Integer.parseInt(value.get());
                if (number > 0) {
                    return OptionalInt.of(number);
                }
            } catch (NumberFormatException e) {
                // reported below
            }
            throw new InvalidOptionsException(
                    origin(name) + " must be a positive whole number, got '" + value.get() + "'");
        }

        OptionalLong byteSize(String name) {
            Optional<String> value = single(name);
            if (value.isEmpty()) {
                return OptionalLong.empty();
            }
            Matcher matcher = BYTE_SIZE.matcher(value.get().toLowerCase(Locale.ROOT));
            if (matcher.matches()) {
                int shift = switch (matcher.group(2)) {
                    case "k" -> 10;
                    case "m" -> 20;
                    case "g" -> 30;
                    case "t" -> 40;
                    default -> 0;
                };
                try {
                    long bytes = Math.multiplyExact(Long.parseLong(matcher.group(1)), 1L << shift);
                    if (bytes > 0) {
                        return OptionalLong.of(bytes);
                    }
                } catch (ArithmeticException | NumberFormatException e) {
                    // reported below
                }
            }
            throw new InvalidOptionsException(origin(name)
                    + " must be a positive size in bytes, optionally with k, m, g or t (512m, 10g), got '"
                    + value.get() + "'");
        }

        Optional<Duration> duration(String name) {
            return single(name).map(value -> {
                Duration duration = parseDuration(value);
                if (duration == null || duration.isNegative() || duration.isZero()) {
                    throw new InvalidOptionsException(origin(name)
                            + " must be a positive duration such as 30s, 5m, 1h or PT1M, got '" + value + "'");
                }
                return duration;
            });
        }

        private static Duration parseDuration(String value) {
            Matcher matcher = SHORT_DURATION.matcher(value.toLowerCase(Locale.ROOT));
            if (matcher.matches()) {
                long amount = Long.parseLong(matcher.group(1));
                return switch (matcher.group(2)) {
                    case "ms" -> Duration.ofMillis(amount);
                    case "s" -> Duration.ofSeconds(amount);
                    case "m" -> Duration.ofMinutes(amount);
                    case "h" -> Duration.ofHours(amount);
                    default -> Duration.ofDays(amount);
                };
            }
            try {
                return Duration.parse(value.toUpperCase(Locale.ROOT));
            } catch (DateTimeParseException e) {
                return null;
            }
        }

        private String origin(String name) {
            return origins.getOrDefault(name, "--" + name);
        }
    }
}
