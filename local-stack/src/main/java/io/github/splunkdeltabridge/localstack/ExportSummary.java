package io.github.splunkdeltabridge.localstack;

import io.github.splunkdeltabridge.client.SplunkEvent;

import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.HashSet;
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

    long duplicates() {
        return duplicates;
    }

    void print(PrintStream out, Duration elapsed) {
        out.println();
        out.println("Events read by index / sourcetype:");
        eventsByIndexAndSourcetype.forEach((key, count) -> out.printf("  %-40s %,10d%n", key, count));
        out.printf("Total events: %,d (%,d distinct event ids, %,d duplicates)%n", events, eventIds.size(), duplicates);
        out.printf("Event time range: %s .. %s%n", oldest, newest);
        double seconds = Math.max(elapsed.toMillis(), 1) / 1000.0;
        out.printf("Read in %.1f s: %,.0f events/s, %.1f MB/s of _raw%n", seconds, events / seconds, rawBytes / seconds / 1e6);
    }
}
