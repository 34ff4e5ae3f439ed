package io.github.splunkdeltabridge.source;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.kafka.common.metrics.PluginMetrics;
import org.apache.kafka.connect.source.SourceRecord;
import org.apache.kafka.connect.source.SourceTaskContext;
import org.apache.kafka.connect.storage.OffsetStorageReader;

/**
 * Drives {@link SplunkSourceTask} without a Connect worker, as Kafka's {@code FileStreamSourceTaskTest} does: a stubbed
 * {@link OffsetStorageReader} over the offsets "committed" so far, polls called by the test. Records a poll returns
 * count as delivered and their offsets as committed, unless the test says otherwise (a worker that crashes before
 * committing).
 */
final class TaskRunner implements AutoCloseable {

    /** Offsets by partition, as Connect would have stored them. */
    final Map<Map<String, Object>, Map<String, Object>> committed = new HashMap<>();
    /** Every record the tasks handed over, in order, including those never committed. */
    final List<SourceRecord> delivered = new ArrayList<>();

    private final Map<String, String> props;
    private SplunkSourceTask task;

    TaskRunner(Map<String, String> connectorProps, java.time.Instant backfillEnd) {
        this.props = new TaskAssignment(0, 1, backfillEnd).addTo(connectorProps);
    }

    TaskRunner start() {
        task = new SplunkSourceTask();
        task.initialize(new SourceTaskContext() {
            @Override
            public Map<String, String> configs() {
                return props;
            }

            @Override
            public OffsetStorageReader offsetStorageReader() {
                return new OffsetStorageReader() {
                    @Override
                    public <T> Map<String, Object> offset(Map<String, T> partition) {
                        return committed.get(partition);
                    }

                    @Override
                    public <T> Map<Map<String, T>, Map<String, Object>> offsets(Collection<Map<String, T>> partitions) {
                        Map<Map<String, T>, Map<String, Object>> found = new HashMap<>();
                        for (Map<String, T> p : partitions) {
                            if (committed.containsKey(p)) {
                                found.put(p, committed.get(p));
                            }
                        }
                        return found;
                    }
                };
            }

            @Override
            public PluginMetrics pluginMetrics() {
                return null;
            }
        });
        task.start(props);
        return this;
    }

    /** One poll; what it returns is delivered and committed. */
    List<SourceRecord> poll() throws InterruptedException {
        List<SourceRecord> records = task.poll();
        if (records != null) {
            delivered.addAll(records);
            for (SourceRecord r : records) {
                @SuppressWarnings("unchecked")
                Map<String, Object> partition = (Map<String, Object>) r.sourcePartition();
                @SuppressWarnings("unchecked")
                Map<String, Object> offset = (Map<String, Object>) r.sourceOffset();
                committed.put(partition, offset);
            }
        }
        return records;
    }

    /** One poll whose records are delivered but whose offsets the worker never commits (it crashes). */
    List<SourceRecord> pollWithoutCommit() throws InterruptedException {
        List<SourceRecord> records = task.poll();
        if (records != null) {
            delivered.addAll(records);
        }
        return records;
    }

    /** Polls until the delivered records satisfy {@code done}. */
    void pollUntil(Predicate<List<SourceRecord>> done, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!done.test(delivered)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not done within " + timeout + "; delivered " + delivered.size());
            }
            poll();
        }
    }

    /** Keys (event ids) of every delivered record, in order. */
    List<String> keys() {
        List<String> keys = new ArrayList<>();
        delivered.forEach(r -> keys.add((String) r.key()));
        return keys;
    }

    /** A restart: the task stops and a new one starts from the committed offsets. */
    TaskRunner restart() {
        task.stop();
        return start();
    }

    @Override
    public void close() {
        if (task != null) {
            task.stop();
        }
    }
}
