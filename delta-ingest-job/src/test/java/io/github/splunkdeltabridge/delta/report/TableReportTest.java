package io.github.splunkdeltabridge.delta.report;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.cli.CommandLines;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** The report's command line; its Spark side runs in the local stack's end-to-end test. */
class TableReportTest {

    private final StringWriter out = new StringWriter();
    private final StringWriter err = new StringWriter();

    private int execute(String... args) {
        CommandLine commandLine = CommandLines.create(new TableReport());
        commandLine.setOut(new PrintWriter(out));
        commandLine.setErr(new PrintWriter(err));
        return commandLine.execute(args);
    }

    @Test
    void withoutTheTablePathItExitsWithTwoAndNamesTheOption() {
        assertThat(execute("--master", "local[1]")).isEqualTo(2);
        assertThat(err.toString()).startsWith("table-report: Missing required option: '--table-path=PATH'");
    }

    @Test
    void helpListsBothOptionsAndExitsWithZero() {
        assertThat(execute("--help")).isZero();
        assertThat(out.toString()).contains("--table-path=PATH").contains("--master=URL");
    }

    @Test
    void theDigestIsOverTheSortedIdsOnePerLine() {
        // printf 'a\nb\n' | sha256sum
        assertThat(TableReport.digestOfSorted(List.of("b", "a")))
                .isEqualTo("911169ddaaf146aff539f58c26c489af3b892dff0fe283c1c264c65ae5aa59a2");
    }
}
