package io.github.splunkdeltabridge.emulator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.github.splunkdeltabridge.emulator.data.EmulatedEvent;
import io.github.splunkdeltabridge.emulator.data.EventQuery;
import io.github.splunkdeltabridge.emulator.data.GeneratedDataset;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.KeyStore;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The emulator over real HTTP, checked against the formats and status codes Splunk documents. */
class SplunkEmulatorHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    /** Rows per block of an export, as the emulator streams them. */
    private static final int BLOCK_ROWS = 500;
    /** Long enough for the tests to see a job unfinished on a busy machine. */
    private static final Duration JOB_RUN_TIME = Duration.ofSeconds(1);

    private static final String TOKEN = "test-token";
    private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");
    private static final String LAST_HOUR =
            "earliest_time=" + (NOW.getEpochSecond() - 3600) + "&latest_time=" + NOW.getEpochSecond();

    private final GeneratedDataset dataset = GeneratedDataset.builder()
            .start(NOW.minus(Duration.ofHours(4)))
            .end(NOW)
            .eventsPerMinute(20)
            .build();
    private SplunkEmulator emulator;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        emulator = SplunkEmulator.builder()
                .token(TOKEN)
                .user("admin", "changeme")
                .dataset(dataset)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .jobRunTime(JOB_RUN_TIME)
                .build()
                .start();
    }

    @AfterEach
    void stop() {
        emulator.close();
    }

    private HttpResponse<String> post(String path, String form, String authorization) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(emulator.baseUri().resolve(path))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            request.header("Authorization", authorization);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> get(String pathAndQuery) throws Exception {
        return http.send(
                HttpRequest.newBuilder(emulator.baseUri().resolve(pathAndQuery))
                        .header("Authorization", "Bearer " + TOKEN)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private HttpResponse<String> export(String form) throws Exception {
        return post("/services/search/v2/jobs/export", form, "Bearer " + TOKEN);
    }

    private static String search(String spl) {
        return "search=" + URLEncoder.encode(spl, StandardCharsets.UTF_8);
    }

    private static List<JsonNode> lines(String body) throws IOException {
        List<JsonNode> lines = new ArrayList<>();
        for (String line : body.split("\n")) {
            lines.add(JSON.readTree(line));
        }
        return lines;
    }

    @Test
    void loginAnswersASessionKeyInXmlByDefaultAndJsonOnRequest() throws Exception {
        HttpResponse<String> xml = post("/services/auth/login", "username=admin&password=changeme", null);
        assertThat(xml.statusCode()).isEqualTo(200);
        assertThat(xml.body()).matches("(?s)<response>\\s*<sessionKey>[0-9a-f]{48}</sessionKey>\\s*</response>\\s*");

        HttpResponse<String> json =
                post("/services/auth/login", "username=admin&password=changeme&output_mode=json", null);
        String key = JSON.readTree(json.body()).get("sessionKey").asText();
        HttpResponse<String> withSession = post(
                "/services/search/v2/jobs/export",
                search("search index=web") + "&output_mode=json&" + LAST_HOUR,
                "Splunk " + key);
        assertThat(withSession.statusCode()).isEqualTo(200);
    }

    @Test
    void wrongPasswordAndMissingAuthenticationAnswer401WithSplunksMessages() throws Exception {
        HttpResponse<String> login = post("/services/auth/login", "username=admin&password=nope", null);
        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(login.body())
                .contains("<msg type=\"WARN\" code=\"incorrect_username_or_password\">Login failed</msg>");

        HttpResponse<String> anonymous =
                post("/services/search/v2/jobs/export", search("search index=web") + "&output_mode=json", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).at("/messages/0/text").asText())
                .isEqualTo("call not properly authenticated");

        String basic = Base64.getEncoder().encodeToString("admin:changeme".getBytes(StandardCharsets.UTF_8));
        assertThat(post(
                                "/services/search/v2/jobs/export",
                                search("search index=web") + "&" + LAST_HOUR,
                                "Basic " + basic)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void expiredSessionsAreRefusedButTokensStillWork() throws Exception {
        String key = JSON.readTree(
                        post("/services/auth/login", "username=admin&password=changeme&output_mode=json", null)
                                .body())
                .get("sessionKey")
                .asText();
        emulator.faults().expireSessions();
        assertThat(post("/services/search/v2/jobs/export", search("search index=web"), "Splunk " + key)
                        .statusCode())
                .isEqualTo(401);
        assertThat(export(search("search index=web") + "&" + LAST_HOUR).statusCode())
                .isEqualTo(200);
    }

    @Test
    void jsonExportStreamsSplunkRowsNewestFirstInBlocks() throws Exception {
        HttpResponse<String> response = export(search("search index=web") + "&output_mode=json&" + LAST_HOUR);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=UTF-8");
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        List<JsonNode> rows = lines(response.body());

        List<EmulatedEvent> expected = new ArrayList<>();
        dataset.newestFirst(
                        EventQuery.builder()
                                .indexes(Set.of("web"))
                                .earliest(NOW.minusSeconds(3600))
                                .latest(NOW)
                                .build(),
                        NOW)
                .forEachRemaining(expected::add);
        assertThat(rows).hasSize(expected.size()).hasSizeGreaterThan(BLOCK_ROWS);
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            assertThat(row.get("preview").asBoolean()).isFalse();
            assertThat(row.get("offset").asInt()).isEqualTo(i % BLOCK_ROWS);
            boolean endOfBlock = i % BLOCK_ROWS == BLOCK_ROWS - 1 || i == rows.size() - 1;
            assertThat(row.has("lastrow")).isEqualTo(endOfBlock);
            assertThat(row.at("/result/_cd").asText()).isEqualTo(expected.get(i).cd());
            assertThat(row.at("/result/_time").asText())
                    .isEqualTo(EmulatedEvent.formatTime(expected.get(i).time(), ZoneOffset.UTC));
        }
    }

    @Test
    void namespacedAndV1ExportPathsServeTheSameRows() throws Exception {
        String form = search("search index=os") + "&output_mode=json&" + LAST_HOUR;
        String body = export(form).body();
        assertThat(post("/servicesNS/nobody/search/search/v2/jobs/export", form, "Bearer " + TOKEN)
                        .body())
                .isEqualTo(body);
        assertThat(post("/services/search/jobs/export", form, "Bearer " + TOKEN).body())
                .isEqualTo(body);
        assertThat(get("/services/search/jobs/export?" + form).body()).isEqualTo(body);
    }

    @Test
    void emptyResultIsOneLastRowLine() throws Exception {
        String body = export(search("search index=web nosuchwordanywhere") + "&output_mode=json&" + LAST_HOUR)
                .body();
        assertThat(body).isEqualTo("{\"preview\":false,\"lastrow\":true}\n");
    }

    @Test
    void termsFieldsAndFieldSelectionFilterAsSplunkDoes() throws Exception {
        List<JsonNode> rows = lines(export(search("search index=web status=404 | fields status, clientip")
                        + "&output_mode=json&" + LAST_HOUR)
                .body());
        assertThat(rows).isNotEmpty().allSatisfy(row -> {
            assertThat(row.at("/result/status").asText()).isEqualTo("404");
            // Internal fields stay; others not listed go.
            assertThat(row.get("result").has("_raw")).isTrue();
            assertThat(row.get("result").has("method")).isFalse();
        });
    }

    @Test
    void statsSendsPreviewRowsThenFinalRows() throws Exception {
        List<JsonNode> rows =
                lines(export(search("search index=web | stats count by status") + "&output_mode=json&" + LAST_HOUR)
                        .body());
        List<JsonNode> preview =
                rows.stream().filter(r -> r.get("preview").asBoolean()).toList();
        List<JsonNode> finals =
                rows.stream().filter(r -> !r.get("preview").asBoolean()).toList();
        assertThat(preview).isNotEmpty();
        assertThat(rows.indexOf(preview.get(preview.size() - 1))).isLessThan(rows.indexOf(finals.get(0)));
        long total =
                finals.stream().mapToLong(r -> r.at("/result/count").asLong()).sum();
        assertThat(total)
                .isEqualTo(lines(export(search("search index=web") + "&output_mode=json&" + LAST_HOUR)
                                .body())
                        .size());
        assertThat(finals)
                .allSatisfy(r -> assertThat(r.get("result").has("_raw")).isFalse());
    }

    @Test
    void badSplIsA400WithSplunksMessage() throws Exception {
        HttpResponse<String> unknown = export(search("search index=web | frobnicate") + "&output_mode=json");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).at("/messages/0/text").asText())
                .isEqualTo("Unknown search command 'frobnicate'.");

        HttpResponse<String> notSearch = export(search("index=web") + "&output_mode=json");
        assertThat(notSearch.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notSearch.body()).at("/messages/0/text").asText())
                .isEqualTo("Unknown search command 'index'.");
        assertThat(JSON.readTree(notSearch.body()).at("/messages/0/type").asText())
                .isEqualTo("FATAL");

        HttpResponse<String> badTime = export(search("search index=web") + "&earliest_time=yesterday-ish");
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(badTime.body())
                .contains("<msg type=\"FATAL\">Invalid earliest_time: &apos;yesterday-ish&apos;</msg>"
                        .replace("&apos;", "'"));
    }

    @Test
    void relativeAndIsoTimesResolveAgainstTheEmulatorClock() throws Exception {
        String relative = export(search("search index=web") + "&output_mode=json&earliest_time=-15m&latest_time=now")
                .body();
        String iso = export(search("search index=web") + "&output_mode=json&earliest_time="
                        + URLEncoder.encode("2024-03-01T11:45:00+00:00", StandardCharsets.UTF_8)
                        + "&latest_time=2024-03-01T12:00:00Z")
                .body();
        assertThat(relative).isEqualTo(iso);
        assertThat(lines(relative)).hasSizeGreaterThan(250);
    }

    @Test
    void jobsApiCreatesReportsPagesAndCancels() throws Exception {
        HttpResponse<String> created = post(
                "/services/search/v2/jobs",
                search("search index=app") + "&output_mode=json&" + LAST_HOUR,
                "Bearer " + TOKEN);
        assertThat(created.statusCode()).isEqualTo(201);
        String sid = JSON.readTree(created.body()).get("sid").asText();

        JsonNode status = JSON.readTree(get("/services/search/v2/jobs/" + sid + "?output_mode=json")
                        .body())
                .at("/entry/0/content");
        assertThat(status.get("dispatchState").asText()).isIn("QUEUED", "PARSING", "RUNNING", "FINALIZING");
        assertThat(status.get("isDone").asBoolean()).isFalse();
        assertThat(get("/services/search/v2/jobs/" + sid + "/results?output_mode=json")
                        .statusCode())
                .isEqualTo(204);
        Thread.sleep(JOB_RUN_TIME.toMillis() + 100);
        status = JSON.readTree(get("/services/search/v2/jobs/" + sid + "?output_mode=json")
                        .body())
                .at("/entry/0/content");
        assertThat(status.get("dispatchState").asText()).isEqualTo("DONE");
        assertThat(status.get("isDone").asBoolean()).isTrue();
        long resultCount = status.get("resultCount").asLong();
        assertThat(resultCount).isGreaterThan(1000);

        JsonNode firstPage =
                JSON.readTree(get("/services/search/v2/jobs/" + sid + "/results?output_mode=json&offset=0&count=500")
                        .body());
        JsonNode secondPage =
                JSON.readTree(get("/services/search/v2/jobs/" + sid + "/results?output_mode=json&offset=500&count=500")
                        .body());
        assertThat(firstPage.get("results")).hasSize(500);
        assertThat(secondPage.get("init_offset").asInt()).isEqualTo(500);
        assertThat(firstPage.at("/results/499/_time").asText())
                .isGreaterThanOrEqualTo(secondPage.at("/results/0/_time").asText());
        JsonNode all = JSON.readTree(get("/services/search/v2/jobs/" + sid + "/events?output_mode=json&count=0")
                .body());
        assertThat(all.get("results")).hasSize((int) resultCount);

        assertThat(http.send(
                                HttpRequest.newBuilder(emulator.baseUri().resolve("/services/search/v2/jobs/" + sid))
                                        .header("Authorization", "Bearer " + TOKEN)
                                        .DELETE()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(200);
        assertThat(get("/services/search/v2/jobs/" + sid + "?output_mode=json").statusCode())
                .isEqualTo(404);
        assertThat(get("/services/search/v2/jobs/no-such-sid/results").statusCode())
                .isEqualTo(404);
    }

    @Test
    void quotaAndTooManyRequestsFaultsAnswerLikeSplunkAndAProxy() throws Exception {
        emulator.faults().quotaExceeded(1).tooManyRequests(1, Duration.ofSeconds(3));
        HttpResponse<String> throttled = export(search("search index=web") + "&output_mode=json");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("3");
        HttpResponse<String> quota = export(search("search index=web") + "&output_mode=json");
        assertThat(quota.statusCode()).isEqualTo(503);
        // Splunk words it so, as a WARN message, with the instance's limit (50 by default).
        assertThat(JSON.readTree(quota.body()).at("/messages/0/type").asText()).isEqualTo("WARN");
        assertThat(JSON.readTree(quota.body()).at("/messages/0/text").asText())
                .isEqualTo("Search not executed: The maximum number of concurrent historical searches on this instance "
                        + "has been reached., concurrency_category=\"historical\", concurrency_context=\"instance-wide\", "
                        + "current_concurrency=50, concurrency_limit=50");
        assertThat(export(search("search index=web") + "&output_mode=json&" + LAST_HOUR)
                        .statusCode())
                .isEqualTo(200);
    }

    @Test
    void droppedConnectionEndsTheBodyPrematurely() {
        emulator.faults().dropConnectionAfterRows(10, 1);
        assertThatThrownBy(() -> export(search("search index=web") + "&output_mode=json&" + LAST_HOUR))
                .isInstanceOf(IOException.class);
    }

    @Test
    void malformedLineAndFatalMessageAppearInTheStream() throws Exception {
        emulator.faults().malformedLineAfterRows(3, 1);
        String[] malformed = export(search("search index=web") + "&output_mode=json&" + LAST_HOUR)
                .body()
                .split("\n");
        assertThat(malformed[3]).startsWith("{\"preview\":false,\"offset\":3,\"result\":{\"_raw\":\"trunc");
        assertThatThrownBy(() -> JSON.readTree(malformed[3])).isInstanceOf(IOException.class);
        assertThat(JSON.readTree(malformed[4]).has("result")).isTrue();

        emulator.faults().fatalMessageAfterRows(2, "Search process did not exit cleanly", 1);
        List<JsonNode> fatal = lines(export(search("search index=web") + "&output_mode=json&" + LAST_HOUR)
                .body());
        assertThat(fatal).hasSize(3);
        assertThat(fatal.get(2).at("/messages/0/type").asText()).isEqualTo("FATAL");
        assertThat(fatal.get(2).at("/messages/0/text").asText()).isEqualTo("Search process did not exit cleanly");
    }

    @Test
    void concurrentSearchQuotaIsEnforced() throws Exception {
        try (SplunkEmulator limited = SplunkEmulator.builder()
                .token(TOKEN)
                .dataset(dataset)
                .maxConcurrentSearches(1)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build()
                .start()) {
            limited.faults().slowStream(Duration.ofMillis(20));
            HttpRequest slow = HttpRequest.newBuilder(limited.baseUri().resolve("/services/search/v2/jobs/export"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(search("search index=web") + "&output_mode=json"))
                    .build();
            HttpResponse<InputStream> running = http.send(slow, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(running.statusCode()).isEqualTo(200);
            HttpResponse<String> second = http.send(slow, HttpResponse.BodyHandlers.ofString());
            assertThat(second.statusCode()).isEqualTo(503);
            running.body().close();
        }
    }

    @Test
    void tlsServesWithTheBundledCertificate() throws Exception {
        try (SplunkEmulator tls = SplunkEmulator.builder()
                        .tls(true)
                        .token(TOKEN)
                        .dataset(dataset)
                        .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                        .build()
                        .start();
                InputStream trustStore = SplunkEmulator.class.getResourceAsStream("emulator-truststore.p12")) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(trustStore, "changeit".toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpClient https = HttpClient.newBuilder().sslContext(ssl).build();
            URI uri = URI.create(
                    "https://localhost:" + tls.baseUri().getPort() + "/services/server/info?output_mode=json");
            HttpResponse<String> info = https.send(
                    HttpRequest.newBuilder(uri)
                            .header("Authorization", "Bearer " + TOKEN)
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(info.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(info.body())
                            .at("/entry/0/content/serverName")
                            .asText())
                    .isEqualTo("splunk-emulator");
        }
    }

    @Test
    void statsCountTheRequestsTestsAssertOn() throws Exception {
        export(search("search index=web") + "&output_mode=json&" + LAST_HOUR);
        post("/services/auth/login", "username=admin&password=changeme", null);
        assertThat(emulator.stats().exportRequests()).isEqualTo(1);
        assertThat(emulator.stats().loginRequests()).isEqualTo(1);
        assertThat(emulator.stats().rowsStreamed()).isGreaterThan(1000);
    }

    private List<String> expectedCds(EventQuery query) {
        List<String> cds = new ArrayList<>();
        dataset.newestFirst(query, NOW).forEachRemaining(e -> cds.add(e.index() + "/" + e.cd()));
        return cds;
    }

    private static List<String> cdsOf(String body) throws IOException {
        List<String> cds = new ArrayList<>();
        for (JsonNode row : lines(body)) {
            cds.add(row.at("/result/index").asText() + "/"
                    + row.at("/result/_cd").asText());
        }
        return cds;
    }

    private static EventQuery.Builder lastHour() {
        return EventQuery.builder().earliest(NOW.minusSeconds(3600)).latest(NOW);
    }

    @Test
    void unauthenticatedXmlBodyIsSplunksExactly() throws Exception {
        HttpResponse<String> anonymous = post("/services/search/v2/jobs/export", search("search index=web"), null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(anonymous.headers().firstValue("Content-Type")).hasValue("text/xml; charset=UTF-8");
        assertThat(anonymous.body()).isEqualTo("""
                <?xml version="1.0" encoding="UTF-8"?>
                <response>
                  <messages>
                    <msg type="WARN">call not properly authenticated</msg>
                  </messages>
                </response>
                """);
        assertThat(post("/services/search/v2/jobs/export", search("search index=web"), "Bearer wrong-token")
                        .statusCode())
                .isEqualTo(401);
        assertThat(emulator.stats().rejectedRequests()).isEqualTo(2);
    }

    @Test
    void tokensWorkAsBearerAndSplunkAndCanBeRejectedForAWhile() throws Exception {
        String form = search("search index=web") + "&output_mode=json&" + LAST_HOUR;
        assertThat(post("/services/search/v2/jobs/export", form, "Splunk " + TOKEN)
                        .statusCode())
                .isEqualTo(200);
        String key = JSON.readTree(
                        post("/services/auth/login", "username=admin&password=changeme&output_mode=json", null)
                                .body())
                .get("sessionKey")
                .asText();

        emulator.faults().rejectTokens(2);
        assertThat(export(form).statusCode()).isEqualTo(401);
        // Session keys are not tokens: the fault leaves them alone.
        assertThat(post("/services/search/v2/jobs/export", form, "Splunk " + key)
                        .statusCode())
                .isEqualTo(200);
        assertThat(post("/services/search/v2/jobs/export", form, "Splunk " + TOKEN)
                        .statusCode())
                .isEqualTo(401);
        assertThat(export(form).statusCode()).isEqualTo(200);
    }

    @Test
    void sessionKeysExpireAfterTheirIdleTime() throws Exception {
        try (SplunkEmulator shortSessions = SplunkEmulator.builder()
                .user("admin", "changeme")
                .sessionTtl(Duration.ofMillis(300))
                .dataset(dataset)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build()
                .start()) {
            URI login = shortSessions.baseUri().resolve("/services/auth/login");
            String key = JSON.readTree(http.send(
                                    HttpRequest.newBuilder(login)
                                            .POST(HttpRequest.BodyPublishers.ofString(
                                                    "username=admin&password=changeme&output_mode=json"))
                                            .header("Content-Type", "application/x-www-form-urlencoded")
                                            .build(),
                                    HttpResponse.BodyHandlers.ofString())
                            .body())
                    .get("sessionKey")
                    .asText();
            HttpRequest info = HttpRequest.newBuilder(
                            shortSessions.baseUri().resolve("/services/server/info?output_mode=json"))
                    .header("Authorization", "Splunk " + key)
                    .build();
            assertThat(http.send(info, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(200);
            Thread.sleep(500);
            HttpResponse<String> expired = http.send(info, HttpResponse.BodyHandlers.ofString());
            assertThat(expired.statusCode()).isEqualTo(401);
            assertThat(JSON.readTree(expired.body()).at("/messages/0/text").asText())
                    .isEqualTo("call not properly authenticated");
        }
    }

    @Test
    void droppedConnectionCutsALineAndEndsWithAPrematureEof() throws Exception {
        emulator.faults().dropConnectionAfterRows(10, 1);
        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(emulator.baseUri().resolve("/services/search/v2/jobs/export"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString(
                                search("search index=web") + "&output_mode=json&" + LAST_HOUR))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertThat(response.statusCode()).isEqualTo(200);
        StringBuilder received = new StringBuilder();
        try (InputStream body = response.body()) {
            assertThatThrownBy(() -> {
                        byte[] buffer = new byte[8192];
                        for (int n; (n = body.read(buffer)) >= 0; ) {
                            received.append(new String(buffer, 0, n, StandardCharsets.UTF_8));
                        }
                    })
                    .isInstanceOf(IOException.class);
        }
        String[] lines = received.toString().split("\n", -1);
        assertThat(lines).hasSize(11);
        for (int i = 0; i < 10; i++) {
            assertThat(JSON.readTree(lines[i]).get("offset").asInt()).isEqualTo(i);
        }
        // The 11th line stops mid-way, as when a proxy cuts the stream.
        assertThat(lines[10]).startsWith("{\"preview\":false").doesNotEndWith("}");
        // The fault fired once: the next export is whole.
        assertThat(cdsOf(export(search("search index=web") + "&output_mode=json&" + LAST_HOUR)
                        .body()))
                .isEqualTo(expectedCds(lastHour().indexes(Set.of("web")).build()));
    }

    @Test
    void searchLanguageSubsetSelectsWhatTheDatasetQuerySelects() throws Exception {
        assertThat(cdsOf(export(search("search (index=web OR index=os)") + "&output_mode=json&" + LAST_HOUR)
                        .body()))
                .isEqualTo(expectedCds(lastHour().indexes(Set.of("web", "os")).build()));
        assertThat(cdsOf(
                        export(search("search index=* sourcetype=syslog host=db-01") + "&output_mode=json&" + LAST_HOUR)
                                .body()))
                .isNotEmpty()
                .isEqualTo(expectedCds(
                        lastHour().sourcetype("syslog").host("db-01").build()));
        assertThat(cdsOf(export(search("| search index=os \"Accepted publickey\"") + "&output_mode=json&" + LAST_HOUR)
                        .body()))
                .isNotEmpty()
                .isEqualTo(expectedCds(lastHour()
                        .indexes(Set.of("os"))
                        .rawTerms(Set.of("accepted PUBLICKEY"))
                        .build()));
        // index_earliest / index_latest select by index time.
        String byIndexTime =
                "&index_earliest=" + (NOW.getEpochSecond() - 600) + "&index_latest=" + (NOW.getEpochSecond() - 300);
        assertThat(cdsOf(export(search("search index=web") + "&output_mode=json" + byIndexTime)
                        .body()))
                .isNotEmpty()
                .isEqualTo(expectedCds(EventQuery.builder()
                        .indexes(Set.of("web"))
                        .indexEarliest(NOW.minusSeconds(600))
                        .indexLatest(NOW.minusSeconds(300))
                        .build()));
    }

    @Test
    void fieldsMinusRemovesEvenInternalFields() throws Exception {
        List<JsonNode> rows =
                lines(export(search("search index=web | fields - _raw, punct") + "&output_mode=json&" + LAST_HOUR)
                        .body());
        assertThat(rows).isNotEmpty().allSatisfy(row -> {
            assertThat(row.get("result").has("_raw")).isFalse();
            assertThat(row.get("result").has("punct")).isFalse();
            assertThat(row.get("result").has("_time")).isTrue();
            assertThat(row.get("result").has("status")).isTrue();
        });
    }

    @Test
    void rawAndCsvOutputModesCarryTheSameEvents() throws Exception {
        List<JsonNode> rows = lines(export(search("search index=os") + "&output_mode=json&" + LAST_HOUR)
                .body());
        HttpResponse<String> raw = export(search("search index=os") + "&output_mode=raw&" + LAST_HOUR);
        assertThat(raw.body().split("\n"))
                .containsExactlyElementsOf(
                        rows.stream().map(r -> r.at("/result/_raw").asText()).toList());
        HttpResponse<String> csv = export(search("search index=os | fields host") + "&output_mode=csv&" + LAST_HOUR);
        assertThat(csv.headers().firstValue("Content-Type")).hasValue("text/csv; charset=UTF-8");
        // As in Splunk's CSV, a multivalue field is one quoted cell with its values on separate lines.
        assertThat(csv.body()).contains("\"splunk-idx-01\nos\"");
        String[] csvLines = export(
                        search("search index=os | fields host | fields - _si") + "&output_mode=csv&" + LAST_HOUR)
                .body()
                .split("\n");
        // Splunk quotes names and values that are not plain letters and digits (resultsMVOneshot.csv).
        assertThat(csvLines[0]).contains("\"_raw\"", ",host").doesNotContain("process", "\"_si\"");
        assertThat(csvLines).hasSize(rows.size() + 1);
    }

    @Test
    void jobsCountAgainstTheSearchQuotaWhileTheyRun() throws Exception {
        try (SplunkEmulator limited = SplunkEmulator.builder()
                .token(TOKEN)
                .dataset(dataset)
                .maxConcurrentSearches(1)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .jobRunTime(JOB_RUN_TIME)
                .build()
                .start()) {
            HttpRequest create = HttpRequest.newBuilder(
                            limited.baseUri().resolve("/servicesNS/admin/search/search/jobs"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(
                            search("search index=web") + "&output_mode=json&" + LAST_HOUR))
                    .build();
            assertThat(http.send(create, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(201);
            HttpResponse<String> second = http.send(create, HttpResponse.BodyHandlers.ofString());
            assertThat(second.statusCode()).isEqualTo(503);
            assertThat(second.body()).contains("concurrency_limit=1");
            Thread.sleep(JOB_RUN_TIME.toMillis() + 100);
            assertThat(http.send(create, HttpResponse.BodyHandlers.ofString()).statusCode())
                    .isEqualTo(201);
        }
    }

    @Test
    void blockingAndOneshotJobsAndStatsJobsEvents() throws Exception {
        HttpResponse<String> blocking = post(
                "/servicesNS/nobody/search/search/v2/jobs",
                search("search index=os | stats count by host") + "&exec_mode=blocking&output_mode=json&" + LAST_HOUR,
                "Bearer " + TOKEN);
        assertThat(blocking.statusCode()).isEqualTo(201);
        String sid = JSON.readTree(blocking.body()).get("sid").asText();
        JsonNode status = JSON.readTree(get("/services/search/v2/jobs/" + sid + "?output_mode=json")
                        .body())
                .at("/entry/0/content");
        assertThat(status.get("dispatchState").asText()).isEqualTo("DONE");
        long events = status.get("eventCount").asLong();
        assertThat(status.get("resultCount").asLong()).isEqualTo(3);
        JsonNode results = JSON.readTree(get("/services/search/v2/jobs/" + sid + "/results?output_mode=json&count=0")
                .body());
        assertThat(results.get("results")).hasSize(3);
        assertThat(results.get("fields").findValuesAsText("name")).containsExactly("host", "count");
        long total = 0;
        for (JsonNode row : results.get("results")) {
            total += row.get("count").asLong();
        }
        assertThat(total).isEqualTo(events);
        JsonNode firstEvents = JSON.readTree(get("/services/search/v2/jobs/" + sid + "/events?output_mode=json&count=7")
                .body());
        assertThat(firstEvents.get("results"))
                .hasSize(7)
                .allSatisfy(e -> assertThat(e.has("_raw")).isTrue());

        HttpResponse<String> oneshot = post(
                "/services/search/jobs",
                search("search index=web") + "&exec_mode=oneshot&output_mode=json&count=5&" + LAST_HOUR,
                "Bearer " + TOKEN);
        assertThat(oneshot.statusCode()).isEqualTo(200);
        List<String> got = new ArrayList<>();
        JSON.readTree(oneshot.body())
                .get("results")
                .forEach(r ->
                        got.add(r.get("index").asText() + "/" + r.get("_cd").asText()));
        assertThat(got)
                .isEqualTo(
                        expectedCds(lastHour().indexes(Set.of("web")).build()).subList(0, 5));

        assertThat(http.send(
                                HttpRequest.newBuilder(
                                                emulator.baseUri().resolve("/services/search/v2/jobs/no-such-sid"))
                                        .header("Authorization", "Bearer " + TOKEN)
                                        .DELETE()
                                        .build(),
                                HttpResponse.BodyHandlers.ofString())
                        .statusCode())
                .isEqualTo(404);
        HttpResponse<String> unknown = get("/services/search/v2/jobs/no-such-sid?output_mode=json");
        assertThat(JSON.readTree(unknown.body()).at("/messages/0/text").asText())
                .isEqualTo("Unknown sid.");
        assertThat(get("/services/no/such/endpoint").statusCode()).isEqualTo(404);
    }

    @Test
    void closeCutsStreamsInFlight() throws Exception {
        SplunkEmulator closing = SplunkEmulator.builder()
                .token(TOKEN)
                .dataset(dataset)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build()
                .start();
        closing.faults().slowStream(Duration.ofMillis(20));
        HttpResponse<InputStream> response = http.send(
                HttpRequest.newBuilder(closing.baseUri().resolve("/services/search/v2/jobs/export"))
                        .header("Authorization", "Bearer " + TOKEN)
                        .POST(HttpRequest.BodyPublishers.ofString(search("search index=web") + "&output_mode=json"))
                        .build(),
                HttpResponse.BodyHandlers.ofInputStream());
        BufferedReader reader = new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8));
        assertThat(reader.readLine()).startsWith("{\"preview\":false,\"offset\":0,");
        long started = System.nanoTime();
        closing.close();
        assertThatThrownBy(() -> {
                    while (reader.readLine() != null) {
                        // drain until the cut
                    }
                })
                .isInstanceOf(IOException.class);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
    }

    @Test
    void jsonValuesAreStringsAndMultivaluesArrays() throws Exception {
        List<JsonNode> rows = lines(export(search("search index=app") + "&output_mode=json&" + LAST_HOUR)
                .body());
        assertThat(rows)
                .allSatisfy(row -> row.get("result")
                        .fields()
                        .forEachRemaining(field -> assertThat(field.getValue().isTextual()
                                        || field.getValue().isArray())
                                .as(field.getKey())
                                .isTrue()));
        assertThat(rows)
                .anySatisfy(
                        row -> assertThat(row.at("/result/tags{}").isArray()).isTrue());
        assertThat(rows.get(0).at("/result/_si")).hasSize(2);
        Map<String, Object> expectedFirst = dataset.newestFirst(
                        lastHour().indexes(Set.of("app")).build(), NOW)
                .next()
                .toResultFields();
        assertThat(JSON.convertValue(rows.get(0).get("result"), Map.class)).isEqualTo(expectedFirst);
    }

    @Test
    void aRequestThatClosesItsConnectionIsAnsweredWithConnectionClose() throws Exception {
        // splunklib closes its connection after reading the headers; the body stays readable only when the server
        // says the connection closes, as Splunk does.
        try (java.net.Socket socket =
                new java.net.Socket("127.0.0.1", emulator.baseUri().getPort())) {
            String body = "username=admin&password=changeme&cookie=1";
            socket.getOutputStream()
                    .write(("POST /services/auth/login HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: Close\r\n"
                                    + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: "
                                    + body.length()
                                    + "\r\n\r\n" + body)
                            .getBytes(StandardCharsets.UTF_8));
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(response).startsWith("HTTP/1.1 200").containsIgnoringCase("\r\nConnection: close\r\n");
            assertThat(response)
                    .containsIgnoringCase(
                            "Set-Cookie: splunkd_" + emulator.baseUri().getPort() + "=");
            assertThat(response).contains("<sessionKey>");
        }
    }
}
