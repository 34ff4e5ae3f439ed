package io.github.splunkdeltabridge.delta.sink;

import java.io.Serializable;
import java.util.concurrent.atomic.AtomicLong;

/**
 * What the sink did, counted on the driver: micro-batches with data, events read (duplicates included) and rows
 * inserted. Spark's own progress counts input rows once per action on the batch, so it over-counts here.
 */
public final class IngestCounts implements Serializable {

    private static final long serialVersionUID = 1L;

    private final AtomicLong batches = new AtomicLong();
    private final AtomicLong eventsRead = new AtomicLong();
    private final AtomicLong rowsInserted = new AtomicLong();

    void addBatch(long events) {
        batches.incrementAndGet();
        eventsRead.addAndGet(events);
    }

    void addInserted(long rows) {
        rowsInserted.addAndGet(rows);
    }

    public long batches() {
        return batches.get();
    }

    public long eventsRead() {
        return eventsRead.get();
    }

    public long rowsInserted() {
        return rowsInserted.get();
    }
}
