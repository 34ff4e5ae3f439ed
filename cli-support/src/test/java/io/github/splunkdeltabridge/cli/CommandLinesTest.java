package io.github.splunkdeltabridge.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CommandLinesTest {

    @Command(name = "sample", mixinStandardHelpOptions = true, description = "A sample command.")
    static final class Sample implements Callable<Integer> {
        @Option(names = "--interval", defaultValue = "1m", description = "How often.")
        Duration interval;

        @Override
        public Integer call() {
            return 0;
        }
    }

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int run(Sample sample, String... args) {
        CommandLine commandLine = CommandLines.create(sample);
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void durationOptionsTakeTheProjectsShortFormsAndIso() {
        Sample sample = new Sample();
        assertThat(run(sample, "--interval", "90s")).isZero();
        assertThat(sample.interval).isEqualTo(Duration.ofSeconds(90));

        assertThat(run(sample, "--interval=PT2H")).isZero();
        assertThat(sample.interval).isEqualTo(Duration.ofHours(2));

        Sample defaults = new Sample();
        assertThat(run(defaults)).isZero();
        assertThat(defaults.interval).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void aBadValueExitsWithTwoAndAShortMessageNamingTheOption() {
        assertThat(run(new Sample(), "--interval", "soon")).isEqualTo(2);
        assertThat(err.toString())
                .startsWith("sample: Invalid value for option '--interval': 'soon' is not a duration")
                .contains("Run 'sample --help' for the options.")
                .doesNotContain("A sample command.");
        assertThat(out.toString()).isEmpty();
    }

    @Test
    void anUnknownOptionIsNamedWithASuggestion() {
        assertThat(run(new Sample(), "--intervall", "5m")).isEqualTo(2);
        assertThat(err.toString())
                .contains("Unknown options: '--intervall'")
                .contains("Possible solutions: --interval");
    }

    @Test
    void helpPrintsTheGeneratedUsageAndExitsWithZero() {
        assertThat(run(new Sample(), "--help")).isZero();
        assertThat(out.toString())
                .contains("Usage: sample")
                .contains("--interval")
                .contains("How often.");
        assertThat(err.toString()).isEmpty();
    }
}
