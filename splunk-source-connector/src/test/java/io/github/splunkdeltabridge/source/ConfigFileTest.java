package io.github.splunkdeltabridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code config/splunk-source.json}, the file users deploy, is a valid source configuration. */
class ConfigFileTest {

    @Test
    void theShippedSourceConfigIsValid() throws Exception {
        // validate() asks Splunk too: a user with the default roles, the three indexes there.
        ScriptedSplunk splunk = new ScriptedSplunk();
        splunk.roles = java.util.List.of("user");
        splunk.roleContents.put("user", "{\"srchTimeWin\":-1,\"srchJobsQuota\":10,\"srchIndexesAllowed\":[\"*\"]}");
        splunk.indexes.addAll(java.util.Set.of("web", "os", "app"));
        JsonNode root = new ObjectMapper()
                .readTree(Path.of("..", "config", "splunk-source.json").toFile());
        Map<String, String> config = new HashMap<>();
        root.path("config")
                .fields()
                .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));

        assertThat(root.path("name").asText()).isEqualTo("splunk-source");
        assertThat(config)
                .containsEntry("connector.class", SplunkSourceConnector.class.getName())
                .containsEntry(SplunkSourceConfig.TOKEN, "${env:SPLUNK_TOKEN}");
        // The worker's EnvVarConfigProvider replaces the placeholder before the connector sees it.
        config.put(SplunkSourceConfig.TOKEN, "token-from-the-environment");
        config.put(SplunkSourceConfig.URL, splunk.start().toString());
        SplunkSourceConfig parsed = new SplunkSourceConfig(config);
        assertThat(parsed.getList(SplunkSourceConfig.INDEXES)).containsExactly("web", "os", "app");
        assertThat(new SplunkSourceConnector().validate(config).configValues())
                .allSatisfy(value ->
                        assertThat(value.errorMessages()).as(value.name()).isEmpty());
        splunk.close();
    }
}
