package io.github.splunkdeltabridge.emulator.reference;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import io.github.splunkdeltabridge.emulator.data.EmulatedEvent;
import io.github.splunkdeltabridge.emulator.data.EventQuery;
import io.github.splunkdeltabridge.emulator.data.GeneratedDataset;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The emulator driven by {@link ReferenceClient}, a client written from Splunk's REST API reference that makes the
 * requests Splunk's SDKs make and reads the answers as they do (Atom and XML results with real XML parsers, JSON
 * with Jackson), in each version mode: 8.2.12 (v1 only), 9.3.2 and 10.0.0 (v1 and v2). Counts are checked against
 * the dataset.
 */
class SplunkRestReferenceTest {

    private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");
    private static final Instant EARLIEST = NOW.minus(Duration.ofHours(1));
    private static final String PASSWORD = "changeme-1";

    private final GeneratedDataset dataset = GeneratedDataset.builder()
            .start(NOW.minus(Duration.ofHours(3)))
            .end(NOW)
            .eventsPerMinute(12)
            .build();
    private SplunkEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private ReferenceClient start(String version) throws Exception {
        emulator = SplunkEmulator.builder()
                .splunkVersion(version)
                .user("admin", PASSWORD)
                .userTimeZone("admin", ZoneId.of("America/New_York"))
                .dataset(dataset)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .jobRunTime(Duration.ofMillis(100))
                .build()
                .start();
        return new ReferenceClient(emulator.baseUri()).login("admin", PASSWORD);
    }

    private static Map<String, String> lastHour(String... more) {
        Map<String, String> params = new LinkedHashMap<>();
        params.put("earliest_time", Long.toString(EARLIEST.getEpochSecond()));
        params.put("latest_time", Long.toString(NOW.getEpochSecond()));
        for (int i = 0; i + 1 < more.length; i += 2) {
            params.put(more[i], more[i + 1]);
        }
        return params;
    }

    private List<EmulatedEvent> expected(String index) {
        List<EmulatedEvent> events = new ArrayList<>();
        dataset.newestFirst(
                        EventQuery.builder()
                                .indexes(Set.of(index))
                                .earliest(EARLIEST)
                                .latest(NOW)
                                .build(),
                        NOW)
                .forEachRemaining(events::add);
        return events;
    }

    private static List<String> cds(List<Map<String, Object>> rows) {
        return rows.stream().map(r -> r.get("index") + "/" + r.get("_cd")).toList();
    }

