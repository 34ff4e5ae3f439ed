package io.github.splunkdeltabridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A few HTTP behaviours against a tiny scripted server; end-to-end coverage lives in the emulator tests. */
class SplunkClientHttpTest {

    private static final String TOKEN = "tok-9f8e7d6c5b4a";
    private static final String EVENT =
            "{\"preview\":false,\"offset\":0,\"lastrow\":true,\"result\":{\"_bkt\":\"web~1~G\",\"_cd\":\"1:1\","
                    + "\"_time\":\"2024-03-01T12:00:00.000+00:00\",\"index\":\"web\",\"_raw\":\"hello\"}}\n";

    /**
     * server/info in output_mode=json: the Atom feed Splunk answers (keys as in the Splunk SDK for Python's
     * services.server.info.xml), with instance_type on Splunk Cloud as the SDKs read it.
     */
    static String serverInfo(String version, String instanceType) {
        return "{\"links\":{},\"origin\":\"https://splunk:8089/services/server/info\",\"updated\":\"2024-03-01T12:00:00+00:00\","
                + "\"generator\":{\"build\":\"b6b9c8185839\",\"version\":\"" + version
                + "\"},\"entry\":[{\"name\":\"server-info\","
                + "\"id\":\"https://splunk:8089/services/server/info/server-info\",\"author\":\"system\",\"content\":{"
                + "\"build\":\"b6b9c8185839\",\"cpu_arch\":\"x86_64\",\"guid\":\"3FD18BC4-010D-4845-AD51-27963CB17412\","
                + "\"isFree\":false,\"isTrial\":false,\"mode\":\"normal\",\"os_name\":\"Linux\",\"product_type\":\"enterprise\","
                + "\"serverName\":\"sh-1\",\"version\":\"" + version + "\""
                + (instanceType == null ? "" : ",\"instance_type\":\"" + instanceType + "\"")
                + "}}],\"paging\":{\"total\":1,\"perPage\":30,\"offset\":0},\"messages\":[]}";
    }

    private String serverInfoBody = serverInfo("9.1.2", null);

    private HttpServer server;
    private final List<String> log = Collections.synchronizedList(new ArrayList<>());
    private final List<Duration> sleeps = Collections.synchronizedList(new ArrayList<>());

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    private interface Handler {
        void handle(HttpExchange exchange, Map<String, String> form) throws IOException;
    }

