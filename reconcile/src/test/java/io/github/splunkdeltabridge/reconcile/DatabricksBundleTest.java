package io.github.splunkdeltabridge.reconcile;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The bundle's reconcile task passes options the command accepts, and the token only through the environment. */
class DatabricksBundleTest {

    private static final Pattern VARIABLE =
            Pattern.compile("\\$\\{var\\.([a-z_]+)}|\\{\\{job\\.parameters\\.([a-z_]+)}}");

    /** Fills in ${var.x} and {{job.parameters.x}}, whose defaults may refer to variables in turn. */
    private static String resolve(String text, Map<String, String> values) {
        String current = text;
        for (int pass = 0; pass < 3; pass++) {
            Matcher m = VARIABLE.matcher(current);
            StringBuilder resolved = new StringBuilder();
            while (m.find()) {
                String name = m.group(1) != null ? m.group(1) : m.group(2);
                assertThat(values).as("a default for %s", name).containsKey(name);
                m.appendReplacement(resolved, Matcher.quoteReplacement(values.get(name)));
            }
            m.appendTail(resolved);
            current = resolved.toString();
        }
        return current;
    }

    @Test
    void theReconcileTaskParametersAreValidCommandOptionsWithDefaultsFilledIn() throws Exception {
        JsonNode bundle = new ObjectMapper(new YAMLFactory())
                .readTree(Path.of("../config/databricks/databricks.yml").toFile());
        JsonNode job = bundle.path("resources").path("jobs").path("splunk_reconcile");
        JsonNode task = job.path("tasks").get(0);
        Map<String, String> values = new HashMap<>();
        bundle.path("variables")
                .fields()
                .forEachRemaining(
                        v -> values.put(v.getKey(), v.getValue().path("default").asText()));
        job.path("parameters")
                .forEach(p ->
                        values.put(p.path("name").asText(), p.path("default").asText()));
        // Given at deploy time (--var splunk_url=...): the bundle has no default for it.
        values.put("splunk_url", "https://splunk.example.com:8089");

        assertThat(task.path("spark_jar_task").path("main_class_name").asText())
                .isEqualTo(ReconcileCommand.class.getName());
        assertThat(task.path("libraries").get(0).path("jar").asText()).endsWith("reconcile/target/reconcile-all.jar");
        assertThat(task.path("new_cluster")
                        .path("spark_env_vars")
                        .path("SPLUNK_TOKEN")
                        .asText())
                .startsWith("{{secrets/");
        List<String> args = new ArrayList<>();
        for (JsonNode parameter : task.path("spark_jar_task").path("parameters")) {
            args.add(resolve(parameter.asText(), values));
        }
        assertThat(args).doesNotContain("--splunk-token").noneMatch(a -> a.contains("secrets/"));

        ReconcileCommand command = new ReconcileCommand(Map.of("SPLUNK_TOKEN", "from-the-secret-scope"), System.out);
        new CommandLine(command).parseArgs(args.toArray(String[]::new));
        ReconcileRun.Settings settings = command.settings();

        assertThat(settings.table().location()).isEqualTo("main.splunk.splunk_events");
        assertThat(settings.ids()).isTrue();
        assertThat(settings.indexedBefore()).contains(Instant.parse("2024-01-02T00:00:00Z"));
    }
}