    private static List<String> cdsOf(List<EmulatedEvent> events) {
        return events.stream().map(e -> e.index() + "/" + e.cd()).toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.2.12", "9.3.2", "10.0.0"})
    void loginSetsTheSessionCookieAndServerInfoReportsTheVersionInSplunksAtomForm(String version) throws Exception {
        ReferenceClient client = start(version);
        assertThat(client.hasSessionCookie()).isTrue();

        ReferenceClient.Response raw = client.get("/services/server/info", Map.of());
        AtomReader.Feed feed = AtomReader.feed(raw.body());
        assertThat(feed.title()).isEqualTo("server-info");
        assertThat(feed.id()).isEqualTo(emulator.baseUri() + "/services/server/info");
        assertThat(feed.updated()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d");
        assertThat(feed.generatorVersion()).isEqualTo(version);
        assertThat(feed.author()).isEqualTo("Splunk");
        assertThat(feed.totalResults()).isEqualTo(1);
        AtomReader.Entry entry = feed.entries().get(0);
        assertThat(entry.title()).isEqualTo("server-info");
        assertThat(entry.id()).isEqualTo(emulator.baseUri() + "/services/server/info/server-info");
        assertThat(entry.links()).containsKeys("alternate", "list");
        assertThat(entry.author()).isEqualTo("system");
        assertThat(entry.content())
                .containsEntry("version", version)
                .containsKeys("build", "serverName", "instance_type", "guid", "os_name", "product_type");

        JsonNode json = ReferenceClient.JSON.readTree(client.get("/services/server/info", Map.of("output_mode", "json"))
                .body());
        // The JavaScript SDK reads the version from the generator.
        assertThat(json.at("/generator/version").asText()).isEqualTo(version);
        assertThat(json.at("/entry/0/content/version").asText()).isEqualTo(version);
        assertThat(json.at("/paging/total").asInt()).isEqualTo(1);
        assertThat(json.at("/entry/0/content/isFree").isBoolean()).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.2.12", "9.3.2", "10.0.0"})
    void v2SearchEndpointsExistFrom901On(String version) throws Exception {
        ReferenceClient client = start(version);
        int status = client.post("/services/search/v2/jobs/export", Map.of("search", "search index=web"))
                .status();
        assertThat(status).isEqualTo(version.startsWith("8.") ? 404 : 200);
        assertThat(client.post("/services/search/jobs/export", lastHour("search", "search index=web"))
                        .status())
                .isEqualTo(200);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.2.12", "9.3.2", "10.0.0"})
    void exportInJsonAndXmlCarriesEveryEventOfTheDataset(String version) throws Exception {
        ReferenceClient client = start(version);
        List<EmulatedEvent> web = expected("web");

        ReferenceClient.Response json = client.export("search index=web", lastHour("output_mode", "json"));
        List<JsonNode> rows = ReferenceClient.jsonExportResults(json.body());
        assertThat(rows.stream()
                        .map(r -> r.get("index").asText() + "/" + r.get("_cd").asText())
                        .toList())
                .isEqualTo(cdsOf(web));

        // XML is the default output mode of export.
        ReferenceClient.Response xml = client.export("search index=web", lastHour());
        assertThat(xml.header("content-type")).startsWith("text/xml");
        List<XmlResultsReader.ResultSet> sets = XmlResultsReader.read(xml.body());
        assertThat(sets)
                .isNotEmpty()
                .allSatisfy(set -> assertThat(set.fieldOrder()).contains("_raw", "_time"));
        List<Map<String, Object>> xmlRows = XmlResultsReader.finalRows(xml.body());
        assertThat(cds(xmlRows)).isEqualTo(cdsOf(web));
        assertThat(xmlRows.get(0).get("_raw")).isEqualTo(web.get(0).raw());
        assertThat(xml.body()).contains("<v xml:space='preserve' trunc='0'>");

        // A transforming search sends preview documents before the final one.
        ReferenceClient.Response stats = client.export("search index=web | stats count by status", lastHour());
        List<XmlResultsReader.ResultSet> statsSets = XmlResultsReader.read(stats.body());
        assertThat(statsSets.get(0).preview()).isTrue();
        XmlResultsReader.ResultSet last = statsSets.get(statsSets.size() - 1);
        assertThat(last.preview()).isFalse();
        assertThat(last.fieldOrder()).containsExactly("status", "count");
        assertThat(last.rows().stream()
                        .mapToLong(r -> Long.parseLong((String) r.get("count")))
                        .sum())
                .isEqualTo(web.size());

        ReferenceClient.Response csv =
                client.export("search index=web | fields _cd | fields - _si", lastHour("output_mode", "csv"));
        assertThat(csv.body().split("\n")).hasSize(web.size() + 1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.2.12", "9.3.2", "10.0.0"})
    void searchJobsCreatePollPageInEveryModeAndCancel(String version) throws Exception {
        ReferenceClient client = start(version);
        List<EmulatedEvent> os = expected("os");
        String sid = client.createJob("search index=os", lastHour());

        AtomReader.Entry entry = client.job(sid);
        assertThat(entry.title()).isEqualTo("search index=os");
        assertThat(entry.id()).endsWith("/jobs/" + sid);
        assertThat(entry.published()).isNotNull();
        assertThat(entry.author()).isEqualTo("admin");
        assertThat(entry.links()).containsKeys("alternate", "results", "events", "results_preview", "control");
        assertThat(entry.content())
                .containsKeys(
                        "dispatchState",
                        "doneProgress",
                        "eventCount",
                        "resultCount",
                        "isDone",
                        "isFailed",
                        "isFinalized",
                        "isPaused",
                        "ttl",
                        "messages",
                        "request",
                        "runtime",
                        "sid",
                        "eai:acl");

        AtomReader.Entry done = client.waitDone(sid);
        assertThat(done.content())
                .containsEntry("dispatchState", "DONE")
                .containsEntry("eventCount", Integer.toString(os.size()))
                .containsEntry("resultCount", Integer.toString(os.size()))
                .containsEntry("isFailed", "0");
        @SuppressWarnings("unchecked")
        Map<String, Object> request = (Map<String, Object>) done.content().get("request");
        assertThat(request).containsEntry("search", "search index=os");

        // Results in XML (the default), paged as the SDKs page them.
        List<Map<String, Object>> xmlRows = new ArrayList<>();
        for (int offset = 0; offset < os.size(); offset += 100) {
            ReferenceClient.Response page =
                    client.jobRows(sid, "results", Map.of("offset", Integer.toString(offset), "count", "100"));
            assertThat(page.status()).isEqualTo(200);
            xmlRows.addAll(XmlResultsReader.finalRows(page.body()));
        }
        assertThat(cds(xmlRows)).isEqualTo(cdsOf(os));

        JsonNode json = ReferenceClient.JSON.readTree(
                client.jobRows(sid, "results", Map.of("output_mode", "json", "count", "0"))
                        .body());
        assertThat(json.get("preview").asBoolean()).isFalse();
        assertThat(json.get("results")).hasSize(os.size());

        JsonNode rowsMode = ReferenceClient.JSON.readTree(
                client.jobRows(sid, "results", Map.of("output_mode", "json_rows", "count", "5", "f", "_cd"))
                        .body());
        assertThat(rowsMode.get("fields")).hasSize(1);
        assertThat(rowsMode.get("rows")).hasSize(5);
        assertThat(rowsMode.at("/rows/0/0").asText()).isEqualTo(os.get(0).cd());

        JsonNode cols = ReferenceClient.JSON.readTree(
                client.jobRows(sid, "results", Map.of("output_mode", "json_cols", "count", "7", "f", "_cd"))
                        .body());
        assertThat(cols.at("/columns/0")).hasSize(7);

        String csv = client.jobRows(sid, "results", Map.of("output_mode", "csv", "count", "0", "f", "_cd"))
                .body();
        assertThat(csv.split("\n")).hasSize(os.size() + 1);
        String raw = client.jobRows(sid, "results", Map.of("output_mode", "raw", "count", "3"))
                .body();
        assertThat(raw.split("\n"))
                .containsExactly(os.get(0).raw(), os.get(1).raw(), os.get(2).raw());

        assertThat(XmlResultsReader.finalRows(
                        client.jobRows(sid, "events", Map.of("count", "10")).body()))
                .hasSize(10);
        assertThat(XmlResultsReader.read(client.jobRows(sid, "results_preview", Map.of("count", "10"))
                                .body())
                        .get(0)
                        .rows())
                .hasSize(10);

        // The job is listed, then cancelled through control, after which it is gone.
        AtomReader.Feed list =
                AtomReader.feed(client.get(client.jobsPath(), Map.of()).body());
        assertThat(list.entries()).extracting(e -> e.content().get("sid")).contains(sid);
        assertThat(client.control(sid, "cancel", Map.of()).status()).isEqualTo(200);
        assertThat(client.get(client.jobsPath() + "/" + sid, Map.of()).status()).isEqualTo(404);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.2.12", "9.3.2", "10.0.0"})
    void oneshotAnswersInEveryModeWithTheDatasetsCounts(String version) throws Exception {
        ReferenceClient client = start(version);
        List<EmulatedEvent> app = expected("app");
        ReferenceClient.Response xml = client.oneshot("search index=app", lastHour("count", "0"));
        assertThat(cds(XmlResultsReader.finalRows(xml.body()))).isEqualTo(cdsOf(app));
        JsonNode json = ReferenceClient.JSON.readTree(
                client.oneshot("search index=app", lastHour("count", "0", "output_mode", "json"))
                        .body());
        assertThat(json.get("results")).hasSize(app.size());
        // Oneshot answers the first 100 rows unless count says otherwise.
        assertThat(XmlResultsReader.finalRows(
                        client.oneshot("search index=app", lastHour()).body()))
                .hasSize(Math.min(100, app.size()));
        assertThat(client.oneshot("search index=app | stats count", lastHour("output_mode", "csv"))
                        .body())
                .isEqualTo("count\n" + app.size() + "\n");
    }

    @ParameterizedTest
    @ValueSource(strings = {"9.3.2"})
    void timeIsRenderedInTheUsersZoneAndByTheRequestedFormat(String version) throws Exception {
        ReferenceClient client = start(version);
        EmulatedEvent newest = expected("web").get(0);
        Instant t = newest.time();
        String search = "search index=web | head 1";

        JsonNode byDefault = ReferenceClient.jsonExportResults(
                        client.export(search, lastHour("output_mode", "json")).body())
                .get(0);
        // The user's tz is America/New_York: Splunk renders ISO-8601 in it by default.
        assertThat(byDefault.get("_time").asText())
                .isEqualTo(EmulatedEvent.formatTime(t, ZoneId.of("America/New_York")))
                .endsWith("-05:00");

        JsonNode epoch = ReferenceClient.jsonExportResults(
                        client.export(search, lastHour("output_mode", "json", "output_time_format", "%s.%6N"))
                                .body())
                .get(0);
        assertThat(epoch.get("_time").asText())
                .isEqualTo(t.getEpochSecond() + "." + String.format("%06d", t.getNano() / 1000));

        JsonNode named = ReferenceClient.jsonExportResults(client.export(
                                search, lastHour("output_mode", "json", "time_format", "%Y-%m-%d %H:%M:%S.%3N %Z"))
                        .body())
                .get(0);
        assertThat(named.get("_time").asText()).endsWith(" EST");

        String sid = client.createJob(search, lastHour());
        client.waitDone(sid);
        JsonNode results = ReferenceClient.JSON.readTree(
                client.jobRows(sid, "results", Map.of("output_mode", "json", "output_time_format", "%Q|%z|%:z"))
                        .body());
        assertThat(results.at("/results/0/_time").asText())
                .isEqualTo(String.format("%03d", t.getNano() / 1_000_000) + "|-0500|-05:00");
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.2.12", "10.0.0"})
    void reconcileSearchesCountWhatTheDatasetHolds(String version) throws Exception {
        ReferenceClient client = start(version);
        List<EmulatedEvent> web = expected("web");
        Map<Long, Long> perHour = new TreeMap<>();
        web.forEach(e -> perHour.merge(e.time().getEpochSecond() / 600 * 600, 1L, Long::sum));

        JsonNode tstats = ReferenceClient.JSON
                .readTree(client.oneshot(
                                "| tstats count where index=web by _time span=10m",
                                lastHour("output_mode", "json", "count", "0", "output_time_format", "%s"))
                        .body())
                .get("results");
        Map<Long, Long> got = new TreeMap<>();
        tstats.forEach(r -> got.put(r.get("_time").asLong(), r.get("count").asLong()));
        assertThat(got).isEqualTo(perHour);

        // _indextime bounds select by index time, as index_earliest / index_latest do.
        long indexFrom = NOW.minus(Duration.ofMinutes(30)).getEpochSecond();
        long byIndexTime = web.stream()
                .filter(e -> e.indexTime().getEpochSecond() >= indexFrom)
                .count();
        JsonNode counted = ReferenceClient.JSON.readTree(client.oneshot(
                        "| tstats count where index=web _indextime>=" + indexFrom, lastHour("output_mode", "json"))
                .body());
        assertThat(counted.at("/results/0/count").asLong()).isEqualTo(byIndexTime);
        // The search language spells the index-time modifiers with an underscore (Search Reference, "Time
        // modifiers"); include_reduced_buckets is a tstats option before the function (tstats reference).
        JsonNode modifier = ReferenceClient.JSON.readTree(client.oneshot(
                        "| tstats include_reduced_buckets=t count where index=web _index_earliest=" + indexFrom,
                        lastHour("output_mode", "json"))
                .body());
        assertThat(modifier.at("/results/0/count").asLong()).isEqualTo(byIndexTime);

        long all = 0;
        for (Iterator<EmulatedEvent> it = dataset.newestFirst(
                        EventQuery.builder().indexes(Set.of("os")).build(), NOW);
                it.hasNext();
                it.next()) {
            all++;
        }
        JsonNode eventcount =
                ReferenceClient.JSON.readTree(client.oneshot("| eventcount index=os", Map.of("output_mode", "json"))
                        .body());
        assertThat(eventcount.at("/results/0/count").asLong()).isEqualTo(all);

        AtomReader.Feed indexes =
                AtomReader.feed(client.get("/services/data/indexes", Map.of()).body());
        assertThat(indexes.entries()).extracting(AtomReader.Entry::title).containsExactlyInAnyOrder("web", "os", "app");
        assertThat(indexes.entries().stream()
                        .filter(e -> e.title().equals("os"))
                        .findFirst()
                        .orElseThrow()
                        .content())
                .containsEntry("totalEventCount", Long.toString(all));

        AtomReader.Entry context = AtomReader.feed(client.get("/services/authentication/current-context", Map.of())
                        .body())
                .entries()
                .get(0);
        assertThat(context.content())
                .containsEntry("username", "admin")
                .containsEntry("tz", "America/New_York")
                .containsEntry("roles", List.of("admin"));
        AtomReader.Entry role = AtomReader.feed(client.get("/services/authorization/roles/admin", Map.of())
                        .body())
                .entries()
                .get(0);
        assertThat(role.content()).containsEntry("srchIndexesAllowed", List.of("*"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.2.12", "9.3.2"})
    void resultsAreCappedAtMaxresultrowsPerRequestAndEventsAtMaxCount(String version) throws Exception {
        emulator = SplunkEmulator.builder()
                .splunkVersion(version)
                .token("t")
                .dataset(dataset)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .jobRunTime(Duration.ZERO)
                .maxResultRows(500)
                .build()
                .start();
        ReferenceClient client = new ReferenceClient(emulator.baseUri()).token("t");
        List<EmulatedEvent> web = expected("web");
        String sid = client.createJob("search index=web", lastHour("max_count", "300"));
        AtomReader.Entry done = client.waitDone(sid);
        assertThat(done.content()).containsEntry("eventCount", Integer.toString(web.size()));
        JsonNode results = ReferenceClient.JSON.readTree(
                client.jobRows(sid, "results", Map.of("output_mode", "json_rows", "count", "600", "f", "_cd"))
                        .body());
        assertThat(results.get("rows")).hasSize(500);
        Set<String> seen = new HashSet<>();
        results.get("rows").forEach(r -> seen.add(r.get(0).asText()));
        assertThat(seen).hasSize(500);
        // count=0 means as many as maxresultrows allows; the next page starts where this one ended.
        JsonNode rest = ReferenceClient.JSON.readTree(client.jobRows(
                        sid, "results", Map.of("output_mode", "json_rows", "count", "0", "offset", "500", "f", "_cd"))
                .body());
        assertThat(rest.get("rows")).hasSize(Math.min(500, web.size() - 500));
        // /events keeps max_count events of the job.
        JsonNode eventRows = ReferenceClient.JSON.readTree(
                client.jobRows(sid, "events", Map.of("output_mode", "json", "count", "0", "f", "_cd"))
                        .body());
        assertThat(eventRows.get("results")).hasSize(300);
    }
}
