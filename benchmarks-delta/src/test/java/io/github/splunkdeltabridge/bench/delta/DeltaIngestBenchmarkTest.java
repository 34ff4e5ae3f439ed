package io.github.splunkdeltabridge.bench.delta;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.bench.BenchmarkCommandLine;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The Delta benchmark's command line, read without running it. */
class DeltaIngestBenchmarkTest {

    @Test
    void defaultsAndCountsAsTheOtherBenchmarksTakeThem() {
        CommandLine commandLine = BenchmarkCommandLine.create(new DeltaIngestBenchmark());
        commandLine.parseArgs("--rows", "60k");
        assertThat(commandLine.getCommandSpec().findOption("--rows").<Long>getValue())
                .isEqualTo(60_000L);
        assertThat(commandLine.getCommandSpec().findOption("--rows-per-file").<Integer>getValue())
                .isEqualTo(25_000);
        assertThat(BenchmarkCommandLine.describe(commandLine.getCommandSpec()))
                .isEqualTo("--rows 60k --rows-per-file 25k --warmups 1 --rounds 3");
    }

    @Test
    void aBadOptionExitsWithTwoAndHelpWithZero() {
        CommandLine commandLine = BenchmarkCommandLine.create(new DeltaIngestBenchmark());
        StringWriter err = new StringWriter();
        commandLine.setErr(new PrintWriter(err));
        assertThat(commandLine.execute("--rows", "many")).isEqualTo(2);
        assertThat(err.toString()).startsWith("benchmarks/run delta: Invalid value for option '--rows'");

        CommandLine help = BenchmarkCommandLine.create(new DeltaIngestBenchmark());
        help.setOut(new PrintWriter(new StringWriter()));
        assertThat(help.execute("--help")).isZero();
    }
}
