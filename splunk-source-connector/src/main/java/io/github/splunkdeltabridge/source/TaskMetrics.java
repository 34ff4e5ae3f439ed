package io.github.splunkdeltabridge.source;

import io.github.splunkdeltabridge.client.SplunkClient;
import io.github.splunkdeltabridge.client.SplunkEvent;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Supplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;

/**
 * A task's metrics, registered through Connect's plugin metrics so they appear in the worker's JMX with the
 * connector and task as tags: events, bytes of {@code _raw}, searches, retries, reads with missing rows, how long
 * Splunk has been unavailable, backfill slices, tail lag.
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

    /** Registers the gauges; {@code metrics} may be null where the runtime offers none (older workers). */
    void register(
            PluginMetrics metrics,
            SplunkClient client,
            BackfillProgress backfill,
            Supplier<TailWork> tail,
            SplunkOutage outage,
            Clock clock) {
        if (metrics == null) {
            return;
        }
        gauge(metrics, "events-total", "Events read from Splunk", events::sum);
        gauge(metrics, "raw-bytes-total", "Characters of _raw read from Splunk", rawBytes::sum);
        gauge(metrics, "searches-total", "Export searches started", searches::sum);
        gauge(
                metrics,
                "retries-total",
                "Splunk requests retried (503, 429, 5xx, connection errors, cut streams)",
                client::retries);
        gauge(
                metrics,
                "partial-results-total",
                "Slice or tail window reads that Splunk said were missing rows (read again later)",
                incompleteResults::sum);
        gauge(
                metrics,
                "splunk-unavailable-seconds",
                "How long Splunk has been unavailable beyond the retries of a request; 0 when available",
                outage::unavailableSeconds);
        gauge(
                metrics,
                "backfill-slices-done",
                "Backfill slices finished, including those finished before a restart",
                () -> (long) backfill.slicesDone());
        gauge(metrics, "backfill-slices-total", "Backfill slices of this task", () -> (long) backfill.slicesTotal());
        gauge(
                metrics,
                "tail-lag-seconds",
                "How far the oldest tail window start is behind now",
                () -> tail.get() == null
                        ? 0L
                        : tail.get().behind(clock.instant()).toSeconds());
    }

    private static void gauge(PluginMetrics metrics, String name, String description, Supplier<Long> value) {
        MetricName metricName = metrics.metricName(name, description, new LinkedHashMap<>());
        metrics.addMetric(metricName, (Gauge<Long>) (config, now) -> value.get());
    }
}
