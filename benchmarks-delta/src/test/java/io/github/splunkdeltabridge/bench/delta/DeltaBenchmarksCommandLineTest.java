package io.github.splunkdeltabridge.bench.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.bench.BenchmarkCommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The command lines of this module's benchmarks, read without running them. */
class DeltaBenchmarksCommandLineTest {

    @Test
    void defaultsAndCountsAsTheOtherBenchmarksTakeThem() {
        CommandLine delta = BenchmarkCommandLine.create(new DeltaIngestBenchmark());
        delta.parseArgs("--rows", "60k");
        assertThat(delta.getCommandSpec().findOption("--rows").<Long>getValue()).isEqualTo(60_000L);
        assertThat(delta.getCommandSpec().findOption("--rows-per-file").<Integer>getValue())
                .isEqualTo(25_000);
        assertThat(BenchmarkCommandLine.describe(delta.getCommandSpec()))
                .isEqualTo("--rows 60k --rows-per-file 25k --warmups 1 --rounds 3");

        CommandLine sparkSource = BenchmarkCommandLine.create(new SparkSourceBenchmark());
        sparkSource.parseArgs("--slice", "90s");
        assertThat(sparkSource.getCommandSpec().findOption("--events").<Long>getValue())
                .isEqualTo(200_000L);
        assertThat(sparkSource.getCommandSpec().findOption("--slice").<Duration>getValue())
                .isEqualTo(Duration.ofSeconds(90));
        assertThat(sparkSource.getCommandSpec().findOption("--searches").<Integer>getValue())
                .isEqualTo(4);
    }

    @Test
    void aBadOptionExitsWithTwoAndHelpWithZero() {
        for (Object benchmark : new Object[] {new DeltaIngestBenchmark(), new SparkSourceBenchmark()}) {
            CommandLine commandLine = BenchmarkCommandLine.create(benchmark);
            StringWriter err = new StringWriter();
            commandLine.setErr(new PrintWriter(err));
            assertThat(commandLine.execute("--rounds", "many")).isEqualTo(2);
            assertThat(err.toString())
                    .startsWith(commandLine.getCommandName() + ": Invalid value for option '--rounds'");

            CommandLine help = BenchmarkCommandLine.create(benchmark);
            StringWriter out = new StringWriter();
            help.setOut(new PrintWriter(out));
            assertThat(help.execute("--help")).isZero();
            assertThat(out.toString()).startsWith("Usage: benchmarks/run ").contains("--warmups");
        }
    }
}
