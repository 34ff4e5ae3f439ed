package io.github.splunkdeltabridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.github.splunkdeltabridge.emulator.SplunkEmulator;
import io.github.splunkdeltabridge.emulator.data.Dataset;
import io.github.splunkdeltabridge.emulator.data.EmulatedEvent;
import io.github.splunkdeltabridge.emulator.data.EventQuery;
import io.github.splunkdeltabridge.emulator.data.GeneratedDataset;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The client against the Splunk emulator over real HTTP: every fault the emulator injects either
 * delivers each event of the requested range exactly once, in Splunk's order, or raises a clear error.
 */
class ClientAgainstEmulatorTest {

    private static final String TOKEN = "integration-test-token-7f3a";
    private static final String PASSWORD = "s3cret-Passw0rd";
    private static final Instant NOW = Instant.parse("2024-03-01T12:00:00Z");
    private static final Instant DATA_START = NOW.minus(Duration.ofHours(6));

    // A window of the generated data: a few thousand web events.
    private static final Instant EARLIEST = NOW.minus(Duration.ofHours(3));
    private static final Instant LATEST = NOW.minus(Duration.ofHours(1));

    private final Dataset dataset = GeneratedDataset.builder()
            .seed(7)
            .start(DATA_START)
            .end(NOW)
            .eventsPerMinute(30)
            .build();

    private SplunkEmulator emulator;

    @AfterEach
    void stopEmulator() {
        if (emulator != null) {
            emulator.close();
        }
    }

    private SplunkEmulator startEmulator(boolean tls) {
        emulator = SplunkEmulator.builder()
                .port(0)
                .tls(tls)
                .token(TOKEN)
                .user("admin", PASSWORD)
                .dataset(dataset)
                .clock(Clock.fixed(NOW, ZoneOffset.UTC))
                .build()
                .start();
        return emulator;
    }

    private static RetryPolicy fastRetries(int maxAttempts) {
        return RetryPolicy.builder()
                .maxAttempts(maxAttempts)
                .initialBackoff(Duration.ofMillis(10))
                .maxBackoff(Duration.ofMillis(200))
                .multiplier(2.0)
                .jitter(0.2)
                .build();
    }

    private SplunkClient client(SplunkAuth auth) {
        return new SplunkClient(SplunkClientConfig.builder(emulator.baseUri())
                .auth(auth)
                .retry(fastRetries(6))
                .readTimeout(Duration.ofSeconds(10))
                .build());
    }

    private static ExportRequest webWindow() {
        return ExportRequest.builder("search index=web")
                .earliest(EARLIEST)
                .latest(LATEST)
                .build();
    }

    /** The ids Splunk would return for {@link #webWindow()}, newest first. */
    private List<String> expectedWebIds() {
        EventQuery query = EventQuery.builder()
                .indexes(Set.of("web"))
                .earliest(EARLIEST)
                .latest(LATEST)
                .build();
        List<String> ids = new ArrayList<>();
        Iterator<EmulatedEvent> events = dataset.newestFirst(query, NOW);
        while (events.hasNext()) {
            ids.add(SplunkEvent.fromFields(events.next().toResultFields()).eventId());
        }
        return ids;
    }

    private static List<String> readIds(SplunkClient client, ExportRequest request) {
        List<String> ids = new ArrayList<>();
        try (SplunkEventStream events = client.export(request)) {
            while (events.hasNext()) {
                ids.add(events.next().eventId());
            }
        }
        return ids;
    }

    @Test
    void exportDeliversEveryEventOfTheRangeOnceNewestFirst() {
        startEmulator(false);
        List<String> expected = expectedWebIds();
        assertThat(expected).hasSizeGreaterThan(1000);

        try (SplunkClient client = client(SplunkAuth.bearerToken(TOKEN))) {
            assertThat(readIds(client, webWindow())).containsExactlyElementsOf(expected);
        }
    }

    @Test
    void typedEventsCarryTimeIndexTimeAndMetadata() {
        startEmulator(false);
        try (SplunkClient client = client(SplunkAuth.splunkToken(TOKEN));
                SplunkEventStream events = client.export(webWindow())) {
            SplunkEvent first = events.next();
            assertThat(first.time()).isBetween(EARLIEST, LATEST);
            assertThat(first.indexTime()).isAfterOrEqualTo(first.time().minusSeconds(1));
            assertThat(first.index()).isEqualTo("web");
            assertThat(first.raw()).isNotBlank();
            assertThat(first.host()).isNotBlank();
            assertThat(first.sourcetype()).isNotBlank();
            assertThat(first.cd()).contains(":");
            SplunkEvent second = events.next();
            assertThat(second.time()).isBeforeOrEqualTo(first.time());
        }
    }

