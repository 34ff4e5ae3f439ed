package io.github.splunkdeltabridge.emulator.reference;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import io.github.splunkdeltabridge.emulator.data.EmulatedEvent;
import io.github.splunkdeltabridge.emulator.data.EventQuery;
import io.github.splunkdeltabridge.emulator.data.GeneratedDataset;
import io.github.splunkdeltabridge.emulator.faults.PeerDown;
import io.github.splunkdeltabridge.emulator.faults.RoleLimits;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The modes other tests run the emulator in, each checked through the reference client: a search peer down,
 * role limits, an outage, auto-finalized searches, out-of-order delivery, replayed exports and job control.
 */
class EmulatorModesTest {

    private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");
    private static final Instant EARLIEST = NOW.minus(Duration.ofHours(1));

    private final GeneratedDataset dataset = GeneratedDataset.builder()
            .start(NOW.minus(Duration.ofHours(30)))
            .end(NOW)
            .eventsPerMinute(6)
            .build();
    private final List<SplunkEmulator> started = new ArrayList<>();

    @AfterEach
    void stop() {
        started.forEach(SplunkEmulator::close);
    }

    private SplunkEmulator start(SplunkEmulator.Builder builder) {
        SplunkEmulator emulator = builder.dataset(dataset)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build()
                .start();
        started.add(emulator);
        return emulator;
    }

    private SplunkEmulator start() {
        return start(SplunkEmulator.builder().token("t").jobRunTime(Duration.ofMillis(100)));
    }

