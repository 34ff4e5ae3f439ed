package io.github.splunkdeltabridge.delta.sink;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UncommittedTableLogTest {

    @TempDir
    Path table;

    private final Configuration hadoop = new Configuration();

    @Test
    void aLogWithOnlyAnUnfinishedCommitIsRemoved() throws Exception {
        Path log = Files.createDirectories(table.resolve("_delta_log"));
        Files.writeString(log.resolve(".00000000000000000000.json.0c4f.tmp"), "{");

        assertThat(UncommittedTableLog.removeIfPresent(hadoop, table.toUri().toString()))
                .isTrue();
        assertThat(log).doesNotExist();
    }

    @Test
    void anEmptyLogDirectoryIsRemoved() throws Exception {
        Path log = Files.createDirectories(table.resolve("_delta_log"));

        assertThat(UncommittedTableLog.removeIfPresent(hadoop, table.toString()))
                .isTrue();
        assertThat(log).doesNotExist();
    }

    @Test
    void aLogWithACommitCheckpointOrChecksumIsNeverTouched() throws Exception {
        for (String versionFile : new String[] {
            "00000000000000000000.json",
            "00000000000000000010.checkpoint.parquet",
            "00000000000000000003.crc",
            "_last_checkpoint"
        }) {
            Path log = Files.createDirectories(
                    table.resolve(versionFile + "-table").resolve("_delta_log"));
            Files.writeString(log.resolve(versionFile), "{}");
            Files.writeString(log.resolve(".00000000000000000011.json.77aa.tmp"), "{");

            assertThat(UncommittedTableLog.removeIfPresent(
                            hadoop, log.getParent().toUri().toString()))
                    .as(versionFile)
                    .isFalse();
            assertThat(log.resolve(versionFile)).exists();
            assertThat(log.resolve(".00000000000000000011.json.77aa.tmp")).exists();
        }
    }

    @Test
    void aPathWithoutALogIsLeftAsItIs() {
        assertThat(UncommittedTableLog.removeIfPresent(
                        hadoop, table.resolve("new").toString()))
                .isFalse();
        assertThat(table).exists();
    }
}
