package io.github.splunkdeltabridge.source;

import static io.github.splunkdeltabridge.source.ConnectTestSupport.awaitAllCommitted;
import static io.github.splunkdeltabridge.source.ConnectTestSupport.awaitCommittedKeys;
import static io.github.splunkdeltabridge.source.ConnectTestSupport.expectedIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.splunkdeltabridge.client.SplunkEvent;
import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import io.github.splunkdeltabridge.emulator.data.EmulatedEvent;
import io.github.splunkdeltabridge.emulator.data.EventQuery;
import io.github.splunkdeltabridge.emulator.data.GeneratedDataset;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.runtime.rest.entities.ConfigInfos;
import org.apache.kafka.connect.runtime.rest.entities.ConnectorOffset;
import org.apache.kafka.connect.util.clusters.EmbeddedConnectCluster;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The connector in a real Connect worker (exactly-once source support on) against the Splunk emulator.
 * Each test uses its own connector name and topic prefix.
 */
class SplunkSourceConnectorIT {

    private static final String TOKEN = "connect-it-token";
    private static final String PASSWORD = "connect-it-password";
    private static final Instant NOW = Instant.now().truncatedTo(ChronoUnit.SECONDS);
    private static final Instant DATA_START = NOW.minus(Duration.ofHours(2));

    private static final GeneratedDataset DATASET = GeneratedDataset.builder()
            .seed(11)
            .start(DATA_START)
            .end(NOW)
            .eventsPerMinute(20)
            .build();

    private static EmbeddedConnectCluster connect;
    private static SplunkEmulator emulator;

    @BeforeAll
    static void startClusterAndEmulator() {
        emulator = SplunkEmulator.builder()
                .token(TOKEN)
                .user("admin", PASSWORD)
                .dataset(DATASET)
                .build()
                .start();
        connect = ConnectTestSupport.startCluster("splunk-source-it", true);
    }

    @AfterAll
    static void stop() {
        if (connect != null) {
            connect.stop();
        }
        if (emulator != null) {
            emulator.close();
        }
    }

    private static Map<String, String> backfillConfig(String prefix, Instant start, Instant end) {
        Map<String, String> config =
                ConnectTestSupport.connectorConfig(emulator.baseUri().toString(), TOKEN);
        config.put("tasks.max", "2");
        config.put(SplunkSourceConfig.INDEXES, "web,os,app");
        config.put(SplunkSourceConfig.TOPIC_TEMPLATE, prefix + ".${index}");
        config.put(SplunkSourceConfig.BACKFILL_START, start.toString());
        config.put(SplunkSourceConfig.BACKFILL_END, end.toString());
        config.put(SplunkSourceConfig.SLICE_DURATION, "10m");
        config.put(SplunkSourceConfig.TAIL_ENABLED, "false");
        config.put(SplunkSourceConfig.BATCH_SIZE, "200");
        return config;
    }

    private static String[] topics(String prefix) {
        return new String[] {prefix + ".web", prefix + ".os", prefix + ".app"};
    }

    private static List<String> expectedBackfill(Instant start, Instant end) {
        EventQuery query = EventQuery.builder()
                .earliest(start)
                .latest(end)
                .indexLatest(end)
                .build();
        return expectedIds(DATASET, query, end);
    }

