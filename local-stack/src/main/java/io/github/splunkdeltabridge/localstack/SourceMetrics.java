package io.github.splunkdeltabridge.localstack;

import java.lang.management.ManagementFactory;
import java.util.Set;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;

/**
 * Reads the source connector's task metrics ({@code backfill-slices-done}, {@code backfill-slices-total},
 * {@code events-total}) from JMX, where the in-process worker publishes them as it would on any worker.
 */
final class SourceMetrics {

    private final MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    private final String connector;

    SourceMetrics(String connector) {
        this.connector = connector;
    }

    /** Sums over the connector's tasks; {@code tasks} is how many reported backfill metrics. */
    record Snapshot(int tasks, long slicesDone, long slicesTotal, long events) {

        boolean backfillDone(int expectedTasks) {
            return tasks >= expectedTasks && slicesDone >= slicesTotal;
        }
    }

    Snapshot read() {
        int tasks = 0;
        long done = 0;
        long total = 0;
        long events = 0;
        try {
            Set<ObjectName> names =
                    server.queryNames(new ObjectName("kafka.connect:connector=" + connector + ",*"), null);
            for (ObjectName name : names) {
                Long slicesTotal = attribute(name, "backfill-slices-total");
                if (slicesTotal == null) {
                    continue;
                }
                tasks++;
                total += slicesTotal;
                done += orZero(attribute(name, "backfill-slices-done"));
                events += orZero(attribute(name, "events-total"));
            }
        } catch (JMException e) {
            throw new StackException("Cannot read the source connector's metrics: " + e.getMessage(), e);
        }
        return new Snapshot(tasks, done, total, events);
    }

    private Long attribute(ObjectName name, String attribute) {
        try {
            Object value = server.getAttribute(name, attribute);
            return value instanceof Number number ? number.longValue() : null;
        } catch (JMException e) {
            return null;
        }
    }

    private static long orZero(Long value) {
        return value == null ? 0 : value;
    }
}
