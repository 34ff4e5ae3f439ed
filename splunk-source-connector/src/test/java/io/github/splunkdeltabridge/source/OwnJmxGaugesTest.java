package io.github.splunkdeltabridge.source;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import java.util.concurrent.atomic.AtomicLong;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.junit.jupiter.api.Test;

/** On workers without plugin metrics (before Kafka 4.1) the task's gauges still reach JMX under the same names. */
class OwnJmxGaugesTest {

    @Test
    void gaugesAppearUnderThePluginMetricsNameAndLeaveWithTheTask() throws Exception {
        MBeanServer jmx = ManagementFactory.getPlatformMBeanServer();
        ObjectName bean = new ObjectName("kafka.connect:type=plugins,connector=old-worker-source,task=3");
        AtomicLong events = new AtomicLong(41);
        try (OwnJmxGauges gauges = new OwnJmxGauges("old-worker-source", 3)) {
            gauges.gauge("events-total", "Events read from Splunk", events::get);
            events.incrementAndGet();
            assertThat(jmx.getAttribute(bean, "events-total")).isEqualTo(42L);
        }
        assertThat(jmx.isRegistered(bean)).isFalse();
    }
}
