package io.github.splunkdeltabridge.source;

import static io.github.splunkdeltabridge.source.ConnectTestSupport.awaitAllCommitted;
import static io.github.splunkdeltabridge.source.ConnectTestSupport.awaitCommittedKeys;
import static io.github.splunkdeltabridge.source.ConnectTestSupport.expectedIds;
import static org.assertj.core.api.Assertions.assertThat;

import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import io.github.splunkdeltabridge.emulator.data.EventQuery;
import io.github.splunkdeltabridge.emulator.data.GeneratedDataset;
import io.github.splunkdeltabridge.emulator.faults.RoleLimits;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connector in a real Connect worker (exactly-once source support on) against the emulator's real-Splunk modes:
 * an 8.2 server, a search peer down, an outage, role limits, rows out of order, auto-finalized searches. Each test has
 * its own emulator, connector name and topics.
 */
class RealSplunkModesIT {

    private static final String TOKEN = "modes-it-token";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant START = NOW.minus(Duration.ofHours(2));
    private static final Instant END = START.plus(Duration.ofMinutes(60));

    private static final GeneratedDataset DATASET = GeneratedDataset.builder()
            .seed(31)
            .start(START)
            .end(NOW)
            .eventsPerMinute(20)
            .build();

    private static EmbeddedConnectCluster connect;
    private SplunkEmulator emulator;

    @BeforeAll
    static void startCluster() {
        connect = ConnectTestSupport.startCluster("real-splunk-modes-it", true);
    }

    @AfterAll
    static void stopCluster() {
        if (connect != null) {
            connect.stop();
        }
    }

    @AfterEach
    void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private SplunkEmulator startEmulator(UnaryOperator<SplunkEmulator.Builder> mode) {
        emulator = mode.apply(SplunkEmulator.builder().token(TOKEN).dataset(DATASET))
                .build()
                .start();
        return emulator;
    }

    private Map<String, String> config(String prefix) {
        Map<String, String> config =
                ConnectTestSupport.connectorConfig(emulator.baseUri().toString(), TOKEN);
        config.put("tasks.max", "2");
        config.put(SplunkSourceConfig.INDEXES, "web,os,app");
        config.put(SplunkSourceConfig.TOPIC_TEMPLATE, prefix + ".${index}");
        config.put(SplunkSourceConfig.BACKFILL_START, START.toString());
        config.put(SplunkSourceConfig.BACKFILL_END, END.toString());
        config.put(SplunkSourceConfig.SLICE_DURATION, "10m");
        config.put(SplunkSourceConfig.TAIL_ENABLED, "false");
        config.put(SplunkSourceConfig.BATCH_SIZE, "100");
        config.put(SplunkSourceConfig.RETRY_MAX_ATTEMPTS, "2");
        config.put(SplunkSourceConfig.OUTAGE_BACKOFF_MAX, "2s");
        return config;
    }

    private static String[] topics(String prefix) {
        return new String[] {prefix + ".web", prefix + ".os", prefix + ".app"};
    }

    private static List<String> expected() {
        return expectedIds(
                DATASET,
                EventQuery.builder()
                        .earliest(START)
                        .latest(END)
                        .indexLatest(END)
                        .build(),
                END);
    }

    private static void assertExactlyOnce(List<String> keys, List<String> expected) {
        assertThat(keys).doesNotHaveDuplicates();
        assertThat(new HashSet<>(keys)).isEqualTo(new HashSet<>(expected));
    }

    private static void assertTasksRunning(String connector) {
        assertThat(connect.connectorStatus(connector).tasks())
                .isNotEmpty()
                .allSatisfy(task -> assertThat(task.state()).as(task.trace()).isEqualTo("RUNNING"));
    }

    private static Map<String, List<String>> validationErrors(Map<String, String> config) {
        ConfigInfos infos = connect.validateConnectorConfig(SplunkSourceConnector.class.getSimpleName(), config);
        Map<String, List<String>> errors = new HashMap<>();
        infos.configs().forEach(info -> {
            if (!info.configValue().errors().isEmpty()) {
                errors.put(info.configValue().name(), info.configValue().errors());
            }
        });
        return errors;
    }

