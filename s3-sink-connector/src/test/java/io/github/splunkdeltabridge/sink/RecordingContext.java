package io.github.splunkdeltabridge.sink;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.sink.ErrantRecordReporter;
import org.apache.kafka.connect.sink.SinkRecord;
import org.apache.kafka.connect.sink.SinkTaskContext;

/** The part of Connect's task context the sink uses, recording what the task reports as errant. */
final class RecordingContext implements SinkTaskContext {

    final List<SinkRecord> errantRecords = new ArrayList<>();
    final List<Throwable> errantErrors = new ArrayList<>();
    /** Offsets the task asked Connect to deliver again from (SinkTaskContext#offset), as Connect would seek. */
    final Map<TopicPartition, Long> rewinds = new java.util.HashMap<>();

    private final Set<TopicPartition> assignment;

    RecordingContext(Set<TopicPartition> assignment) {
        this.assignment = assignment;
    }

    @Override
    public ErrantRecordReporter errantRecordReporter() {
        return (record, error) -> {
            errantRecords.add(record);
            errantErrors.add(error);
            return CompletableFuture.completedFuture(null);
        };
    }

    @Override
    public Map<String, String> configs() {
        return Map.of();
    }

    @Override
    public void offset(Map<TopicPartition, Long> offsets) {
        rewinds.putAll(offsets);
    }

    @Override
    public void offset(TopicPartition tp, long offset) {
        rewinds.put(tp, offset);
    }

    /** The last pause the task asked for before a retry (SinkTaskContext#timeout), -1 when none. */
    long timeoutMs = -1;

    @Override
    public void timeout(long timeoutMs) {
        this.timeoutMs = timeoutMs;
    }

    @Override
    public Set<TopicPartition> assignment() {
        return assignment;
    }

    @Override
    public void pause(TopicPartition... partitions) {}

    @Override
    public void resume(TopicPartition... partitions) {}

    @Override
    public void requestCommit() {}

    @Override
    public org.apache.kafka.common.metrics.PluginMetrics pluginMetrics() {
        throw new UnsupportedOperationException("the sink registers no metrics");
    }
}
