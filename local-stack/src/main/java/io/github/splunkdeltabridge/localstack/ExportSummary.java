package io.github.splunkdeltabridge.localstack;

import io.github.splunkdeltabridge.client.SplunkEvent;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/** Tallies what an export delivered, so the run can end with a summary a person can check. */
final class ExportSummary {

    private final Map<String, Long> eventsByIndexAndSourcetype = new TreeMap<>();
    private final Set<String> eventIds = new HashSet<>();
    private long events;
    private long rawBytes;
    private long duplicates;
    private Instant newest;
    private Instant oldest;

    void add(SplunkEvent event) {
        events++;
        if (!eventIds.add(event.eventId())) {
            duplicates++;
        }
        if (event.raw() != null) {
            rawBytes += event.raw().length();
        }
        eventsByIndexAndSourcetype.merge(event.index() + " / " + event.sourcetype(), 1L, Long::sum);
        Instant time = event.time();
        if (time != null) {
            newest = newest == null || time.isAfter(newest) ? time : newest;
            oldest = oldest == null || time.isBefore(oldest) ? time : oldest;
        }
    }

    long events() {
        return events;
    }

    /**
     * SHA-256 of the distinct event ids, sorted, one per line: the digest delta-ingest-job's TableReport prints for
     * a table, so "the table holds exactly these events" is one comparison.
     */
    String eventIdsDigest() {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            eventIds.stream().sorted().forEach(id -> digest.update((id + "\n").getBytes(StandardCharsets.UTF_8)));
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    long distinctEvents() {
        return eventIds.size();
    }

    long duplicates() {
        return duplicates;
    }

    void print(PrintStream out, Duration elapsed) {
        out.println("  Events by index / sourcetype:");
        eventsByIndexAndSourcetype.forEach((key, count) -> out.printf("    %-40s %,10d%n", key, count));
        out.printf(
                "  Total: %,d events (%,d distinct event ids), event time %s .. %s%n",
                events, eventIds.size(), oldest, newest);
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        out.printf(
                "  Read straight from Splunk's export API in %.1f s: %,.0f events/s, %.1f MB/s of _raw%n",
                seconds, events / seconds, rawBytes / seconds / 1e6);
    }
}
