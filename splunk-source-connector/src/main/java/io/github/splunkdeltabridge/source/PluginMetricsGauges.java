package io.github.splunkdeltabridge.source;

import java.util.LinkedHashMap;
import java.util.function.Supplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceTaskContext;

/** Gauges in Connect's plugin metrics (Kafka 4.1 and later); Connect removes them when the task stops. */
final class PluginMetricsGauges implements TaskGauges {

    private final PluginMetrics metrics;

    private PluginMetricsGauges(PluginMetrics metrics) {
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
        metrics.addMetric(metricName, (Gauge<Long>) (config, now) -> value.get());
    }

    @Override
    public void close() {
        // Connect closes the task's plugin metrics itself.
    }
}
