package io.github.splunkdeltabridge.reconcile.repair;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.splunkdeltabridge.reconcile.Cutoffs;
import io.github.splunkdeltabridge.reconcile.IndexHour;
import io.github.splunkdeltabridge.reconcile.ReconcileRange;
import io.github.splunkdeltabridge.reconcile.ReconcileUsageException;
import io.github.splunkdeltabridge.reconcile.Reconciliation;
import io.github.splunkdeltabridge.reconcile.delta.DeltaCount;
import io.github.splunkdeltabridge.reconcile.repair.RepairConnectors.RepairConnector;
import io.github.splunkdeltabridge.source.SplunkSourceConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepairTest {

    private static final Instant START = Instant.parse("2024-03-01T09:30:00Z");
    private static final Instant END = Instant.parse("2024-03-01T16:00:00Z");
    private static final Instant CUTOFF = Instant.parse("2024-03-01T17:00:00Z");

    @TempDir
    Path dir;

    private static Instant hour(int h) {
        return Instant.parse(String.format("2024-03-01T%02d:00:00Z", h));
    }

    /** Missing: web 09h (partial), 10h, 11h; os 11h; web 14h. Extra only: os 15h. */
    private static Reconciliation result() {
        ReconcileRange range = new ReconcileRange(START, END);
        Map<IndexHour, Long> splunk = new HashMap<>();
        Map<IndexHour, DeltaCount> delta = new HashMap<>();
        for (String index : List.of("os", "web")) {
            for (Instant h : range.hours()) {
                splunk.put(new IndexHour(index, h), 10L);
                delta.put(new IndexHour(index, h), new DeltaCount(10, 10));
            }
        }
        for (IndexHour missing : List.of(
                new IndexHour("web", hour(9)),
                new IndexHour("web", hour(10)),
                new IndexHour("web", hour(11)),
                new IndexHour("os", hour(11)),
                new IndexHour("web", hour(14)))) {
            delta.put(missing, new DeltaCount(9, 9));
        }
        delta.put(new IndexHour("os", hour(15)), new DeltaCount(11, 11));
        Cutoffs cutoffs = Cutoffs.perIndex(
                Map.of("os", CUTOFF.minusSeconds(600), "web", CUTOFF), "offsets of connector splunk-source");
        return Reconciliation.compare(range, List.of("os", "web"), cutoffs, splunk, delta);
    }

    private static Map<String, String> sourceConfig() {
        Map<String, String> config = new LinkedHashMap<>();
        // As Connect's GET /connectors/<name>/config answers it: with the name inside.
        config.put("name", "splunk-source");
        config.put("connector.class", RepairConnectors.SOURCE_CLASS);
        config.put("tasks.max", "2");
        config.put("splunk.url", "https://splunk.example.com:8089");
        config.put("splunk.token", "${env:SPLUNK_TOKEN}");
        config.put("splunk.indexes", "web,os,app");
        config.put("splunk.searches", "errors");
        config.put("splunk.search.errors.spl", "search index=app error");
        config.put("splunk.search.filter", "sourcetype=access_combined");
        config.put("topic.template", "splunk.${index}");
        config.put("splunk.backfill.start", "2024-01-01T00:00:00Z");
        config.put("splunk.tail.enabled", "true");
        config.put("exactly.once.support", "required");
        return config;
    }

    @Test
    void consecutiveHoursWithTheSameMissingIndexesBecomeOneRunAndExtraOnlyHoursNone() {
        List<RepairRun> runs = RepairPlan.of(result());

        assertThat(runs)
                .containsExactly(
                        new RepairRun(START, hour(11), List.of("web"), CUTOFF),
                        new RepairRun(hour(11), hour(12), List.of("os", "web"), CUTOFF),
                        new RepairRun(hour(14), hour(15), List.of("web"), CUTOFF));
    }

    @Test
    void repairConnectorsAreTheSourceBoundedToTheRunsWithoutTailAndValidForTheConnector() {
        Instant created = Instant.parse("2024-03-02T08:00:00Z");
        List<RepairConnector> connectors =
                RepairConnectors.of("splunk-source", sourceConfig(), RepairPlan.of(result()), created);

        assertThat(connectors)
                .extracting(RepairConnector::name)
                .containsExactly(
                        "splunk-source-repair-20240302T080000Z-1",
                        "splunk-source-repair-20240302T080000Z-2",
                        "splunk-source-repair-20240302T080000Z-3");
        Map<String, String> first = connectors.get(0).config();
        assertThat(first)
                .containsEntry("splunk.indexes", "web")
                .containsEntry("splunk.backfill.start", "2024-03-01T09:30:00Z")
                .containsEntry("splunk.backfill.end", "2024-03-01T11:00:00Z")
                .containsEntry("splunk.backfill.index.latest", "2024-03-01T17:00:00Z")
                .containsEntry("splunk.tail.enabled", "false")
                .containsEntry("topic.template", "splunk.${index}")
                .containsEntry("splunk.search.filter", "sourcetype=access_combined")
                .containsEntry("exactly.once.support", "required")
                .doesNotContainKeys("splunk.searches", "splunk.search.errors.spl");
        assertThat(connectors.get(1).config()).containsEntry("splunk.indexes", "os,web");
        for (RepairConnector connector : connectors) {
            // Connect refuses a PUT /connectors/<name>/config whose config names another connector.
            assertThat(connector.config()).containsEntry("name", connector.name());
            SplunkSourceConfig config = new SplunkSourceConfig(connector.config());
            assertThat(config.tailEnabled()).isFalse();
            assertThat(config.backfillIndexLatestOrNull()).isEqualTo(CUTOFF);
        }
    }

    @Test
    void theSettingNamesAreTheSourceConnectorsOwn() {
        assertThat(SplunkSourceConfig.CONFIG_DEF.names())
                .contains(
                        RepairConnectors.INDEXES,
                        RepairConnectors.SEARCHES,
                        RepairConnectors.FILTER,
                        RepairConnectors.BACKFILL_START,
                        RepairConnectors.BACKFILL_END,
                        RepairConnectors.BACKFILL_INDEX_LATEST,
                        RepairConnectors.TAIL_ENABLED)
                .containsAll(RepairConnectors.SECRETS);
        for (String secret : RepairConnectors.SECRETS) {
            assertThat(SplunkSourceConfig.CONFIG_DEF.configKeys().get(secret).type)
                    .isEqualTo(org.apache.kafka.common.config.ConfigDef.Type.PASSWORD);
        }
    }

    @Test
    void filesKeepConfigReferencesButNeverALiteralSecret() throws Exception {
        Map<String, String> source = sourceConfig();
        source.put("splunk.token", "a-literal-token-0123456789");
        List<RepairConnector> connectors =
                RepairConnectors.of("splunk-source", source, RepairPlan.of(result()), Instant.EPOCH);

        List<RepairFiles.Written> written = RepairFiles.write(connectors, dir.toString(), new Configuration());

        assertThat(written)
                .hasSize(3)
                .allSatisfy(w -> assertThat(w.placeholders()).containsExactly("splunk.token"));
        Path file = dir.resolve("repair").resolve(connectors.get(0).name() + ".json");
        String text = Files.readString(file);
        assertThat(text).doesNotContain("a-literal-token-0123456789").contains("REPLACE-WITH-SPLUNK-TOKEN");
        JsonNode json = new ObjectMapper().readTree(text);
        assertThat(json.path("name").asText()).isEqualTo(connectors.get(0).name());
        assertThat(json.path("config").path("splunk.backfill.end").asText()).isEqualTo("2024-03-01T11:00:00Z");
        // The connector deployed through --deploy keeps the real value.
        assertThat(connectors.get(0).config()).containsEntry("splunk.token", "a-literal-token-0123456789");
    }

    @Test
    void onlyTheSplunkSourceConnectorCanBeRepaired() {
        Map<String, String> other = sourceConfig();
        other.put("connector.class", "io.confluent.connect.s3.S3SinkConnector");
        assertThatThrownBy(() -> RepairConnectors.of("s3-sink", other, RepairPlan.of(result()), Instant.EPOCH))
                .isInstanceOf(ReconcileUsageException.class)
                .hasMessageContaining("connector.class");
    }

    @Test
    void cutOffsComeFromTheTailsCommittedWindowOrTheBackfillEnd() throws Exception {
        JsonNode offsets = new ObjectMapper().readTree("""
                {"offsets": [
                  {"partition": {"search": "web", "slice": "2024-03-01T00:00:00Z"},
                   "offset": {"done": true, "backfill_end_ms": 1709290800000, "rows": 10}},
                  {"partition": {"search": "web", "tail": "index_time"},
                   "offset": {"done": true, "window_start_ms": 1709290800000, "window_end_ms": 1709294400000,
                              "backfill_end_ms": 1709290800000}},
                  {"partition": {"search": "os", "tail": "index_time"},
                   "offset": {"done": false, "window_start_ms": 1709292000000, "window_end_ms": 1709295000000,
                              "backfill_end_ms": 1709290800000}},
                  {"partition": {"search": "app", "slice": "2024-03-01T00:00:00Z"},
                   "offset": {"done": false, "backfill_end_ms": 1709290800000}}
                ]}""");

        Cutoffs cutoffs = ConnectorCutoffs.from("splunk-source", offsets, List.of("app", "os", "web"));

        assertThat(cutoffs.indexedBefore("web")).isEqualTo(Instant.ofEpochMilli(1709294400000L));
        assertThat(cutoffs.indexedBefore("os")).isEqualTo(Instant.ofEpochMilli(1709292000000L));
        assertThat(cutoffs.indexedBefore("app")).isEqualTo(Instant.ofEpochMilli(1709290800000L));
        assertThatThrownBy(() -> ConnectorCutoffs.from("splunk-source", offsets, List.of("main")))
                .isInstanceOf(ReconcileUsageException.class)
                .hasMessageContaining("no committed offsets for index main");
    }
}
