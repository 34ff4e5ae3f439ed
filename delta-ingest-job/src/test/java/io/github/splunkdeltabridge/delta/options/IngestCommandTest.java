package io.github.splunkdeltabridge.delta.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

class IngestCommandTest {

    private static final String[] REQUIRED = {
        "--source-path", "s3a://landing/topics/",
        "--checkpoint-location", "s3a://lake/_checkpoints/splunk",
        "--target-path", "s3a://lake/splunk/events"
    };

    @TempDir
    Path dir;

    @Test
    void defaultsGiveAnAvailableNowParquetFileSourceRunIntoOnePartitionedTable() {
        IngestOptions options = IngestCommand.parse(REQUIRED);

        assertThat(options.sourcePath()).isEqualTo("s3a://landing/topics");
        assertThat(options.sourceFormat()).isEqualTo(SourceFormat.PARQUET);
        assertThat(options.sourceReader()).isEqualTo(SourceReader.FILES);
        assertThat(options.checkpointLocation()).isEqualTo("s3a://lake/_checkpoints/splunk");
        assertThat(options.schemaLocation()).isEqualTo("s3a://lake/_checkpoints/splunk/autoloader-schema");
        assertThat(options.target()).isEqualTo(TargetTable.path("s3a://lake/splunk/events"));
        assertThat(options.tableMode()).isEqualTo(TableMode.SINGLE);
        assertThat(options.tableLayout()).isEqualTo(TableLayout.PARTITIONED);
        assertThat(options.triggerMode()).isEqualTo(TriggerMode.AVAILABLE_NOW);
        assertThat(options.triggerInterval()).isEqualTo(Duration.ofMinutes(1));
        assertThat(options.maxFilesPerTrigger()).isEmpty();
        assertThat(options.maxBytesPerTrigger()).isEmpty();
        assertThat(options.fileNotifications()).isFalse();
        assertThat(options.sourceOptions()).isEmpty();
        assertThat(options.sparkConf()).isEmpty();
        assertThat(options.master()).isEmpty();
        assertThat(options.queryName()).isEqualTo("splunk-delta-ingest");
        // Stable across runs with the same checkpoint, different for another checkpoint.
        assertThat(options.txnAppId())
                .isEqualTo(IngestCommand.parse(REQUIRED).txnAppId())
                .isNotEqualTo(IngestCommand.parse(
                                "--source-path",
                                "s3a://landing/topics",
                                "--checkpoint-location",
                                "s3a://lake/_checkpoints/other",
                                "--target-path",
                                "s3a://lake/splunk/events")
                        .txnAppId());
    }

