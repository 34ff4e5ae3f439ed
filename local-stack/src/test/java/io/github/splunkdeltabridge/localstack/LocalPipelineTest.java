package io.github.splunkdeltabridge.localstack;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LocalPipelineTest {

    @Test
    void readsEveryEmulatorEventOfTheWindowOnceAndSaysSo() {
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        LocalPipelineOptions options = LocalPipelineOptions.parse(new String[] {"--minutes", "20", "--seed", "3"}, Map.of());

        int exitCode = new LocalPipeline(options, new PrintStream(captured, true, StandardCharsets.UTF_8)).run();

        String output = captured.toString(StandardCharsets.UTF_8);
        assertThat(exitCode).isZero();
        assertThat(output).contains("index=web", "index=os", "index=app")
                .contains("0 duplicates")
                .contains("all of them were read, each exactly once.");
    }

    @Test
    void optionsAreCheckedWithMessagesNamingTheOption() {
        assertThatThrownBy(() -> LocalPipelineOptions.parse(new String[] {"--minutes", "0"}, Map.of()))
                .hasMessageContaining("--minutes must be greater than 0");
        assertThatThrownBy(() -> LocalPipelineOptions.parse(new String[] {"--bogus", "1"}, Map.of()))
                .hasMessageContaining("Unknown option --bogus");
        assertThatThrownBy(() -> LocalPipelineOptions.parse(new String[0], Map.of("SPLUNK_URL", "https://splunk:8089")))
                .hasMessageContaining("SPLUNK_TOKEN");
    }

    @Test
    void realSplunkSettingsComeFromTheEnvironmentAndStayOutOfToString() {
        LocalPipelineOptions options = LocalPipelineOptions.parse(new String[0], Map.of(
                "SPLUNK_URL", "https://splunk:8089", "SPLUNK_TOKEN", "very-secret-token", "SPLUNK_INDEXES", "main, security"));
        assertThat(options.usesRealSplunk()).isTrue();
        assertThat(options.indexes()).containsExactly("main", "security");
        assertThat(options.toString()).doesNotContain("very-secret-token");
    }
}
