package io.github.splunkdeltabridge.source;

import java.util.function.Supplier;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a task's gauges are registered. Kafka 4.1 added {@code SourceTaskContext.pluginMetrics()} (KIP-877); the
 * connector also runs on older workers (3.7 and later), which lack it: there the task registers the same gauges in
 * the worker's JMX itself. Either way they appear as {@code kafka.connect:type=plugins,connector=<name>,task=<n>}.
 */
interface TaskGauges extends AutoCloseable {

    Logger LOG = LoggerFactory.getLogger(TaskGauges.class);

    void gauge(String name, String description, Supplier<Long> value);

    @Override
    void close();

    /** Connect's plugin metrics where the worker has them, otherwise the task's own. */
    static TaskGauges forTask(SourceTaskContext context, String connector, int task) {
        if (workerHasPluginMetrics()) {
            // Only touched here: PluginMetricsGauges names classes that older workers do not have.
            TaskGauges pluginMetrics = PluginMetricsGauges.of(context);
            if (pluginMetrics != null) {
                return pluginMetrics;
            }
            LOG.info("This task context offers no plugin metrics; registering the task's metrics in JMX");
        } else {
            LOG.info("This Connect worker predates plugin metrics (Kafka 4.1); registering the task's metrics in JMX");
        }
        return new OwnJmxGauges(connector, task);
    }

    private static boolean workerHasPluginMetrics() {
        try {
            SourceTaskContext.class.getMethod("pluginMetrics");
            return true;
        } catch (NoSuchMethodException olderWorker) {
            return false;
        }
    }
}