    @Test
    void aBackfillFromSplunk82ReadsTheV1EndpointAndIsExact() throws Exception {
        startEmulator(b -> b.splunkVersion("8.2.12"));
        List<String> expected = expected();
        connect.configureConnector("v1", config("v1"));
        List<String> keys = awaitAllCommitted(connect, "v1", expected, Duration.ofSeconds(120), topics("v1"));
        assertExactlyOnce(keys, expected);
        connect.deleteConnector("v1");
    }

    @Test
    void aDownPeerLeavesTheSlicesUndoneUntilItIsBackThenTheRangeIsExact() throws Exception {
        startEmulator(b -> b);
        emulator.faults().peerDown("idx-2", 0.3);
        List<String> expected = expected();
        Map<String, String> config = config("peer");
        config.put(SplunkSourceConfig.RETRY_INITIAL_BACKOFF, "200ms");
        config.put(SplunkSourceConfig.RETRY_MAX_BACKOFF, "1s");
        config.put(SplunkSourceConfig.PARTIAL_RESULTS_MAX_ATTEMPTS, "1000");
        connect.configureConnector("peer", config);

        // While idx-2 is down every read stops at Splunk's warning: nothing is delivered, no slice is done.
        Thread.sleep(8000);
        ConnectTestSupport.failIfTaskFailed(connect, "peer");
        assertTasksRunning("peer");
        assertThat(ConnectTestSupport.taskMetricSum("peer", "partial-results-total"))
                .isGreaterThanOrEqualTo(6);
        assertThat(ConnectTestSupport.taskMetricSum("peer", "backfill-slices-done"))
                .isZero();

        emulator.faults().peerUp();
        List<String> keys = awaitAllCommitted(connect, "peer", expected, Duration.ofSeconds(120), topics("peer"));
        assertExactlyOnce(keys, expected);
        connect.deleteConnector("peer");
    }

    @Test
    void aDownPeerWithPartialResultsFailFailsTheTaskWithSplunksText() throws Exception {
        startEmulator(b -> b);
        emulator.faults().peerDown("idx-2", 0.3);
        Map<String, String> config = config("peerfail");
        config.put(SplunkSourceConfig.PARTIAL_RESULTS, "fail");
        config.put("tasks.max", "1");
        connect.configureConnector("peerfail", config);
        String trace = awaitFailedTask("peerfail");
        assertThat(trace)
                .contains("splunk.partial.results=fail")
                .contains("Unable to distribute to peer named idx-2")
                .doesNotContain(TOKEN);
        connect.deleteConnector("peerfail");
    }

    @Test
    void anOutageOfFifteenSecondsKeepsTheTasksRunningAndTheRangeIsExactAfterIt() throws Exception {
        startEmulator(b -> b);
        emulator.faults().slowStream(Duration.ofMillis(3));
        List<String> expected = expected();
        connect.configureConnector("outage", config("outage"));
        awaitCommittedKeys(connect, "outage", 300, Duration.ofSeconds(60), topics("outage"));

        // Far beyond a request's retries (2 attempts): the task must go on waiting, not fail.
        emulator.faults().outage(Duration.ofSeconds(15));
        long unavailableSeen = 0;
        long until = System.nanoTime() + Duration.ofSeconds(12).toNanos();
        while (System.nanoTime() < until) {
            assertTasksRunning("outage");
            unavailableSeen =
                    Math.max(unavailableSeen, ConnectTestSupport.taskMetricSum("outage", "splunk-unavailable-seconds"));
            Thread.sleep(1000);
        }
        assertThat(unavailableSeen).isPositive();

        emulator.faults().clear();
        List<String> keys = awaitAllCommitted(connect, "outage", expected, Duration.ofSeconds(180), topics("outage"));
        assertExactlyOnce(keys, expected);
        assertTasksRunning("outage");
        assertThat(ConnectTestSupport.taskMetricSum("outage", "splunk-unavailable-seconds"))
                .isZero();
        connect.deleteConnector("outage");
    }