    @Test
    void quotaExceededIsRetriedUntilASearchSlotFrees() {
        startEmulator(false);
        emulator.faults().quotaExceeded(3);
        try (SplunkClient client = client(SplunkAuth.bearerToken(TOKEN))) {
            assertThat(readIds(client, webWindow())).containsExactlyElementsOf(expectedWebIds());
        }
        assertThat(emulator.stats().exportRequests()).isEqualTo(4);
    }

    @Test
    void quotaThatNeverFreesEndsInAClearError() {
        startEmulator(false);
        emulator.faults().quotaExceeded(100);
        try (SplunkClient client = client(SplunkAuth.bearerToken(TOKEN))) {
            assertThatThrownBy(() -> readIds(client, webWindow()))
                    .isInstanceOf(SplunkUnavailableException.class)
                    .hasMessageContaining("503")
                    .hasMessageContaining("concurrent")
                    .hasMessageNotContaining(TOKEN);
        }
        assertThat(emulator.stats().exportRequests()).isEqualTo(6);
    }

    @Test
    void tooManyRequestsWaitsForRetryAfter() {
        startEmulator(false);
        emulator.faults().tooManyRequests(1, Duration.ofSeconds(1));
        try (SplunkClient client = client(SplunkAuth.bearerToken(TOKEN))) {
            long started = System.nanoTime();
            assertThat(readIds(client, webWindow())).containsExactlyElementsOf(expectedWebIds());
            // Our own backoff is 10 ms: only honouring Retry-After makes the client wait a second.
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        }
        assertThat(emulator.stats().exportRequests()).isEqualTo(2);
    }

    @Test
    void expiredSessionIsRenewedByLoggingInAgain() {
        startEmulator(false);
        try (SplunkClient client = client(SplunkAuth.login("admin", PASSWORD))) {
            assertThat(readIds(client, webWindow())).hasSize(expectedWebIds().size());
            emulator.faults().expireSessions();
            assertThat(readIds(client, webWindow())).containsExactlyElementsOf(expectedWebIds());
        }
        assertThat(emulator.stats().loginRequests()).isEqualTo(2);
    }

    @Test
    void rejectedTokenFailsWithoutRetryingAndWithoutLeakingIt() {
        startEmulator(false);
        emulator.faults().rejectTokens(100);
        try (SplunkClient client = client(SplunkAuth.bearerToken(TOKEN))) {
            assertThatThrownBy(() -> readIds(client, webWindow()))
                    .isInstanceOf(SplunkAuthenticationException.class)
                    .hasMessageContaining("401")
                    // The first request, server/info for the search API version, is refused already.
                    .hasMessageContaining("/services/server/info")
                    .hasMessageNotContaining(TOKEN);
        }
        assertThat(emulator.stats().exportRequests()).isZero();
    }

    @Test
    void wrongPasswordFailsWithoutLeakingIt() {
        startEmulator(false);
        try (SplunkClient client = client(SplunkAuth.login("admin", "not-the-" + PASSWORD))) {
            assertThatThrownBy(() -> readIds(client, webWindow()))
                    .isInstanceOf(SplunkAuthenticationException.class)
                    .hasMessageContaining("Login failed")
                    .hasMessageNotContaining(PASSWORD);
        }
    }

    @Test
    void connectionDroppedMidStreamResumesWithoutLossOrDuplicates() {
        startEmulator(false);
        emulator.faults().dropConnectionAfterRows(700, 2);
        try (SplunkClient client = client(SplunkAuth.bearerToken(TOKEN))) {
            assertThat(readIds(client, webWindow())).containsExactlyElementsOf(expectedWebIds());
        }
        assertThat(emulator.stats().exportRequests()).isEqualTo(3);
    }

    @Test
    void slowStreamWithinTheReadTimeoutIsReadCompletely() {
        startEmulator(false);
        emulator.faults().slowStream(Duration.ofMillis(1));
        ExportRequest lastTenMinutes = ExportRequest.builder("search index=web")
                .earliest(LATEST.minus(Duration.ofMinutes(10)))
                .latest(LATEST)
                .build();
        try (SplunkClient client = client(SplunkAuth.bearerToken(TOKEN))) {
            assertThat(readIds(client, lastTenMinutes)).hasSizeGreaterThan(100);
        }
    }

