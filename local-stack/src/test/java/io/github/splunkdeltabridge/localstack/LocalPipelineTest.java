package io.github.splunkdeltabridge.localstack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

class LocalPipelineTest {

    @Test
    void optionsAreCheckedWithMessagesNamingTheOption() {
        assertThat(error("--minutes", "0")).isEqualTo("--minutes must be greater than 0, not 0");
        assertThat(error("--events-per-minute", "-5")).isEqualTo("--events-per-minute must be greater than 0, not -5");
        assertThat(error("--bogus", "1")).startsWith("Unknown options: '--bogus'");
        assertThat(error("--kafka-port", "70000"))
                .isEqualTo("--kafka-port must be a port between 1 and 65535, not 70000");
        assertThat(error("--s3-port", "nine")).isEqualTo("Invalid value for option '--s3-port': 'nine' is not an int");
        assertThat(error("--follow-interval", "soon"))
                .startsWith("Invalid value for option '--follow-interval': 'soon' is not a duration");
        assertThat(error("--data-dir")).contains("Missing required parameter for option '--data-dir'");
        assertThatThrownBy(() -> LocalPipelineCommand.parse(new String[0], Map.of("SPLUNK_URL", "https://splunk:8089")))
                .isInstanceOf(ParameterException.class)
                .hasMessage("SPLUNK_URL is set but neither SPLUNK_TOKEN nor SPLUNK_USERNAME and SPLUNK_PASSWORD are");
    }

