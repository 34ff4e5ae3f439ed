package io.github.splunkdeltabridge.sink;

import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.connect.errors.RetriableException;
import org.apache.kafka.connect.sink.SinkRecord;

/**
 * Connect's side of a sink task for one partition, as WorkerSinkTask runs it: it delivers the partition's records in
 * batches from the consumer's position; after a RetriableException it delivers the same batch again; a rewind the
 * task asked for (SinkTaskContext#offset) moves the position before the next poll, and a batch being delivered again
 * still comes first.
 */
final class ConnectLoop {

    private final S3SinkTask task;
    private final RecordingContext context;
    private final TopicPartition partition;
    private final List<SinkRecord> log;
    private int position;
    private List<SinkRecord> redeliver;
    final List<RetriableException> failures = new ArrayList<>();

    ConnectLoop(S3SinkTask task, RecordingContext context, TopicPartition partition, List<SinkRecord> log) {
        this.task = task;
        this.context = context;
        this.partition = partition;
        this.log = log;
    }

    /** One poll and put of up to {@code max} records; answers the RetriableException of the put, or null. */
    RetriableException deliver(int max) {
        Long rewind = context.rewinds.remove(partition);
        if (rewind != null) {
            position = Math.toIntExact(rewind);
        }
        List<SinkRecord> batch = redeliver;
        if (batch == null) {
            batch = log.subList(position, Math.min(log.size(), position + max));
            position += batch.size();
        }
        try {
            task.put(new ArrayList<>(batch));
            redeliver = null;
            return null;
        } catch (RetriableException e) {
            failures.add(e);
            redeliver = batch;
            return e;
        }
    }

    /** Delivers until every record was put and no rewind is pending; fails on a RetriableException or after 100 polls. */
    void deliverAll(int max) {
        for (int polls = 0; polls < 100; polls++) {
            if (position >= log.size() && redeliver == null && !context.rewinds.containsKey(partition)) {
                return;
            }
            RetriableException failure = deliver(max);
            if (failure != null) {
                throw new AssertionError("The task still fails", failure);
            }
        }
        throw new AssertionError("Not all records were delivered within 100 polls");
    }
}
