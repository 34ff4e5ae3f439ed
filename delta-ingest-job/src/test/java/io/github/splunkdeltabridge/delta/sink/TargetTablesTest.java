package io.github.splunkdeltabridge.delta.sink;

import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.delta.options.TableLayout;
import io.github.splunkdeltabridge.delta.options.TableMode;
import io.github.splunkdeltabridge.delta.options.TargetTable;
import org.junit.jupiter.api.Test;

class TargetTablesTest {

    @Test
    void singleModeSendsEveryIndexToTheBaseTable() {
        TargetTables tables =
                new TargetTables(TargetTable.name("main.splunk.events"), TableMode.SINGLE, TableLayout.PARTITIONED);

        assertThat(tables.forIndex("web")).isEqualTo(TargetTable.name("main.splunk.events"));
        assertThat(tables.forIndex(null)).isEqualTo(TargetTable.name("main.splunk.events"));
    }

    @Test
    void perIndexModeDerivesValidNamesAndPaths() {
        TargetTables named =
                new TargetTables(TargetTable.name("main.splunk.events"), TableMode.PER_INDEX, TableLayout.PARTITIONED);
        TargetTables paths =
                new TargetTables(TargetTable.path("s3a://lake/splunk"), TableMode.PER_INDEX, TableLayout.CLUSTERED);

        assertThat(named.forIndex("web")).isEqualTo(TargetTable.name("main.splunk.events_web"));
        assertThat(named.forIndex("Win-Security")).isEqualTo(TargetTable.name("main.splunk.events_win_security"));
        assertThat(named.forIndex(null)).isEqualTo(TargetTable.name("main.splunk.events_unknown_index"));
        assertThat(paths.forIndex("os")).isEqualTo(TargetTable.path("s3a://lake/splunk/os"));
    }

    @Test
    void localPathsAreNormalisedAsDeltaQualifiesThem() {
        TargetTables tables = new TargetTables(
                TargetTable.path("file:///tmp/lake/events"), TableMode.SINGLE, TableLayout.PARTITIONED);

        assertThat(tables.forIndex("web")).isEqualTo(TargetTable.path("file:/tmp/lake/events"));
    }
}
