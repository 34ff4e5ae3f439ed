package io.github.splunkdeltabridge.localstack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.github.splunkdeltabridge.delta.options.IngestCommand;
import io.github.splunkdeltabridge.delta.options.IngestOptions;
import io.github.splunkdeltabridge.delta.options.SourceReader;
import io.github.splunkdeltabridge.delta.options.TargetTable;
import io.github.splunkdeltabridge.delta.options.TriggerMode;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every place that starts the Delta job passes options it accepts: the Databricks bundle's jar task and backfill
 * notebook, the Docker stack's delta-job container and this module's local pipeline. None of them runs in CI (no Databricks, no Docker,
 * and the local pipeline's end-to-end test is an IT), so a renamed option would otherwise first fail for a user.
 */
class DeltaJobInvocationsTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Pattern BUNDLE_VARIABLE = Pattern.compile("\\$\\{var\\.([\\w]+)}");
    private static final Pattern SHELL_VARIABLE = Pattern.compile("\\$\\{?(\\w+)}?");

    @TempDir
    Path dir;

    @Test
    void theDatabricksJarTaskPassesOptionsTheJobAccepts() throws IOException {
        JsonNode bundle = new YAMLMapper()
                .readTree(ROOT.resolve("config/databricks/databricks.yml").toFile());
        JsonNode task = bundle.path("resources")
                .path("jobs")
                .path("splunk_delta_ingest")
                .path("tasks")
                .path(0)
                .path("spark_jar_task");
        assertThat(task.path("main_class_name").asText()).isEqualTo(DeltaJobLauncher.JOB_CLASS);

        List<String> parameters = new ArrayList<>();
        for (JsonNode parameter : task.path("parameters")) {
            parameters.add(withBundleVariables(parameter.asText(), bundle.path("variables")));
        }
        IngestOptions options = IngestCommand.parse(parameters.toArray(String[]::new));

        assertThat(options.sourceReader()).isEqualTo(SourceReader.AUTO_LOADER);
        assertThat(options.sourcePath()).isEqualTo("s3://landing/topics");
        assertThat(options.checkpointLocation()).isEqualTo("/Volumes/main/splunk/checkpoints/delta-ingest");
        assertThat(options.target()).isEqualTo(TargetTable.name("main.splunk.splunk_events"));
        assertThat(options.triggerMode()).isEqualTo(TriggerMode.AVAILABLE_NOW);
        assertThat(options.maxFilesPerTrigger()).isEqualTo(OptionalInt.of(1000));
    }

    @Test
    void theDatabricksBackfillNotebookCallsTheJobsParserWithItsOptions() throws IOException {
        String notebook = Files.readString(ROOT.resolve("config/databricks/notebooks/splunk_backfill.py"));
        assertThat(notebook).contains("jvm." + IngestCommand.class.getName() + ".parse(java_args)");
        Matcher option = Pattern.compile("\"(--[a-z][a-z-]*)\"").matcher(notebook);
        List<String> options = new ArrayList<>();
        while (option.find()) {
            options.add(option.group(1));
        }
        assertThat(options).contains("--source-reader", "--checkpoint-location");
        for (String name : options) {
            assertThat(IngestCommand.spec().findOption(name)).as(name).isNotNull();
        }
        // What it passes, with sample widget values.
        IngestOptions parsed = IngestCommand.parse(
                "--source-reader",
                "splunk",
                "--source-option",
                "splunk.url=https://splunk.example.com:8089",
                "--source-option",
                "splunk.slice.duration=PT1H",
                "--target-table",
                "main.splunk.splunk_events",
                "--checkpoint-location",
                "/Volumes/main/splunk/checkpoints/splunk-backfill",
                "--trigger",
                "available-now");
        assertThat(parsed.sourceReader()).isEqualTo(SourceReader.SPLUNK);
    }

    @Test
    void theDockerDeltaJobsDefaultsFileAndItsDocumentedOverridesAreAccepted() throws IOException {
        String script = Files.readString(ROOT.resolve("docker/spark/delta-job.sh"));
        Matcher heredoc = Pattern.compile("cat > \"\\$defaults\" <<EOF\\n(.*?)\\nEOF", Pattern.DOTALL)
                .matcher(script);
        assertThat(heredoc.find()).as("delta-job.sh writes its defaults file").isTrue();
        assertThat(script).contains("--config \"$defaults\" \"$@\"");
        JsonNode environment = new YAMLMapper()
                .readTree(ROOT.resolve("docker/docker-compose.yml").toFile())
                .path("services")
                .path("delta-job")
                .path("environment");
        Matcher variable = SHELL_VARIABLE.matcher(heredoc.group(1));
        StringBuilder defaults = new StringBuilder();
        while (variable.find()) {
            JsonNode value = environment.path(variable.group(1));
            assertThat(value.isMissingNode())
                    .as("delta-job environment " + variable.group(1))
                    .isFalse();
            variable.appendReplacement(defaults, Matcher.quoteReplacement(value.asText()));
        }
        variable.appendTail(defaults);
        Path file = dir.resolve("delta-job.properties");
        Files.writeString(file, defaults);

        IngestOptions options = IngestCommand.parse("--config", file.toString());
        assertThat(options.sourcePath())
                .isEqualTo(environment.path("SOURCE_PATH").asText());
        assertThat(options.target())
                .isEqualTo(TargetTable.path(environment.path("TARGET_PATH").asText()));
        assertThat(options.checkpointLocation())
                .isEqualTo(environment.path("CHECKPOINT_LOCATION").asText());
        // The overrides docker/README.md shows.
        assertThat(IngestCommand.parse("--config", file.toString(), "--max-files-per-trigger", "10")
                        .maxFilesPerTrigger())
                .isEqualTo(OptionalInt.of(10));
        assertThat(IngestCommand.parse("--config", file.toString(), "--trigger", "processing-time")
                        .triggerMode())
                .isEqualTo(TriggerMode.PROCESSING_TIME);
    }

    @Test
    void theLocalPipelinePassesOptionsTheJobAccepts() {
        Path delta = dir.resolve("delta");
        IngestOptions options = IngestCommand.parse(
                DeltaStep.jobArguments("s3a://splunk-archive/topics", delta, URI.create("http://127.0.0.1:9000"))
                        .toArray(String[]::new));
        assertThat(options.target())
                .isEqualTo(TargetTable.path(delta.resolve("splunk_events").toString()));
        assertThat(options.master()).hasValue("local[2]");
        assertThat(options.sparkConf()).containsEntry("spark.hadoop.fs.s3a.endpoint", "http://127.0.0.1:9000");
    }

    /** A bundle variable's default, or a sample for the one a deployment must give (--var landing_path=...). */
    private static String withBundleVariables(String value, JsonNode variables) {
        Matcher matcher = BUNDLE_VARIABLE.matcher(value);
        StringBuilder resolved = new StringBuilder();
        while (matcher.find()) {
            JsonNode declared = variables.path(matcher.group(1));
            assertThat(declared.isMissingNode())
                    .as("bundle variable " + matcher.group(1))
                    .isFalse();
            String sample = declared.has("default")
                    ? declared.path("default").asText()
                    : matcher.group(1).equals("landing_path") ? "s3://landing/topics" : "sample";
            matcher.appendReplacement(resolved, Matcher.quoteReplacement(sample));
        }
        return matcher.appendTail(resolved).toString();
    }
}
