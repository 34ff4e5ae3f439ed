package io.github.splunkdeltabridge.emulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import java.io.IOException;
import java.io.InputStream;
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
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The emulator over real HTTP, checked against the formats and status codes Splunk documents. */
class SplunkEmulatorHttpTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TOKEN = "test-token";
    private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");
    private static final String LAST_HOUR = "earliest_time=" + (NOW.getEpochSecond() - 3600) + "&latest_time=" + NOW.getEpochSecond();

    private final GeneratedDataset dataset = GeneratedDataset.builder()
            .start(NOW.minus(Duration.ofHours(4))).end(NOW).eventsPerMinute(20).build();
    private SplunkEmulator emulator;
    private final HttpClient http = HttpClient.newHttpClient();

    @BeforeEach
    void start() {
        emulator = SplunkEmulator.builder().token(TOKEN).user("admin", "changeme").dataset(dataset)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build().start();
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
        return http.send(HttpRequest.newBuilder(emulator.baseUri().resolve(pathAndQuery))
                .header("Authorization", "Bearer " + TOKEN).GET().build(), HttpResponse.BodyHandlers.ofString());
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

        HttpResponse<String> json = post("/services/auth/login", "username=admin&password=changeme&output_mode=json", null);
        String key = JSON.readTree(json.body()).get("sessionKey").asText();
        HttpResponse<String> withSession = post("/services/search/v2/jobs/export",
                search("search index=web") + "&output_mode=json&" + LAST_HOUR, "Splunk " + key);
        assertThat(withSession.statusCode()).isEqualTo(200);
    }

    @Test
    void wrongPasswordAndMissingAuthenticationAnswer401WithSplunksMessages() throws Exception {
        HttpResponse<String> login = post("/services/auth/login", "username=admin&password=nope", null);
        assertThat(login.statusCode()).isEqualTo(401);
        assertThat(login.body()).contains("<msg type=\"WARN\" code=\"incorrect_username_or_password\">Login failed</msg>");

        HttpResponse<String> anonymous = post("/services/search/v2/jobs/export", search("search index=web") + "&output_mode=json", null);
        assertThat(anonymous.statusCode()).isEqualTo(401);
        assertThat(JSON.readTree(anonymous.body()).at("/messages/0/text").asText()).isEqualTo("call not properly authenticated");

        String basic = Base64.getEncoder().encodeToString("admin:changeme".getBytes(StandardCharsets.UTF_8));
        assertThat(post("/services/search/v2/jobs/export", search("search index=web") + "&" + LAST_HOUR, "Basic " + basic).statusCode())
                .isEqualTo(200);
    }

    @Test
    void expiredSessionsAreRefusedButTokensStillWork() throws Exception {
        String key = JSON.readTree(post("/services/auth/login", "username=admin&password=changeme&output_mode=json", null).body())
                .get("sessionKey").asText();
        emulator.faults().expireSessions();
        assertThat(post("/services/search/v2/jobs/export", search("search index=web"), "Splunk " + key).statusCode()).isEqualTo(401);
        assertThat(export(search("search index=web") + "&" + LAST_HOUR).statusCode()).isEqualTo(200);
    }

    @Test
    void jsonExportStreamsSplunkRowsNewestFirstInBlocks() throws Exception {
        HttpResponse<String> response = export(search("search index=web") + "&output_mode=json&" + LAST_HOUR);
        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json; charset=UTF-8");
        assertThat(response.headers().firstValue("Transfer-Encoding")).hasValue("chunked");
        List<JsonNode> rows = lines(response.body());

        List<EmulatedEvent> expected = new ArrayList<>();
        dataset.newestFirst(EventQuery.builder().indexes(Set.of("web")).earliest(NOW.minusSeconds(3600)).latest(NOW).build(), NOW)
                .forEachRemaining(expected::add);
        assertThat(rows).hasSize(expected.size()).hasSizeGreaterThan(ExportStreamWriter.BLOCK_ROWS);
        for (int i = 0; i < rows.size(); i++) {
            JsonNode row = rows.get(i);
            assertThat(row.get("preview").asBoolean()).isFalse();
            assertThat(row.get("offset").asInt()).isEqualTo(i % ExportStreamWriter.BLOCK_ROWS);
            boolean endOfBlock = i % ExportStreamWriter.BLOCK_ROWS == ExportStreamWriter.BLOCK_ROWS - 1 || i == rows.size() - 1;
            assertThat(row.has("lastrow")).isEqualTo(endOfBlock);
            assertThat(row.at("/result/_cd").asText()).isEqualTo(expected.get(i).cd());
            assertThat(row.at("/result/_time").asText()).isEqualTo(EmulatedEvent.formatTime(expected.get(i).time(), ZoneOffset.UTC));
        }
    }

    @Test
    void namespacedAndV1ExportPathsServeTheSameRows() throws Exception {
        String form = search("search index=os") + "&output_mode=json&" + LAST_HOUR;
        String body = export(form).body();
        assertThat(post("/servicesNS/nobody/search/search/v2/jobs/export", form, "Bearer " + TOKEN).body()).isEqualTo(body);
        assertThat(post("/services/search/jobs/export", form, "Bearer " + TOKEN).body()).isEqualTo(body);
        assertThat(get("/services/search/jobs/export?" + form).body()).isEqualTo(body);
    }

    @Test
    void emptyResultIsOneLastRowLine() throws Exception {
        String body = export(search("search index=web nosuchwordanywhere") + "&output_mode=json&" + LAST_HOUR).body();
        assertThat(body).isEqualTo("{\"preview\":false,\"lastrow\":true}\n");
    }

    @Test
    void termsFieldsAndFieldSelectionFilterAsSplunkDoes() throws Exception {
        List<JsonNode> rows = lines(export(search("search index=web status=404 | fields status, clientip")
                + "&output_mode=json&" + LAST_HOUR).body());
        assertThat(rows).isNotEmpty().allSatisfy(row -> {
            assertThat(row.at("/result/status").asText()).isEqualTo("404");
            // Internal fields stay; others not listed go.
            assertThat(row.get("result").has("_raw")).isTrue();
            assertThat(row.get("result").has("method")).isFalse();
        });
    }

    @Test
    void statsSendsPreviewRowsThenFinalRows() throws Exception {
        List<JsonNode> rows = lines(export(search("search index=web | stats count by status") + "&output_mode=json&" + LAST_HOUR).body());
        List<JsonNode> preview = rows.stream().filter(r -> r.get("preview").asBoolean()).toList();
        List<JsonNode> finals = rows.stream().filter(r -> !r.get("preview").asBoolean()).toList();
        assertThat(preview).isNotEmpty();
        assertThat(rows.indexOf(preview.get(preview.size() - 1))).isLessThan(rows.indexOf(finals.get(0)));
        long total = finals.stream().mapToLong(r -> r.at("/result/count").asLong()).sum();
        assertThat(total).isEqualTo(lines(export(search("search index=web") + "&output_mode=json&" + LAST_HOUR).body()).size());
        assertThat(finals).allSatisfy(r -> assertThat(r.get("result").has("_raw")).isFalse());
    }

    @Test
    void badSplIsA400WithSplunksMessage() throws Exception {
        HttpResponse<String> unknown = export(search("search index=web | frobnicate") + "&output_mode=json");
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(unknown.body()).at("/messages/0/text").asText()).isEqualTo("Unknown search command 'frobnicate'.");

        HttpResponse<String> notSearch = export(search("index=web") + "&output_mode=json");
        assertThat(notSearch.statusCode()).isEqualTo(400);

        HttpResponse<String> badTime = export(search("search index=web") + "&earliest_time=yesterday-ish");
        assertThat(badTime.statusCode()).isEqualTo(400);
        assertThat(badTime.body()).contains("<msg type=\"FATAL\">Invalid earliest_time: &apos;yesterday-ish&apos;</msg>".replace("&apos;", "'"));
    }

    @Test
    void relativeAndIsoTimesResolveAgainstTheEmulatorClock() throws Exception {
        String relative = export(search("search index=web") + "&output_mode=json&earliest_time=-15m&latest_time=now").body();
        String iso = export(search("search index=web") + "&output_mode=json&earliest_time="
                + URLEncoder.encode("2024-03-01T11:45:00+00:00", StandardCharsets.UTF_8) + "&latest_time=2024-03-01T12:00:00Z").body();
        assertThat(relative).isEqualTo(iso);
        assertThat(lines(relative)).hasSizeGreaterThan(250);
    }

    @Test
    void jobsApiCreatesReportsPagesAndCancels() throws Exception {
        HttpResponse<String> created = post("/services/search/v2/jobs", search("search index=app") + "&output_mode=json&" + LAST_HOUR, "Bearer " + TOKEN);
        assertThat(created.statusCode()).isEqualTo(201);
        String sid = JSON.readTree(created.body()).get("sid").asText();

        JsonNode status = JSON.readTree(get("/services/search/v2/jobs/" + sid + "?output_mode=json").body()).at("/entry/0/content");
        assertThat(status.get("dispatchState").asText()).isIn("RUNNING", "DONE");
        Thread.sleep(SearchJobs.RUN_TIME.toMillis() + 50);
        status = JSON.readTree(get("/services/search/v2/jobs/" + sid + "?output_mode=json").body()).at("/entry/0/content");
        assertThat(status.get("dispatchState").asText()).isEqualTo("DONE");
        assertThat(status.get("isDone").asBoolean()).isTrue();
        long resultCount = status.get("resultCount").asLong();
        assertThat(resultCount).isGreaterThan(1000);

        JsonNode firstPage = JSON.readTree(get("/services/search/v2/jobs/" + sid + "/results?output_mode=json&offset=0&count=500").body());
        JsonNode secondPage = JSON.readTree(get("/services/search/v2/jobs/" + sid + "/results?output_mode=json&offset=500&count=500").body());
        assertThat(firstPage.get("results")).hasSize(500);
        assertThat(secondPage.get("init_offset").asInt()).isEqualTo(500);
        assertThat(firstPage.at("/results/499/_time").asText()).isGreaterThanOrEqualTo(secondPage.at("/results/0/_time").asText());
        JsonNode all = JSON.readTree(get("/services/search/v2/jobs/" + sid + "/events?output_mode=json&count=0").body());
        assertThat(all.get("results")).hasSize((int) resultCount);

        assertThat(http.send(HttpRequest.newBuilder(emulator.baseUri().resolve("/services/search/v2/jobs/" + sid))
                .header("Authorization", "Bearer " + TOKEN).DELETE().build(), HttpResponse.BodyHandlers.ofString()).statusCode()).isEqualTo(200);
        assertThat(get("/services/search/v2/jobs/" + sid + "?output_mode=json").statusCode()).isEqualTo(404);
        assertThat(get("/services/search/v2/jobs/no-such-sid/results").statusCode()).isEqualTo(404);
    }

    @Test
    void quotaAndTooManyRequestsFaultsAnswerLikeSplunkAndAProxy() throws Exception {
        emulator.faults().quotaExceeded(1).tooManyRequests(1, Duration.ofSeconds(3));
        HttpResponse<String> throttled = export(search("search index=web") + "&output_mode=json");
        assertThat(throttled.statusCode()).isEqualTo(429);
        assertThat(throttled.headers().firstValue("Retry-After")).hasValue("3");
        HttpResponse<String> quota = export(search("search index=web") + "&output_mode=json");
        assertThat(quota.statusCode()).isEqualTo(503);
        assertThat(JSON.readTree(quota.body()).at("/messages/0/text").asText())
                .startsWith("Search not executed: The maximum number of concurrent historical searches");
        assertThat(export(search("search index=web") + "&output_mode=json&" + LAST_HOUR).statusCode()).isEqualTo(200);
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
        String[] malformed = export(search("search index=web") + "&output_mode=json&" + LAST_HOUR).body().split("\n");
        assertThat(malformed[3]).startsWith("{\"preview\":false,\"offset\":3,\"result\":{\"_raw\":\"trunc");
        assertThatThrownBy(() -> JSON.readTree(malformed[3])).isInstanceOf(IOException.class);
        assertThat(JSON.readTree(malformed[4]).has("result")).isTrue();

        emulator.faults().fatalMessageAfterRows(2, "Search process did not exit cleanly", 1);
        List<JsonNode> fatal = lines(export(search("search index=web") + "&output_mode=json&" + LAST_HOUR).body());
        assertThat(fatal).hasSize(3);
        assertThat(fatal.get(2).at("/messages/0/type").asText()).isEqualTo("FATAL");
        assertThat(fatal.get(2).at("/messages/0/text").asText()).isEqualTo("Search process did not exit cleanly");
    }

    @Test
    void concurrentSearchQuotaIsEnforced() throws Exception {
        try (SplunkEmulator limited = SplunkEmulator.builder().token(TOKEN).dataset(dataset).maxConcurrentSearches(1)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build().start()) {
            limited.faults().slowStream(Duration.ofMillis(20));
            HttpRequest slow = HttpRequest.newBuilder(limited.baseUri().resolve("/services/search/v2/jobs/export"))
                    .header("Authorization", "Bearer " + TOKEN)
                    .POST(HttpRequest.BodyPublishers.ofString(search("search index=web") + "&output_mode=json")).build();
            HttpResponse<InputStream> running = http.send(slow, HttpResponse.BodyHandlers.ofInputStream());
            assertThat(running.statusCode()).isEqualTo(200);
            HttpResponse<String> second = http.send(slow, HttpResponse.BodyHandlers.ofString());
            assertThat(second.statusCode()).isEqualTo(503);
            running.body().close();
        }
    }

    @Test
    void tlsServesWithTheBundledCertificate() throws Exception {
        try (SplunkEmulator tls = SplunkEmulator.builder().tls(true).token(TOKEN).dataset(dataset)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC)).build().start();
             InputStream trustStore = SplunkEmulator.class.getResourceAsStream("emulator-truststore.p12")) {
            KeyStore ks = KeyStore.getInstance("PKCS12");
            ks.load(trustStore, "changeit".toCharArray());
            TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            tmf.init(ks);
            SSLContext ssl = SSLContext.getInstance("TLS");
            ssl.init(null, tmf.getTrustManagers(), null);
            HttpClient https = HttpClient.newBuilder().sslContext(ssl).build();
            URI uri = URI.create("https://localhost:" + tls.baseUri().getPort() + "/services/server/info?output_mode=json");
            HttpResponse<String> info = https.send(HttpRequest.newBuilder(uri).header("Authorization", "Bearer " + TOKEN).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(info.statusCode()).isEqualTo(200);
            assertThat(JSON.readTree(info.body()).at("/entry/0/content/serverName").asText()).isEqualTo("splunk-emulator");
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
}