    @Test
    void roleLimitsAreRefusedInValidateNamingTheLimitAndTheSetting() throws Exception {
        startEmulator(b -> b.token("migrator-token", "migrator")
                .role(
                        "migrator",
                        RoleLimits.builder("migration")
                                .srchTimeWin(Duration.ofMinutes(5))
                                .srchTimeEarliest(Duration.ofMinutes(90))
                                .srchIndexesAllowed("web", "os")
                                .srchJobsQuota(1)
                                .build()));
        Map<String, String> config = config("roles");
        config.put(SplunkSourceConfig.TOKEN, "migrator-token");
        config.put(SplunkSourceConfig.TAIL_ENABLED, "true");
        Map<String, List<String>> errors = validationErrors(config);

        assertThat(errors.get(SplunkSourceConfig.SLICE_DURATION))
                .singleElement()
                .asString()
                .contains("splunk.slice.duration exceeds the role's search time window of 300 s")
                .contains("role 'migration'");
        assertThat(errors.get(SplunkSourceConfig.BACKFILL_START))
                .singleElement()
                .asString()
                .contains("srchTimeEarliest = 5400 s");
        assertThat(errors.get(SplunkSourceConfig.TAIL_MAX_EVENT_AGE))
                .singleElement()
                .asString()
                .contains("The tail searches all event time")
                .contains("srchTimeWin = 300 s");
        assertThat(errors.get(SplunkSourceConfig.MAX_CONCURRENT_SEARCHES))
                .singleElement()
                .asString()
                .contains("srchJobsQuota = 1");
        assertThat(errors.get(SplunkSourceConfig.INDEXES))
                .singleElement()
                .asString()
                .contains("may not search app");
    }

    @Test
    void rowsOutOfOrderCutMidSliceAreReadAgainWholeSoEveryEventArrives() throws Exception {
        startEmulator(b -> b);
        // The first export of each task: rows 20-49 as two peers' streams concatenated, then the connection cut.
        emulator.faults().outOfOrderDelivery(20, 30, 2).dropConnectionAfterRows(80, 2);
        List<String> expected = expected();
        connect.configureConnector("order", config("order"));
        List<String> keys =
                awaitCommittedKeys(connect, "order", expected.size(), Duration.ofSeconds(120), topics("order"));
        Thread.sleep(1500);
        keys = ConnectTestSupport.committedKeys(connect, topics("order"));

        // None lost; the rows delivered before each cut came again (exactly-once holds only for newest-first
        // streams), which the Delta job's MERGE removes.
        assertThat(new HashSet<>(keys)).isEqualTo(new HashSet<>(expected));
        assertThat(keys.size()).isBetween(expected.size(), expected.size() + 2 * 80);
        connect.deleteConnector("order");
    }

    @Test
    void autoFinalizedSearchesAreReadOnFromWhereTheyStoppedAndTheRangeIsExact() throws Exception {
        startEmulator(b -> b);
        emulator.faults().autoFinalizeAfterRows(50, 6);
        List<String> expected = expected();
        connect.configureConnector("final", config("final"));
        List<String> keys = awaitAllCommitted(connect, "final", expected, Duration.ofSeconds(120), topics("final"));
        assertExactlyOnce(keys, expected);
        // A fault drawn by a resumed export with no more than 50 rows left cuts nothing, so how many of the 6 cut
        // depends on how the two tasks interleave; every cut must be counted once.
        long cut = emulator.stats().autoFinalizedExports();
        assertThat(cut).isBetween(1L, 6L);
        assertThat(ConnectTestSupport.taskMetricSum("final", "partial-results-total"))
                .isEqualTo(cut);
        connect.deleteConnector("final");
    }

    private static String awaitFailedTask(String connector) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
        List<String> traces = new ArrayList<>();
        while (System.nanoTime() < deadline) {
            try {
                connect.connectorStatus(connector).tasks().stream()
                        .filter(t -> t.state().equals("FAILED"))
                        .forEach(t -> traces.add(t.trace()));
            } catch (org.apache.kafka.connect.runtime.rest.errors.ConnectRestException notYetThere) {
                // Still being created.
            }
            if (!traces.isEmpty()) {
                return traces.get(0);
            }
            Thread.sleep(500);
        }
        throw new AssertionError("No task of " + connector + " failed within 60 s");
    }
}
