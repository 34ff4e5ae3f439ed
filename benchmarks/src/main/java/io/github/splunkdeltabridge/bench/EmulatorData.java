package io.github.splunkdeltabridge.bench;

import io.github.splunkdeltabridge.emulator.data.EmulatedEvent;
import io.github.splunkdeltabridge.emulator.data.EventQuery;
import io.github.splunkdeltabridge.emulator.data.GeneratedDataset;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Iterator;

/**
 * The benchmarks' data: the emulator's generated indexes {@code web} (access logs), {@code os} (syslog) and {@code app}
 * (JSON with unicode, multivalue fields and one line in 500 of 12-16 KB), all three mixed, in the past so that every
 * event is already indexed.
 */
final class EmulatorData {

    static final String TOKEN = "benchmark-token";
    static final String SEARCH = "search index=*";
    static final Instant START = Instant.parse("2024-03-01T00:00:00Z");
    /** What {@code SplunkClient} asks every export for: {@code _time} as epoch seconds with microseconds. */
    static final String OUTPUT_TIME_FORMAT = "%s.%6N";

    private static final int INDEXES = 3;
    /** The generator puts two events with the same time in about 5% of its slots. */
    private static final double EVENTS_PER_SLOT = 1.05;

    private final GeneratedDataset dataset;
    private final Instant end;

    /** About {@code events} events over the three indexes, {@code eventsPerMinute} per index and minute. */
    EmulatorData(long events, int eventsPerMinute) {
        long minutes = Math.max(1, Math.round(events / (INDEXES * eventsPerMinute * EVENTS_PER_SLOT)));
        this.end = START.plusSeconds(minutes * 60);
        this.dataset = GeneratedDataset.builder()
                .seed(7)
                .start(START)
                .end(end)
                .eventsPerMinute(eventsPerMinute)
                .build();
    }

    GeneratedDataset dataset() {
        return dataset;
    }

    Instant start() {
        return START;
    }

    Instant end() {
        return end;
    }

    /**
     * Every event of the range indexed before its end, newest first, as the emulator holds them (no HTTP): what a
     * connector backfill of the range delivers (a backfill leaves events indexed after its end to the tail).
     */
    Iterator<EmulatedEvent> events() {
        return dataset.newestFirst(
                EventQuery.builder()
                        .earliest(START)
                        .latest(end)
                        .indexLatest(end)
                        .build(),
                Instant.now());
    }

    /**
     * The raw body of {@code POST /services/search/v2/jobs/export} for the whole range, as Splunk sends it to the
     * client (which asks for {@link #OUTPUT_TIME_FORMAT}).
     */
    static byte[] exportBody(URI emulator, Instant earliest, Instant latest) throws IOException, InterruptedException {
        String form = "search=" + URLEncoder.encode(SEARCH, StandardCharsets.UTF_8) + "&output_mode=json"
                + "&output_time_format=" + URLEncoder.encode(OUTPUT_TIME_FORMAT, StandardCharsets.UTF_8)
                + "&earliest_time=" + earliest.getEpochSecond() + "&latest_time=" + latest.getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(emulator.resolve("/services/search/v2/jobs/export"))
                .header("Authorization", "Bearer " + TOKEN)
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        HttpClient http = HttpClient.newHttpClient();
        HttpResponse<InputStream> response = http.send(request, HttpResponse.BodyHandlers.ofInputStream());
        try (InputStream body = response.body()) {
            if (response.statusCode() != 200) {
                throw new IOException("Export from the emulator answered HTTP " + response.statusCode() + ": "
                        + new String(body.readAllBytes(), StandardCharsets.UTF_8));
            }
            return body.readAllBytes();
        }
    }
}
