package io.github.splunkdeltabridge.delta.options;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps the options table of docs/delta-job.md in step with the options the job accepts. */
class ReadmeOptionsTest {

    @Test
    void readmeTableListsEveryOptionWithItsDefault() throws IOException {
        String readme = Files.readString(Path.of("..", "docs", "delta-job.md"));
        int start = readme.indexOf("## Options");
        String table = readme.substring(start, readme.indexOf("## Running it locally", start));

        for (OptionSpec option : IngestOptionsParser.OPTIONS) {
            String row = table.lines()
                    .filter(line -> line.startsWith("| `" + option.flag()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(option.flag() + " missing from docs/delta-job.md"));
            String value = option.value().replace("|", "\\|");
            assertThat(row).startsWith("| `" + option.flag() + (value.isEmpty() ? "" : " " + value) + "` |");
        }
        assertThat(table.lines().filter(line -> line.startsWith("| `--")).count())
                .isEqualTo(IngestOptionsParser.OPTIONS.size());
    }
}
