package io.github.splunkdeltabridge.delta.options;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestOptionsParserTest {

    private static final String[] REQUIRED = {
        "--source-path", "s3a://landing/topics/",
        "--checkpoint-location", "s3a://lake/_checkpoints/splunk",
        "--target-path", "s3a://lake/splunk/events"
    };

    @TempDir
    Path dir;

    @Test
    void defaultsGiveAnAvailableNowParquetFileSourceRunIntoOnePartitionedTable() {
        IngestOptions options = IngestOptionsParser.parse(REQUIRED);

        assertThat(options.sourcePath()).isEqualTo("s3a://landing/topics");
        assertThat(options.sourceFormat()).isEqualTo(SourceFormat.PARQUET);
        assertThat(options.sourceReader()).isEqualTo(SourceReader.FILES);
        assertThat(options.checkpointLocation()).isEqualTo("s3a://lake/_checkpoints/splunk");
        assertThat(options.schemaLocation()).isEqualTo("s3a://lake/_checkpoints/splunk/autoloader-schema");
        assertThat(options.target()).isEqualTo(TargetTable.path("s3a://lake/splunk/events"));
        assertThat(options.tableMode()).isEqualTo(TableMode.SINGLE);
        assertThat(options.tableLayout()).isEqualTo(TableLayout.PARTITIONED);
        assertThat(options.triggerMode()).isEqualTo(TriggerMode.AVAILABLE_NOW);
        assertThat(options.maxFilesPerTrigger()).isEmpty();
        assertThat(options.maxBytesPerTrigger()).isEmpty();
        assertThat(options.fileNotifications()).isFalse();
        assertThat(options.master()).isEmpty();
        // Stable across runs with the same checkpoint, different for another checkpoint.
        assertThat(options.txnAppId())
                .isEqualTo(IngestOptionsParser.parse(REQUIRED).txnAppId())
                .isNotEqualTo(IngestOptionsParser.parse(
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
        IngestOptions options = IngestOptionsParser.parse(
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
                "--txn-app-id",
                "ingest-1",
                "--query-name",
                "q");

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
        assertThat(options.sparkConf()).containsExactlyEntriesOf(Map.of("spark.sql.shuffle.partitions", "8"));
        assertThat(options.txnAppId()).isEqualTo("ingest-1");
        assertThat(options.queryName()).isEqualTo("q");
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
                        "spark-conf.spark.hadoop.fs.s3a.endpoint=http://127.0.0.1:9000",
                        "spark-conf.spark.hadoop.fs.s3a.secret.key=do-not-print",
                        "source-option.maxFileAge=30d"));

        IngestOptions options = IngestOptionsParser.parse(
                "--config",
                file.toString(),
                "--trigger-interval",
                "2m",
                "--spark-conf",
                "spark.hadoop.fs.s3a.path.style.access=true");

        assertThat(options.triggerMode()).isEqualTo(TriggerMode.PROCESSING_TIME);
        assertThat(options.triggerInterval()).isEqualTo(Duration.ofMinutes(2));
        assertThat(options.sparkConf())
                .containsEntry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000")
                .containsEntry("spark.hadoop.fs.s3a.path.style.access", "true")
                .containsEntry("spark.hadoop.fs.s3a.secret.key", "do-not-print");
        assertThat(options.sourceOptions()).containsEntry("maxFileAge", "30d");
        assertThat(options.toString())
                .doesNotContain("do-not-print")
                .contains("spark.hadoop.fs.s3a.secret.key=*****")
                .contains("http://127.0.0.1:9000");
    }

    @Test
    void missingPathsAreNamed() {
        assertThatThrownBy(() -> IngestOptionsParser.parse("--checkpoint-location", "/c", "--target-path", "/t"))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageStartingWith("--source-path is required");
        assertThatThrownBy(() -> IngestOptionsParser.parse("--source-path", "/s", "--target-path", "/t"))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageStartingWith("--checkpoint-location is required");
        assertThatThrownBy(() -> IngestOptionsParser.parse("--source-path", "/s", "--checkpoint-location", "/c"))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageStartingWith("--target-path or --target-table is required");
        assertThatThrownBy(() -> IngestOptionsParser.parse(
                        "--source-path",
                        "/s",
                        "--checkpoint-location",
                        "/c",
                        "--target-path",
                        "/t",
                        "--target-table",
                        "t"))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("exclude each other");
        assertThatThrownBy(() -> IngestOptionsParser.parse(
                        "--config", dir.resolve("absent.properties").toString()))
                .isInstanceOf(InvalidOptionsException.class)
                .hasMessageContaining("--config")
                .hasMessageContaining("does not exist");
    }

    @Test
    void invalidValuesAreNamedWithWhatIsAllowed() {
        assertThat(error("--source-format", "orc"))
                .isEqualTo("--source-format must be one of parquet, avro, got 'orc'");
        assertThat(error("--trigger", "once"))
                .isEqualTo("--trigger must be one of available-now, processing-time, got 'once'");
        assertThat(error("--max-files-per-trigger", "0")).startsWith("--max-files-per-trigger must be a positive");
        assertThat(error("--max-bytes-per-trigger", "lots")).startsWith("--max-bytes-per-trigger must be a positive");
        assertThat(error("--trigger", "processing-time", "--trigger-interval", "soon"))
                .startsWith("--trigger-interval must be a positive duration");
        assertThat(error("--trigger-interval", "1m"))
                .isEqualTo("--trigger-interval applies only with --trigger processing-time");
        assertThat(error("--file-notifications"))
                .isEqualTo("--file-notifications applies only with --source-reader autoloader");
        assertThat(error("--spark-conf", "novalue")).startsWith("--spark-conf needs KEY=VALUE");
        assertThat(error("--no-such-option", "x")).startsWith("unknown option --no-such-option");
        assertThat(error("--source-format")).isEqualTo("--source-format needs a value");
        assertThat(error("--target-path", "/elsewhere")).isEqualTo("--target-path is given more than once");
    }

    @Test
    void aTableOrCheckpointInsideTheSourcePathIsRefused() {
        assertThatThrownBy(() -> IngestOptionsParser.parse(
                        "--source-path",
                        "s3a://b/topics",
                        "--checkpoint-location",
                        "s3a://b/topics/_checkpoint",
                        "--target-path",
                        "s3a://b/delta"))
                .hasMessageStartingWith(
                        "--checkpoint-location s3a://b/topics/_checkpoint must not be inside --source-path");
        assertThatThrownBy(() -> IngestOptionsParser.parse(
                        "--source-path",
                        "s3a://b/topics",
                        "--checkpoint-location",
                        "s3a://b/checkpoint",
                        "--target-path",
                        "s3a://b/topics/delta"))
                .hasMessageStartingWith("--target-path s3a://b/topics/delta must not be inside --source-path");
        // A sibling whose name merely starts the same is fine.
        assertThat(IngestOptionsParser.parse(
                        "--source-path",
                        "s3a://b/topics",
                        "--checkpoint-location",
                        "s3a://b/topics-checkpoint",
                        "--target-path",
                        "s3a://b/delta"))
                .isNotNull();
    }

    @Test
    void theSplunkReaderNeedsNoSourcePathAndRefusesTheLandedObjectsOptions() {
        IngestOptions options = IngestOptionsParser.parse(
                "--source-reader",
                "splunk",
                "--source-option",
                "splunk.url=https://splunk:8089",
                "--source-option",
                "splunk.token=tok-secret-1",
                "--checkpoint-location",
                "/c",
                "--target-table",
                "main.splunk.events");
        assertThat(options.sourceReader()).isEqualTo(SourceReader.SPLUNK);
        assertThat(options.sourceOptions()).containsEntry("splunk.url", "https://splunk:8089");
        assertThat(options.toString()).contains("source=splunk").doesNotContain("tok-secret-1");
        assertThatThrownBy(() -> IngestOptionsParser.parse(
                        "--source-reader",
                        "splunk",
                        "--source-path",
                        "/s",
                        "--checkpoint-location",
                        "/c",
                        "--target-path",
                        "/t"))
                .hasMessage("--source-path applies only with --source-reader files or autoloader");
    }

    @Test
    void usageListsEveryOption() {
        String usage = IngestOptionsParser.usage();
        IngestOptionsParser.OPTIONS.forEach(option -> assertThat(usage).contains(option.flag()));
        assertThat(IngestOptionsParser.wantsHelp()).isTrue();
        assertThat(IngestOptionsParser.wantsHelp("--help")).isTrue();
        assertThat(IngestOptionsParser.wantsHelp(REQUIRED)).isFalse();
    }

    /** Parses the required options plus {@code extra} and returns the error message. */
    private static String error(String... extra) {
        String[] args = new String[REQUIRED.length + extra.length];
        System.arraycopy(REQUIRED, 0, args, 0, REQUIRED.length);
        System.arraycopy(extra, 0, args, REQUIRED.length, extra.length);
        try {
            IngestOptionsParser.parse(args);
        } catch (InvalidOptionsException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + String.join(" ", extra));
    }
}
