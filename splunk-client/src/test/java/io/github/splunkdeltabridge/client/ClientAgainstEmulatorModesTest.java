package io.github.splunkdeltabridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import io.github.splunkdeltabridge.emulator.data.Dataset;
import io.github.splunkdeltabridge.emulator.data.EmulatedEvent;
import io.github.splunkdeltabridge.emulator.data.EventQuery;
import io.github.splunkdeltabridge.emulator.data.GeneratedDataset;
import io.github.splunkdeltabridge.emulator.faults.RoleLimits;
import io.github.splunkdeltabridge.emulator.search.SplunkTimeFormat;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client against the emulator's real-Splunk modes: an 8.2 server without the v2 endpoints, _time rendered by
 * user zones and time formats, a search peer down, an auto-finalized search, rows out of order, an outage, role
 * limits.
 */
class ClientAgainstEmulatorModesTest {

    private static final String TOKEN = "modes-test-token";
    private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");
    private static final Instant EARLIEST = NOW.minus(Duration.ofHours(2));
    private static final Instant LATEST = NOW.minus(Duration.ofHours(1));

    private final Dataset dataset = GeneratedDataset.builder()
            .seed(21)
            .start(NOW.minus(Duration.ofHours(4)))
            .end(NOW)
            .eventsPerMinute(20)
            .build();
    private SplunkEmulator emulator;

    @AfterEach
    void stop() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private SplunkEmulator start(UnaryOperator<SplunkEmulator.Builder> mode) {
        emulator = mode.apply(
                        SplunkEmulator.builder().token(TOKEN).dataset(dataset).clock(Clock.fixed(NOW, ZoneOffset.UTC)))
                .build()
                .start();
        return emulator;
    }

    private SplunkClient client(int attempts) {
        return new SplunkClient(SplunkClientConfig.builder(emulator.baseUri())
                .auth(SplunkAuth.bearerToken(TOKEN))
                .retry(RetryPolicy.builder()
                        .maxAttempts(attempts)
                        .initialBackoff(Duration.ofMillis(10))
                        .maxBackoff(Duration.ofMillis(100))
                        .build())
                .readTimeout(Duration.ofSeconds(10))
                .build());
    }

    private static ExportRequest.Builder webWindow() {
        return ExportRequest.builder("search index=web").earliest(EARLIEST).latest(LATEST);
    }

    private List<EmulatedEvent> expectedEvents() {
        List<EmulatedEvent> events = new ArrayList<>();
        dataset.newestFirst(
                        EventQuery.builder()
                                .indexes(Set.of("web"))
                                .earliest(EARLIEST)
                                .latest(LATEST)
                                .build(),
                        NOW)
                .forEachRemaining(events::add);
        return events;
    }

    private List<String> expectedIds() {
        return expectedEvents().stream()
                .map(e -> SplunkEvent.fromFields(e.toResultFields()).eventId())
                .toList();
    }

    private static List<String> readIds(SplunkEventStream events) {
        List<String> ids = new ArrayList<>();
        while (events.hasNext()) {
            ids.add(events.next().eventId());
        }
        return ids;
    }

    /** An export as a plain HTTP client sends it, without the output_time_format the client pins. */
    private byte[] rawExport(Map<String, String> extra) throws IOException, InterruptedException {
        Map<String, String> form = new LinkedHashMap<>();
        form.put("search", "search index=web");
        form.put("output_mode", "json");
        form.put("earliest_time", Long.toString(EARLIEST.getEpochSecond()));
        form.put("latest_time", Long.toString(LATEST.getEpochSecond()));
        form.putAll(extra);
        StringBuilder body = new StringBuilder();
        form.forEach((k, v) -> body.append(body.isEmpty() ? "" : "&")
                .append(k)
                .append('=')
                .append(URLEncoder.encode(v, StandardCharsets.UTF_8)));
        HttpRequest request = HttpRequest.newBuilder(emulator.baseUri().resolve("/services/search/v2/jobs/export"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body.toString()))
                .build();
        return HttpClient.newHttpClient()
                .send(request, HttpResponse.BodyHandlers.ofByteArray())
                .body();
    }

