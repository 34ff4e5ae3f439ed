package io.github.splunkdeltabridge.delta.source;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.delta.SplunkEventColumns;
import io.github.splunkdeltabridge.delta.options.IngestCommand;
import io.github.splunkdeltabridge.delta.testkit.TestSpark;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The Databricks path as far as it runs off Databricks: the job's reader, given to Spark, reaches a source named
 * {@code cloudFiles} with the Auto Loader options, the path and the contract's schema.
 */
class AutoLoaderReaderIT {

    @Test
    void sparkHandsTheAutoLoaderOptionsPathAndSchemaToCloudFiles() {
        SourceSpec spec = SourceSpecs.forOptions(IngestCommand.parse(
                "--source-reader",
                "autoloader",
                "--source-path",
                "s3://landing/topics",
                "--checkpoint-location",
                "s3://lake/_checkpoints/events",
                "--target-table",
                "main.splunk.events",
                "--max-files-per-trigger",
                "1000"));

        LandedEvents.reader(TestSpark.session(), spec).load(spec.path());

        // Spark hands sources a case-insensitive map (its keys arrive lower-cased), as Auto Loader reads them.
        Map<String, String> expected = new HashMap<>();
        spec.options().forEach((key, value) -> expected.put(key.toLowerCase(Locale.ROOT), value));
        expected.put("path", "s3://landing/topics");
        assertThat(CapturingCloudFilesProvider.lastParameters)
                .containsExactlyInAnyOrderEntriesOf(expected)
                .containsEntry("cloudfiles.format", "parquet")
                .containsEntry("cloudfiles.schemalocation", "s3://lake/_checkpoints/events/autoloader-schema")
                .containsEntry("cloudfiles.maxfilespertrigger", "1000")
                .containsEntry("cloudfiles.partitioncolumns", "");
        assertThat(CapturingCloudFilesProvider.lastSchema).isEqualTo(SplunkEventColumns.LANDED_SCHEMA);
    }
}