    private URI start(Handler handler) throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            Map<String, String> form = new LinkedHashMap<>();
            for (String pair : body.isEmpty() ? new String[0] : body.split("&")) {
                String[] kv = pair.split("=", 2);
                form.put(
                        URLDecoder.decode(kv[0], StandardCharsets.UTF_8),
                        URLDecoder.decode(kv[1], StandardCharsets.UTF_8));
            }
            log.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " auth="
                    + exchange.getRequestHeaders().getFirst("Authorization"));
            if (exchange.getRequestURI().getPath().endsWith("/server/info") && serverInfoBody != null) {
                send(exchange, 200, serverInfoBody);
            } else {
                handler.handle(exchange, form);
            }
            exchange.close();
        });
        server.start();
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private SplunkClient client(URI base, SplunkAuth auth) {
        RetryPolicy retry = RetryPolicy.builder()
                .maxAttempts(3)
                .initialBackoff(Duration.ofMillis(10))
                .maxBackoff(Duration.ofMillis(50))
                .build();
        SplunkClientConfig config = SplunkClientConfig.builder(base)
                .auth(auth)
                .retry(retry)
                .readTimeout(Duration.ofSeconds(5))
                .build();
        return new SplunkClient(config, sleeps::add, new Backoff(retry));
    }

    @Test
    void exportPostsAFormAndRetriesQuotaErrorsHonouringRetryAfter() throws IOException {
        AtomicInteger calls = new AtomicInteger();
        Map<String, String> seen = new LinkedHashMap<>();
        URI base = start((exchange, form) -> {
            seen.putAll(form);
            if (calls.incrementAndGet() == 1) {
                exchange.getResponseHeaders().add("Retry-After", "2");
                send(
                        exchange,
                        503,
                        "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"The maximum number of concurrent historical searches has been reached\"}]}");
            } else {
                send(exchange, 200, EVENT);
            }
        });
        ExportRequest request = ExportRequest.builder("index=web sourcetype=access_combined")
                .earliest(Instant.parse("2024-03-01T11:00:00.123Z"))
                .latest(Instant.parse("2024-03-01T13:00:00Z"))
                .indexEarliest(Instant.parse("2024-03-01T10:00:00Z"))
                .build();

        try (SplunkClient client = client(base, SplunkAuth.bearerToken(TOKEN));
                SplunkEventStream events = client.export(request)) {
            assertThat(events.next().raw()).isEqualTo("hello");
            assertThat(events.hasNext()).isFalse();
        }

        assertThat(log)
                .containsExactly(
                        "GET /services/server/info?output_mode=json auth=Bearer " + TOKEN,
                        "POST /services/search/v2/jobs/export auth=Bearer " + TOKEN,
                        "POST /services/search/v2/jobs/export auth=Bearer " + TOKEN);
        assertThat(seen)
                .containsEntry("search", "search index=web sourcetype=access_combined")
                .containsEntry("output_mode", "json")
                .containsEntry("output_time_format", "%s.%6N")
                .containsEntry("earliest_time", "1709290800.123")
                .containsEntry("latest_time", "1709298000")
                .containsEntry("index_earliest", "1709287200")
                .doesNotContainKey("index_latest");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void rejectedTokenFailsAtOnceWithoutTheToken() throws IOException {
        serverInfoBody = null;
        URI base = start((exchange, form) -> send(
                exchange,
                401,
                "<response><messages><msg type=\"WARN\">call not properly authenticated</msg></messages></response>"));
        try (SplunkClient client = client(base, SplunkAuth.splunkToken(TOKEN))) {
            assertThatThrownBy(client::validateConnection)
                    .isInstanceOf(SplunkAuthenticationException.class)
                    .hasMessageContaining("401")
                    .hasMessageContaining("/services/server/info")
                    .hasMessageContaining("call not properly authenticated")
                    .hasMessageNotContaining(TOKEN);
        }
        assertThat(log).containsExactly("GET /services/server/info?output_mode=json auth=Splunk " + TOKEN);
    }

    @Test
    void expiredSessionLogsInAgainOnceAndWrongPasswordIsNotLeaked() throws IOException {
        serverInfoBody = null;
        AtomicInteger logins = new AtomicInteger();
        URI base = start((exchange, form) -> {
            String path = exchange.getRequestURI().getPath();
            if (path.equals("/services/auth/login")) {
                if (!form.get("password").equals("right-password")) {
                    send(exchange, 401, "{\"messages\":[{\"type\":\"WARN\",\"text\":\"Login failed\"}]}");
                    return;
                }
                send(exchange, 200, "{\"sessionKey\":\"key" + logins.incrementAndGet() + "\"}");
            } else if ("Splunk key1".equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(
                        exchange,
                        401,
                        "{\"messages\":[{\"type\":\"WARN\",\"text\":\"call not properly authenticated\"}]}");
            } else {
                send(exchange, 200, serverInfo("9.1.2", null));
            }
        });
        try (SplunkClient client = client(base, SplunkAuth.login("admin", "right-password"))) {
            client.validateConnection();
        }
        assertThat(log)
                .containsExactly(
                        "POST /services/auth/login auth=null",
                        "GET /services/server/info?output_mode=json auth=Splunk key1",
                        "POST /services/auth/login auth=null",
                        "GET /services/server/info?output_mode=json auth=Splunk key2");

        try (SplunkClient client = client(base, SplunkAuth.login("admin", "wrong-password"))) {
            assertThatThrownBy(client::validateConnection)
                    .isInstanceOf(SplunkAuthenticationException.class)
                    .hasMessageContaining("Login failed")
                    .hasMessageNotContaining("wrong-password");
        }
    }

    @Test
    void notFoundNamesTheNamespacedPathAndIsNotRetried() throws IOException {
        URI base = start((exchange, form) -> send(exchange, 404, ""));
        RetryPolicy retry = RetryPolicy.builder()
                .maxAttempts(3)
                .initialBackoff(Duration.ofMillis(1))
                .maxBackoff(Duration.ofMillis(1))
                .build();
        SplunkClientConfig config = SplunkClientConfig.builder(base)
                .auth(SplunkAuth.bearerToken(TOKEN))
                .namespace("nobody", "my app")
                .retry(retry)
                .searchApi(SearchApiVersion.V2)
                .build();
        try (SplunkClient client = new SplunkClient(config, sleeps::add, new Backoff(retry));
                SplunkEventStream events =
                        client.export(ExportRequest.builder("| makeresults").build())) {
            assertThatThrownBy(events::hasNext)
                    .isInstanceOf(SplunkNotFoundException.class)
                    .hasMessageContaining("/servicesNS/nobody/my%20app/search/v2/jobs/export")
                    .hasMessageContaining("404");
        }
        assertThat(log).hasSize(1);
    }

    @Test
    void onSplunk82TheV1ExportEndpointIsChosenFromServerInfo() throws IOException {
        serverInfoBody = serverInfo("8.2.12", null);
        URI base = start((exchange, form) -> send(exchange, 200, EVENT));
        try (SplunkClient client = client(base, SplunkAuth.bearerToken(TOKEN))) {
            ServerInfo info = client.connect();
            assertThat(info.version()).isEqualTo("8.2.12");
            assertThat(info.serverName()).isEqualTo("sh-1");
            assertThat(client.searchApi()).isEqualTo(SearchApiVersion.V1);
            try (SplunkEventStream events =
                    client.export(ExportRequest.builder("index=web").build())) {
                assertThat(events.next().raw()).isEqualTo("hello");
            }
        }
        assertThat(log)
                .containsExactly(
                        "GET /services/server/info?output_mode=json auth=Bearer " + TOKEN,
                        "POST /services/search/jobs/export auth=Bearer " + TOKEN);
    }

    @Test
    void aConfiguredSearchApiVersionIsUsedWithoutAskingTheServer() throws IOException {
        URI base = start((exchange, form) -> send(exchange, 200, EVENT));
        SplunkClientConfig config = SplunkClientConfig.builder(base)
                .auth(SplunkAuth.bearerToken(TOKEN))
                .searchApi(SearchApiVersion.V1)
                .build();
        try (SplunkClient client = new SplunkClient(config, sleeps::add, new Backoff(config.retry()));
                SplunkEventStream events =
                        client.export(ExportRequest.builder("index=web").build())) {
            assertThat(events.hasNext()).isTrue();
        }
        assertThat(log).containsExactly("POST /services/search/jobs/export auth=Bearer " + TOKEN);
    }

    @Test
    void aMissingV2EndpointSaysToChooseV1() throws IOException {
        serverInfoBody = serverInfo("9.0.1", null);
        URI base = start((exchange, form) -> send(exchange, 404, ""));
        try (SplunkClient client = client(base, SplunkAuth.bearerToken(TOKEN));
                SplunkEventStream events =
                        client.export(ExportRequest.builder("index=web").build())) {
            assertThatThrownBy(events::hasNext)
                    .isInstanceOf(SplunkNotFoundException.class)
                    .hasMessageContaining("/services/search/v2/jobs/export")
                    .hasMessageContaining("set the search API version to v1");
        }
    }

    @Test
    void searchModeAndLookupsTravelWithTheExport() throws IOException {
        Map<String, String> seen = new LinkedHashMap<>();
        URI base = start((exchange, form) -> {
            seen.putAll(form);
            send(exchange, 200, EVENT);
        });
        ExportRequest request = ExportRequest.builder("index=web")
                .searchMode(SearchMode.FAST)
                .enableLookups(false)
                .build();
        try (SplunkClient client = client(base, SplunkAuth.bearerToken(TOKEN));
                SplunkEventStream events = client.export(request)) {
            events.next();
        }
        assertThat(seen)
                .containsEntry("adhoc_search_level", "fast")
                .containsEntry("enable_lookups", "false")
                .containsEntry("output_time_format", "%s.%6N");
    }

    private static String entry(String name, String content) {
        return "{\"entry\":[{\"name\":\"" + name + "\",\"author\":\"system\",\"content\":" + content + "}],"
                + "\"paging\":{\"total\":1,\"perPage\":30,\"offset\":0},\"messages\":[]}";
    }

    @Test
    void roleLimitsAreTheLeastRestrictiveOverTheUsersRoles() throws IOException {
        URI base = start((exchange, form) -> {
            switch (exchange.getRequestURI().getPath()) {
                case "/services/authentication/current-context" ->
                    send(
                            exchange,
                            200,
                            entry(
                                    "context",
                                    "{\"username\":\"migrator\",\"realname\":\"Migration\",\"roles\":[\"migration\",\"user\"],"
                                            + "\"capabilities\":[\"search\",\"rest_properties_get\"]}"));
                case "/services/authorization/roles/migration" ->
                    send(
                            exchange,
                            200,
                            entry(
                                    "migration",
                                    "{\"srchTimeWin\":3600,\"imported_srchTimeWin\":-1,\"srchTimeEarliest\":\"7776000\","
                                            + "\"srchDiskQuota\":100,\"srchJobsQuota\":3,\"imported_srchJobsQuota\":6,"
                                            + "\"srchIndexesAllowed\":[\"web\",\"os*\"],\"imported_srchIndexesAllowed\":[],"
                                            + "\"imported_roles\":[]}"));
                case "/services/authorization/roles/user" ->
                    send(
                            exchange,
                            200,
                            entry(
                                    "user",
                                    "{\"srchTimeWin\":-1,\"srchTimeEarliest\":-1,\"srchDiskQuota\":100,\"srchJobsQuota\":3,"
                                            + "\"srchIndexesAllowed\":\"main\",\"imported_roles\":[]}"));
                default -> send(exchange, 404, "");
            }
        });
        try (SplunkClient client = client(base, SplunkAuth.bearerToken(TOKEN))) {
            RoleLimits limits = client.roleLimits();
            assertThat(limits.username()).isEqualTo("migrator");
            assertThat(limits.roles()).containsExactly("migration", "user");
            assertThat(limits.searchTimeWindow()).contains(new RoleLimits.Limit(3600, "migration"));
            assertThat(limits.searchTimeEarliest()).contains(new RoleLimits.Limit(7_776_000, "migration"));
            assertThat(limits.jobsQuota()).contains(new RoleLimits.Limit(6, "migration"));
            assertThat(limits.allowsIndex("web")).isTrue();
            assertThat(limits.allowsIndex("os_linux")).isTrue();
            assertThat(limits.allowsIndex("main")).isTrue();
            assertThat(limits.allowsIndex("secret")).isFalse();
        }
    }

    @Test
    void aRoleTheUserMayNotReadLeavesTheLimitsUnknown() throws IOException {
        URI base = start((exchange, form) -> {
            if (exchange.getRequestURI().getPath().endsWith("current-context")) {
                send(exchange, 200, entry("context", "{\"username\":\"migrator\",\"roles\":[\"migration\"]}"));
            } else {
                send(
                        exchange,
                        403,
                        "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"You (user=migrator) do not have permission\"}]}");
            }
        });
        try (SplunkClient client = client(base, SplunkAuth.bearerToken(TOKEN))) {
            RoleLimits limits = client.roleLimits();
            assertThat(limits.searchTimeWindow()).isEmpty();
            assertThat(limits.allowsIndex("anything")).isTrue();
        }
    }

    @Test
    void indexExistenceIsAskedOfDataIndexes() throws IOException {
        URI base = start((exchange, form) -> {
            if (exchange.getRequestURI().getPath().equals("/services/data/indexes/web")) {
                send(
                        exchange,
                        200,
                        entry("web", "{\"datatype\":\"event\",\"disabled\":false,\"totalEventCount\":\"12\"}"));
            } else {
                send(exchange, 404, "{\"messages\":[{\"type\":\"ERROR\",\"text\":\"Could not find object id=nope\"}]}");
            }
        });
        try (SplunkClient client = client(base, SplunkAuth.bearerToken(TOKEN))) {
            assertThat(client.indexExists("web")).isTrue();
            assertThat(client.indexExists("nope")).isFalse();
        }
    }

    @Test
    void aSearchRefusedForTheRolesDiskQuotaIsARoleLimitNotAnOutage() throws IOException {
        // Splunk's refusal as its troubleshooting page quotes it, a WARN with status 503.
        URI base = start((exchange, form) -> send(
                exchange,
                503,
                "{\"messages\":[{\"type\":\"WARN\",\"text\":\"Your maximum disk usage quota has been reached."
                        + " usage=6000MB quota=1000MB The search was not run. SearchId=1709296496.123\"}]}"));
        try (SplunkClient client = client(base, SplunkAuth.bearerToken(TOKEN));
                SplunkEventStream events =
                        client.export(ExportRequest.builder("index=web").build())) {
            assertThatThrownBy(events::hasNext)
                    .isInstanceOf(SplunkRoleLimitException.class)
                    .hasMessageContaining("srchDiskQuota")
                    .hasMessageContaining("usage=6000MB quota=1000MB")
                    .satisfies(e -> assertThat(FailureKind.of(e)).isEqualTo(FailureKind.PERMANENT));
        }
        assertThat(log).filteredOn(l -> l.startsWith("POST")).hasSize(1);
    }
}
