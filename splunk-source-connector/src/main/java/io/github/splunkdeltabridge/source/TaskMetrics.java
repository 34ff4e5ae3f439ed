package io.github.splunkdeltabridge.source;

import io.github.splunkdeltabridge.client.SplunkClient;
import io.github.splunkdeltabridge.client.SplunkEvent;
import java.time.Clock;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;

/**
 * A task's metrics, registered as {@link TaskGauges} so they appear in the worker's JMX with the connector and task
 * as tags: events, bytes of {@code _raw}, searches, retries, reads with missing rows, how long Splunk has been
 * unavailable, backfill slices, tail lag.
 */
final class TaskMetrics {

    private final LongAdder events = new LongAdder();
    private final LongAdder rawBytes = new LongAdder();
    private final LongAdder searches = new LongAdder();
    private final LongAdder incompleteResults = new LongAdder();

    void event(SplunkEvent event) {
        events.increment();
        if (event.raw() != null) {
            // UTF-16 length: close enough to bytes for a rate, without encoding every event again.
            rawBytes.add(event.raw().length());
        }
    }

    void searchStarted() {
        searches.increment();
    }

    void incompleteResults() {
        incompleteResults.increment();
    }

    long events() {
        return events.sum();
    }

    /** Registers the gauges. */
    void register(
            TaskGauges gauges,
            SplunkClient client,
            BackfillProgress backfill,
            Supplier<TailWork> tail,
            SplunkOutage outage,
            Clock clock) {
        gauges.gauge("events-total", "Events read from Splunk", events::sum);
        gauges.gauge("raw-bytes-total", "Characters of _raw read from Splunk", rawBytes::sum);
        gauges.gauge("searches-total", "Export searches started", searches::sum);
        gauges.gauge(
                "retries-total",
                "Splunk requests retried (503, 429, 5xx, connection errors, cut streams)",
                client::retries);
        gauges.gauge(
                "partial-results-total",
                "Slice or tail window reads that Splunk said were missing rows (read again later)",
                incompleteResults::sum);
        gauges.gauge(
                "splunk-unavailable-seconds",
                "How long Splunk has been unavailable beyond the retries of a request; 0 when available",
                outage::unavailableSeconds);
        gauges.gauge(
                "backfill-slices-done", "Backfill slices finished, including those finished before a restart", () ->
                        (long) backfill.slicesDone());
        gauges.gauge("backfill-slices-total", "Backfill slices of this task", () -> (long) backfill.slicesTotal());
        gauges.gauge(
                "tail-lag-seconds",
                "How far the oldest tail window start is behind now",
                () -> tail.get() == null
                        ? 0L
                        : tail.get().behind(clock.instant()).toSeconds());
    }
}