    @Test
    void defaultsAndFlags() {
        LocalPipelineOptions defaults = LocalPipelineCommand.parse(new String[0], Map.of());
        assertThat(defaults.window()).isEqualTo(Duration.ofMinutes(120));
        assertThat(defaults.seed()).isEqualTo(42);
        assertThat(defaults.eventsPerMinute()).isEqualTo(60);
        assertThat(defaults.dataDir()).isEqualTo(Path.of(".local-stack"));
        assertThat(defaults.configDir()).isEqualTo(Path.of("config"));
        assertThat(defaults.fresh()).isFalse();
        assertThat(defaults.follow()).isFalse();
        assertThat(defaults.followInterval()).isEqualTo(Duration.ofSeconds(60));
        assertThat(defaults.ports()).isEqualTo(new LocalPipelineOptions.Ports(9092, 9093, 8083, 9000, 8089));
        assertThat(defaults.usesRealSplunk()).isFalse();
        assertThat(defaults.indexes()).containsExactly("main");

        LocalPipelineOptions options = LocalPipelineCommand.parse(
                new String[] {
                    "--follow",
                    "--fresh",
                    "--follow-interval",
                    "5m",
                    "--data-dir=/tmp/x",
                    "--minutes",
                    "20",
                    "--seed",
                    "7",
                    "--kafka-port",
                    "19092",
                    "--controller-port",
                    "19093",
                    "--connect-port",
                    "18083",
                    "--s3-port",
                    "19000",
                    "--splunk-port",
                    "18089"
                },
                Map.of());
        assertThat(options.follow()).isTrue();
        assertThat(options.fresh()).isTrue();
        assertThat(options.followInterval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(options.dataDir()).isEqualTo(Path.of("/tmp/x"));
        assertThat(options.window()).isEqualTo(Duration.ofMinutes(20));
        assertThat(options.seed()).isEqualTo(7);
        assertThat(options.ports()).isEqualTo(new LocalPipelineOptions.Ports(19092, 19093, 18083, 19000, 18089));
    }

    @Test
    void theFollowIntervalTakesTheProjectsDurations() {
        assertThat(followInterval("90s")).isEqualTo(Duration.ofSeconds(90));
        assertThat(followInterval("2h")).isEqualTo(Duration.ofHours(2));
        assertThat(followInterval("PT1M30S")).isEqualTo(Duration.ofSeconds(90));
        assertThat(error("--follow-interval", "0s"))
                .isEqualTo("Invalid value for option '--follow-interval': '0s' must be longer than 0");
    }

    @Test
    void realSplunkSettingsComeFromTheEnvironmentAndStayOutOfToString() {
        LocalPipelineOptions options = LocalPipelineCommand.parse(
                new String[0],
                Map.of(
                        "SPLUNK_URL",
                        "https://splunk:8089",
                        "SPLUNK_TOKEN",
                        "very-secret-token",
                        "SPLUNK_INDEXES",
                        "main, security"));
        assertThat(options.usesRealSplunk()).isTrue();
        assertThat(options.splunkToken()).isEqualTo("very-secret-token");
        assertThat(options.indexes()).containsExactly("main", "security");
        assertThat(options.toString()).doesNotContain("very-secret-token");

        LocalPipelineOptions login = LocalPipelineCommand.parse(
                new String[0],
                Map.of("SPLUNK_URL", "https://splunk:8089", "SPLUNK_USERNAME", "admin", "SPLUNK_PASSWORD", "pw"));
        assertThat(login.splunkUsername()).isEqualTo("admin");
        assertThat(login.splunkPassword()).isEqualTo("pw");
    }

    @Test
    void aBadOptionExitsWithTwoAndNamesItWithoutStartingAnything() {
        Run run = execute(Map.of(), "--kafka-port", "0");
        assertThat(run.exitCode).isEqualTo(2);
        assertThat(run.err)
                .startsWith("bin/local-pipeline: --kafka-port must be a port between 1 and 65535, not 0")
                .contains("Run 'bin/local-pipeline --help' for the options.");
        assertThat(run.started).isEmpty();

        Run noCredentials = execute(Map.of("SPLUNK_URL", "https://splunk:8089"));
        assertThat(noCredentials.exitCode).isEqualTo(2);
        assertThat(noCredentials.err).contains("SPLUNK_TOKEN");
        assertThat(noCredentials.started).isEmpty();
    }

    @Test
    void thePipelinesExitCodeIsTheCommandsExitCode() {
        Run run = execute(Map.of(), "--data-dir", "/tmp/elsewhere");
        assertThat(run.exitCode).isEqualTo(7);
        assertThat(run.started)
                .singleElement()
                .extracting(LocalPipelineOptions::dataDir)
                .isEqualTo(Path.of("/tmp/elsewhere"));
    }

    @Test
    void helpListsEveryOptionItsDefaultAndTheEnvironmentAndExitsWithZero() {
        Run run = execute(Map.of(), "--help");
        assertThat(run.exitCode).isZero();
        assertThat(run.started).isEmpty();
        CommandLine commandLine = LocalPipelineCommand.commandLine(Map.of(), options -> 0);
        for (OptionSpec option : commandLine.getCommandSpec().options()) {
            assertThat(run.out).contains(option.longestName());
            if (option.defaultValue() != null) {
                assertThat(run.out).contains("Default: " + option.defaultValue());
            }
        }
        assertThat(run.out)
                .startsWith("Usage: bin/local-pipeline")
                .contains("SPLUNK_URL", "SPLUNK_TOKEN", "SPLUNK_USERNAME", "SPLUNK_PASSWORD", "SPLUNK_INDEXES");
    }

    @Test
    void aTakenPortIsReportedWithTheOptionThatMovesIt() throws Exception {
        try (var taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            assertThatThrownBy(() -> PortCheck.requireFree(taken.getLocalPort(), "Kafka broker", "--kafka-port"))
                    .isInstanceOf(StackException.class)
                    .hasMessageContaining("Port " + taken.getLocalPort() + " for the Kafka broker is already in use")
                    .hasMessageContaining("--kafka-port");
        }
    }

    private static Duration followInterval(String value) {
        return LocalPipelineCommand.parse(new String[] {"--follow-interval", value}, Map.of())
                .followInterval();
    }

    private static String error(String... args) {
        try {
            LocalPipelineCommand.parse(args, Map.of());
        } catch (ParameterException e) {
            return e.getMessage();
        }
        throw new AssertionError("no error for " + String.join(" ", args));
    }

    private record Run(int exitCode, String out, String err, List<LocalPipelineOptions> started) {}

    /** Runs the command line with a stand-in pipeline that records its options and answers 7. */
    private static Run execute(Map<String, String> env, String... args) {
        List<LocalPipelineOptions> started = new ArrayList<>();
        CommandLine commandLine = LocalPipelineCommand.commandLine(env, options -> {
            started.add(options);
            return 7;
        });
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return new Run(commandLine.execute(args), out.toString(), err.toString(), started);
    }
}
