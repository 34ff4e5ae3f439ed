package io.github.splunkdeltabridge.source;

import java.util.LinkedHashMap;
import java.util.function.Supplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Gauges in Connect's plugin metrics (Kafka 4.1 and later); Connect removes them when the task stops. */
final class PluginMetricsGauges implements TaskGauges {

    private static final Logger LOG = LoggerFactory.getLogger(PluginMetricsGauges.class);

    private final PluginMetrics metrics;

    PluginMetricsGauges(PluginMetrics metrics) {
        this.metrics = metrics;
    }

    /** The context's plugin metrics; null when it has none (a context that does not implement them). */
    static TaskGauges of(SourceTaskContext context) {
        PluginMetrics metrics = context.pluginMetrics();
        return metrics == null ? null : new PluginMetricsGauges(metrics);
    }

    @Override
    public void gauge(String name, String description, Supplier<Long> value) {
        MetricName metricName = metrics.metricName(name, description, new LinkedHashMap<>());
        try {
            metrics.addMetric(metricName, (Gauge<Long>) (config, now) -> value.get());
        } catch (IllegalArgumentException alreadyRegistered) {
            // The worker restarts a task (after a rebalance) while its previous instance, whose graceful stop timed
            // out, still holds the name: a missing gauge must not fail the task. Seen in the fault suite after a
            // broker restart.
            LOG.warn(
                    "Metric {} of this task is still registered by its previous instance, which has not stopped yet;"
                            + " this instance runs without it: {}",
                    name,
                    alreadyRegistered.getMessage());
        }
    }

    @Override
    public void close() {
        // Connect closes the task's plugin metrics itself.
    }
}
