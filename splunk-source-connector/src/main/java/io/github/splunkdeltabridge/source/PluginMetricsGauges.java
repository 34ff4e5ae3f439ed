package io.github.splunkdeltabridge.source;

import java.util.LinkedHashMap;
import java.util.function.Supplier;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.PluginMetrics;

/** Gauges in Connect's plugin metrics (Kafka 4.1 and later); Connect removes them when the task stops. */
final class PluginMetricsGauges implements TaskGauges {

    private final PluginMetrics metrics;

    PluginMetricsGauges(PluginMetrics metrics) {
        this.metrics = metrics;
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
