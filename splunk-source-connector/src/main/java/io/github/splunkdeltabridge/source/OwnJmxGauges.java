package io.github.splunkdeltabridge.source;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.common.metrics.Gauge;
import org.apache.kafka.common.metrics.JmxReporter;
import org.apache.kafka.common.metrics.KafkaMetricsContext;
import org.apache.kafka.common.metrics.MetricConfig;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.utils.Time;

/**
 * Gauges the task registers in JMX itself, for workers older than Kafka 4.1: the same MBean names plugin metrics
 * get there ({@code kafka.connect:type=plugins,connector=<name>,task=<n>}), through kafka-clients' own
 * {@link Metrics} and {@link JmxReporter}, which every worker provides. Closing unregisters them.
 */
final class OwnJmxGauges implements TaskGauges {

    private static final String GROUP = "plugins";

    private final Metrics metrics;
    private final Map<String, String> tags = new LinkedHashMap<>();

    OwnJmxGauges(String connector, int task) {
        tags.put("connector", connector);
        tags.put("task", Integer.toString(task));
        // Tags on the config: they name every metric, the "count" one Metrics registers itself included, so that
        // one does not take over the worker's own kafka.connect:type=kafka-metrics-count bean.
        this.metrics = new Metrics(
                new MetricConfig().tags(tags),
                List.of(new JmxReporter()),
                Time.SYSTEM,
                new KafkaMetricsContext("kafka.connect"));
    }

    @Override
    public void gauge(String name, String description, Supplier<Long> value) {
        metrics.addMetric(metrics.metricName(name, GROUP, description), (Gauge<Long>) (config, now) -> value.get());
    }

    @Override
    public void close() {
        metrics.close();
    }
}