    private static Map<String, String> window(Instant earliest, String... more) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("earliest_time", Long.toString(earliest.getEpochSecond()));
        params.put("latest_time", Long.toString(NOW.getEpochSecond()));
        params.put("output_mode", "json");
        for (int i = 0; i + 1 < more.length; i += 2) {
            params.put(more[i], more[i + 1]);
        }
        return params;
    }

    private List<EmulatedEvent> expected(Set<String> indexes, Instant earliest) {
        List<EmulatedEvent> events = new ArrayList<>();
        dataset.newestFirst(
                        EventQuery.builder()
                                .indexes(indexes)
                                .earliest(earliest)
                                .latest(NOW)
                                .build(),
                        NOW)
                .forEachRemaining(events::add);
        return events;
    }

    private static List<String> ids(List<JsonNode> rows) {
        return rows.stream()
                .map(r -> r.get("index").asText() + "/" + r.get("_cd").asText())
                .toList();
    }

    private static List<String> idsOf(List<EmulatedEvent> events) {
        return events.stream().map(e -> e.index() + "/" + e.cd()).toList();
    }

    @Test
    void aDownPeerHidesTheSameShareOfEventsWithSplunksWarningUntilItIsBack() throws Exception {
        SplunkEmulator emulator = start();
        ReferenceClient client = new ReferenceClient(emulator.baseUri()).token("t");
        List<EmulatedEvent> all = expected(Set.of(), EARLIEST);

        emulator.faults().peerDown("idx-2", 0.3);
        PeerDown peer = new PeerDown("idx-2", URI.create("https://idx-2:8089"), 0.3);
        String body = client.export("search index=*", window(EARLIEST)).body();
        List<String> got = ids(ReferenceClient.jsonExportResults(body));
        List<String> reachable = idsOf(all.stream().filter(e -> !peer.holds(e)).toList());
        assertThat(got).isEqualTo(reachable);
        assertThat(got.size()).isBetween((int) (all.size() * 0.6), (int) (all.size() * 0.8));
        JsonNode warning = ReferenceClient.jsonExportMessages(body).get(0);
        assertThat(warning.get("type").asText()).isEqualTo("WARN");
        assertThat(warning.get("text").asText())
                .isEqualTo("Unable to distribute to peer named idx-2 at uri https://idx-2:8089 because peer has status"
                        + " = \"Down\". Verify uri-scheme, connectivity to the search peer, that the search peer is up,"
                        + " and that an adequate level of system resources are available. See the Troubleshooting"
                        + " Manual for more information.");
        // The same events are missing from a second search, and a job carries the warning too.
        assertThat(ids(ReferenceClient.jsonExportResults(
                        client.export("search index=*", window(EARLIEST)).body())))
                .isEqualTo(got);
        String sid = client.createJob("search index=*", window(EARLIEST));
        AtomReader.Entry job = client.waitDone(sid);
        assertThat(job.content().get("messages").toString()).contains("Unable to distribute to peer named idx-2");

        emulator.faults().peerUp();
        String back = client.export("search index=*", window(EARLIEST)).body();
        assertThat(ids(ReferenceClient.jsonExportResults(back))).isEqualTo(idsOf(all));
        assertThat(ReferenceClient.jsonExportMessages(back)).isEmpty();
    }

    @Test
    void roleLimitsCutTheTimeRangeNarrowIndexesAndRefuseBeyondTheQuotas() throws Exception {
        SplunkEmulator emulator = start(SplunkEmulator.builder()
                .token("analyst-token", "analyst")
                .role(
                        "analyst",
                        RoleLimits.builder("analyst")
                                .srchTimeWin(Duration.ofMinutes(20))
                                .srchIndexesAllowed("web", "o*")
                                .srchJobsQuota(1)
                                .build())
                .token("auditor-token", "auditor")
                .role(
                        "auditor",
                        RoleLimits.builder("auditor")
                                .srchTimeEarliest(Duration.ofHours(2))
                                .srchDiskQuotaMb(1)
                                .build())
                .jobRunTime(Duration.ofSeconds(5)));
        ReferenceClient analyst = new ReferenceClient(emulator.baseUri()).token("analyst-token");

        // srchTimeWin: a one-hour search is cut to its last 20 minutes; index=* narrows to web and os.
        List<String> got = ids(ReferenceClient.jsonExportResults(
                analyst.export("search index=*", window(EARLIEST)).body()));
        assertThat(got).isEqualTo(idsOf(expected(Set.of("web", "os"), NOW.minus(Duration.ofMinutes(20)))));
        assertThat(ReferenceClient.jsonExportResults(
                        analyst.export("search index=app", window(EARLIEST)).body()))
                .isEmpty();
        AtomReader.Entry role = AtomReader.feed(analyst.get("/services/authorization/roles/analyst", Map.of())
                        .body())
                .entries()
                .get(0);
        assertThat(role.content()).containsEntry("srchTimeWin", "1200").containsEntry("srchJobsQuota", "1");

        // srchJobsQuota: a second concurrent search of the user is refused with Splunk's 503.
        String sid = analyst.createJob("search index=web", window(EARLIEST));
        ReferenceClient.Response refused =
                analyst.post(analyst.jobsPath(), Map.of("search", "search index=web", "output_mode", "json"));
        assertThat(refused.status()).isEqualTo(503);
        assertThat(ReferenceClient.JSON
                        .readTree(refused.body())
                        .at("/messages/0/text")
                        .asText())
                .startsWith("Search not executed: The maximum number of concurrent historical searches for this user"
                        + " based on their role quota has been reached.")
                .endsWith("concurrency_limit=1");
        analyst.control(sid, "cancel", Map.of());

        // srchTimeEarliest: a day-long search reaches back two hours at most.
        ReferenceClient auditor = new ReferenceClient(emulator.baseUri()).token("auditor-token");
        List<String> day = ids(ReferenceClient.jsonExportResults(
                auditor.export("search index=os", window(NOW.minus(Duration.ofDays(1))))
                        .body()));
        assertThat(day).isEqualTo(idsOf(expected(Set.of("os"), NOW.minus(Duration.ofHours(2)))));

        // srchDiskQuota: once the user's finished jobs take a megabyte, the next search is refused.
        String big = auditor.createJob(
                "search index=*", Map.of("earliest_time", "-2h", "latest_time", "now", "exec_mode", "blocking"));
        auditor.waitDone(big);
        ReferenceClient.Response full =
                auditor.post(auditor.jobsPath(), Map.of("search", "search index=web", "output_mode", "json"));
        assertThat(full.status()).isEqualTo(503);
        assertThat(ReferenceClient.JSON
                        .readTree(full.body())
                        .at("/messages/0/text")
                        .asText())
                .startsWith("Your maximum disk usage quota has been reached. usage=")
                .contains("quota=1MB The search was not run.");
    }

    @Test
    void anOutageRefusesConnectionsForItsDurationThenServesOnTheSamePort() throws Exception {
        SplunkEmulator emulator = start();
        ReferenceClient client = new ReferenceClient(emulator.baseUri()).token("t");
        URI before = emulator.baseUri();
        emulator.faults().outage(Duration.ofMillis(700));
        assertThatThrownBy(() -> client.get("/services/server/info", Map.of())).isInstanceOf(ConnectException.class);
        Thread.sleep(1200);
        assertThat(emulator.baseUri()).isEqualTo(before);
        assertThat(client.get("/services/server/info", Map.of()).status()).isEqualTo(200);
    }

    @Test
    void anAutoFinalizedSearchStopsEarlyWithSplunksMessage() throws Exception {
        SplunkEmulator emulator = start();
        ReferenceClient client = new ReferenceClient(emulator.baseUri()).token("t");
        List<EmulatedEvent> web = expected(Set.of("web"), EARLIEST);

        emulator.faults().autoFinalizeAfterRows(40, 1);
        String body = client.export("search index=web", window(EARLIEST)).body();
        assertThat(ids(ReferenceClient.jsonExportResults(body))).isEqualTo(idsOf(web.subList(0, 40)));
        assertThat(ReferenceClient.jsonExportMessages(body))
                .extracting(m -> m.get("text").asText())
                .containsExactly("Search auto-finalized after event limit (40) reached.");
        assertThat(emulator.stats().autoFinalizedExports()).isOne();

        // A job asked to auto-finalize after 25 events (auto_finalize_ec) is finalized with those.
        String sid = client.createJob("search index=web", window(EARLIEST, "auto_finalize_ec", "25"));
        AtomReader.Entry done = client.waitDone(sid);
        assertThat(done.content()).containsEntry("isFinalized", "1").containsEntry("resultCount", "25");
        JsonNode results = ReferenceClient.JSON.readTree(
                client.jobRows(sid, "results", Map.of("output_mode", "json", "count", "0"))
                        .body());
        assertThat(results.get("results")).hasSize(25);
        assertThat(results.at("/messages/0/text").asText())
                .isEqualTo("Search auto-finalized after event limit (25) reached.");
    }

    @Test
    void outOfOrderDeliveryReordersASliceButLosesNothing() throws Exception {
        SplunkEmulator emulator = start();
        ReferenceClient client = new ReferenceClient(emulator.baseUri()).token("t");
        List<String> ordered = idsOf(expected(Set.of("web"), EARLIEST));
        emulator.faults().outOfOrderDelivery(10, 20, 1);
        List<String> got = ids(ReferenceClient.jsonExportResults(
                client.export("search index=web", window(EARLIEST)).body()));
        assertThat(got).isNotEqualTo(ordered).containsExactlyInAnyOrderElementsOf(ordered);
        assertThat(got.subList(0, 10)).isEqualTo(ordered.subList(0, 10));
        assertThat(got.subList(30, got.size())).isEqualTo(ordered.subList(30, ordered.size()));
    }

    @Test
    void aReplayedExportIsServedFromItsFileByteForByteAndTheFileGoesWithTheEmulator() throws Exception {
        Set<Path> replayDirectoriesBefore = replayDirectories();
        SplunkEmulator emulator = start();
        ReferenceClient client = new ReferenceClient(emulator.baseUri()).token("t");
        Map<String, String> request = window(EARLIEST);
        request.put("search", "search index=*");
        String live = client.post("/services/search/v2/jobs/export", request).body();
        long bytes = emulator.prerenderExport(request);
        assertThat(bytes).isEqualTo(live.getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
        Set<Path> created = replayDirectories();
        created.removeAll(replayDirectoriesBefore);
        assertThat(created).hasSize(1);
        try (Stream<Path> files = Files.list(created.iterator().next())) {
            assertThat(files.mapToLong(EmulatorModesTest::size).sum()).isEqualTo(bytes);
        }
        // A peer going down cannot change a replayed body: it is not searched again.
        emulator.faults().peerDown("idx-9", 0.5);
        emulator.stats().reset();
        String replayed =
                client.post("/services/search/v2/jobs/export", request).body();
        assertThat(replayed).isEqualTo(live);
        assertThat(emulator.stats().rowsStreamed())
                .isEqualTo(ReferenceClient.jsonExportResults(live).size());
        emulator.close();
        assertThat(created.iterator().next()).doesNotExist();
    }

    private static Set<Path> replayDirectories() throws IOException {
        try (Stream<Path> entries = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return entries.filter(p -> p.getFileName().toString().startsWith("splunk-emulator-replays-"))
                    .collect(Collectors.toCollection(HashSet::new));
        }
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Test
    void jobControlPausesUnpausesFinalizesAndSetsTtlAndPriority() throws Exception {
        SplunkEmulator emulator = start(SplunkEmulator.builder().token("t").jobRunTime(Duration.ofSeconds(3)));
        ReferenceClient client = new ReferenceClient(emulator.baseUri()).token("t");
        String sid = client.createJob("search index=web", window(EARLIEST));
        Thread.sleep(400);
        assertThat(client.control(sid, "pause", Map.of()).body()).contains("Search job paused.");
        assertThat(client.job(sid).content())
                .containsEntry("dispatchState", "PAUSED")
                .containsEntry("isPaused", "1");
        client.control(sid, "unpause", Map.of());
        assertThat(client.job(sid).content().get("dispatchState")).isIn("RUNNING", "PARSING", "FINALIZING");
        client.control(sid, "setttl", Map.of("ttl", "1234"));
        client.control(sid, "setpriority", Map.of("priority", "3"));
        client.control(sid, "finalize", Map.of());
        AtomReader.Entry done = client.job(sid);
        assertThat(done.content())
                .containsEntry("dispatchState", "DONE")
                .containsEntry("isFinalized", "1")
                .containsEntry("ttl", "1234")
                .containsEntry("priority", "3");
        long partial = Long.parseLong((String) done.content().get("resultCount"));
        assertThat(partial).isLessThan(expected(Set.of("web"), EARLIEST).size());
        JsonNode results = ReferenceClient.JSON.readTree(
                client.jobRows(sid, "results", Map.of("output_mode", "json", "count", "0"))
                        .body());
        assertThat(results.get("results")).hasSize((int) partial);
        assertThat(client.control(sid, "explode", Map.of()).status()).isEqualTo(400);
        assertThat(client.delete(client.jobsPath() + "/" + sid).status()).isEqualTo(200);
        assertThat(client.control(sid, "cancel", Map.of()).status()).isEqualTo(404);
    }
}
