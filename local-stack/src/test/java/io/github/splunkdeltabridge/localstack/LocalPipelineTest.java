package io.github.splunkdeltabridge.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LocalPipelineTest {

    @Test
    void optionsAreCheckedWithMessagesNamingTheOption() {
        assertThatThrownBy(() -> LocalPipelineOptions.parse(new String[] {"--minutes", "0"}, Map.of()))
                .hasMessageContaining("--minutes must be greater than 0");
        assertThatThrownBy(() -> LocalPipelineOptions.parse(new String[] {"--bogus", "1"}, Map.of()))
                .hasMessageContaining("Unknown option --bogus");
        assertThatThrownBy(() -> LocalPipelineOptions.parse(new String[] {"--kafka-port", "70000"}, Map.of()))
                .hasMessageContaining("--kafka-port must be a port between 1 and 65535");
        assertThatThrownBy(() -> LocalPipelineOptions.parse(new String[] {"--follow-interval", "soon"}, Map.of()))
                .hasMessageContaining("--follow-interval takes a duration");
        assertThatThrownBy(() -> LocalPipelineOptions.parse(new String[] {"--data-dir"}, Map.of()))
                .hasMessageContaining("Missing value after --data-dir");
        assertThatThrownBy(() -> LocalPipelineOptions.parse(new String[0], Map.of("SPLUNK_URL", "https://splunk:8089")))
                .hasMessageContaining("SPLUNK_TOKEN");
    }

    @Test
    void defaultsAndFlags() {
        LocalPipelineOptions options = LocalPipelineOptions.parse(
                new String[] {"--follow", "--fresh", "--follow-interval", "5m", "--data-dir", "/tmp/x"}, Map.of());
        assertThat(options.follow()).isTrue();
        assertThat(options.fresh()).isTrue();
        assertThat(options.followInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.ports()).isEqualTo(new LocalPipelineOptions.Ports(9092, 9093, 8083, 9000, 8089));
        assertThat(options.window()).isEqualTo(Duration.ofMinutes(120));
    }

    @Test
    void realSplunkSettingsComeFromTheEnvironmentAndStayOutOfToString() {
        LocalPipelineOptions options = LocalPipelineOptions.parse(
                new String[0],
                Map.of(
                        "SPLUNK_URL",
                        "https://splunk:8089",
                        "SPLUNK_TOKEN",
                        "very-secret-token",
                        "SPLUNK_INDEXES",
                        "main, security"));
        assertThat(options.usesRealSplunk()).isTrue();
        assertThat(options.indexes()).containsExactly("main", "security");
        assertThat(options.toString()).doesNotContain("very-secret-token");
    }

    @Test
    void aTakenPortIsReportedWithTheOptionThatMovesIt() throws Exception {
        try (var taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> PortCheck.requireFree(taken.getLocalPort(), "Kafka broker", "--kafka-port"))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort() + " for the Kafka broker is already in use")
                    .hasMessageContaining("--kafka-port");
        }
    }
}