    @Test
    void readsEveryOptionInBothSpellings() {
        IngestOptions options = IngestCommand.parse(
                "--source-path=s3://landing/topics",
                "--source-format",
                "AVRO",
                "--source-reader",
                "autoloader",
                "--checkpoint-location",
                "/Volumes/main/splunk/checkpoints/events",
                "--schema-location",
                "/Volumes/main/splunk/schemas/events",
                "--file-notifications",
                "--max-files-per-trigger",
                "500",
                "--max-bytes-per-trigger",
                "10g",
                "--source-option",
                "cloudFiles.region=eu-west-1",
                "--source-option",
                "modifiedAfter=2026-01-01",
                "--target-table",
                "main.splunk.events",
                "--table-mode",
                "per-index",
                "--table-layout",
                "clustered",
                "--trigger",
                "processing-time",
                "--trigger-interval",
                "30s",
                "--master",
                "local[2]",
                "--spark-conf",
                "spark.sql.shuffle.partitions=8",
                "--spark-conf=spark.driver.extraJavaOptions=-Da=b",
                "--txn-app-id",
                "ingest-1",
                "--query-name",
                "q");

        assertThat(options.sourcePath()).isEqualTo("s3://landing/topics");
        assertThat(options.sourceFormat()).isEqualTo(SourceFormat.AVRO);
        assertThat(options.sourceReader()).isEqualTo(SourceReader.AUTO_LOADER);
        assertThat(options.schemaLocation()).isEqualTo("/Volumes/main/splunk/schemas/events");
        assertThat(options.fileNotifications()).isTrue();
        assertThat(options.maxFilesPerTrigger()).hasValue(500);
        assertThat(options.maxBytesPerTrigger()).hasValue(10L << 30);
        assertThat(options.sourceOptions())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("cloudFiles.region", "eu-west-1", "modifiedAfter", "2026-01-01"));
        assertThat(options.target()).isEqualTo(TargetTable.name("main.splunk.events"));
        assertThat(options.tableMode()).isEqualTo(TableMode.PER_INDEX);
        assertThat(options.tableLayout()).isEqualTo(TableLayout.CLUSTERED);
        assertThat(options.triggerMode()).isEqualTo(TriggerMode.PROCESSING_TIME);
        assertThat(options.triggerInterval()).isEqualTo(Duration.ofSeconds(30));
        assertThat(options.master()).hasValue("local[2]");
        assertThat(options.sparkConf())
                .containsExactlyInAnyOrderEntriesOf(
                        Map.of("spark.sql.shuffle.partitions", "8", "spark.driver.extraJavaOptions", "-Da=b"));
        assertThat(options.txnAppId()).isEqualTo("ingest-1");
        assertThat(options.queryName()).isEqualTo("q");
    }

    @Test
    void theTriggerIntervalTakesTheProjectsDurations() {
        assertThat(withProcessingTime("90s").triggerInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(withProcessingTime("5m").triggerInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(withProcessingTime("2h").triggerInterval()).isEqualTo(Duration.ofHours(2));
        assertThat(withProcessingTime("PT1M30S").triggerInterval()).isEqualTo(Duration.ofSeconds(90));
        assertThat(error("--trigger", "processing-time", "--trigger-interval", "0s"))
                .isEqualTo("Invalid value for option '--trigger-interval': '0s' must be longer than 0");
    }

    @Test
    void propertiesFileGivesDefaultsThatTheCommandLineOverrides() throws IOException {
        Path file = dir.resolve("ingest.properties");
        Files.writeString(
                file,
                String.join(
                        "\n",
                        "source-path=s3a://landing/topics",
                        "checkpoint-location=s3a://lake/_checkpoints/splunk",
                        "target-path=s3a://lake/splunk/events",
                        "trigger=processing-time",
                        "trigger-interval=PT5M",
                        "table-layout=clustered",
                        "spark-conf.spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000",
                        "spark-conf.spark.hadoop.fs.s3a.secret.key=do-not-print",
                        "spark-conf.spark.ui.enabled=true",
                        "source-option.maxFileAge=30d"));

        IngestOptions options = IngestCommand.parse(
                "--config",
                file.toString(),
                "--trigger-interval",
                "2m",
                "--spark-conf",
                "spark.hadoop.fs.s3a.path.style.access=true",
                "--spark-conf",
                "spark.ui.enabled=false");

        assertThat(options.sourcePath()).isEqualTo("s3a://landing/topics");
        assertThat(options.triggerMode()).isEqualTo(TriggerMode.PROCESSING_TIME);
        assertThat(options.triggerInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.tableLayout()).isEqualTo(TableLayout.CLUSTERED);
        assertThat(options.sparkConf())
                .containsEntry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000")
                .containsEntry("spark.hadoop.fs.s3a.path.style.access", "true")
                .containsEntry("spark.hadoop.fs.s3a.secret.key", "do-not-print")
                .containsEntry("spark.ui.enabled", "false");
        assertThat(options.sourceOptions()).containsEntry("maxFileAge", "30d");
        assertThat(options.toString())
                .doesNotContain("do-not-print")
                .contains("spark.hadoop.fs.s3a.secret.key=*****")
                .contains("http://127.0.0.1:9000");
    }

    @Test
    void propertiesFileErrorsNameTheKeyAndTheFile() throws IOException {
        Path file = dir.resolve("ingest.properties");
        Files.writeString(file, "trigger-interval=5m\n");
        assertThat(error("--config", file.toString()))
                .isEqualTo("'trigger-interval' in " + file + " applies only with --trigger processing-time");

        Files.writeString(file, "trigger=hourly\n");
        assertThat(error("--config", file.toString()))
                .startsWith("Invalid value for option '--trigger': expected one of available-now, processing-time");

        Files.writeString(file, "source.path=s3a://typo\n");
        assertThat(error("--config", file.toString()))
                .isEqualTo("unknown key 'source.path' in " + file + " (keys are the option names)");

        assertThat(error("--config", dir.resolve("absent.properties").toString()))
                .isEqualTo("--config " + dir.resolve("absent.properties") + " does not exist");
    }

    @Test
    void missingPathsAreNamed() {
        assertThatThrownBy(() -> IngestCommand.parse("--checkpoint-location", "/c", "--target-path", "/t"))
                .isInstanceOf(ParameterException.class)
                .hasMessageStartingWith("--source-path is required: the directory the S3 sink writes to");
        assertThatThrownBy(() -> IngestCommand.parse("--source-path", "/s", "--target-path", "/t"))
                .isInstanceOf(ParameterException.class)
                .hasMessage("Missing required option: '--checkpoint-location=PATH'");
        assertThatThrownBy(() -> IngestCommand.parse("--source-path", "/s", "--checkpoint-location", "/c"))
                .isInstanceOf(ParameterException.class)
                .hasMessageStartingWith("--target-path or --target-table is required");
        assertThat(error("--target-table", "t"))
                .isEqualTo("--target-path and --target-table exclude each other: give one");
    }

    @Test
    void invalidValuesAreNamedWithWhatIsAllowed() {
        assertThat(error("--source-format", "orc"))
                .isEqualTo("Invalid value for option '--source-format': expected one of parquet, avro, got 'orc'");
        assertThat(error("--trigger", "once"))
                .isEqualTo("Invalid value for option '--trigger': expected one of available-now, processing-time,"
                        + " got 'once'");
        assertThat(error("--max-files-per-trigger", "0"))
                .isEqualTo("--max-files-per-trigger must be a positive whole number, got '0'");
        assertThat(error("--max-files-per-trigger", "many"))
                .startsWith("Invalid value for option '--max-files-per-trigger'");
        assertThat(error("--max-bytes-per-trigger", "lots"))
                .startsWith("Invalid value for option '--max-bytes-per-trigger': must be a positive size in bytes");
        assertThat(error("--trigger", "processing-time", "--trigger-interval", "soon"))
                .startsWith("Invalid value for option '--trigger-interval': 'soon' is not a duration");
        assertThat(error("--trigger-interval", "1m"))
                .isEqualTo("--trigger-interval applies only with --trigger processing-time");
        assertThat(error("--file-notifications"))
                .isEqualTo("--file-notifications applies only with --source-reader autoloader");
        assertThat(error("--schema-location", "/s"))
                .isEqualTo("--schema-location applies only with --source-reader autoloader");
        assertThat(error("--spark-conf", "novalue")).contains("'--spark-conf'").contains("KEY=VALUE");
        assertThat(error("--spark-conf", "=value")).isEqualTo("--spark-conf needs KEY=VALUE with a non-empty KEY");
        assertThat(error("--no-such-option", "x")).startsWith("Unknown options: '--no-such-option'");
        assertThat(error("--source-format")).contains("'--source-format'").contains("Missing required parameter");
        assertThat(error("--target-path", "/elsewhere"))
                .contains("'--target-path'")
                .contains("only once");
    }

    @Test
    void aTableOrCheckpointInsideTheSourcePathIsRefused() {
        assertThatThrownBy(() -> IngestCommand.parse(
                        "--source-path",
                        "s3a://b/topics",
                        "--checkpoint-location",
                        "s3a://b/topics/_checkpoint",
                        "--target-path",
                        "s3a://b/delta"))
                .hasMessageStartingWith(
                        "--checkpoint-location s3a://b/topics/_checkpoint must not be inside --source-path");
        assertThatThrownBy(() -> IngestCommand.parse(
                        "--source-path",
                        "s3a://b/topics",
                        "--checkpoint-location",
                        "s3a://b/checkpoint",
                        "--target-path",
                        "s3a://b/topics/delta"))
                .hasMessageStartingWith("--target-path s3a://b/topics/delta must not be inside --source-path");
        // A sibling whose name merely starts the same is fine.
        assertThat(IngestCommand.parse(
                        "--source-path",
                        "s3a://b/topics",
                        "--checkpoint-location",
                        "s3a://b/topics-checkpoint",
                        "--target-path",
                        "s3a://b/delta"))
                .isNotNull();
    }

    @Test
    void aBadOptionExitsWithTwoAndNamesItWithoutRunningTheJob() {
        Run run = execute(REQUIRED, "--tigger", "processing-time");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err)
                .startsWith("delta-ingest-job: Unknown options: '--tigger'")
                .contains("Run 'delta-ingest-job --help' for the options.");
        assertThat(run.ran).isEmpty();

        Run crossed = execute(REQUIRED, "--trigger-interval", "5m");
        assertThat(crossed.exitCode).isEqualTo(2);
        assertThat(crossed.err)
                .startsWith("delta-ingest-job: --trigger-interval applies only with --trigger processing-time");
        assertThat(crossed.ran).isEmpty();
    }

    @Test
    void validOptionsRunTheJobAndExitWithZero() {
        Run run = execute(REQUIRED);
        assertThat(run.exitCode).isZero();
        assertThat(run.ran)
                .singleElement()
                .extracting(IngestOptions::sourcePath)
                .isEqualTo("s3a://landing/topics");
        assertThat(run.err).isEmpty();
    }

    @Test
    void aSourcePathFoundMissingAtRunTimeIsBadUsageToo() {
        StringWriter err = new StringWriter();
        CommandLine commandLine = IngestCommand.commandLine(options -> {
            throw new InvalidOptionsException("--source-path " + options.sourcePath() + " does not exist");
        });
        commandLine.setErr(new PrintWriter(err));
        assertThat(commandLine.execute(REQUIRED)).isEqualTo(2);
        assertThat(err.toString()).startsWith("delta-ingest-job: --source-path s3a://landing/topics does not exist");
    }

    @Test
    void helpListsEveryOptionWithItsDefaultAndExitsWithZero() {
        Run run = execute(new String[] {"--help"});
        assertThat(run.exitCode).isZero();
        assertThat(run.ran).isEmpty();
        for (OptionSpec option : IngestCommand.spec().options()) {
            assertThat(run.out).contains(option.longestName());
            if (option.defaultValue() != null) {
                assertThat(run.out).contains("Default: " + option.defaultValue());
            }
        }
        assertThat(run.out)
                .contains("Usage: delta-ingest-job")
                .contains("--source-format=parquet|avro")
                .contains("Default: 1m")
                .contains("--config FILE");
    }

    @Test
    void everyChoiceOptionShowsExactlyTheValuesItAccepts() {
        Map<String, List<String>> choices = Map.of(
                "--source-format", spellings(SourceFormat.values(), SourceFormat::optionValue),
                "--source-reader", spellings(SourceReader.values(), SourceReader::optionValue),
                "--table-mode", spellings(TableMode.values(), TableMode::optionValue),
                "--table-layout", spellings(TableLayout.values(), TableLayout::optionValue),
                "--trigger", spellings(TriggerMode.values(), TriggerMode::optionValue));
        choices.forEach((option, values) -> {
            assertThat(IngestCommand.spec().findOption(option).paramLabel()).isEqualTo(String.join("|", values));
            values.forEach(value -> assertThat(
                            IngestCommand.parse(value.equals("splunk") ? splunkReaderArgs() : args(option, value)))
                    .isNotNull());
        });
    }

    @Test
    void theSplunkReaderNeedsNoSourcePathAndRefusesTheLandedObjectsOptions() {
        IngestOptions options = IngestCommand.parse(splunkReaderArgs("--source-option", "splunk.token=tok-secret-1"));
        assertThat(options.sourceReader()).isEqualTo(SourceReader.SPLUNK);
        assertThat(options.sourcePath()).isEmpty();
        assertThat(options.sourceOptions())
                .containsEntry("splunk.url", "https://splunk:8089")
                .containsEntry("splunk.token", "tok-secret-1");
        assertThat(options.toString()).contains("source=splunk").doesNotContain("tok-secret-1");
        List<List<String>> landedOptions = List.of(
                List.of("--source-path", "/s"),
                List.of("--source-format", "avro"),
                List.of("--max-files-per-trigger", "10"),
                List.of("--max-bytes-per-trigger", "1g"));
        for (List<String> landed : landedOptions) {
            assertThatThrownBy(() -> IngestCommand.parse(splunkReaderArgs(landed.toArray(String[]::new))))
                    .isInstanceOf(ParameterException.class)
                    .hasMessage(landed.get(0) + " applies only with --source-reader files or autoloader");
        }
    }

    /** The Splunk reader's run (no landed objects) plus {@code extra}. */
    private static String[] splunkReaderArgs(String... extra) {
        return Stream.concat(
                        Stream.of(
                                "--source-reader",
                                "splunk",
                                "--source-option",
                                "splunk.url=https://splunk:8089",
                                "--checkpoint-location",
                                "/c",
                                "--target-table",
                                "main.splunk.events"),
                        Arrays.stream(extra))
                .toArray(String[]::new);
    }

    private static <E> List<String> spellings(E[] values, java.util.function.Function<E, String> spelling) {
        return Arrays.stream(values).map(spelling).collect(Collectors.toList());
    }

    private static IngestOptions withProcessingTime(String interval) {
        return IngestCommand.parse(args("--trigger", "processing-time", "--trigger-interval", interval));
    }

    private static String[] args(String... extra) {
        return Stream.concat(Arrays.stream(REQUIRED), Arrays.stream(extra)).toArray(String[]::new);
    }

    /** Parses the required options plus {@code extra} and returns the error message. */
    private static String error(String... extra) {
        try {
            IngestCommand.parse(args(extra));
        } catch (ParameterException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + String.join(" ", extra));
    }

    private record Run(int exitCode, String out, String err, List<IngestOptions> ran) {}

    private static Run execute(String[] args, String... extra) {
        List<IngestOptions> ran = new ArrayList<>();
        CommandLine commandLine = IngestCommand.commandLine(ran::add);
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        int exitCode = commandLine.execute(
                Stream.concat(Arrays.stream(args), Arrays.stream(extra)).toArray(String[]::new));
        return new Run(exitCode, out.toString(), err.toString(), ran);
    }
}