    @Test
    void backfillOverTwoTasksDeliversEveryEventExactlyOnceThroughSplunkFaults() throws Exception {
        Instant start = DATA_START;
        Instant end = NOW.minus(Duration.ofMinutes(30));
        List<String> expected = expectedBackfill(start, end);
        assertThat(expected).hasSizeGreaterThan(4000);
        emulator.faults()
                .quotaExceeded(2)
                .tooManyRequests(1, Duration.ofSeconds(1))
                .dropConnectionAfterRows(150, 2);

        connect.configureConnector("backfill", backfillConfig("bf", start, end));
        List<String> keys = awaitAllCommitted(connect, "backfill", expected, Duration.ofSeconds(120), topics("bf"));

        assertExactlyOnce(keys, expected);
        assertThat(connect.connectorStatus("backfill").tasks())
                .hasSize(2)
                .allSatisfy(task -> assertThat(task.state()).isEqualTo("RUNNING"));
        // The tasks' metrics, as JMX shows them: every event counted, the faults' retries seen, all slices done.
        assertThat(ConnectTestSupport.taskMetricSum("backfill", "events-total"))
                .isGreaterThanOrEqualTo(expected.size());
        // Two 503s and a 429 always happen; a drop only when its stream reaches row 150.
        assertThat(ConnectTestSupport.taskMetricSum("backfill", "retries-total"))
                .isGreaterThanOrEqualTo(3);
        assertThat(ConnectTestSupport.taskMetricSum("backfill", "backfill-slices-done"))
                .isEqualTo(ConnectTestSupport.taskMetricSum("backfill", "backfill-slices-total"));
        // What a user sees with GET /connectors/backfill/offsets: every slice of every search, each one done.
        List<ConnectorOffset> offsets = connect.connectorOffsets("backfill").offsets();
        assertThat(offsets).hasSize((int) ConnectTestSupport.taskMetricSum("backfill", "backfill-slices-total"));
        assertThat(offsets)
                .extracting(offset -> (Object) offset.partition().get("search"))
                .containsOnly("web", "os", "app");
        assertThat(offsets)
                .allSatisfy(offset -> assertThat(offset.offset())
                        .as("offset of %s", offset.partition())
                        .isNotNull()
                        .extracting(offset2 -> offset2.get("done"))
                        .isEqualTo(true));
        connect.deleteConnector("backfill");
    }

    @Test
    void workerStoppedMidBackfillResumesWithoutLossOrDuplicates() throws Exception {
        Instant start = DATA_START;
        Instant end = DATA_START.plus(Duration.ofMinutes(60));
        List<String> expected = expectedBackfill(start, end);
        emulator.faults().slowStream(Duration.ofMillis(2));

        Map<String, String> config = backfillConfig("restart", start, end);
        config.put("tasks.max", "1");
        connect.configureConnector("restart", config);
        List<String> before = awaitCommittedKeys(connect, "restart", 600, Duration.ofSeconds(60), topics("restart"));
        assertThat(before.size()).isLessThan(expected.size());

        connect.removeWorker();
        emulator.faults().clear();
        connect.addWorker();
        List<String> keys = awaitAllCommitted(connect, "restart", expected, Duration.ofSeconds(120), topics("restart"));

        assertExactlyOnce(keys, expected);
        connect.deleteConnector("restart");
    }

    @Test
    void tailPicksUpNewAndLateIndexedEventsWithoutGapsOrDuplicates() throws Exception {
        // Its own data, relative to this moment: events up to 15 s ahead, a fifth of them indexed 3-6 s late.
        Instant t0 = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        Instant start = t0.minus(Duration.ofMinutes(5));
        GeneratedDataset live = GeneratedDataset.builder()
                .seed(13)
                .start(start)
                .end(t0.plusSeconds(15))
                .eventsPerMinute(60)
                .lateFraction(0.2)
                .lateness(Duration.ofSeconds(3), Duration.ofSeconds(6))
                .build();
        try (SplunkEmulator liveSplunk =
                SplunkEmulator.builder().token(TOKEN).dataset(live).build().start()) {
            Map<String, String> config = backfillConfig("tail", start, start);
            config.put(SplunkSourceConfig.URL, liveSplunk.baseUri().toString());
            config.remove(SplunkSourceConfig.BACKFILL_END);
            config.put(SplunkSourceConfig.TAIL_ENABLED, "true");
            config.put(SplunkSourceConfig.TAIL_LAG, "1s");
            config.put(SplunkSourceConfig.TAIL_POLL_INTERVAL, "500ms");
            Instant connectorCreated = Instant.now();
            connect.configureConnector("tail", config);

            // By then every event is indexed: the data ends 15 s after t0 and is at most 6 s late.
            Instant allIndexed = t0.plusSeconds(15 + 6 + 2);
            EventQuery fromStart = EventQuery.builder().earliest(start).build();
            List<String> expected = expectedIds(live, fromStart, allIndexed);
            // Only the tail can deliver events indexed after the connector started, late ones among them.
            List<EmulatedEvent> lateAfterStart = new ArrayList<>();
            live.newestFirst(fromStart, allIndexed).forEachRemaining(e -> {
                if (e.indexTime().isAfter(connectorCreated.plusSeconds(2))
                        && !e.indexTime().isBefore(e.time().plusSeconds(3))) {
                    lateAfterStart.add(e);
                }
            });
            assertThat(lateAfterStart).isNotEmpty();

            Thread.sleep(Math.max(
                    0,
                    Duration.between(Instant.now(), allIndexed.plusSeconds(3)).toMillis()));
            List<String> keys = awaitAllCommitted(connect, "tail", expected, Duration.ofSeconds(60), topics("tail"));

            assertExactlyOnce(keys, expected);
            assertThat(keys).containsAll(idsOf(lateAfterStart));
            connect.deleteConnector("tail");
        }
    }

