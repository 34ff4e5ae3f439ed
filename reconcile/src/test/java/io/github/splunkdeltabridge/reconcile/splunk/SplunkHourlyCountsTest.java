package io.github.splunkdeltabridge.reconcile.splunk;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.github.splunkdeltabridge.client.SplunkAuth;
import io.github.splunkdeltabridge.client.SplunkClient;
import io.github.splunkdeltabridge.client.SplunkClientConfig;
import io.github.splunkdeltabridge.reconcile.ReconcileRange;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * How hourly counts come out when Splunk renders and aligns buckets in the user's time zone. The emulator aligns
 * tstats buckets to the epoch; Splunk's own documentation only promises local alignment for day bins, so this test
 * plays a Splunk that aligns hour bins to a +05:30 user's local hours, over HTTP, with tstats rows as Splunk's
 * export streams them ({"preview":false,"result":{"_time":…,"count":…}}).
 */
class SplunkHourlyCountsTest {

    private static final Instant FROM = Instant.parse("2024-03-01T10:00:00Z");
    private static final Instant TO = Instant.parse("2024-03-01T12:00:00Z");
    private static final Instant CUTOFF = Instant.parse("2024-03-01T13:00:00Z");

    private final List<String> searches = new ArrayList<>();
    private HttpServer server;

    @AfterEach
    void stop() {
        if (server != null) {
            server.stop(0);
        }
    }

    /** A Splunk answering tstats with the rows {@code rows} gives for the search's span. */
    private SplunkClient splunk(Function<String, List<String>> rows) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/services/server/info", exchange -> respond(exchange, """
                {"entry":[{"name":"server-info","content":{"version":"9.4.0","serverName":"idx1"}}]}"""));
        server.createContext("/services/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            String search = null;
            for (String pair : body.split("&")) {
                if (pair.startsWith("search=")) {
                    search = URLDecoder.decode(pair.substring(7), StandardCharsets.UTF_8);
                }
            }
            searches.add(search);
            StringBuilder out = new StringBuilder();
            rows.apply(search).forEach(row -> out.append(row).append('\n'));
            respond(exchange, out.toString());
        });
        server.start();
        URI base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        return new SplunkClient(SplunkClientConfig.builder(base)
                .auth(SplunkAuth.bearerToken("test-token"))
                .build());
    }

    private static void respond(HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    /** A tstats row with _time rendered as Splunk's default ISO-8601 in the user's zone. */
    private static String row(Instant bucket, ZoneId zone, long count) {
        String time =
                DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSSxxx").format(bucket.atZone(zone));
        return "{\"preview\":false,\"offset\":0,\"result\":{\"_time\":\"" + time + "\",\"count\":\"" + count + "\"}}";
    }

    @Test
    void hourBucketsAlignedToAHalfHourZoneAreRecountedInQuarterHoursAndAddedUpToUtcHours() throws IOException {
        ZoneId kolkata = ZoneId.of("Asia/Kolkata");
        try (SplunkClient client = splunk(search -> {
            if (search.contains("span=1h")) {
                // Local hours of a +05:30 user: 15:00 IST is 09:30 UTC.
                return List.of(
                        row(Instant.parse("2024-03-01T09:30:00Z"), kolkata, 15),
                        row(Instant.parse("2024-03-01T10:30:00Z"), kolkata, 60),
                        row(Instant.parse("2024-03-01T11:30:00Z"), kolkata, 45));
            }
            List<String> quarters = new ArrayList<>();
            for (int q = 0; q < 8; q++) {
                quarters.add(row(FROM.plusSeconds(900L * q), kolkata, q < 4 ? 10 : 20));
            }
            return quarters;
        })) {
            Map<Instant, Long> hourly =
                    new SplunkHourlyCounts(client).count("web", new ReconcileRange(FROM, TO), CUTOFF);

            assertThat(hourly)
                    .containsExactly(
                            Map.entry(Instant.parse("2024-03-01T10:00:00Z"), 40L),
                            Map.entry(Instant.parse("2024-03-01T11:00:00Z"), 80L));
        }
        assertThat(searches)
                .containsExactly(
                        "| tstats count where index=web by _time span=1h",
                        "| tstats count where index=web by _time span=15m");
    }

    @Test
    void aZoneAWholeNumberOfHoursFromUtcKeepsHourBucketsAndOneSearch() throws IOException {
        ZoneId newYork = ZoneId.of("America/New_York");
        try (SplunkClient client = splunk(search -> List.of(
                row(Instant.parse("2024-03-01T10:00:00Z"), newYork, 7),
                row(Instant.parse("2024-03-01T11:00:00Z"), newYork, 9)))) {
            Map<Instant, Long> hourly =
                    new SplunkHourlyCounts(client).count("web", new ReconcileRange(FROM, TO), CUTOFF);

            assertThat(hourly)
                    .containsExactly(
                            Map.entry(Instant.parse("2024-03-01T10:00:00Z"), 7L),
                            Map.entry(Instant.parse("2024-03-01T11:00:00Z"), 9L));
        }
        assertThat(searches).hasSize(1);
    }

    @Test
    void aQuarterHourBucketOffTheUtcQuarterStopsTheReconcileWithTheValue() throws IOException {
        try (SplunkClient client = splunk(search -> List.of(
                "{\"preview\":false,\"result\":{\"_time\":\"2024-03-01T10:10:00.000+00:00\",\"count\":\"3\"}}"))) {
            SplunkHourlyCounts counts = new SplunkHourlyCounts(client);
            org.assertj.core.api.Assertions.assertThatThrownBy(
                            () -> counts.count("web", new ReconcileRange(FROM, TO), CUTOFF))
                    .hasMessageContaining("2024-03-01T10:10:00.000+00:00")
                    .hasMessageContaining("not on a UTC quarter hour");
        }
    }
}