    @Test
    void streamSlowerThanTheReadTimeoutEndsInAClearError() {
        startEmulator(false);
        emulator.faults().slowStream(Duration.ofSeconds(2));
        SplunkClient client = new SplunkClient(SplunkClientConfig.builder(emulator.baseUri())
                .auth(SplunkAuth.bearerToken(TOKEN))
                .retry(fastRetries(2))
                .readTimeout(Duration.ofMillis(300))
                .build());
        try (client) {
            assertThatThrownBy(() -> readIds(client, webWindow()))
                    .isInstanceOf(SplunkUnavailableException.class)
                    .hasMessageNotContaining(TOKEN);
        }
    }

    @Test
    void malformedLineIsAClearProtocolErrorNotASilentSkip() {
        startEmulator(false);
        emulator.faults().malformedLineAfterRows(50, 1);
        List<String> delivered = new ArrayList<>();
        try (SplunkClient client = client(SplunkAuth.bearerToken(TOKEN));
                SplunkEventStream events = client.export(webWindow())) {
            assertThatThrownBy(() -> events.forEachRemaining(e -> delivered.add(e.eventId())))
                    .isInstanceOf(SplunkProtocolException.class)
                    .hasMessageContaining("line");
        }
        assertThat(delivered).containsExactlyElementsOf(expectedWebIds().subList(0, 50));
    }

    @Test
    void fatalMessageInTheStreamFailsWithSplunksText() {
        startEmulator(false);
        emulator.faults().fatalMessageAfterRows(10, "Search process did not exit cleanly, exit_code=255", 1);
        try (SplunkClient client = client(SplunkAuth.bearerToken(TOKEN))) {
            assertThatThrownBy(() -> readIds(client, webWindow()))
                    .isInstanceOf(SplunkSearchException.class)
                    .hasMessageContaining("Search process did not exit cleanly, exit_code=255");
        }
    }

    @Test
    void badSplIsReportedWithSplunksMessageAndNotRetried() {
        startEmulator(false);
        try (SplunkClient client = client(SplunkAuth.bearerToken(TOKEN))) {
            assertThatThrownBy(() -> readIds(
                            client,
                            ExportRequest.builder("search index=web | frobnicate now")
                                    .build()))
                    .isInstanceOf(SplunkSearchException.class)
                    .hasMessageContaining("frobnicate");
        }
        assertThat(emulator.stats().exportRequests()).isEqualTo(1);
    }

    @Test
    void namespacedEndpointServesTheSameEvents() {
        startEmulator(false);
        try (SplunkClient client = new SplunkClient(SplunkClientConfig.builder(emulator.baseUri())
                .auth(SplunkAuth.bearerToken(TOKEN))
                .namespace("nobody", "search")
                .build())) {
            assertThat(readIds(client, webWindow())).containsExactlyElementsOf(expectedWebIds());
        }
    }

    @Test
    void tlsIsVerifiedAgainstAConfiguredTrustStore() throws Exception {
        startEmulator(true);
        URI base = emulator.baseUri();
        assertThat(base.getScheme()).isEqualTo("https");
        Path trustStore = Files.createTempFile("emulator-truststore", ".p12");
        try (var in = SplunkEmulator.class.getResourceAsStream("emulator-truststore.p12")) {
            Files.copy(in, trustStore, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        }
        try (SplunkClient client = new SplunkClient(SplunkClientConfig.builder(base)
                .auth(SplunkAuth.bearerToken(TOKEN))
                .tls(TlsSettings.withTrustStore(trustStore, "changeit".toCharArray(), "PKCS12"))
                .build())) {
            assertThat(readIds(client, webWindow())).containsExactlyElementsOf(expectedWebIds());
        } finally {
            Files.deleteIfExists(trustStore);
        }
    }

    @Test
    void tlsWithAnUntrustedCertificateIsRefusedUnlessInsecureIsChosen() {
        startEmulator(true);
        try (SplunkClient verifying = new SplunkClient(SplunkClientConfig.builder(emulator.baseUri())
                .auth(SplunkAuth.bearerToken(TOKEN))
                .retry(fastRetries(1))
                .build())) {
            assertThatThrownBy(() -> readIds(verifying, webWindow()))
                    .isInstanceOf(SplunkException.class)
                    .hasMessageContaining("certificate");
        }
        try (SplunkClient insecure = new SplunkClient(SplunkClientConfig.builder(emulator.baseUri())
                .auth(SplunkAuth.bearerToken(TOKEN))
                .tls(TlsSettings.insecure())
                .build())) {
            assertThat(readIds(insecure, webWindow())).hasSize(expectedWebIds().size());
        }
    }
}