    @Test
    void expiredSessionMidBackfillIsRenewedByLoggingInAgain() throws Exception {
        Instant start = DATA_START;
        Instant end = DATA_START.plus(Duration.ofMinutes(40));
        List<String> expected = expectedBackfill(start, end);
        Map<String, String> config = backfillConfig("login", start, end);
        config.remove(SplunkSourceConfig.TOKEN);
        config.put(SplunkSourceConfig.USERNAME, "admin");
        config.put(SplunkSourceConfig.PASSWORD, PASSWORD);
        config.put("tasks.max", "1");
        emulator.faults().slowStream(Duration.ofMillis(1));
        connect.configureConnector("login", config);

        awaitCommittedKeys(connect, "login", 300, Duration.ofSeconds(60), topics("login"));
        long loginsBefore = emulator.stats().loginRequests();
        emulator.faults().expireSessions();
        emulator.faults().clear();
        List<String> keys = awaitAllCommitted(connect, "login", expected, Duration.ofSeconds(60), topics("login"));

        assertExactlyOnce(keys, expected);
        assertThat(emulator.stats().loginRequests()).isGreaterThan(loginsBefore);
        connect.deleteConnector("login");
    }

    @Test
    void aWrongTokenIsRefusedAtCreationAndARevokedOneFailsTheTaskWithSplunksMessageAndNoSecret() throws Exception {
        Map<String, String> config = backfillConfig("denied", DATA_START, DATA_START.plus(Duration.ofMinutes(40)));
        config.put("tasks.max", "1");
        config.put(SplunkSourceConfig.TOKEN, "not-the-right-token-4711");
        // validate() asks Splunk with the token before Connect creates anything.
        assertThatThrownBy(() -> connect.configureConnector("denied", config))
                .hasMessageContaining(SplunkSourceConfig.TOKEN)
                .hasMessageContaining("401")
                .hasMessageNotContaining("not-the-right-token-4711");

        // A token revoked while the connector runs fails the task with Splunk's answer, and still no secret.
        config.put(SplunkSourceConfig.TOKEN, TOKEN);
        emulator.faults().slowStream(Duration.ofMillis(2));
        connect.configureConnector("denied", config);
        awaitCommittedKeys(connect, "denied", 50, Duration.ofSeconds(60), topics("denied"));
        emulator.faults().rejectTokens(1000);
        String trace = awaitFailedTaskTrace("denied", "401");
        emulator.faults().clear();
        assertThat(trace)
                .contains("401")
                .contains("call not properly authenticated")
                .doesNotContain(TOKEN);
        connect.deleteConnector("denied");
    }

