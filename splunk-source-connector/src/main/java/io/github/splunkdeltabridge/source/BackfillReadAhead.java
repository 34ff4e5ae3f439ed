package io.github.splunkdeltabridge.source;

import org.apache.kafka.connect.source.SourceRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * Reads a task's backfill on a thread of its own, up to {@link #BATCHES_AHEAD} batches ahead of Connect, so that
 * Splunk's stream is read and parsed while the task's thread converts, sends and commits the batch before. Connect's
 * source loop is sequential (poll, then convert and send, then commit), so without this the export stream idles
 * while Kafka works and Kafka idles while Splunk streams.
 *
 * <p>The batches come out in the order {@link SliceWork} made them, each record with its own offset, so what
 * Connect commits is unchanged. Records read ahead but not yet handed over are simply read again after a crash.
 * A failure of the reading thread is rethrown, as it was thrown, by the next {@link #next}; only that thread
 * touches the {@link SliceWork}.
 */
final class BackfillReadAhead implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(BackfillReadAhead.class);
    static final int BATCHES_AHEAD = 2;

    /** What the reading thread hands over: a batch, the end of the backfill, or the failure that ended it. */
    private sealed interface Handover permits Batch, End, Failure {
    }

    private record Batch(List<SourceRecord> records) implements Handover {
    }

    private record End() implements Handover {
    }

    private record Failure(RuntimeException error) implements Handover {
    }

    private final BlockingQueue<Handover> handovers = new ArrayBlockingQueue<>(BATCHES_AHEAD);
    private final Thread reader;
    private volatile boolean closed;
    private boolean ended;
    private RuntimeException failure;

    BackfillReadAhead(SliceWork backfill, int batchSize, String taskName) {
        reader = new Thread(() -> read(backfill, batchSize), "splunk-backfill-" + taskName.replace(' ', '-'));
        reader.setDaemon(true);
        reader.start();
    }

    private void read(SliceWork backfill, int batchSize) {
        try (backfill) {
            while (!closed && backfill.hasWork()) {
                List<SourceRecord> records = backfill.poll(batchSize);
                if (!records.isEmpty()) {
                    handovers.put(new Batch(records));
                }
            }
            handovers.put(new End());
        } catch (InterruptedException e) {
            // close(): the task is stopping.
        } catch (RuntimeException e) {
            if (closed) {
                LOG.debug("Backfill read ended by the task stopping: {}", e.toString());
                return;
            }
            try {
                handovers.put(new Failure(e));
            } catch (InterruptedException stopping) {
                // close() came first.
            }
        }
    }

    /** False once the backfill has been handed over to the end. */
    boolean hasWork() {
        return !ended;
    }

    /**
     * The next batch, waiting at most {@code maxWait} for it; null when none is ready in that time or the
     * backfill just ended. Throws what stopped the reading thread, on this call and every later one: the rest of
     * the backfill is never skipped silently.
     */
    List<SourceRecord> next(Duration maxWait) throws InterruptedException {
        if (failure != null) {
            throw failure;
        }
        if (ended) {
            return null;
        }
        Handover handover = handovers.poll(Math.max(1, maxWait.toMillis()), TimeUnit.MILLISECONDS);
        if (handover instanceof Batch batch) {
            return batch.records();
        }
        if (handover instanceof Failure failed) {
            failure = failed.error();
            throw failure;
        }
        if (handover instanceof End) {
            ended = true;
        }
        return null;
    }

    /** Stops the reading thread (the caller closes the Splunk client first, which ends a blocked read). */
    @Override
    public void close() {
        closed = true;
        reader.interrupt();
    }
}
