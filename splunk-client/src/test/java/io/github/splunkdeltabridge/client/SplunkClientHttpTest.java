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
            handler.handle(exchange, form);
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
                        "POST /services/search/v2/jobs/export auth=Bearer " + TOKEN,
                        "POST /services/search/v2/jobs/export auth=Bearer " + TOKEN);
        assertThat(seen)
                .containsEntry("search", "search index=web sourcetype=access_combined")
                .containsEntry("output_mode", "json")
                .containsEntry("earliest_time", "1709290800.123")
                .containsEntry("latest_time", "1709298000")
                .containsEntry("index_earliest", "1709287200")
                .doesNotContainKey("index_latest");
        assertThat(sleeps).containsExactly(Duration.ofSeconds(2));
    }

    @Test
    void rejectedTokenFailsAtOnceWithoutTheToken() throws IOException {
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
                send(exchange, 200, "{\"generator\":{}}");
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
}
