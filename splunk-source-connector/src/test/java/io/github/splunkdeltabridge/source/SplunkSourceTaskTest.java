package io.github.splunkdeltabridge.source;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.connect.data.Struct;
import org.apache.kafka.connect.errors.ConnectException;
import org.apache.kafka.connect.source.SourceRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The task driven poll by poll against scripted Splunk answers: exact backfills through the ways real Splunk differs from
 * a healthy server (time renderings, API versions, peers down, outages, role limits, rows out of order).
 */
class SplunkSourceTaskTest {

    private static final String TOKEN = "task-test-token";
    private static final Instant START = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant END = Instant.parse("2024-03-01T11:00:00Z");
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    private final ScriptedSplunk splunk = new ScriptedSplunk();
    private TaskRunner runner;

    @AfterEach
    void stop() {
        if (runner != null) {
            runner.close();
        }
        splunk.close();
    }

    /** One event a minute, two indexers, and three pairs that share their time (ties across peers). */
    private static List<ScriptedSplunk.Event> events() {
        List<ScriptedSplunk.Event> events = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            Instant time = START.plusSeconds(30 + 60L * i).plusNanos(123_456_000L);
            if (i % 20 == 1) {
                time = START.plusSeconds(30 + 60L * (i - 1)).plusNanos(123_456_000L);
            }
            events.add(new ScriptedSplunk.Event(
                    "web", "1:" + (1000 + i), time, i % 2 == 0 ? "idx-1" : "idx-2", "GET /page/" + i));
        }
        return events;
    }

    private static Set<String> expectedIds() {
        Set<String> ids = new HashSet<>();
        events().forEach(e -> ids.add(e.id()));
        return ids;
    }

    private Map<String, String> config(URI url) {
        Map<String, String> config = new HashMap<>();
        config.put(SplunkSourceConfig.URL, url.toString());
        config.put(SplunkSourceConfig.TOKEN, TOKEN);
        config.put(SplunkSourceConfig.INDEXES, "web");
        config.put(SplunkSourceConfig.BACKFILL_START, START.toString());
        config.put(SplunkSourceConfig.BACKFILL_END, END.toString());
        config.put(SplunkSourceConfig.SLICE_DURATION, "PT30M");
        config.put(SplunkSourceConfig.TAIL_ENABLED, "false");
        config.put(SplunkSourceConfig.BATCH_SIZE, "10");
        config.put(SplunkSourceConfig.RETRY_MAX_ATTEMPTS, "2");
        config.put(SplunkSourceConfig.RETRY_INITIAL_BACKOFF, "10ms");
        config.put(SplunkSourceConfig.RETRY_MAX_BACKOFF, "50ms");
        config.put(SplunkSourceConfig.OUTAGE_BACKOFF_MAX, "200ms");
        return config;
    }

    private void permissiveRole() {
        splunk.roleContents.put(
                "migration",
                "{\"srchTimeWin\":-1,\"srchTimeEarliest\":-1,\"srchJobsQuota\":10,\"srchIndexesAllowed\":[\"*\"]}");
    }

    private TaskRunner run(Map<String, String> config) {
        runner = new TaskRunner(config, END).start();
        return runner;
    }

    private URI startSplunk() throws IOException {
        splunk.events(events());
        permissiveRole();
        return splunk.start();
    }

    private static boolean allOf(List<SourceRecord> records, Set<String> ids) {
        Set<String> seen = new HashSet<>();
        records.forEach(r -> seen.add((String) r.key()));
        return seen.containsAll(ids);
    }

    private void assertExactlyOnce(TaskRunner r) {
        assertThat(r.keys()).doesNotHaveDuplicates();
        assertThat(new HashSet<>(r.keys())).isEqualTo(expectedIds());
    }

    private static Instant eventTime(SourceRecord record) {
        return ((Date) ((Struct) record.value()).get("event_time")).toInstant();
    }

    private List<Map<String, String>> exportsOfSlice(Instant sliceStart) {
        String earliest = ScriptedSplunk.epochMicros(sliceStart).replaceAll("\\.?0+$", "");
        return splunk.exports.stream()
                .filter(f -> earliest.equals(f.get("earliest_time")))
                .toList();
    }

    @Test
    @SuppressWarnings("unchecked")
    void aBackfillDeliversEveryEventOnceWithItsExactTime() throws Exception {
        URI url = startSplunk();
        TaskRunner r = run(config(url));
        r.pollUntil(d -> allOf(d, expectedIds()), TIMEOUT);

        assertExactlyOnce(r);
        assertThat(splunk.exports).allSatisfy(f -> assertThat(f).containsEntry("output_time_format", "%s.%6N"));
        Map<String, Instant> times = new HashMap<>();
        events().forEach(e -> times.put(e.id(), e.time()));
        // event_time is a millisecond column (SplunkEventField); positions keep the microseconds.
        assertThat(r.delivered)
                .allSatisfy(rec -> assertThat(eventTime(rec))
                        .isEqualTo(times.get((String) rec.key()).truncatedTo(ChronoUnit.MILLIS)));
        SourceRecord first = r.delivered.get(0);
        assertThat((Map<String, Object>) first.sourceOffset())
                .containsEntry(
                        "lowest_time_us", ChronoUnit.MICROS.between(Instant.EPOCH, times.get((String) first.key())));
        assertThat(r.committed.values()).allSatisfy(o -> assertThat(o).containsEntry("done", true));
    }

    @Test
    void timesRenderedInAUsersZoneAreReadAtTheirInstant() throws Exception {
        // A server that renders _time by the user's zone setting, as in Splunk's own export captures.
        DateTimeFormatter pacific =
                DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS 'PST'").withZone(ZoneId.of("America/Los_Angeles"));
        splunk.timeRendering = pacific::format;
        TaskRunner r = run(config(startSplunk()));
        r.pollUntil(d -> allOf(d, expectedIds()), TIMEOUT);

        assertExactlyOnce(r);
        Map<String, Instant> times = new HashMap<>();
        events().forEach(e -> times.put(e.id(), e.time()));
        // The zone form carries milliseconds (%Q).
        assertThat(r.delivered)
                .allSatisfy(rec -> assertThat(eventTime(rec))
                        .isEqualTo(times.get((String) rec.key()).truncatedTo(ChronoUnit.MILLIS)));
    }

    @Test
    void aTimeThatIsNotATimeFailsTheTaskNamingTheValue() throws Exception {
        splunk.timeRendering = t -> "yesterday at noon";
        TaskRunner r = run(config(startSplunk()));
        assertThatThrownBy(r::poll)
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("'yesterday at noon'")
                .hasMessageContaining("line 1");
        assertThat(r.delivered).isEmpty();
    }

    @Test
    void onSplunk82TheBackfillReadsTheV1EndpointAndIsExact() throws Exception {
        splunk.version = "8.2.12";
        TaskRunner r = run(config(startSplunk()));
        r.pollUntil(d -> allOf(d, expectedIds()), TIMEOUT);

        assertExactlyOnce(r);
        assertThat(splunk.requests)
                .filteredOn(q -> q.startsWith("POST"))
                .isNotEmpty()
                .allSatisfy(q -> assertThat(q).isEqualTo("POST /services/search/jobs/export"));
    }

    @Test
    void aPeerDownLeavesTheSliceUndoneUntilThePeerIsBackThenTheRangeIsExact() throws Exception {
        splunk.peerDown("idx-2", 2);
        Map<String, String> config = config(startSplunk());
        config.put(SplunkSourceConfig.RETRY_INITIAL_BACKOFF, "200ms");
        config.put(SplunkSourceConfig.RETRY_MAX_BACKOFF, "1s");
        TaskRunner r = run(config);

        // Both slices hear that idx-2 is down: nothing is delivered and neither slice is done.
        assertThat(r.poll()).isEmpty();
        assertThat(r.committed).isEmpty();
        assertThat(splunk.exportCount()).isEqualTo(2);

        r.pollUntil(d -> allOf(d, expectedIds()), TIMEOUT);
        assertExactlyOnce(r);
        assertThat(r.committed.values()).allSatisfy(o -> assertThat(o).containsEntry("done", true));
    }

    @Test
    void aSearchFinalizedEarlyIsReadOnFromWhereItStoppedAndTheRangeIsExact() throws Exception {
        // Three reads stop after 7 rows each (an event limit): slice 1's first and second, slice 2's first (it goes
        // on while slice 1 waits). Each next read goes on from where the last stopped; progress resets the attempts.
        splunk.finalizeAfterRows(7, 3);
        Map<String, String> config = config(startSplunk());
        config.put(SplunkSourceConfig.PARTIAL_RESULTS_MAX_ATTEMPTS, "2");
        TaskRunner r = run(config);
        r.pollUntil(d -> allOf(d, expectedIds()), TIMEOUT);

        assertExactlyOnce(r);
        List<Map<String, String>> firstSlice = exportsOfSlice(START);
        assertThat(firstSlice).hasSize(3);
        for (int i = 1; i < firstSlice.size(); i++) {
            assertThat(new java.math.BigDecimal(firstSlice.get(i).get("latest_time")))
                    .isLessThan(new java.math.BigDecimal(firstSlice.get(i - 1).get("latest_time")));
        }
    }

    @Test
    void withPartialResultsFailTheTaskFailsWithSplunksText() throws Exception {
        splunk.peerDown("idx-2", 1);
        Map<String, String> config = config(startSplunk());
        config.put(SplunkSourceConfig.PARTIAL_RESULTS, "fail");
        TaskRunner r = run(config);
        assertThatThrownBy(r::poll)
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("splunk.partial.results=fail")
                .hasMessageContaining("Unable to distribute to peer named idx-2")
                .hasMessageContaining("status = \"Down\"");
    }

    @Test
    void missingRowsThatPersistFailTheTaskAfterTheConfiguredAttempts() throws Exception {
        splunk.peerDown("idx-2", 1000);
        Map<String, String> config = config(startSplunk());
        config.put(SplunkSourceConfig.PARTIAL_RESULTS_MAX_ATTEMPTS, "3");
        TaskRunner r = run(config);
        assertThatThrownBy(() -> r.pollUntil(d -> false, TIMEOUT))
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("after 3 attempts")
                .hasMessageContaining("Unable to distribute to peer named idx-2");
    }

    @Test
    void withPartialResultsAcceptTheAvailableRowsAreDeliveredAndTheSlicesCountAsDone() throws Exception {
        splunk.peerDown("idx-2", 2);
        Map<String, String> config = config(startSplunk());
        config.put(SplunkSourceConfig.PARTIAL_RESULTS, "accept");
        TaskRunner r = run(config);
        Set<String> fromIdx1 = new HashSet<>();
        events().stream().filter(e -> e.server().equals("idx-1")).forEach(e -> fromIdx1.add(e.id()));
        r.pollUntil(d -> allOf(d, fromIdx1), TIMEOUT);
        assertThat(r.poll()).isNull();
        assertThat(new HashSet<>(r.keys())).isEqualTo(fromIdx1);
        assertThat(r.committed.values()).allSatisfy(o -> assertThat(o).containsEntry("done", true));
    }

    @Test
    void whenSplunkAnswers503LongerThanTheRetriesTheTaskWaitsAndThenCompletesExactly() throws Exception {
        // Eight refusals against two attempts per request: four times the client gives up.
        splunk.failExports(
                503, "The maximum number of concurrent historical searches on this instance has been reached", 8);
        TaskRunner r = run(config(startSplunk()));
        r.pollUntil(d -> allOf(d, expectedIds()), TIMEOUT);
        assertExactlyOnce(r);
    }

    @Test
    void whenSplunkIsNotThereAtAllTheTaskKeepsRunningUntilItIs() throws Exception {
        int port;
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
        splunk.events(events());
        permissiveRole();
        TaskRunner r = run(config(URI.create("http://127.0.0.1:" + port)));
        long until = System.nanoTime() + Duration.ofSeconds(1).toNanos();
        while (System.nanoTime() < until) {
            // Connection refused, again and again: no exception, nothing delivered.
            assertThat(r.poll()).isNull();
        }
        splunk.start(port);
        r.pollUntil(d -> allOf(d, expectedIds()), TIMEOUT);
        assertExactlyOnce(r);
    }

    @Test
    void aPermanentFailureFailsTheTask() throws Exception {
        splunk.failExports(401, "call not properly authenticated", 1);
        TaskRunner r = run(config(startSplunk()));
        assertThatThrownBy(r::poll)
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("401")
                .hasMessageNotContaining(TOKEN);
    }

    @Test
    void aSliceLongerThanTheRolesSearchWindowFailsNamingTheLimitAndTheSetting() throws Exception {
        URI url = startSplunk();
        splunk.roleContents.put(
                "migration", "{\"srchTimeWin\":900,\"srchTimeEarliest\":-1,\"srchIndexesAllowed\":[\"*\"]}");
        TaskRunner r = run(config(url));
        assertThatThrownBy(r::poll)
                .isInstanceOf(ConnectException.class)
                .hasMessageContaining("splunk.slice.duration exceeds the role's search time window of 900 s")
                .hasMessageContaining("role 'migration'");
        assertThat(splunk.exportCount()).isZero();
    }

    @Test
    void anOutOfOrderSliceCutMidwayIsReadAgainWholeSoNoEventIsLost() throws Exception {
        // The first export is delivered pairwise the wrong way round and cut after 7 rows.
        splunk.outOfOrderCutAfterRows(7, 1);
        TaskRunner r = run(config(startSplunk()));
        r.pollUntil(d -> allOf(d, expectedIds()), TIMEOUT);

        assertThat(new HashSet<>(r.keys())).isEqualTo(expectedIds());
        // Rows delivered before the cut came again: at-least-once, removed by the Delta job's MERGE.
        assertThat(r.keys()).hasSize(60 + 7);
        List<Map<String, String>> firstSlice = exportsOfSlice(START);
        assertThat(firstSlice).hasSize(2);
        assertThat(firstSlice.get(1).get("latest_time"))
                .isEqualTo(firstSlice.get(0).get("latest_time"));
    }

    @Test
    void anOrderedSliceCutMidwayResumesBelowItsLowestTimeWithoutDuplicates() throws Exception {
        splunk.cutAfterRows(7, 1);
        TaskRunner r = run(config(startSplunk()));
        r.pollUntil(d -> allOf(d, expectedIds()), TIMEOUT);

        assertExactlyOnce(r);
        List<Map<String, String>> firstSlice = exportsOfSlice(START);
        assertThat(firstSlice).hasSize(2);
        assertThat(new java.math.BigDecimal(firstSlice.get(1).get("latest_time")))
                .isLessThan(new java.math.BigDecimal(firstSlice.get(0).get("latest_time")));
    }

    @Test
    void aRestartAfterRowsOutOfOrderReadsTheSliceAgainWholeSoNoEventIsLost() throws Exception {
        splunk.outOfOrder(1);
        Map<String, String> config = config(startSplunk());
        config.put(SplunkSourceConfig.BATCH_SIZE, "5");
        TaskRunner r = run(config);
        assertThat(r.poll()).hasSize(5);
        Map<String, Object> offset = r.committed.values().iterator().next();
        assertThat(offset).containsEntry("ordered", false).containsEntry("done", false);

        r.restart();
        r.pollUntil(d -> allOf(d, expectedIds()), TIMEOUT);
        assertThat(new HashSet<>(r.keys())).isEqualTo(expectedIds());
        List<Map<String, String>> firstSlice = exportsOfSlice(START);
        assertThat(firstSlice).hasSize(2);
        assertThat(firstSlice.get(1)).isEqualTo(firstSlice.get(0));
    }

    @Test
    void aSearchThatSortsClaimsNothingFromItsFirstRowSoARestartReadsTheSliceAgain() throws Exception {
        Map<String, String> config = config(startSplunk());
        config.put(SplunkSourceConfig.INDEXES, "");
        config.put(SplunkSourceConfig.SEARCHES, "sorted");
        config.put("splunk.search.sorted.spl", "search index=web | sort 0 _time");
        config.put(SplunkSourceConfig.BATCH_SIZE, "1");
        TaskRunner r = run(config);
        assertThat(r.poll()).hasSize(1);
        assertThat(r.committed.values().iterator().next()).containsEntry("ordered", false);
    }

    @Test
    void searchModeAndLookupsTravelWithEveryExport() throws Exception {
        Map<String, String> config = config(startSplunk());
        config.put(SplunkSourceConfig.SEARCH_MODE, "fast");
        config.put(SplunkSourceConfig.ENABLE_LOOKUPS, "false");
        TaskRunner r = run(config);
        r.pollUntil(d -> allOf(d, expectedIds()), TIMEOUT);
        assertThat(splunk.exports)
                .allSatisfy(f -> assertThat(f)
                        .containsEntry("adhoc_search_level", "fast")
                        .containsEntry("enable_lookups", "false"));
    }

    @Test
    void aMetricsSearchDeliversItsRowsWithoutRaw() throws Exception {
        // | mstats rows: _time per span, the group-by field and the aggregate; no _raw, no _cd.
        splunk.exportBody = form -> "{\"preview\":false,\"offset\":0,\"result\":{\"_time\":\"1709287260.000000\","
                + "\"host\":\"www1\",\"avg(cpu.usage)\":\"12.5\"}}\n"
                + "{\"preview\":false,\"offset\":1,\"result\":{\"_time\":\"1709287200.000000\",\"host\":\"www1\","
                + "\"avg(cpu.usage)\":\"11.0\"}}\n";
        Map<String, String> config = config(startSplunk());
        config.put(SplunkSourceConfig.INDEXES, "");
        config.put(SplunkSourceConfig.SEARCHES, "cpu");
        config.put("splunk.search.cpu.spl", "| mstats avg(cpu.usage) WHERE index=metrics span=1m BY host");
        config.put(SplunkSourceConfig.SLICE_DURATION, "PT1H");
        TaskRunner r = run(config);
        r.pollUntil(d -> d.size() >= 2, TIMEOUT);
        Struct first = (Struct) r.delivered.get(0).value();
        assertThat(first.get("raw")).isNull();
        assertThat(first.getString("host")).isEqualTo("www1");
        assertThat(first.getMap("fields")).containsEntry("avg(cpu.usage)", List.of("12.5"));
        assertThat(eventTime(r.delivered.get(0))).isEqualTo(Instant.parse("2024-03-01T10:01:00Z"));
        assertThat(splunk.exports.get(0).get("search")).startsWith("| mstats");
    }

    @Test
    void theTailSearchesEventTimeBackFromTheWindowEndByTheMaxEventAge() throws Exception {
        Instant backfillEnd = Instant.now().minusSeconds(600).truncatedTo(ChronoUnit.SECONDS);
        Map<String, String> config = config(startSplunk());
        config.remove(SplunkSourceConfig.BACKFILL_START);
        config.remove(SplunkSourceConfig.BACKFILL_END);
        config.put(SplunkSourceConfig.TAIL_ENABLED, "true");
        config.put(SplunkSourceConfig.TAIL_LAG, "0s");
        config.put(SplunkSourceConfig.TAIL_MAX_EVENT_AGE, "P1D");
        runner = new TaskRunner(config, backfillEnd).start();
        runner.poll();
        assertThat(splunk.exports).isNotEmpty();
        Map<String, String> form = splunk.exports.get(0);
        long windowEnd = Long.parseLong(form.get("index_latest"));
        assertThat(form).containsEntry("index_earliest", Long.toString(backfillEnd.getEpochSecond()));
        assertThat(Long.parseLong(form.get("earliest_time"))).isEqualTo(windowEnd - 86_400);
    }
}
