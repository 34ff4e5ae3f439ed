package io.github.splunkdeltabridge.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

class CommandTablesTest {

    @Command(name = "sample")
    static final class Sample {
        @Option(names = "--input", required = true, paramLabel = "PATH", description = "Where to read.")
        String input;

        @Option(
                names = "--mode",
                paramLabel = "fast|safe",
                defaultValue = "safe",
                description = {"How to run;", "see --input and <mode>."})
        String mode;

        @Option(names = "--every", paramLabel = "DURATION", defaultValue = "5m", description = "How often.")
        Duration every;

        @Option(names = "--dry-run", description = "Change nothing.")
        boolean dryRun;

        @Option(names = "--internal", hidden = true, description = "Not for users.")
        String internal;

        @Option(
                names = {"-h", "--help"},
                usageHelp = true,
                description = "Print this help and exit.")
        boolean help;
    }

    @Test
    void everyVisibleOptionIsARowWithItsValueItsDefaultAndItsDescription() {
        String table = CommandTables.table(new CommandLine(new Sample()).getCommandSpec());

        assertThat(table.lines().filter(line -> line.startsWith("| `")))
                .containsExactly(
                        "| `--input PATH` | required | Where to read. |",
                        "| `--mode fast\\|safe` | `safe` | How to run; see `--input` and &lt;mode&gt;. |",
                        "| `--every DURATION` | `5m` | How often. |",
                        "| `--dry-run` |  | Change nothing. |",
                        "| `-h, --help` |  | Print this help and exit. |");
        assertThat(table).startsWith("\n| Option | Default | Description |\n| --- | --- | --- |\n");
    }
}
