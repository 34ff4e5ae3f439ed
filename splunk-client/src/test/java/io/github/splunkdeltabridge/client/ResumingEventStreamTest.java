package io.github.splunkdeltabridge.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Resume after cuts, with a scripted opener instead of HTTP. */
class ResumingEventStreamTest {

    private static final Instant EARLIEST = Instant.parse("2024-03-01T11:00:00Z");
    private static final Instant LATEST = Instant.parse("2024-03-01T13:00:00Z");
    private static final Instant T_SHARED = Instant.parse("2024-03-01T12:00:03.500Z");

    // Newest first; e3 and e4 share one millisecond.
    private static final String E1 = event("e1", "2024-03-01T12:00:05.000+00:00");
    private static final String E2 = event("e2", "2024-03-01T12:00:04.000+00:00");
    private static final String E3 = event("e3", "2024-03-01T12:00:03.500+00:00");
    private static final String E4 = event("e4", "2024-03-01T12:00:03.500+00:00");
    private static final String E5 = event("e5", "2024-03-01T12:00:02.000+00:00");
    private static final String E6 = event("e6", "2024-03-01T12:00:01.000+00:00");

    private final List<ExportRequest> requests = new ArrayList<>();
    private final List<Duration> sleeps = new ArrayList<>();
    private final Deque<Object> script = new ArrayDeque<>();

    private static String event(String cd, String time) {
        return "{\"preview\":false,\"offset\":0,\"result\":{\"_bkt\":\"web~1~G\",\"_cd\":\"" + cd + "\",\"_time\":\""
                + time + "\",\"index\":\"web\",\"_raw\":\"event " + cd + "\"}}\n";
    }

    private static String row(String name, String count) {
        return "{\"preview\":false,\"result\":{\"name\":\"" + name + "\",\"count\":\"" + count + "\"}}\n";
    }

