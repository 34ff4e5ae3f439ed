package io.github.splunkdeltabridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.apache.kafka.common.MetricName;
import org.apache.kafka.common.metrics.Metrics;
import org.apache.kafka.common.metrics.internals.PluginMetricsImpl;
import org.junit.jupiter.api.Test;

class PluginMetricsGaugesTest {

    private static final Map<String, String> TASK_TAGS = Map.of("connector", "splunk-source", "task", "1");

    @Test
    void aRestartedTaskStartsWhileItsPreviousInstanceStillHoldsTheGaugeNames() {
        try (Metrics metrics = new Metrics()) {
            // The previous instance, whose graceful stop timed out, has not closed its plugin metrics yet.
            PluginMetricsImpl previous = new PluginMetricsImpl(metrics, TASK_TAGS);
            PluginMetricsImpl current = new PluginMetricsImpl(metrics, TASK_TAGS);
            new PluginMetricsGauges(previous).gauge("events-total", "Events read from Splunk", () -> 1L);

            new PluginMetricsGauges(current).gauge("events-total", "Events read from Splunk", () -> 2L);

            MetricName name =
                    previous.metricName("events-total", "Events read from Splunk", new java.util.LinkedHashMap<>());
            assertThat(metrics.metric(name).metricValue()).isEqualTo(1L);
        }
    }
}
