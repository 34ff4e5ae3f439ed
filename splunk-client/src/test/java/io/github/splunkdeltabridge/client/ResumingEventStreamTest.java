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
    /** A resumed request reaches the next whole second above the lowest time delivered. */
    private static final Instant RESUME_LATEST = Instant.parse("2024-03-01T12:00:04Z");

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

    private static final String PEER_DOWN = "{\"messages\":[{\"type\":\"WARN\",\"text\":\"Unable to distribute to peer"
            + " named idx-2 at uri https://10.0.0.12:8089 because peer has status = \\\"Down\\\".\"}]}\n";

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
        assertThat(requests.get(1).latest()).isEqualTo(RESUME_LATEST);
        // e5 was cut in half, so the lowest delivered time is still the shared one.
        assertThat(requests.get(2).latest()).isEqualTo(RESUME_LATEST);
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
        assertThat(requests.get(0).latest()).isEqualTo(RESUME_LATEST);
    }

    @Test
    void rowsWithoutTimeAreReadAgainFromTheStartAfterACutRatherThanSkippedByCount() {
        script.add(body(row("a", "1") + row("b", "2") + "{\"preview\":false,\"res"));
        // A re-run need not return the same rows in the same order: nothing is skipped by count.
        script.add(body(row("b", "2") + row("a", "1") + row("c", "3")));
        try (ResumingEventStream s = stream(window(), 3)) {
            List<String> names = new ArrayList<>();
            s.forEachRemaining(e -> names.add(e.field("name")));
            assertThat(names).containsExactly("a", "b", "b", "a", "c");
            assertThat(s.position().ordered()).isFalse();
            assertThat(s.position().rowsDelivered()).isEqualTo(5);
        }
        assertThat(requests).extracting(ExportRequest::latest).containsExactly(LATEST, LATEST);
    }

    @Test
    void anOutOfOrderStreamCutMidwayIsReadAgainOverItsWholeRangeSoNoEventIsLost() {
        // e2 arrives after e3, which is older: the stream is not newest first.
        script.add(failingAfter(E1 + E3 + E2, new java.net.SocketException("Connection reset")));
        script.add(body(E1 + E3 + E2 + E4 + E5 + E6));
        try (ResumingEventStream s = stream(window(), 3)) {
            s.next();
            s.next();
            assertThat(s.position().ordered()).isTrue();
            s.next();
            assertThat(s.position()).isEqualTo(ExportPosition.unordered(3));
            List<String> rest = cds(s);
            // Resuming below e3's time would have skipped e2's newer neighbours; the whole range comes again.
            assertThat(rest).containsExactly("e1", "e3", "e2", "e4", "e5", "e6");
        }
        assertThat(requests).extracting(ExportRequest::latest).containsExactly(LATEST, LATEST);
    }

    @Test
    void aRestartFromAnUnorderedPositionReadsTheWholeRange() {
        script.add(body(E1 + E2 + E3));
        ExportRequest request = ExportRequest.builder("search index=web")
                .earliest(EARLIEST)
                .latest(LATEST)
                .resumeFrom(ExportPosition.unordered(40))
                .build();
        try (ResumingEventStream s = stream(request, 3)) {
            assertThat(cds(s)).containsExactly("e1", "e2", "e3");
            // The fresh read came newest first, so its own position claims again.
            assertThat(s.position())
                    .isEqualTo(ExportPosition.of(
                            Instant.parse("2024-03-01T12:00:03.500Z"), List.of("web:web~1~G:e3"), 43));
        }
        assertThat(requests.get(0).latest()).isEqualTo(LATEST);
    }

    @Test
    void aSearchKnownToReSortNeverClaimsMoreThanItsRowCount() {
        // An ascending search (| sort _time): newest first would be the opposite.
        script.add(failingAfter(E6 + E5, new java.net.SocketException("Connection reset")));
        script.add(body(E6 + E5 + E4));
        ExportRequest request = ExportRequest.builder("search index=web | sort _time")
                .earliest(EARLIEST)
                .latest(LATEST)
                .timeOrdered(false)
                .build();
        try (ResumingEventStream s = stream(request, 3)) {
            s.next();
            // After one row a position claiming "everything newer was delivered" would already be false.
            assertThat(s.position()).isEqualTo(ExportPosition.unordered(1));
            assertThat(cds(s)).containsExactly("e5", "e6", "e5", "e4");
        }
        assertThat(requests).extracting(ExportRequest::latest).containsExactly(LATEST, LATEST);
    }

    @Test
    void positionsKeepMicroseconds() {
        String a = event("a", "1709294403.500250");
        String b = event("b", "1709294403.500249");
        String c = event("c", "1709294403.500249");
        script.add(failingAfter(a + b, new java.net.SocketException("Connection reset")));
        script.add(body(a + b + c));
        try (ResumingEventStream s = stream(window(), 3)) {
            assertThat(cds(s)).containsExactly("a", "b", "c");
            assertThat(s.position().lowestTime()).isEqualTo(Instant.parse("2024-03-01T12:00:03.500249Z"));
            assertThat(s.position().idsAtLowestTime()).containsExactly("web:web~1~G:b", "web:web~1~G:c");
        }
    }

    @Test
    void aPositionStoredInMillisecondsStillCoversItsWholeMillisecond() {
        // Stored by an earlier version: e3 was delivered somewhere within .500 ms; e4 (same millisecond) was not.
        ExportPosition stored = ExportPosition.ofMillis(T_SHARED, List.of("web:web~1~G:e3"), 3);
        script.add(body(event("e3", "1709294403.500750") + event("e4", "1709294403.500250") + E5));
        ExportRequest request = ExportRequest.builder("search index=web")
                .earliest(EARLIEST)
                .latest(LATEST)
                .resumeFrom(stored)
                .build();
        try (ResumingEventStream s = stream(request, 3)) {
            assertThat(cds(s)).containsExactly("e4", "e5");
        }
    }

    @Test
    void missingRowsReportedAfterRowsOfThisAttemptDropTheClaim() {
        script.add(body(E1 + E2 + PEER_DOWN + E3));
        try (ResumingEventStream s = stream(window(), 3)) {
            assertThat(s.next().cd()).isEqualTo("e1");
            assertThat(s.next().cd()).isEqualTo("e2");
            assertThatThrownBy(s::hasNext)
                    .isInstanceOf(SplunkIncompleteResultsException.class)
                    .hasMessageContaining("Unable to distribute to peer named idx-2");
            assertThat(s.position()).isEqualTo(ExportPosition.unordered(2));
            assertThat(s.hasNext()).isFalse();
        }
        assertThat(sleeps).isEmpty();
    }

    @Test
    void aSearchFinalizedEarlyKeepsItsPositionSoTheNextReadGoesOnFromIt() {
        script.add(body(E1 + E2 + E3
                + "{\"messages\":[{\"type\":\"WARN\",\"text\":\"Search auto-finalized after event limit (3)"
                + " reached.\"}]}\n"));
        try (ResumingEventStream s = stream(window(), 3)) {
            assertThat(s.next().cd()).isEqualTo("e1");
            assertThat(s.next().cd()).isEqualTo("e2");
            assertThat(s.next().cd()).isEqualTo("e3");
            assertThatThrownBy(s::hasNext)
                    .isInstanceOfSatisfying(
                            SplunkIncompleteResultsException.class,
                            e -> assertThat(e.stoppedEarly()).isTrue());
            // The newest part came complete: the position still claims it.
            assertThat(s.position()).isEqualTo(ExportPosition.of(T_SHARED, List.of("web:web~1~G:e3"), 3));
        }
    }

    @Test
    void missingRowsReportedBeforeAnyRowKeepTheStoredPosition() {
        ExportPosition stored = ExportPosition.of(T_SHARED, List.of("web:web~1~G:e3"), 3);
        script.add(body(PEER_DOWN + E3 + E4));
        ExportRequest request = ExportRequest.builder("search index=web")
                .earliest(EARLIEST)
                .latest(LATEST)
                .resumeFrom(stored)
                .build();
        try (ResumingEventStream s = stream(request, 3)) {
            assertThatThrownBy(s::hasNext).isInstanceOf(SplunkIncompleteResultsException.class);
            assertThat(s.position()).isEqualTo(stored);
        }
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