    private static List<SplunkEvent> parse(byte[] body) throws IOException {
        List<SplunkEvent> events = new ArrayList<>();
        try (ExportStreamParser parser = new ExportStreamParser(new ByteArrayInputStream(body))) {
            SplunkEvent e;
            while ((e = parser.next()) != null) {
                events.add(e);
            }
        }
        return events;
    }

    @Test
    void onSplunk82TheClientChoosesTheV1EndpointAndReadsEveryEvent() {
        start(b -> b.splunkVersion("8.2.12"));
        try (SplunkClient client = client(3)) {
            assertThat(client.connect().version()).isEqualTo("8.2.12");
            assertThat(client.searchApi()).isEqualTo(SearchApiVersion.V1);
            try (SplunkEventStream events = client.export(webWindow().build())) {
                assertThat(readIds(events)).containsExactlyElementsOf(expectedIds());
            }
        }
    }

    @Test
    void everyTimeRenderingOfTheEmulatorParsesToTheEventsInstants() throws Exception {
        start(b -> b.userTimeZone("admin", ZoneId.of("America/Los_Angeles"))
                .defaultTimeFormat(SplunkTimeFormat.SPACE_SEPARATED_WITH_ZONE_NAME));
        List<Instant> expected =
                expectedEvents().stream().map(EmulatedEvent::time).toList();
        // The server's default rendering in the user's zone (2024-03-01 02:34:56.789 PST), ISO-8601 with an offset,
        // and the client's own pinned epoch form with microseconds.
        for (Map<String, String> rendering : List.of(
                Map.<String, String>of(),
                Map.of("output_time_format", SplunkTimeFormat.ISO_8601),
                Map.of("output_time_format", TimeFormats.OUTPUT_TIME_FORMAT))) {
            List<Instant> times =
                    parse(rawExport(rendering)).stream().map(SplunkEvent::time).toList();
            assertThat(times)
                    .as(rendering.toString())
                    .containsExactlyElementsOf(expected.stream()
                            .map(t -> t.truncatedTo(java.time.temporal.ChronoUnit.MILLIS))
                            .toList());
        }
        try (SplunkClient client = client(3);
                SplunkEventStream events = client.export(webWindow().build())) {
            List<Instant> times = new ArrayList<>();
            events.forEachRemaining(e -> times.add(e.time()));
            assertThat(times).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void aTimeRenderedWithoutADateIsAProtocolErrorNamingTheValue() throws Exception {
        start(b -> b);
        byte[] body = rawExport(Map.of("output_time_format", "%H:%M:%S"));
        assertThatThrownBy(() -> parse(body))
                .isInstanceOf(SplunkProtocolException.class)
                .hasMessageContaining("line 1")
                .hasMessageMatching("(?s).*_time value '\\d\\d:\\d\\d:\\d\\d'.*");
    }

    @Test
    void aDownPeerStopsTheStreamWithSplunksTextAndOnceItIsBackTheRangeIsExact() {
        start(b -> b);
        emulator.faults().peerDown("idx-2", 0.3);
        try (SplunkClient client = client(3)) {
            try (SplunkEventStream events = client.export(webWindow().build())) {
                assertThatThrownBy(() -> readIds(events))
                        .isInstanceOfSatisfying(
                                SplunkIncompleteResultsException.class,
                                e -> assertThat(e.stoppedEarly()).isFalse())
                        .hasMessageContaining("Unable to distribute to peer named idx-2")
                        .hasMessageContaining("status = \"Down\"");
            }
            emulator.faults().peerUp();
            try (SplunkEventStream events = client.export(webWindow().build())) {
                assertThat(readIds(events)).containsExactlyElementsOf(expectedIds());
            }
        }
    }

    @Test
    void anAutoFinalizedSearchIsReadOnFromItsPositionAndTheRangeIsExactWithoutDuplicates() {
        start(b -> b);
        emulator.faults().autoFinalizeAfterRows(200, 1);
        List<String> ids = new ArrayList<>();
        try (SplunkClient client = client(3)) {
            ExportPosition position;
            try (SplunkEventStream events = client.export(webWindow().build())) {
                assertThatThrownBy(() -> events.forEachRemaining(e -> ids.add(e.eventId())))
                        .isInstanceOfSatisfying(
                                SplunkIncompleteResultsException.class,
                                e -> assertThat(e.stoppedEarly()).isTrue())
                        .hasMessageContaining("auto-finalized");
                position = events.position();
            }
            assertThat(ids).hasSize(200);
            assertThat(position.ordered()).isTrue();
            try (SplunkEventStream rest =
                    client.export(webWindow().resumeFrom(position).build())) {
                ids.addAll(readIds(rest));
            }
        }
        assertThat(ids).containsExactlyElementsOf(expectedIds());
    }

    @Test
    void rowsDeliveredOutOfOrderThenCutAreReadAgainWholeSoNoEventIsLost() {
        start(b -> b);
        emulator.faults().outOfOrderDelivery(50, 40, 1).dropConnectionAfterRows(120, 1);
        List<String> ids;
        try (SplunkClient client = client(3);
                SplunkEventStream events = client.export(webWindow().build())) {
            ids = readIds(events);
            assertThat(events.position().ordered()).isTrue();
        }
        assertThat(new HashSet<>(ids)).isEqualTo(new HashSet<>(expectedIds()));
        // The rows before the cut come again: none is skipped below a lowest time that was not a boundary.
        assertThat(ids).hasSize(expectedIds().size() + 120);
    }

    @Test
    void anOutageLongerThanTheRetriesEndsUnavailableAndTheReadAfterItIsExact() throws Exception {
        start(b -> b);
        try (SplunkClient client = client(2)) {
            client.connect();
            emulator.faults().outage(Duration.ofSeconds(2));
            try (SplunkEventStream events = client.export(webWindow().build())) {
                assertThatThrownBy(() -> readIds(events))
                        .isInstanceOfSatisfying(
                                SplunkUnavailableException.class,
                                e -> assertThat(FailureKind.of(e)).isEqualTo(FailureKind.TRANSIENT));
            }
            Thread.sleep(2500);
            try (SplunkEventStream events = client.export(webWindow().build())) {
                assertThat(readIds(events)).containsExactlyElementsOf(expectedIds());
            }
        }
    }

    @Test
    void roleLimitsAndIndexesReadFromTheEmulatorAreItsRoles() {
        start(b -> b.token("migrator-token", "migrator")
                .role(
                        "migrator",
                        RoleLimits.builder("migration")
                                .srchTimeWin(Duration.ofMinutes(30))
                                .srchTimeEarliest(Duration.ofDays(90))
                                .srchIndexesAllowed("web", "os*")
                                .srchJobsQuota(3)
                                .build()));
        try (SplunkClient client = new SplunkClient(SplunkClientConfig.builder(emulator.baseUri())
                .auth(SplunkAuth.bearerToken("migrator-token"))
                .build())) {
            io.github.splunkdeltabridge.client.RoleLimits limits = client.roleLimits();
            assertThat(limits.username()).isEqualTo("migrator");
            assertThat(limits.searchTimeWindow())
                    .contains(new io.github.splunkdeltabridge.client.RoleLimits.Limit(1800, "migration"));
            assertThat(limits.searchTimeEarliest())
                    .contains(new io.github.splunkdeltabridge.client.RoleLimits.Limit(7_776_000, "migration"));
            assertThat(limits.jobsQuota())
                    .contains(new io.github.splunkdeltabridge.client.RoleLimits.Limit(3, "migration"));
            assertThat(limits.allowsIndex("web")).isTrue();
            assertThat(limits.allowsIndex("os_linux")).isTrue();
            assertThat(limits.allowsIndex("app")).isFalse();
            assertThat(client.canListIndexes()).isTrue();
            assertThat(client.indexExists("web")).isTrue();
            assertThat(client.indexExists("no_such_index")).isFalse();
        }
    }
}
