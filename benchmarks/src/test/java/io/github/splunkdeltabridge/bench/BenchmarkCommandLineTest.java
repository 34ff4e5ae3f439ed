package io.github.splunkdeltabridge.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.ParameterException;

/** The benchmarks' command lines, read without running a benchmark. */
class BenchmarkCommandLineTest {

    private static final List<Callable<Integer>> BENCHMARKS =
            List.of(new ClientParseBenchmark(), new SinkBenchmark(), new SourceBenchmark(), new MemoryBenchmark());

    @Test
    void defaultsAreTheDocumentedOnesWithCountsInKAndM() {
        CommandLine client = parsed(new ClientParseBenchmark());
        assertThat(value(client, "--events")).isEqualTo(1_000_000L);
        assertThat(value(client, "--events-per-minute")).isEqualTo(600);
        assertThat(value(client, "--warmups")).isEqualTo(2);
        assertThat(value(client, "--rounds")).isEqualTo(5);
        assertThat(value(client, "--http")).isEqualTo(true);

        CommandLine sink = parsed(new SinkBenchmark());
        assertThat(value(sink, "--records")).isEqualTo(200_000);
        assertThat(value(sink, "--flush-size")).isEqualTo(50_000);
        assertThat(value(sink, "--batch")).isEqualTo(500);
        assertThat(value(sink, "--s3-mb-per-s")).isEqualTo(0L);

        CommandLine source = parsed(new SourceBenchmark());
        assertThat(value(source, "--events")).isEqualTo(200_000L);
        assertThat(value(source, "--slice")).as("as config/splunk-source.json").isNull();
        assertThat(value(source, "--batch-size"))
                .as("as config/splunk-source.json")
                .isNull();
        assertThat(value(source, "--exactly-once")).isEqualTo(true);
        assertThat(value(source, "--tasks")).isEqualTo(List.of(1));
        assertThat(value(source, "--replay")).isEqualTo(true);
        assertThat(value(source, "--pre-serialised")).isEqualTo(true);

        CommandLine memory = parsed(new MemoryBenchmark());
        assertThat(value(memory, "--events")).isEqualTo(5_000_000L);
        assertThat(value(memory, "--slice")).isEqualTo(Duration.ofHours(1));
        assertThat(value(memory, "--task")).isEqualTo(true);
    }

    @Test
    void optionsTakeCountsFlagsListsAndTheProjectsDurations() {
        CommandLine source = parsed(
                new SourceBenchmark(),
                "--events=20k",
                "--slice",
                "90s",
                "--exactly-once",
                "false",
                "--tasks",
                "1,2,4",
                "--rounds",
                "1_000");
        assertThat(value(source, "--events")).isEqualTo(20_000L);
        assertThat(value(source, "--slice")).isEqualTo(Duration.ofSeconds(90));
        assertThat(value(source, "--exactly-once")).isEqualTo(false);
        assertThat(value(source, "--tasks")).isEqualTo(List.of(1, 2, 4));
        assertThat(value(source, "--rounds")).isEqualTo(1000);
        assertThat(value(parsed(new MemoryBenchmark(), "--slice", "PT30M"), "--slice"))
                .isEqualTo(Duration.ofMinutes(30));
    }

    @Test
    void theReportHeaderShowsEveryOptionAsTyped() {
        CommandLine sink = parsed(new SinkBenchmark(), "--records", "100k", "--s3-mb-per-s=20");
        assertThat(BenchmarkCommandLine.describe(sink.getCommandSpec()))
                .isEqualTo("--records 100k --distinct 200k --flush-size 50k --batch 500 --warmups 3 --rounds 5"
                        + " --s3-mb-per-s 20");
    }

    @Test
    void badValuesNameTheOption() {
        assertThatThrownBy(() -> parsed(new SinkBenchmark(), "--records", "lots"))
                .isInstanceOf(ParameterException.class)
                .hasMessage(
                        "Invalid value for option '--records': 'lots' is not a whole number such as 1000, 200k or 1m");
        assertThatThrownBy(() -> parsed(new MemoryBenchmark(), "--slice", "hourly"))
                .hasMessageStartingWith("Invalid value for option '--slice': 'hourly' is not a duration");
        assertThatThrownBy(() -> parsed(new ClientParseBenchmark(), "--events", "99999999999999m"))
                .hasMessageStartingWith("Invalid value for option '--events'");
    }

    @Test
    void aBadOptionExitsWithTwoWithoutRunningAndHelpListsEveryOptionWithZero() {
        for (Callable<Integer> benchmark : BENCHMARKS) {
            CommandLine commandLine = BenchmarkCommandLine.create(benchmark);
            String name = commandLine.getCommandName();
            StringWriter err = new StringWriter();
            commandLine.setErr(new PrintWriter(err));
            assertThat(commandLine.execute("--no-such-option", "1")).as(name).isEqualTo(2);
            assertThat(err.toString()).startsWith(name + ": Unknown options: '--no-such-option'");

            CommandLine help = BenchmarkCommandLine.create(benchmark);
            StringWriter out = new StringWriter();
            help.setOut(new PrintWriter(out));
            assertThat(help.execute("--help")).as(name).isZero();
            for (OptionSpec option : help.getCommandSpec().options()) {
                assertThat(out.toString()).as(name).contains(option.longestName());
                if (option.defaultValue() != null) {
                    assertThat(out.toString()).as(name).contains("Default: " + option.defaultValue());
                }
            }
        }
    }

    private static CommandLine parsed(Object benchmark, String... args) {
        CommandLine commandLine = BenchmarkCommandLine.create(benchmark);
        commandLine.parseArgs(args);
        return commandLine;
    }

    private static Object value(CommandLine commandLine, String option) {
        return commandLine.getCommandSpec().findOption(option).getValue();
    }
}