    @Test
    void malformedOutputAndFatalMessagesFailTheTaskClearlyAndARestartLosesNothing() throws Exception {
        // On a slice boundary, so the first export is a whole 10-minute slice (~200 rows) and reaches the rows where
        // the faults are injected; a partial first slice of a minute ran out of rows first and the test failed.
        Duration slice = Duration.ofMinutes(10);
        Instant start = Instant.ofEpochMilli((DATA_START.toEpochMilli() / slice.toMillis() + 1) * slice.toMillis());
        Instant end = start.plus(Duration.ofMinutes(30));
        List<String> expected = expectedBackfill(start, end);
        Map<String, String> config = backfillConfig("garbled", start, end);
        config.put("tasks.max", "1");

        // A line that is not JSON: the task stops with the parser's complaint instead of skipping what it cannot read.
        emulator.faults().malformedLineAfterRows(50, 1);
        connect.configureConnector("garbled", config);
        assertThat(awaitFailedTaskTrace("garbled", "SplunkProtocolException")).contains("line");

        // Splunk's own FATAL message, after the restart the operator does once Splunk is healthy again.
        emulator.faults().fatalMessageAfterRows(20, "Search process did not exit cleanly, exit_code=255", 1);
        connect.restartTask("garbled", 0);
        assertThat(awaitFailedTaskTrace("garbled", "FATAL"))
                .contains("Search process did not exit cleanly, exit_code=255");

        connect.restartTask("garbled", 0);
        connect.assertions().assertConnectorAndExactlyNumTasksAreRunning("garbled", 1, "task did not come back");
        List<String> keys = awaitAllCommitted(connect, "garbled", expected, Duration.ofSeconds(120), topics("garbled"));
        assertExactlyOnce(keys, expected);
        connect.deleteConnector("garbled");
    }

    @Test
    void offsetsPatchedThroughTheRestApiAreCheckedAndAResetSliceIsReadAgain() throws Exception {
        Duration slice = Duration.ofMinutes(10);
        Instant start = Instant.ofEpochMilli((DATA_START.toEpochMilli() / slice.toMillis() + 1) * slice.toMillis());
        Instant end = start.plus(Duration.ofMinutes(30));
        List<String> expected = expectedBackfill(start, end);
        Map<String, String> config = backfillConfig("patched", start, end);
        config.put("tasks.max", "1");
        connect.configureConnector("patched", config);
        awaitAllCommitted(connect, "patched", expected, Duration.ofSeconds(120), topics("patched"));
        connect.stopConnector("patched");
        connect.assertions().assertConnectorIsStopped("patched", "connector did not stop");
        String offsetsUrl = connect.endpointForResource("connectors/patched/offsets");

        // Malformed offsets are refused at the REST call, with what is wrong, and nothing is stored.
        Instant second = start.plus(slice);
        String malformed = "{\"offsets\": ["
                + "{\"partition\": {\"search\": \"web\", \"slice\": \"" + second + "\"},"
                + " \"offset\": {\"lowest_time_ms\": \"soon\", \"ids_at_lowest_time\": \"\", \"rows\": 3,"
                + " \"done\": false, \"backfill_end_ms\": " + end.toEpochMilli() + "}},"
                + "{\"partition\": {\"search\": \"db\", \"tail\": \"index_time\"}, \"offset\": null}]}";
        try (Response refused = connect.requestPatch(offsetsUrl, malformed)) {
            // Connect answers a connector's refusal with 500 and its message (as for FileStreamSourceConnector's).
            assertThat(refused.getStatus()).isEqualTo(500);
            assertThat(String.valueOf(refused.getEntity()))
                    .contains("\\\"lowest_time_ms\\\" must be a whole number of at least 0, not soon")
                    .contains("one of this connector's searches [app, os, web]");
        }
        assertThat(connect.connectorOffsets("patched").offsets())
                .allSatisfy(offset -> assertThat(offset.offset().get("done")).isEqualTo(true));

        // A valid change: forget the second slice of web, so that hour is copied again when the connector resumes.
        String reset = "{\"offsets\": [{\"partition\": {\"search\": \"web\", \"slice\": \"" + second
                + "\"}, \"offset\": null}]}";
        try (Response accepted = connect.requestPatch(offsetsUrl, reset)) {
            assertThat(accepted.getStatus()).isEqualTo(200);
        }
        connect.resumeConnector("patched");
        List<String> again = expectedIds(
                DATASET,
                EventQuery.builder()
                        .indexes(Set.of("web"))
                        .earliest(second)
                        .latest(second.plus(slice))
                        .indexLatest(end)
                        .build(),
                end);
        assertThat(again).isNotEmpty();
        List<String> keys = awaitAllCommitted(
                connect, "patched", concat(expected, again), Duration.ofSeconds(120), topics("patched"));
        assertThat(keys).hasSize(expected.size() + again.size());
        assertThat(new HashSet<>(keys)).isEqualTo(new HashSet<>(expected));
        connect.deleteConnector("patched");
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }

    /** The trace of the connector's failed task, once it mentions {@code marker} (an earlier failure's may linger). */
    private static String awaitFailedTaskTrace(String connector, String marker) throws InterruptedException {
        for (int i = 0; i < 120; i++) {
            Thread.sleep(500);
            String trace;
            try {
                trace = connect.connectorStatus(connector).tasks().stream()
                        .filter(t -> t.state().equals("FAILED") && t.trace().contains(marker))
                        .map(t -> t.trace())
                        .findFirst()
                        .orElse(null);
            } catch (org.apache.kafka.connect.runtime.rest.errors.ConnectRestException notYetReported) {
                continue;
            }
            if (trace != null) {
                return trace;
            }
        }
        throw new AssertionError("The task of " + connector + " did not fail with " + marker);
    }

    @Test
    void invalidSettingsAreReportedOnTheirKeysThroughTheValidateEndpoint() {
        Map<String, String> config = new HashMap<>();
        config.put("connector.class", SplunkSourceConnector.class.getName());
        config.put(SplunkSourceConfig.URL, "ftp://splunk.example.com");
        config.put(SplunkSourceConfig.INDEXES, "main");
        config.put(SplunkSourceConfig.BACKFILL_START, "last tuesday");
        config.put(SplunkSourceConfig.SLICE_DURATION, "an hour");
        Map<String, List<String>> errors =
                errors(connect.validateConnectorConfig(SplunkSourceConnector.class.getSimpleName(), config));
        assertThat(errors.get(SplunkSourceConfig.URL))
                .singleElement()
                .asString()
                .contains("http:// or https://");
        assertThat(errors.get(SplunkSourceConfig.BACKFILL_START))
                .singleElement()
                .asString()
                .contains("ISO-8601");
        assertThat(errors.get(SplunkSourceConfig.SLICE_DURATION))
                .singleElement()
                .asString()
                .contains("duration");

        Map<String, String> noAuth = new HashMap<>(config);
        noAuth.put(SplunkSourceConfig.URL, "https://splunk.example.com:8089");
        noAuth.put(SplunkSourceConfig.BACKFILL_START, "2024-01-01T00:00:00Z");
        noAuth.put(SplunkSourceConfig.BACKFILL_END, "2023-01-01T00:00:00Z");
        noAuth.put(SplunkSourceConfig.SLICE_DURATION, "1h");
        Map<String, List<String>> combined =
                errors(connect.validateConnectorConfig(SplunkSourceConnector.class.getSimpleName(), noAuth));
        assertThat(combined.get(SplunkSourceConfig.TOKEN))
                .singleElement()
                .asString()
                .contains("authenticate");
        assertThat(combined.get(SplunkSourceConfig.BACKFILL_END))
                .singleElement()
                .asString()
                .contains("must be after");
    }

    private static Map<String, List<String>> errors(ConfigInfos infos) {
        Map<String, List<String>> errors = new HashMap<>();
        infos.configs().forEach(info -> {
            if (!info.configValue().errors().isEmpty()) {
                errors.put(info.configValue().name(), info.configValue().errors());
            }
        });
        return errors;
    }

    /** Every expected event once, and nothing else. */
    private static void assertExactlyOnce(List<String> keys, List<String> expected) {
        assertThat(keys).hasSameSizeAs(expected);
        assertThat(new HashSet<>(keys)).isEqualTo(new HashSet<>(expected));
    }

    private static List<String> idsOf(List<EmulatedEvent> events) {
        return events.stream()
                .map(e -> SplunkEvent.fromFields(e.toResultFields()).eventId())
                .toList();
    }
}