    private static InputStream body(String text) {
        return new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8));
    }

    /** A body that delivers {@code text} and then fails like a reset socket. */
    private static InputStream failingAfter(String text, IOException failure) {
        return new SequenceInputStream(body(text), new InputStream() {
            @Override
            public int read() throws IOException {
                throw failure;
            }
        });
    }

    private ResumingEventStream stream(ExportRequest request, int maxAttempts) {
        RetryPolicy policy = RetryPolicy.builder()
                .maxAttempts(maxAttempts)
                .initialBackoff(Duration.ofMillis(100))
                .maxBackoff(Duration.ofSeconds(1))
                .jitter(0.0)
                .build();
        RetryLoop retries = new RetryLoop(policy, new Backoff(policy), sleeps::add, "/services/search/v2/jobs/export");
        return new ResumingEventStream(
                request,
                r -> {
                    requests.add(r);
                    Object next = script.poll();
                    if (next instanceof IOException e) {
                        throw e;
                    }
                    if (next instanceof RuntimeException e) {
                        throw e;
                    }
                    return (InputStream) next;
                },
                retries);
    }

    private static ExportRequest window() {
        return ExportRequest.builder("search index=web")
                .earliest(EARLIEST)
                .latest(LATEST)
                .build();
    }

    private static List<String> cds(SplunkEventStream s) {
        List<String> out = new ArrayList<>();
        s.forEachRemaining(e -> out.add(e.cd()));
        return out;
    }

    @Test
    void cutsResumeBelowTheLowestTimeAndSkipWhatWasDelivered() {
        script.add(failingAfter(E1 + E2 + E3, new java.net.SocketException("Connection reset")));
        // Splunk re-sends everything at or below the lowest delivered millisecond.
        script.add(body(E3 + E4 + E5.substring(0, 30)));
        script.add(body(E3 + E4 + E5 + E6));

        try (ResumingEventStream s = stream(window(), 3)) {
            assertThat(cds(s)).containsExactly("e1", "e2", "e3", "e4", "e5", "e6");
            assertThat(s.position())
                    .isEqualTo(ExportPosition.of(Instant.parse("2024-03-01T12:00:01Z"), List.of("web:web~1~G:e6"), 6));
        }

        assertThat(requests).hasSize(3);
        assertThat(requests.get(0).latest()).isEqualTo(LATEST);
        assertThat(requests.get(1).latest()).isEqualTo(T_SHARED.plusMillis(1));
        // e5 was cut in half, so the lowest delivered millisecond is still the shared one.
        assertThat(requests.get(2).latest()).isEqualTo(T_SHARED.plusMillis(1));
        assertThat(requests).allSatisfy(r -> assertThat(r.earliest()).isEqualTo(EARLIEST));
        assertThat(sleeps).hasSize(2);
    }

    @Test
    void eventsNewerThanThePositionAreSkippedDefensively() {
        script.add(failingAfter(E1 + E2 + E3 + E4, new SocketTimeoutException("Read timed out")));
        script.add(body(E2 + E3 + E4 + E5 + E6));
        try (ResumingEventStream s = stream(window(), 3)) {
            assertThat(cds(s)).containsExactly("e1", "e2", "e3", "e4", "e5", "e6");
        }
    }

    @Test
    void positionTracksTheLowestMillisecondAndTheIdsDeliveredThere() {
        script.add(body(E1 + E2 + E3 + E4 + E5));
        try (ResumingEventStream s = stream(window(), 3)) {
            s.next();
            s.next();
            s.next();
            assertThat(s.position().lowestTime()).isEqualTo(T_SHARED);
            assertThat(s.position().idsAtLowestTime()).containsExactly("web:web~1~G:e3");
            s.next();
            assertThat(s.position().idsAtLowestTime()).containsExactly("web:web~1~G:e3", "web:web~1~G:e4");
            assertThat(s.position().rowsDelivered()).isEqualTo(4);
        }
    }

    @Test
    void resumeFromAStoredPositionNarrowsTheFirstRequest() {
        ExportPosition stored = ExportPosition.of(T_SHARED, List.of("web:web~1~G:e3"), 3);
        script.add(body(E3 + E4 + E5 + E6));
        ExportRequest request = ExportRequest.builder("search index=web")
                .earliest(EARLIEST)
                .latest(LATEST)
                .resumeFrom(stored)
                .build();
        try (ResumingEventStream s = stream(request, 3)) {
            assertThat(cds(s)).containsExactly("e4", "e5", "e6");
            assertThat(s.position().rowsDelivered()).isEqualTo(6);
        }
        assertThat(requests.get(0).latest()).isEqualTo(T_SHARED.plusMillis(1));
    }

    @Test
    void rowsWithoutTimeResumeByRerunningAndSkippingDeliveredRows() {
        script.add(body(row("a", "1") + row("b", "2") + "{\"preview\":false,\"res"));
        script.add(body(row("a", "1") + row("b", "2") + row("c", "3")));
        try (ResumingEventStream s = stream(window(), 3)) {
            List<String> names = new ArrayList<>();
            s.forEachRemaining(e -> names.add(e.field("name")));
            assertThat(names).containsExactly("a", "b", "c");
        }
        assertThat(requests).extracting(ExportRequest::latest).containsExactly(LATEST, LATEST);
    }

    /** tstats rows carry their bucket's start as _time, oldest first: a time-based resume would cut a bucket. */
    @Test
    void bucketRowsOfATransformingSearchResumeByRowCountNotBelowTheirTime() {
        String h10 = "{\"preview\":false,\"result\":{\"_time\":\"1709287200\",\"count\":\"40\"}}\n";
        String h11 = "{\"preview\":false,\"result\":{\"_time\":\"1709290800\",\"count\":\"41\"}}\n";
        String h12 = "{\"preview\":false,\"result\":{\"_time\":\"1709294400\",\"count\":\"42\"}}\n";
        script.add(failingAfter(h10 + h11, new java.net.SocketException("Connection reset")));
        script.add(body(h10 + h11 + h12));
        ExportRequest tstats = ExportRequest.builder("| tstats count where index=web by _time span=1h")
                .earliest(EARLIEST)
                .latest(LATEST)
                .transforming()
                .build();

        try (ResumingEventStream s = stream(tstats, 3)) {
            List<String> counts = new ArrayList<>();
            s.forEachRemaining(e -> counts.add(e.field("count")));
            assertThat(counts).containsExactly("40", "41", "42");
        }
        assertThat(requests).extracting(ExportRequest::latest).containsExactly(LATEST, LATEST);
    }

    @Test
    void aStreamThatKeepsFailingWithoutProgressEndsUnavailable() {
        for (int i = 0; i < 5; i++) {
            script.add(new java.net.ConnectException("Connection refused"));
        }
        try (ResumingEventStream s = stream(window(), 4)) {
            assertThatThrownBy(s::hasNext)
                    .isInstanceOf(SplunkUnavailableException.class)
                    .hasMessageContaining("/services/search/v2/jobs/export")
                    .hasMessageContaining("4 attempts")
                    .hasMessageContaining("Connection refused");
            assertThat(s.hasNext()).isFalse();
        }
        assertThat(requests).hasSize(4);
        assertThat(sleeps).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200), Duration.ofMillis(400));
    }

    @Test
    void quotaExhaustionReportsTheLastStatusAndSplunksText() {
        for (int i = 0; i < 3; i++) {
            script.add(HttpErrors.forStatus(
                    503,
                    "/services/search/v2/jobs/export",
                    "The maximum number of concurrent historical searches on this instance has been reached",
                    "1"));
        }
        try (ResumingEventStream s = stream(window(), 3)) {
            assertThatThrownBy(s::hasNext)
                    .isInstanceOf(SplunkUnavailableException.class)
                    .hasMessageContaining("503")
                    .hasMessageContaining("concurrent historical searches")
                    .satisfies(e -> assertThat(((SplunkException) e).status()).isEqualTo(503));
        }
        assertThat(sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1));
    }

    @Test
    void nonRetryableErrorsAreNotRetried() {
        script.add(HttpErrors.forStatus(
                400, "/services/search/v2/jobs/export", "Unknown search command 'frobnicate'.", null));
        try (ResumingEventStream s = stream(window(), 5)) {
            assertThatThrownBy(s::hasNext)
                    .isInstanceOf(SplunkSearchException.class)
                    .hasMessageContaining("frobnicate");
        }
        assertThat(requests).hasSize(1);
        assertThat(sleeps).isEmpty();
    }

    @Test
    void malformedLineIsNotRetried() {
        script.add(body(E1 + "garbage\n" + E2));
        try (ResumingEventStream s = stream(window(), 5)) {
            assertThat(s.next().cd()).isEqualTo("e1");
            assertThatThrownBy(s::next)
                    .isInstanceOf(SplunkProtocolException.class)
                    .hasMessageContaining("line 2");
        }
        assertThat(requests).hasSize(1);
    }

    @Test
    void progressResetsTheAttemptBudget() {
        // Three cuts with maxAttempts 2: each resumed attempt delivers something, so the export completes.
        script.add(failingAfter(E1, new IOException("cut")));
        script.add(failingAfter(E2, new IOException("cut")));
        script.add(failingAfter(E3 + E4, new IOException("cut")));
        script.add(body(E5 + E6));
        try (ResumingEventStream s = stream(window(), 2)) {
            assertThat(cds(s)).containsExactly("e1", "e2", "e3", "e4", "e5", "e6");
        }
    }
}
