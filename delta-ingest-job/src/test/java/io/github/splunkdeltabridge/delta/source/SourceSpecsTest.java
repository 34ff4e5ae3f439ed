package io.github.splunkdeltabridge.delta.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.delta.options.IngestCommand;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SourceSpecsTest {

    @Test
    void autoLoaderOptions() {
        SourceSpec spec = SourceSpecs.forOptions(IngestCommand.parse(
                "--source-reader",
                "autoloader",
                "--source-path",
                "s3://landing/topics",
                "--checkpoint-location",
                "s3://lake/_checkpoints/events",
                "--target-table",
                "main.splunk.events",
                "--file-notifications",
                "--max-files-per-trigger",
                "200",
                "--max-bytes-per-trigger",
                "512m",
                "--source-option",
                "cloudFiles.region=eu-west-1"));

        assertThat(spec.format()).isEqualTo("cloudFiles");
        assertThat(spec.path()).isEqualTo("s3://landing/topics");
        assertThat(spec.options())
                .containsExactlyInAnyOrderEntriesOf(Map.ofEntries(
                        Map.entry("cloudFiles.format", "parquet"),
                        Map.entry("cloudFiles.schemaLocation", "s3://lake/_checkpoints/events/autoloader-schema"),
                        Map.entry("cloudFiles.schemaEvolutionMode", "none"),
                        Map.entry("cloudFiles.partitionColumns", ""),
                        Map.entry("cloudFiles.useNotifications", "true"),
                        Map.entry("cloudFiles.backfillInterval", "1 day"),
                        Map.entry("cloudFiles.maxFilesPerTrigger", "200"),
                        Map.entry("cloudFiles.maxBytesPerTrigger", Long.toString(512L << 20)),
                        Map.entry("recursiveFileLookup", "true"),
                        Map.entry("pathGlobFilter", "*.parquet"),
                        Map.entry("cloudFiles.region", "eu-west-1")));
    }

    @Test
    void autoLoaderListsByDefaultAndReadsAvroWhenAsked() {
        SourceSpec spec = SourceSpecs.forOptions(IngestCommand.parse(
                "--source-reader",
                "autoloader",
                "--source-format",
                "avro",
                "--source-path",
                "s3://landing/topics",
                "--checkpoint-location",
                "s3://lake/cp",
                "--schema-location",
                "s3://lake/schemas/events",
                "--target-path",
                "s3://lake/events"));

        assertThat(spec.options())
                .containsEntry("cloudFiles.format", "avro")
                .containsEntry("cloudFiles.schemaLocation", "s3://lake/schemas/events")
                .containsEntry("cloudFiles.useNotifications", "false")
                .containsEntry("pathGlobFilter", "*.avro")
                .doesNotContainKeys(
                        "cloudFiles.maxFilesPerTrigger",
                        "cloudFiles.maxBytesPerTrigger",
                        "cloudFiles.backfillInterval");
    }

    @Test
    void fileSourceOptions() {
        SourceSpec spec = SourceSpecs.forOptions(IngestCommand.parse(
                "--source-path",
                "s3a://landing/topics",
                "--checkpoint-location",
                "s3a://lake/cp",
                "--target-path",
                "s3a://lake/events",
                "--max-files-per-trigger",
                "50",
                "--max-bytes-per-trigger",
                "1g",
                "--source-option",
                "maxFileAge=30d"));

        assertThat(spec.format()).isEqualTo("parquet");
        assertThat(spec.path()).isEqualTo("s3a://landing/topics");
        assertThat(spec.options())
                .containsExactlyInAnyOrderEntriesOf(Map.of(
                        "recursiveFileLookup", "true",
                        "pathGlobFilter", "*.parquet",
                        "maxFilesPerTrigger", "50",
                        "maxBytesPerTrigger", Long.toString(1L << 30),
                        "maxFileAge", "30d"));
    }
}
